// AWS::Serverless::Function (samtranslator/model/sam_resources.py SamFunction.to_cloudformation): the
// Lambda::Function, its execution role, AutoPublishAlias's version and alias, CodeDeploy, the function URL,
// EventInvokeConfig, and the resources of each event source (src/core/sam/events).
import { InvalidEventError, InvalidResourceError } from '../samTransformError';
import { getAtt, isIntrinsic, isObject, resolveParameterRefs, type JsonObject, type JsonValue } from '../intrinsics';
import { assumeRolePolicyFor, constructRole } from '../iam/executionRole';
import { samTagList } from '../tags';
import {
  checkProperties,
  passthroughAttributes,
  type CfnResource,
  type GeneratedResources,
  type TransformContext,
} from '../transformContext';
import { functionEventResources } from '../events/functionEvents';
import { constructDeploymentGroup } from './deploymentPreference';
import { constructEventInvokeConfig } from './eventInvokeConfig';
import { functionCode } from './functionCode';
import { constructFunctionUrl } from './functionUrl';
import { publishAlias } from './versionAlias';

/** Properties copied to the Lambda::Function as they are. */
const COPIED = [
  'FunctionName',
  'Handler',
  'Runtime',
  'Description',
  'MemorySize',
  'Timeout',
  'Environment',
  'VpcConfig',
  'KmsKeyArn',
  'Layers',
  'ReservedConcurrentExecutions',
  'FileSystemConfigs',
  'CodeSigningConfigArn',
  'ImageConfig',
  'PackageType',
  'Architectures',
  'EphemeralStorage',
  'SnapStart',
  'RuntimeManagementConfig',
  'LoggingConfig',
  'RecursiveLoop',
  'SourceKMSKeyArn',
  'TenancyConfig',
  'DurableConfig',
  'CapacityProviderConfig',
  'FunctionScalingConfig',
  'PublishToLatestPublished',
];

const KINDS = {
  Handler: 'string',
  Runtime: 'string',
  Description: 'string',
  Role: 'string',
  Policies: ['string', 'map', 'list'],
  Events: 'map',
  Tags: 'map',
  Layers: 'list',
  Environment: 'map',
  VpcConfig: 'map',
  Architectures: 'list',
  DeadLetterQueue: 'map',
  EventInvokeConfig: 'map',
  FunctionUrlConfig: 'map',
  AutoPublishAlias: 'string',
  DeploymentPreference: 'map',
  FileSystemConfigs: 'list',
  MemorySize: 'integer',
  Timeout: 'integer',
  ProvisionedConcurrencyConfig: 'map',
  ImageConfig: 'map',
  SnapStart: 'map',
  EphemeralStorage: 'map',
  RuntimeManagementConfig: 'map',
  LoggingConfig: 'map',
  AssumeRolePolicyDocument: 'map',
  Tracing: 'string',
  PermissionsBoundary: 'string',
  RolePath: 'string',
  ReservedConcurrentExecutions: 'integer',
} as const;

export function transformFunction(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  checkProperties(logicalId, properties, KINDS);
  const attributes = passthroughAttributes(resource);
  validateRole(logicalId, properties.Role);
  checkTenancy(logicalId, properties);
  const codeSha = resolveParameterRefs(properties.AutoPublishCodeSha256, context.parameters);
  if (codeSha !== undefined && typeof codeSha !== 'string') {
    throw new InvalidResourceError(logicalId, 'AutoPublishCodeSha256 must be a string', [
      'Properties',
      'AutoPublishCodeSha256',
    ]);
  }
  const dlq = properties.DeadLetterQueue;
  if (dlq !== undefined) validateDeadLetterQueue(logicalId, dlq);

  const lambdaProperties: JsonObject = { Code: functionCode(logicalId, properties, context) };
  for (const name of COPIED) if (properties[name] !== undefined) lambdaProperties[name] = properties[name]!;
  if (isObject(properties.CapacityProviderConfig)) {
    lambdaProperties.CapacityProviderConfig = capacityProviderConfig(properties.CapacityProviderConfig);
  }
  if (properties.Tracing !== undefined) lambdaProperties.TracingConfig = { Mode: properties.Tracing };
  if (isObject(dlq)) lambdaProperties.DeadLetterConfig = { TargetArn: dlq.TargetArn ?? null };
  const tags = samTagList(logicalId, properties.Tags);
  lambdaProperties.Tags = tags;
  const lambda: CfnResource = {
    Type: 'AWS::Lambda::Function',
    ...mainAttributes(resource),
    Properties: lambdaProperties,
  };
  const resources: GeneratedResources = { [logicalId]: lambda };

  if (properties.ProvisionedConcurrencyConfig !== undefined && properties.AutoPublishAlias === undefined) {
    throw new InvalidResourceError(
      logicalId,
      'To set ProvisionedConcurrencyConfig AutoPublishALias must be defined on the function',
      ['Properties', 'ProvisionedConcurrencyConfig'],
    );
  }
  let alias: { id: string; name: string } | undefined;
  if (properties.AutoPublishAlias !== undefined) {
    const published = publishAlias(logicalId, properties, lambda, attributes, context);
    alias = { id: published.aliasId, name: published.aliasName };
    Object.assign(resources, published.resources);
  }
  if (properties.FunctionUrlConfig !== undefined && isObject(properties.FunctionUrlConfig)) {
    Object.assign(resources, constructFunctionUrl(logicalId, properties.FunctionUrlConfig, alias?.id, attributes));
  }
  if (properties.DeploymentPreference !== undefined) {
    const aliasResource = alias ? resources[alias.id] : undefined;
    Object.assign(
      resources,
      constructDeploymentGroup(logicalId, properties.DeploymentPreference, aliasResource, attributes, context),
    );
  }
  let invokePolicies: JsonValue[] = [];
  if (properties.EventInvokeConfig !== undefined) {
    const invoke = constructEventInvokeConfig(
      logicalId,
      properties.EventInvokeConfig,
      alias?.name,
      attributes,
      context,
    );
    Object.assign(resources, invoke.resources);
    invokePolicies = invoke.policies;
  }
  let role: CfnResource | undefined;
  // JSON templates may write `"Role": null`: the translator reads it as absent and makes the execution role.
  if (properties.Role === undefined || properties.Role === null) {
    role = constructRole(
      {
        logicalId,
        attributes,
        assumeRolePolicyDocument: properties.AssumeRolePolicyDocument ?? assumeRolePolicyFor('lambda.amazonaws.com'),
        policies: properties.Policies,
        managedPolicyArns: baseManagedPolicies(properties, context),
        policyDocuments: [...deadLetterPolicies(dlq), ...invokePolicies],
        rolePath: properties.RolePath,
        permissionsBoundary: properties.PermissionsBoundary,
        tags,
      },
      context,
    );
    lambdaProperties.Role = getAtt(`${logicalId}Role`, 'Arn');
    resources[`${logicalId}Role`] = role;
  } else lambdaProperties.Role = properties.Role;
  try {
    Object.assign(
      resources,
      functionEventResources({ logicalId, properties, lambda, role, alias, attributes, context }),
    );
  } catch (error) {
    if (error instanceof InvalidEventError) throw new InvalidResourceError(logicalId, error.message, error.path);
    throw error;
  }
  return resources;
}

/** The attributes the main resource keeps: all the translator supports, and DependsOn. */
export function mainAttributes(resource: JsonObject): JsonObject {
  const attributes: JsonObject = {};
  for (const name of ['Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'UpdatePolicy', 'Metadata', 'DependsOn']) {
    if (resource[name] !== undefined) attributes[name] = resource[name]!;
  }
  return attributes;
}

function baseManagedPolicies(properties: JsonObject, context: TransformContext): JsonValue[] {
  const arns: JsonValue[] = [context.managedPolicyArn('service-role/AWSLambdaBasicExecutionRole')];
  if (properties.Tracing !== undefined) arns.push(context.managedPolicyArn('AWSXrayWriteOnlyAccess'));
  if (properties.VpcConfig !== undefined)
    arns.push(context.managedPolicyArn('service-role/AWSLambdaVPCAccessExecutionRole'));
  if (properties.DurableConfig !== undefined)
    arns.push(context.managedPolicyArn('service-role/AWSLambdaBasicDurableExecutionRolePolicy'));
  return arns;
}

function validateRole(logicalId: string, role: JsonValue | undefined): void {
  if (role !== undefined && role !== null && typeof role !== 'string' && !isObject(role)) {
    throw new InvalidResourceError(logicalId, "Property 'Role' should be a string.", ['Properties', 'Role']);
  }
  if (!isObject(role)) return;
  const branches = role['Fn::If'];
  if (branches !== undefined && (!Array.isArray(branches) || branches.length !== 3)) {
    throw new InvalidResourceError(logicalId, "Malformed 'Role' property: Fn::If requires 3 arguments.", [
      'Properties',
      'Role',
    ]);
  }
}

function validateDeadLetterQueue(logicalId: string, dlq: JsonValue): void {
  if (!isObject(dlq) || isIntrinsic(dlq)) return;
  const path = ['Properties', 'DeadLetterQueue'];
  if (dlq.Type !== 'SQS' && dlq.Type !== 'SNS') {
    throw new InvalidResourceError(logicalId, `'DeadLetterQueue' requires Type of SNS or SQS`, [...path, 'Type']);
  }
  if (dlq.TargetArn === undefined)
    throw new InvalidResourceError(
      logicalId,
      "'DeadLetterQueue' requires Type and TargetArn properties to be specified.",
      path,
    );
}

function deadLetterPolicies(dlq: JsonValue | undefined): JsonValue[] {
  if (!isObject(dlq) || (dlq.Type !== 'SQS' && dlq.Type !== 'SNS')) return [];
  return [
    {
      PolicyName: 'DeadLetterQueuePolicy',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: dlq.Type === 'SQS' ? 'sqs:SendMessage' : 'sns:Publish',
            Resource: dlq.TargetArn ?? null,
            Effect: 'Allow',
          },
        ],
      },
    },
  ];
}

/** SAM's `CapacityProviderConfig` (Arn and per-environment settings) in Lambda's shape. */
function capacityProviderConfig(config: JsonObject): JsonObject {
  const managed: JsonObject = { CapacityProviderArn: config.Arn ?? null };
  for (const name of ['ExecutionEnvironmentMemoryGiBPerVCpu', 'PerExecutionEnvironmentMaxConcurrency']) {
    if (config[name] !== undefined) managed[name] = config[name]!;
  }
  return { LambdaManagedInstancesCapacityProviderConfig: managed };
}

/** Functions with a TenancyConfig: no URL, no provisioned concurrency, only Api and HttpApi events. */
function checkTenancy(logicalId: string, properties: JsonObject): void {
  if (properties.TenancyConfig === undefined) return;
  const fail = (message: string, property: string) => {
    throw new InvalidResourceError(logicalId, message, ['Properties', property]);
  };
  if (properties.FunctionUrlConfig !== undefined) {
    fail('Function URL is not supported for functions enabled with tenancy configuration.', 'FunctionUrlConfig');
  }
  if (properties.ProvisionedConcurrencyConfig !== undefined) {
    fail(
      'Provisioned concurrency is not supported for functions enabled with tenancy configuration.',
      'ProvisionedConcurrencyConfig',
    );
  }
  for (const event of Object.values(isObject(properties.Events) ? properties.Events : {})) {
    const type = isObject(event) ? event.Type : undefined;
    if (typeof type === 'string' && type !== 'Api' && type !== 'HttpApi') {
      fail(
        `Event source '${type}' is not supported for functions enabled with tenancy configuration. Only Api and HttpApi event sources are supported.`,
        'Events',
      );
    }
  }
}
