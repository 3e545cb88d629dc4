// Push event sources that create a permission and at most one resource: CloudWatchLogs (a subscription filter),
// IoTRule (a topic rule), AlexaSkill and Cognito (the user pool in the template gets the trigger).
import { InvalidEventError } from '../samTransformError';
import { isObject, refName, sub, type JsonObject, type JsonValue } from '../intrinsics';
import { eventPath, functionArn, permission, requireProperty, type FunctionEventHandler } from './functionEvent';

export const cloudWatchLogsEvent: FunctionEventHandler = (event) => {
  const logGroup = requireProperty(event, 'LogGroupName');
  const filterPattern = requireProperty(event, 'FilterPattern');
  const sourceArn = sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*', {
    __LogGroupName__: logGroup,
  });
  const resources = permission(event, 'logs.amazonaws.com', sourceArn);
  const permissionId = Object.keys(resources)[0]!;
  resources[event.eventId] = {
    Type: 'AWS::Logs::SubscriptionFilter',
    ...event.attributes,
    DependsOn: [permissionId],
    Properties: { DestinationArn: functionArn(event), FilterPattern: filterPattern, LogGroupName: logGroup },
  };
  return resources;
};

export const iotRuleEvent: FunctionEventHandler = (event) => {
  const sql = requireProperty(event, 'Sql');
  const payload: JsonObject = {
    Sql: sql,
    RuleDisabled: false,
    Actions: [{ Lambda: { FunctionArn: functionArn(event) } }],
  };
  if (event.properties.AwsIotSqlVersion !== undefined) payload.AwsIotSqlVersion = event.properties.AwsIotSqlVersion;
  const sourceArn = sub('arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}', {
    RuleName: { Ref: event.eventId },
  });
  return {
    ...permission(event, 'iot.amazonaws.com', sourceArn, { Ref: 'AWS::AccountId' }),
    [event.eventId]: { Type: 'AWS::IoT::TopicRule', ...event.attributes, Properties: { TopicRulePayload: payload } },
  };
};

export const alexaSkillEvent: FunctionEventHandler = (event) => {
  const resources = permission(event, 'alexa-appkit.amazon.com');
  if (event.properties.SkillId !== undefined) {
    const [id] = Object.keys(resources);
    (resources[id!]!.Properties as JsonObject).EventSourceToken = event.properties.SkillId;
  }
  return resources;
};

export const cognitoEvent: FunctionEventHandler = (event) => {
  const poolId = refName(event.properties.UserPool);
  const pool = poolId ? event.context.resource(poolId) : undefined;
  if (!poolId || !pool || pool.Type !== 'AWS::Cognito::UserPool') {
    throw new InvalidEventError(
      event.eventName,
      'Cognito events must reference a Cognito UserPool in the same template.',
      eventPath(event, 'UserPool'),
    );
  }
  const resources = permission(event, 'cognito-idp.amazonaws.com', { 'Fn::GetAtt': [poolId, 'Arn'] });
  const properties = isObject(pool.Properties) ? pool.Properties : (pool.Properties = {});
  const lambdaConfig = isObject(properties.LambdaConfig) ? properties.LambdaConfig : (properties.LambdaConfig = {});
  const trigger = event.properties.Trigger;
  const triggers: JsonValue[] = Array.isArray(trigger) ? trigger : [trigger ?? null];
  for (const name of triggers) {
    if (typeof name !== 'string') {
      throw new InvalidEventError(
        event.eventName,
        'Cognito trigger must be a string or list of strings',
        eventPath(event, 'Trigger'),
      );
    }
    if (lambdaConfig[name] !== undefined) {
      throw new InvalidEventError(
        event.eventName,
        `Cognito trigger "${name}" defined multiple times.`,
        eventPath(event, 'Trigger'),
      );
    }
    lambdaConfig[name] = functionArn(event);
  }
  return resources;
};
