// DeploymentPreference (samtranslator/model/preferences/deployment_preference_collection.py): a CodeDeploy
// deployment group per function, the alias's UpdatePolicy, and the application and service role all functions share.
import { InvalidResourceError } from '../samTransformError';
import {
  getAtt,
  isIntrinsic,
  isObject,
  ref,
  resolveParameterRefs,
  sub,
  type JsonObject,
  type JsonValue,
} from '../intrinsics';
import { assumeRolePolicyFor } from '../iam/executionRole';
import type { CfnResource, GeneratedResources, TransformContext } from '../transformContext';

export const CODEDEPLOY_APPLICATION_ID = 'ServerlessDeploymentApplication';
export const CODEDEPLOY_SERVICE_ROLE_ID = 'CodeDeployServiceRole';

const PREDEFINED_CONFIGS = new Set([
  'Canary10Percent30Minutes',
  'Canary10Percent5Minutes',
  'Canary10Percent10Minutes',
  'Canary10Percent15Minutes',
  'Linear10PercentEvery10Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery2Minutes',
  'Linear10PercentEvery3Minutes',
  'AllAtOnce',
]);

/** True when the preference is switched on (Enabled defaults to true; parameters are resolved). */
export function deploymentEnabled(preference: JsonValue | undefined, context: TransformContext): boolean {
  if (!isObject(preference)) return false;
  const enabled = resolveParameterRefs(preference.Enabled, context.parameters);
  return enabled === undefined || enabled === true || enabled === 'true' || enabled === 'True';
}

/** The deployment group for one function, and the UpdatePolicy its alias gets. */
export function constructDeploymentGroup(
  logicalId: string,
  preferenceValue: JsonValue,
  alias: CfnResource | undefined,
  attributes: JsonObject,
  context: TransformContext,
): GeneratedResources {
  if (!isObject(preferenceValue)) {
    throw new InvalidResourceError(logicalId, "Property 'DeploymentPreference' should be a map.", [
      'Properties',
      'DeploymentPreference',
    ]);
  }
  if (!deploymentEnabled(preferenceValue, context)) return {};
  const preference = resolveParameterRefs(preferenceValue, context.parameters) as JsonObject;
  if (!alias) {
    throw new InvalidResourceError(
      logicalId,
      "'DeploymentPreference' requires AutoPublishAlias property to be specified.",
      ['Properties', 'DeploymentPreference'],
    );
  }
  if (preference.Type === undefined) {
    throw new InvalidResourceError(logicalId, "'DeploymentPreference' is missing required Property 'Type'", [
      'Properties',
      'DeploymentPreference',
    ]);
  }
  const hooks = preference.Hooks;
  if (hooks !== undefined) {
    if (!isObject(hooks))
      throw new InvalidResourceError(logicalId, "'Hooks' property of 'DeploymentPreference' must be a dictionary", [
        'Properties',
        'DeploymentPreference',
        'Hooks',
      ]);
    for (const name of Object.keys(hooks)) {
      if (name !== 'PreTraffic' && name !== 'PostTraffic') {
        throw new InvalidResourceError(
          logicalId,
          `${name} is not a valid Hook Type. Valid types are PreTraffic and PostTraffic`,
          ['Properties', 'DeploymentPreference', 'Hooks', name],
        );
      }
    }
  }
  const groupId = `${logicalId}DeploymentGroup`;
  const type = preference.Type;
  const properties: JsonObject = {
    ApplicationName: ref(CODEDEPLOY_APPLICATION_ID),
    AutoRollbackConfiguration: {
      Enabled: true,
      Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM', 'DEPLOYMENT_STOP_ON_REQUEST'],
    },
    DeploymentConfigName:
      typeof type === 'string' && PREDEFINED_CONFIGS.has(type)
        ? sub('CodeDeployDefault.Lambda${ConfigName}', { ConfigName: type })
        : type,
    DeploymentStyle: { DeploymentOption: 'WITH_TRAFFIC_CONTROL', DeploymentType: 'BLUE_GREEN' },
    ServiceRoleArn: preference.Role ?? getAtt(CODEDEPLOY_SERVICE_ROLE_ID, 'Arn'),
  };
  const alarms = preference.Alarms;
  if (alarms !== undefined) {
    properties.AlarmConfiguration = Array.isArray(alarms)
      ? { Alarms: alarms.map((name) => ({ Name: name })), Enabled: true }
      : isIntrinsic(alarms) && isObject(alarms)
        ? alarmsFromIntrinsic(alarms)
        : { Alarms: [{ Name: alarms }], Enabled: true };
  }
  if (preference.TriggerConfigurations !== undefined)
    properties.TriggerConfigurations = preference.TriggerConfigurations;
  const update: JsonObject = { ApplicationName: ref(CODEDEPLOY_APPLICATION_ID), DeploymentGroupName: ref(groupId) };
  if (isObject(hooks) && hooks.PreTraffic !== undefined) update.BeforeAllowTrafficHook = hooks.PreTraffic;
  if (isObject(hooks) && hooks.PostTraffic !== undefined) update.AfterAllowTrafficHook = hooks.PostTraffic;
  alias.UpdatePolicy = { CodeDeployLambdaAliasUpdate: update };
  context.deploymentConditions.push(typeof attributes.Condition === 'string' ? attributes.Condition : undefined);
  if (preference.Role === undefined) context.deploymentNeedsServiceRole = true;
  const groupAttributes: JsonObject = {};
  if (passthroughCondition(logicalId, preference.PassthroughCondition, context) && attributes.Condition !== undefined)
    groupAttributes.Condition = attributes.Condition;
  return { [groupId]: { Type: 'AWS::CodeDeploy::DeploymentGroup', ...groupAttributes, Properties: properties } };
}

/** `Alarms: !If [C, [a, b], [c]]` becomes an AlarmConfiguration per branch. */
function alarmsFromIntrinsic(alarms: JsonObject): JsonValue {
  const branches = alarms['Fn::If'];
  if (!Array.isArray(branches)) return { Alarms: [{ Name: alarms }], Enabled: true };
  const [condition, ...values] = branches;
  const configure = (value: JsonValue | undefined): JsonValue =>
    isObject(value) && value.Ref === 'AWS::NoValue'
      ? value
      : { Alarms: (Array.isArray(value) ? value : [value ?? null]).map((name) => ({ Name: name })), Enabled: true };
  return { 'Fn::If': [condition ?? null, configure(values[0]), configure(values[1])] };
}

/** The CodeDeploy application and service role, once for all functions that asked for deployments. */
export function addDeploymentSharedResources(context: TransformContext): GeneratedResources {
  if (context.deploymentConditions.length === 0) return {};
  const conditions = new Set(context.deploymentConditions);
  const shared: JsonObject = {};
  const [only] = [...conditions];
  if (conditions.size === 1 && only !== undefined && context.deploymentPassthrough) shared.Condition = only;
  const resources: GeneratedResources = {
    [CODEDEPLOY_APPLICATION_ID]: {
      Type: 'AWS::CodeDeploy::Application',
      ...shared,
      Properties: { ComputePlatform: 'Lambda' },
    },
  };
  if (context.deploymentNeedsServiceRole) {
    resources[CODEDEPLOY_SERVICE_ROLE_ID] = {
      Type: 'AWS::IAM::Role',
      ...shared,
      Properties: {
        AssumeRolePolicyDocument: assumeRolePolicyFor('codedeploy.amazonaws.com'),
        ManagedPolicyArns: [context.managedPolicyArn('service-role/AWSCodeDeployRoleForLambda')],
      },
    };
  }
  return resources;
}

/** PassthroughCondition: a boolean, or a parameter Ref / Fn::FindInMap that resolves to one. */
function passthroughCondition(logicalId: string, value: JsonValue | undefined, context: TransformContext): boolean {
  if (value === undefined) return false;
  const fail = (message: string) =>
    new InvalidResourceError(logicalId, message, ['Properties', 'DeploymentPreference', 'PassthroughCondition']);
  let resolved: JsonValue | undefined = value;
  if (isIntrinsic(value)) {
    const mapping = (value as JsonObject)['Fn::FindInMap'];
    if (Array.isArray(mapping)) resolved = findInMap(mapping, context);
    else if (typeof (value as JsonObject).Ref === 'string') resolved = resolveParameterRefs(value, context.parameters);
    else {
      throw fail(
        'Unsupported intrinsic: the only intrinsic functions supported for property PassthroughCondition are FindInMap and parameter Refs.',
      );
    }
  }
  if (resolved === 'true' || resolved === 'True') return true;
  if (resolved === 'false' || resolved === 'False') return false;
  if (typeof resolved !== 'boolean') throw fail('Invalid value for property PassthroughCondition.');
  return resolved;
}

function findInMap(argument: JsonValue[], context: TransformContext): JsonValue | undefined {
  const [map, first, second] = argument.map((item) => resolveParameterRefs(item, context.parameters));
  const mappings = isObject(context.template.Mappings) ? context.template.Mappings : {};
  const table = typeof map === 'string' ? mappings[map] : undefined;
  const row = isObject(table) && typeof first === 'string' ? table[first] : undefined;
  return isObject(row) && typeof second === 'string' ? row[second] : undefined;
}
