// AWS::Serverless::CapacityProvider: an AWS::Lambda::CapacityProvider (VPC, instance requirements, scaling: Auto,
// or Manual with a target CPU utilisation), and an operator role Lambda uses to manage the instances unless
// OperatorRole names one. Nested properties are checked with the translator's messages, all of them at once.
import { InvalidResourceError } from './samTransformError';
import { getAtt, isIntrinsic, isObject, type JsonObject, type JsonValue } from './intrinsics';
import { checkedSamProperties } from './samProperties';
import { passthroughAttributes, type GeneratedResources, type TransformContext } from './transformContext';

const TYPE = 'AWS::Serverless::CapacityProvider';
const SAM_TAG = { Key: 'lambda:createdBy', Value: 'SAM' };

/** Nested maps: their fields with the kind each must be ('list', 'integer', 'number'), required ones marked. */
const NESTED: Readonly<
  Record<string, Readonly<Record<string, { kind: 'list' | 'integer' | 'number'; required?: true }>>>
> = {
  VpcConfig: { SubnetIds: { kind: 'list', required: true }, SecurityGroupIds: { kind: 'list' } },
  InstanceRequirements: {
    Architectures: { kind: 'list' },
    AllowedTypes: { kind: 'list' },
    ExcludedTypes: { kind: 'list' },
  },
  ScalingConfig: { MaxVCpuCount: { kind: 'integer' }, AverageCPUUtilization: { kind: 'number' } },
};

export function transformCapacityProvider(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = checkedSamProperties(logicalId, resource, {
    type: TYPE,
    kinds: {
      CapacityProviderName: 'string',
      VpcConfig: 'map',
      OperatorRole: 'string',
      Tags: 'map',
      PropagateTags: 'boolean',
      InstanceRequirements: 'map',
      ScalingConfig: 'map',
      KmsKeyArn: 'string',
    },
    required: ['VpcConfig'],
  });
  const problems = Object.entries(NESTED).flatMap(([name, fields]) => nestedProblems(name, properties[name], fields));
  if (problems.length > 0) throw new InvalidResourceError(logicalId, problems.join(' '), ['Properties']);
  const requirements = isObject(properties.InstanceRequirements) ? properties.InstanceRequirements : undefined;
  if (requirements?.AllowedTypes !== undefined && requirements.ExcludedTypes !== undefined) {
    throw new InvalidResourceError(
      logicalId,
      "Cannot specify 'InstanceRequirements.AllowedTypes' and 'InstanceRequirements.ExcludedTypes' together.",
      ['Properties', 'InstanceRequirements'],
    );
  }
  const attributes = passthroughAttributes(resource);
  const userTags = Object.entries(isObject(properties.Tags) ? properties.Tags : {}).map(([Key, Value]) => ({
    Key,
    Value,
  }));
  const tags = [...userTags, SAM_TAG];
  const resources: GeneratedResources = {};
  const provider: JsonObject = {};
  if (properties.CapacityProviderName !== undefined) provider.CapacityProviderName = properties.CapacityProviderName;
  provider.VpcConfig = properties.VpcConfig!;
  if (requirements) {
    const instance: JsonObject = {};
    if (requirements.Architectures !== undefined) instance.Architectures = requirements.Architectures;
    if (requirements.AllowedTypes !== undefined) instance.AllowedInstanceTypes = requirements.AllowedTypes;
    if (requirements.ExcludedTypes !== undefined) instance.ExcludedInstanceTypes = requirements.ExcludedTypes;
    provider.InstanceRequirements = instance;
  }
  if (isObject(properties.ScalingConfig)) provider.CapacityProviderScalingConfig = scaling(properties.ScalingConfig);
  if (properties.KmsKeyArn !== undefined) provider.KmsKeyArn = properties.KmsKeyArn;
  let operatorRole: JsonValue | undefined = properties.OperatorRole;
  if (operatorRole === undefined) {
    const roleId = `${logicalId}OperatorRole`;
    operatorRole = getAtt(roleId, 'Arn');
    resources[roleId] = {
      Type: 'AWS::IAM::Role',
      ...attributes,
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] } },
          ],
        },
        ManagedPolicyArns: [context.managedPolicyArn('AWSLambdaManagedEC2ResourceOperator')],
        Tags: properties.PropagateTags === true ? tags : [SAM_TAG],
      },
    };
  }
  provider.PermissionsConfig = { CapacityProviderOperatorRoleArn: operatorRole };
  provider.Tags = tags;
  resources[logicalId] = { Type: 'AWS::Lambda::CapacityProvider', ...attributes, Properties: provider };
  return resources;
}

/** Auto scaling up to MaxVCpuCount, or Manual with a target average CPU utilisation. */
function scaling(config: JsonObject): JsonObject {
  const result: JsonObject = {};
  if (config.MaxVCpuCount !== undefined) result.MaxVCpuCount = config.MaxVCpuCount;
  if (config.AverageCPUUtilization === undefined) {
    result.ScalingMode = 'Auto';
    return result;
  }
  result.ScalingMode = 'Manual';
  result.ScalingPolicies = [
    { PredefinedMetricType: 'LambdaCapacityProviderAverageCPUUtilization', TargetValue: config.AverageCPUUtilization },
  ];
  return result;
}

function nestedProblems(
  name: string,
  value: JsonValue | undefined,
  fields: Readonly<Record<string, { kind: 'list' | 'integer' | 'number'; required?: true }>>,
): string[] {
  if (!isObject(value)) return [];
  const problems: string[] = [];
  for (const [field, spec] of Object.entries(fields)) {
    const item = value[field];
    if (item === undefined) {
      if (spec.required) problems.push(`Property '${name}.${field}' is required.`);
      continue;
    }
    const ok =
      isIntrinsic(item) ||
      (spec.kind === 'list'
        ? Array.isArray(item)
        : spec.kind === 'integer'
          ? Number.isInteger(item)
          : typeof item === 'number');
    if (!ok) problems.push(`Property '${name}.${field}' value must be dictionary or ${spec.kind}.`);
  }
  for (const field of Object.keys(value)) {
    if (!(field in fields)) problems.push(`Property '${name}.${field}' is an invalid property.`);
  }
  return problems;
}
