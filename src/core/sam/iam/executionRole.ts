// The execution role SAM creates for a function or state machine (samtranslator/model/role_utils.py
// construct_role_for_resource, samtranslator/model/resource_policies.py): `Policies` entries are managed policy
// names or ARNs, inline statements, SAM policy templates, or `Fn::If` of those.
import { InvalidResourceError } from '../samTransformError';
import { isIntrinsic, isObject, type JsonObject, type JsonValue } from '../intrinsics';
import type { CfnResource, TransformContext } from '../transformContext';
import { expandPolicyTemplate, isPolicyTemplate, PolicyTemplateError } from './policyTemplates';

/** AWS managed policies that live under `service-role/` (all others sit at the root). */
const SERVICE_ROLE_POLICIES = new Set([
  'AWSLambdaRole',
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaMSKExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaENIManagementAccess',
  'AWSCodeDeployRoleForLambda',
  'AWSCodeDeployRole',
  'AmazonAPIGatewayPushToCloudWatchLogs',
  'AWSLambdaBasicDurableExecutionRolePolicy',
  'AWSLambdaReplicator',
  'AWSLambdaDynamoDBExecutionRole',
]);

export interface RoleRequest {
  /** The SAM resource the role is for; the role is `<id>Role`. */
  logicalId: string;
  attributes: JsonObject;
  assumeRolePolicyDocument: JsonValue;
  /** The resource's `Policies` property as written. */
  policies: JsonValue | undefined;
  managedPolicyArns: JsonValue[];
  policyDocuments: JsonValue[];
  rolePath?: JsonValue | undefined;
  permissionsBoundary?: JsonValue | undefined;
  tags?: JsonValue[] | undefined;
}

/** An AWS managed policy's ARN from its name, as the translator's managed policy map gives it. */
export function managedPolicyArnOf(name: string, context: TransformContext): string {
  if (name.startsWith('arn:')) return name;
  return context.managedPolicyArn(SERVICE_ROLE_POLICIES.has(name) ? `service-role/${name}` : name);
}

type PolicyKind = 'managed' | 'statement' | 'template';

/** The `Policies` property as a list of entries (a single string or map counts as one entry). */
export function policyEntries(policies: JsonValue | undefined): JsonValue[] {
  if (policies === undefined || policies === null) return [];
  return Array.isArray(policies) ? policies : [policies];
}

function kindOf(entry: JsonValue): PolicyKind | undefined {
  if (typeof entry === 'string') return 'managed';
  if (!isObject(entry)) return undefined;
  if (isIntrinsic(entry)) {
    const branches = entry['Fn::If'];
    if (!Array.isArray(branches)) return 'managed';
    const kinds = branches
      .slice(1)
      .filter((branch) => !isNoValue(branch))
      .map((branch) => kindOf(branch));
    return kinds.every((kind) => kind === kinds[0]) ? kinds[0] : undefined;
  }
  if ('Statement' in entry) return 'statement';
  const keys = Object.keys(entry);
  if (keys.length === 1 && isPolicyTemplate(keys[0]!)) return 'template';
  return undefined;
}

function isNoValue(value: JsonValue | undefined): boolean {
  return isObject(value) && value.Ref === 'AWS::NoValue';
}

/** Expands policy templates in place of their entries (also inside `Fn::If`). */
function expandTemplates(entry: JsonValue): JsonValue {
  if (!isObject(entry)) return entry;
  if (Array.isArray(entry['Fn::If'])) {
    const [condition, ...branches] = entry['Fn::If'];
    return {
      'Fn::If': [
        condition ?? null,
        ...branches.map((branch) => (isNoValue(branch) ? branch : expandTemplates(branch))),
      ],
    };
  }
  const [name] = Object.keys(entry);
  return expandPolicyTemplate(name!, entry[name!]);
}

/** Builds `<id>Role`; throws InvalidResourceError for entries the translator refuses. */
export function constructRole(request: RoleRequest, context: TransformContext): CfnResource {
  const roleId = `${request.logicalId}Role`;
  const managed: JsonValue[] = [...request.managedPolicyArns];
  const documents: JsonValue[] = [];
  policyEntries(request.policies).forEach((entry, index) => {
    const kind = kindOf(entry);
    if (kind === undefined) {
      throw new InvalidResourceError(
        request.logicalId,
        `Policy at index ${index} in the 'Policies' property is not valid`,
        ['Properties', 'Policies', index],
      );
    }
    if (kind === 'managed') {
      const arn = typeof entry === 'string' ? managedPolicyArnOf(entry, context) : entry;
      if (!managed.some((existing) => JSON.stringify(existing) === JSON.stringify(arn))) managed.push(arn);
      return;
    }
    let statement = entry;
    if (kind === 'template') {
      try {
        statement = expandTemplates(entry);
      } catch (error) {
        if (error instanceof PolicyTemplateError) {
          throw new InvalidResourceError(request.logicalId, error.message, ['Properties', 'Policies', index]);
        }
        throw error;
      }
    }
    const policyName = `${roleId}Policy${index}`;
    if (isObject(statement) && Array.isArray(statement['Fn::If'])) {
      const [condition, whenTrue, whenFalse] = statement['Fn::If'];
      const wrap = (branch: JsonValue | undefined) =>
        isNoValue(branch) ? branch! : { PolicyName: policyName, PolicyDocument: branch ?? null };
      documents.push({ 'Fn::If': [condition ?? null, wrap(whenTrue), wrap(whenFalse)] });
    } else documents.push({ PolicyName: policyName, PolicyDocument: statement });
  });
  const properties: JsonObject = {
    AssumeRolePolicyDocument: request.assumeRolePolicyDocument,
    ManagedPolicyArns: managed,
  };
  const allDocuments = [...documents, ...request.policyDocuments];
  if (allDocuments.length > 0) properties.Policies = allDocuments;
  if (request.rolePath !== undefined) properties.Path = request.rolePath;
  if (request.permissionsBoundary !== undefined) properties.PermissionsBoundary = request.permissionsBoundary;
  if (request.tags && request.tags.length > 0) properties.Tags = request.tags;
  return { Type: 'AWS::IAM::Role', ...request.attributes, Properties: properties };
}

/** A trust policy letting one service assume the role. */
export function assumeRolePolicyFor(service: string): JsonObject {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: [service] } }],
  };
}
