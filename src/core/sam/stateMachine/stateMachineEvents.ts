// Events of a state machine (samtranslator/model/stepfunctions/events.py): rules and schedules that start it, and
// API methods that call StartExecution, each with a role allowed to start the state machine.
import { InvalidEventError, InvalidResourceError } from '../samTransformError';
import { getAtt, isObject, ref, sub, type JsonObject, type JsonValue, text } from '../intrinsics';
import { assumeRolePolicyFor } from '../iam/executionRole';
import { ruleDeadLetterConfig } from '../events/functionEvent';
import { scheduleV2Resources } from '../events/scheduleV2';
import { targetRestApi } from '../events/apiEvent';
import { applyMethodAuth } from '../api/methodAuth';
import { normalizeMethod, pathItem } from '../api/swaggerDocument';
import type { CfnResource, GeneratedResources, TransformContext } from '../transformContext';

const EVENT_PROPERTIES: Record<string, string[]> = {
  Schedule: [
    'DeadLetterConfig',
    'Description',
    'Enabled',
    'Input',
    'Name',
    'RetryPolicy',
    'RoleArn',
    'Schedule',
    'State',
    'Target',
  ],
  ScheduleV2: [
    'DeadLetterConfig',
    'Description',
    'EndDate',
    'FlexibleTimeWindow',
    'GroupName',
    'Input',
    'KmsKeyArn',
    'Name',
    'OmitName',
    'PermissionsBoundary',
    'RetryPolicy',
    'RoleArn',
    'ScheduleExpression',
    'ScheduleExpressionTimezone',
    'StartDate',
    'State',
  ],
  CloudWatchEvent: [
    'EventBusName',
    'Input',
    'InputPath',
    'Pattern',
    'State',
    'RuleName',
    'DeadLetterConfig',
    'RetryPolicy',
    'InputTransformer',
    'Target',
  ],
  EventBridgeRule: [
    'DeadLetterConfig',
    'EventBusName',
    'Input',
    'InputPath',
    'InputTransformer',
    'Pattern',
    'RetryPolicy',
    'RuleName',
    'Target',
    'State',
  ],
  Api: ['Auth', 'Method', 'Path', 'RestApiId', 'UnescapeMappingTemplate'],
};

function startRole(
  roleId: string,
  stateMachineArn: JsonValue,
  attributes: JsonObject,
  service: string,
  permissionsBoundary?: JsonValue,
): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    ...attributes,
    Properties: {
      AssumeRolePolicyDocument: assumeRolePolicyFor(service),
      Policies: [
        {
          PolicyName: `${roleId.replace(/Role$/, '')}RoleStartExecutionPolicy`,
          PolicyDocument: {
            Statement: [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: stateMachineArn }],
          },
        },
      ],
      ...(permissionsBoundary !== undefined ? { PermissionsBoundary: permissionsBoundary } : {}),
    },
  };
}

export function stateMachineEventResources(
  logicalId: string,
  events: JsonValue | undefined,
  target: JsonObject,
  attributes: JsonObject,
  context: TransformContext,
): GeneratedResources {
  if (events === undefined || events === null) return {};
  if (!isObject(events))
    throw new InvalidResourceError(logicalId, "Property 'Events' should be a map.", ['Properties', 'Events']);
  const resources: GeneratedResources = {};
  for (const [eventName, event] of Object.entries(events)) {
    const path = ['Properties', 'Events', eventName];
    if (!isObject(event)) throw new InvalidResourceError(logicalId, `Event '${eventName}' should be a map.`, path);
    const type = text(event.Type);
    const allowed = EVENT_PROPERTIES[type];
    if (!allowed)
      throw new InvalidResourceError(
        logicalId,
        `Event with id [${eventName}] is invalid. Type '${type}' is not supported.`,
        [...path, 'Type'],
      );
    const properties = isObject(event.Properties) ? structuredClone(event.Properties) : {};
    const eventId = `${logicalId}${eventName}`;
    for (const name of Object.keys(properties)) {
      if (!allowed.includes(name))
        throw new InvalidResourceError(eventId, `property ${name} not defined for resource of type ${type}`, [
          ...path,
          'Properties',
          name,
        ]);
    }
    const roleId = `${eventId}Role`;
    const propertyPath = [...path, 'Properties'];
    if (type === 'ScheduleV2') {
      Object.assign(
        resources,
        scheduleV2Resources(eventName, eventId, properties, target, 'states:StartExecution', attributes, propertyPath),
      );
      continue;
    }
    if (type === 'Api') {
      Object.assign(
        resources,
        apiEventResources(eventName, eventId, roleId, properties, target, attributes, context, propertyPath),
      );
      continue;
    }
    const rule: JsonObject = {};
    if (type === 'Schedule') {
      if (properties.Enabled !== undefined && properties.State !== undefined)
        throw new InvalidEventError(eventName, 'State and Enabled Properties cannot both be specified.', propertyPath);
      rule.ScheduleExpression = properties.Schedule ?? null;
      rule.State = properties.State ?? (properties.Enabled === false ? 'DISABLED' : 'ENABLED');
      if (properties.Name !== undefined) rule.Name = properties.Name;
      if (properties.Description !== undefined) rule.Description = properties.Description;
    } else {
      rule.EventPattern = properties.Pattern ?? null;
      if (properties.EventBusName !== undefined) rule.EventBusName = properties.EventBusName;
      if (properties.RuleName !== undefined) rule.Name = properties.RuleName;
      if (properties.State !== undefined) rule.State = properties.State;
    }
    const targetEntry: JsonObject = { Arn: target, Id: `${eventId}StepFunctionsTarget` };
    if (isObject(properties.Target) && properties.Target.Id !== undefined) targetEntry.Id = properties.Target.Id;
    if (properties.RoleArn !== undefined) targetEntry.RoleArn = properties.RoleArn;
    else {
      targetEntry.RoleArn = getAtt(roleId, 'Arn');
      resources[roleId] = startRole(roleId, target, attributes, 'events.amazonaws.com');
    }
    for (const name of ['Input', 'InputPath', 'InputTransformer', 'RetryPolicy'])
      if (properties[name] !== undefined) targetEntry[name] = properties[name]!;
    const dlq = ruleDeadLetterConfig(
      eventName,
      eventId,
      eventId,
      properties.DeadLetterConfig,
      attributes,
      'events.amazonaws.com',
      [...propertyPath, 'DeadLetterConfig'],
    );
    if (dlq.config) targetEntry.DeadLetterConfig = dlq.config;
    rule.Targets = [targetEntry];
    resources[eventId] = { Type: 'AWS::Events::Rule', ...attributes, Properties: rule };
    Object.assign(resources, dlq.resources);
  }
  return resources;
}

function apiEventResources(
  eventName: string,
  _eventId: string,
  roleId: string,
  properties: JsonObject,
  target: JsonObject,
  attributes: JsonObject,
  context: TransformContext,
  path: (string | number)[],
): GeneratedResources {
  const { Path: apiPath, Method: method } = properties;
  if (typeof apiPath !== 'string' || typeof method !== 'string')
    throw new InvalidEventError(eventName, "Api Event must have a String specified for 'Path' and 'Method'.", path);
  const api = targetRestApi(eventName, properties.RestApiId, context, path);
  if (api) {
    const apiProperties = isObject(api.resource.Properties) ? api.resource.Properties : {};
    const body = apiProperties.DefinitionBody;
    if ((apiProperties.__MANAGE_SWAGGER === true || apiProperties.MergeDefinitions === true) && isObject(body)) {
      const item = pathItem(body, apiPath);
      const key = normalizeMethod(method);
      const operation: JsonObject = {
        'x-amazon-apigateway-integration': {
          type: 'aws',
          httpMethod: 'POST',
          uri: sub('arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution'),
          responses: { '200': { statusCode: '200' }, '400': { statusCode: '400' } },
          credentials: getAtt(roleId, 'Arn'),
          requestTemplates: { 'application/json': startExecutionTemplate(target, properties.UnescapeMappingTemplate) },
        },
        responses: { '200': { description: 'OK' }, '400': { description: 'Bad Request' } },
      };
      item[key] = operation;
      applyMethodAuth(eventName, api.id, apiProperties, operation, properties, apiPath, key, path);
    }
  }
  return { [roleId]: startRole(roleId, target, attributes, 'apigateway.amazonaws.com') };
}

export { ref };

/**
 * The request template that starts an execution with the request's body as input, as the translator writes it:
 * the state machine's logical ID inside the Sub, and with UnescapeMappingTemplate the single quotes that
 * escapeJavaScript escapes restored (the template is then no longer JSON).
 */
function startExecutionTemplate(target: JsonObject, unescape: JsonValue | undefined): JsonObject {
  if (typeof target.Ref !== 'string') {
    return sub('{"input": "$util.escapeJavaScript($input.json(\'$\'))", "stateMachineArn": "${StateMachine}"}', {
      StateMachine: target,
    });
  }
  const input =
    unescape === true
      ? '$util.escapeJavaScript($input.json(\'$\')).replaceAll("\\\\\'","\'")'
      : "$util.escapeJavaScript($input.json('$'))";
  return sub(`{"input": "${input}", "stateMachineArn": "\${${target.Ref}}"}`);
}
