// AWS::Serverless::StateMachine (samtranslator/model/stepfunctions/generators.py): the Step Functions state
// machine with its definition (inline or from S3), an execution role from Policies, events that start it, and
// AutoPublishAlias's version and alias (with DeploymentPreference as the alias's deployment settings).
import { InvalidResourceError } from '../samTransformError';
import { getAtt, isIntrinsic, isObject, ref, resolveParameterRefs, type JsonObject, text } from '../intrinsics';
import { assumeRolePolicyFor, constructRole } from '../iam/executionRole';
import { s3LocationObject } from '../function/functionCode';
import { mainAttributes } from '../function/samFunction';
import { samTagList } from '../tags';
import {
  checkProperties,
  passthroughAttributes,
  type CfnResource,
  type GeneratedResources,
  type TransformContext,
} from '../transformContext';
import { stateMachineEventResources } from './stateMachineEvents';

export function transformStateMachine(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  checkProperties(logicalId, properties, {
    Definition: 'map',
    DefinitionUri: ['string', 'map'],
    Tags: 'map',
    Logging: 'map',
    Tracing: 'map',
    Name: 'string',
    Type: 'string',
    Role: 'string',
    DefinitionSubstitutions: 'map',
  });
  const attributes = passthroughAttributes(resource);
  const fail = (message: string, ...path: string[]): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', ...path]);
  };
  const machine: JsonObject = {};
  if (properties.Definition !== undefined && properties.DefinitionUri !== undefined)
    fail("Specify either 'Definition' or 'DefinitionUri' property and not both.");
  if (properties.Definition !== undefined) {
    machine.Definition = properties.Definition;
  } else if (properties.DefinitionUri !== undefined) {
    const uri = properties.DefinitionUri;
    if (isIntrinsic(uri)) machine.DefinitionS3Location = uri;
    else
      machine.DefinitionS3Location = s3LocationObject(uri, logicalId, 'DefinitionUri', {
        bucket: 'Bucket',
        key: 'Key',
        version: 'Version',
      });
  } else fail("Either 'Definition' or 'DefinitionUri' property must be specified.");
  if (properties.Role !== undefined && properties.Policies !== undefined)
    fail("Specify either 'Role' or 'Policies' (but not both at the same time) or neither of them");
  for (const name of ['Logging', 'TracingConfiguration', 'DefinitionSubstitutions'])
    if (properties[name] !== undefined) machine[name] = properties[name]!;
  if (properties.Tracing !== undefined) machine.TracingConfiguration = properties.Tracing;
  if (properties.Name !== undefined) machine.StateMachineName = properties.Name;
  if (properties.Type !== undefined) machine.StateMachineType = properties.Type;
  const tags = samTagList(logicalId, properties.Tags).map((tag) => tag);
  machine.Tags = tags;
  const resources: GeneratedResources = {};
  if (properties.Role !== undefined) machine.RoleArn = properties.Role;
  else {
    const managed =
      isObject(properties.Tracing) && properties.Tracing.Enabled === true
        ? [context.managedPolicyArn('AWSXrayWriteOnlyAccess')]
        : [];
    const role = constructRole(
      {
        logicalId,
        attributes,
        assumeRolePolicyDocument: assumeRolePolicyFor('states.amazonaws.com'),
        policies: properties.Policies,
        managedPolicyArns: managed,
        policyDocuments: [],
        rolePath: properties.RolePath,
        permissionsBoundary: properties.PermissionsBoundary,
        tags,
      },
      context,
    );
    resources[`${logicalId}Role`] = role;
    machine.RoleArn = getAtt(`${logicalId}Role`, 'Arn');
  }
  const stateMachine: CfnResource = {
    Type: 'AWS::StepFunctions::StateMachine',
    ...mainAttributes(resource),
    Properties: machine,
  };
  resources[logicalId] = stateMachine;
  let target: JsonObject = ref(logicalId);
  if (properties.AutoPublishAlias !== undefined) {
    const aliasName = resolveParameterRefs(properties.AutoPublishAlias, context.parameters);
    if (typeof aliasName !== 'string') fail("'AutoPublishAlias' must be a string.", 'AutoPublishAlias');
    const versionId = `${logicalId}Version`;
    const aliasId = `${logicalId}Alias${text(aliasName)}`;
    resources[versionId] = {
      Type: 'AWS::StepFunctions::StateMachineVersion',
      ...attributes,
      UpdateReplacePolicy: 'Retain',
      DeletionPolicy: 'Retain',
      Properties: {
        StateMachineArn: ref(logicalId),
        StateMachineRevisionId: getAtt(logicalId, 'StateMachineRevisionId'),
      },
    };
    const alias: JsonObject = { Name: aliasName as string };
    const preference = properties.DeploymentPreference;
    if (isObject(preference)) {
      const config: JsonObject = { StateMachineVersionArn: ref(versionId), Type: preference.Type ?? null };
      for (const name of ['Interval', 'Percentage', 'Alarms'])
        if (preference[name] !== undefined) config[name] = preference[name]!;
      alias.DeploymentPreference = config;
    } else alias.RoutingConfiguration = [{ StateMachineVersionArn: ref(versionId), Weight: 100 }];
    resources[aliasId] = { Type: 'AWS::StepFunctions::StateMachineAlias', ...attributes, Properties: alias };
    context.samReferences.set(`${logicalId}.Alias`, ref(aliasId));
    context.samReferences.set(`${logicalId}.Version`, ref(versionId));
    if (properties.UseAliasAsEventTarget === true) target = ref(aliasId);
  } else if (properties.DeploymentPreference !== undefined)
    fail("'DeploymentPreference' requires 'AutoPublishAlias' property to be specified.", 'DeploymentPreference');
  Object.assign(resources, stateMachineEventResources(logicalId, properties.Events, target, attributes, context));
  return resources;
}
