// The two ends of a connector: a resource of the template named by `Id` (its type, ARN, role, name... read from
// the transformed resource as the translator's connector.py does), or one described by `Type` and explicit
// values (`Arn`, `RoleName`, `QueueUrl`, `ResourceId`, `Name`, `Qualifier`).
import { getAttName, isObject, ref, refName, type JsonObject, type JsonValue } from '../intrinsics';
import { CONNECTED_TYPES } from './connectorProfiles';

/** A problem with one end of a connector, reported as the connector's. */
export class ConnectorReferenceError extends Error {}

export interface ConnectedResource {
  logicalId?: string;
  /** The CloudFormation type the profiles are keyed by. */
  type: string;
  /** The type as the template wrote it (the connector's metadata names it). */
  declaredType: string;
  arn?: JsonValue;
  roleName?: JsonValue;
  queueUrl?: JsonValue;
  resourceId?: JsonValue;
  name?: JsonValue;
  qualifier?: JsonValue;
}

/** SAM types a connector may name by `Type`, as the CloudFormation type the profiles know. */
const SAM_TO_CFN: Readonly<Record<string, string>> = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
};

/** The logical ID a `Ref` or `Fn::GetAtt` points at. */
export function logicalIdOf(value: JsonValue | undefined): string | undefined {
  return refName(value) ?? getAttName(value)?.[0];
}

export interface ConnectorResolver {
  /** The resource as transformed (SAM resources already turned into CloudFormation). */
  transformed(logicalId: string): JsonObject | undefined;
  /** The type the template declares for a logical ID (SAM types stay SAM). */
  declaredType(logicalId: string): string | undefined;
  /** Every resource transformed so far, by logical ID. */
  all(): Record<string, JsonValue>;
}

/**
 * Reads one end of a connector. `connecting` is the other end (an events rule's role is the one of the target that
 * points at it).
 */
export function connectedResource(
  reference: JsonObject,
  resolver: ConnectorResolver,
  connecting: JsonObject,
): ConnectedResource {
  const hasId = 'Id' in reference;
  const hasOthers = Object.keys(reference).some((key) => key !== 'Id' && key !== 'Qualifier');
  if (hasId === hasOthers) {
    throw new ConnectorReferenceError(
      "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties.",
    );
  }
  const logicalId = reference.Id;
  if (!logicalId) {
    const type = reference.Type;
    if (!nonBlank(type)) throw new ConnectorReferenceError("'Type' is missing or not a string.");
    const cfnType = SAM_TO_CFN[type] ?? type;
    return {
      type: cfnType,
      declaredType: cfnType,
      arn: reference.Arn ?? undefined,
      roleName: reference.RoleName ?? undefined,
      queueUrl: reference.QueueUrl ?? undefined,
      resourceId: reference.ResourceId ?? undefined,
      name: reference.Name ?? undefined,
      qualifier: reference.Qualifier ?? undefined,
    };
  }
  if (!nonBlank(logicalId)) throw new ConnectorReferenceError("'Id' is missing or not a string.");
  const resource = resolver.transformed(logicalId);
  if (!resource) throw new ConnectorReferenceError(`Unable to find resource with logical ID '${logicalId}'.`);
  const type = resource.Type;
  if (!nonBlank(type)) throw new ConnectorReferenceError("'Type' is missing or not a string.");
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  const known = CONNECTED_TYPES[type];
  const output = (name: string): JsonValue | undefined => {
    const how = known?.outputs[name];
    if (how === undefined) return undefined;
    if (how.startsWith('=')) return how.slice(1);
    return how === 'Ref' ? ref(logicalId) : { 'Fn::GetAtt': [logicalId, how] };
  };
  const role = roleOf(known?.role, properties, connecting);
  const roleId = logicalIdOf(role);
  return {
    logicalId,
    type,
    declaredType: resolver.declaredType(logicalId) ?? type,
    arn: output('Arn'),
    roleName: roleId === undefined ? undefined : ref(roleId),
    queueUrl: output('Url'),
    resourceId: output('Id'),
    name: output('Name'),
    qualifier: 'Qualifier' in reference ? reference.Qualifier! : output('Qualifier'),
  };
}

/** The role property's value; for an events rule, the role of its target that is the other end. */
function roleOf(property: string | undefined, properties: JsonObject, connecting: JsonObject): JsonValue | undefined {
  if (property === undefined) return undefined;
  if (property !== 'EventsRuleTarget') return properties[property] ?? undefined;
  const targets = Array.isArray(properties.Targets) ? properties.Targets : [];
  for (const target of targets) {
    if (!isObject(target)) continue;
    const arn = target.Arn;
    const targetId = logicalIdOf(arn);
    const matches =
      (targetId !== undefined && targetId === connecting.Id) ||
      (connecting.Arn !== undefined && JSON.stringify(arn) === JSON.stringify(connecting.Arn));
    if (matches) return target.RoleArn ?? undefined;
  }
  return undefined;
}

function nonBlank(value: JsonValue | undefined): value is string {
  return typeof value === 'string' && value !== '';
}
