// Schedule, CloudWatchEvent and EventBridgeRule events: an Events::Rule targeting the function, the permission
// for EventBridge to invoke it, and an optional dead-letter queue.
import { InvalidEventError } from '../samTransformError';
import { getAtt, type JsonObject } from '../intrinsics';
import {
  eventPath,
  functionArn,
  permission,
  ruleDeadLetterConfig,
  type FunctionEvent,
  type FunctionEventHandler,
} from './functionEvent';

function ruleEvent(event: FunctionEvent, rule: JsonObject): ReturnType<FunctionEventHandler> {
  const target: JsonObject = { Arn: functionArn(event), Id: `${event.eventId}LambdaTarget` };
  const targetOptions = event.properties.Target;
  if (
    typeof targetOptions === 'object' &&
    targetOptions !== null &&
    !Array.isArray(targetOptions) &&
    targetOptions.Id !== undefined
  ) {
    target.Id = targetOptions.Id;
  }
  for (const name of ['Input', 'InputPath', 'InputTransformer', 'RetryPolicy']) {
    if (event.properties[name] !== undefined) target[name] = event.properties[name]!;
  }
  const dlq = ruleDeadLetterConfig(
    event.eventName,
    event.eventId,
    event.eventId,
    event.properties.DeadLetterConfig,
    event.attributes,
    'events.amazonaws.com',
    eventPath(event, 'DeadLetterConfig'),
  );
  if (dlq.config) target.DeadLetterConfig = dlq.config;
  rule.Targets = [target];
  return {
    [event.eventId]: { Type: 'AWS::Events::Rule', ...event.attributes, Properties: rule },
    ...permission(event, 'events.amazonaws.com', getAtt(event.eventId, 'Arn')),
    ...dlq.resources,
  };
}

export const scheduleEvent: FunctionEventHandler = (event) => {
  const { Schedule: schedule, Enabled: enabled, State: state } = event.properties;
  if (enabled !== undefined && state !== undefined) {
    throw new InvalidEventError(
      event.eventName,
      'State and Enabled Properties cannot both be specified.',
      eventPath(event),
    );
  }
  const rule: JsonObject = { ScheduleExpression: schedule ?? null };
  if (state !== undefined) rule.State = state;
  else if (enabled !== undefined)
    rule.State = typeof enabled === 'boolean' ? (enabled ? 'ENABLED' : 'DISABLED') : enabled;
  else rule.State = 'ENABLED';
  if (event.properties.Name !== undefined) rule.Name = event.properties.Name;
  if (event.properties.Description !== undefined) rule.Description = event.properties.Description;
  return ruleEvent(event, rule);
};

export const cloudWatchEvent: FunctionEventHandler = (event) => {
  const rule: JsonObject = { EventPattern: event.properties.Pattern ?? null };
  if (event.properties.EventBusName !== undefined) rule.EventBusName = event.properties.EventBusName;
  if (event.properties.RuleName !== undefined) rule.Name = event.properties.RuleName;
  if (event.properties.State !== undefined) rule.State = event.properties.State;
  else if (event.properties.Enabled !== undefined)
    rule.State = event.properties.Enabled === false ? 'DISABLED' : 'ENABLED';
  return ruleEvent(event, rule);
};
