// What an event source of a function sees, and the pieces several event sources share (samtranslator/model/
// eventsources/push.py and pull.py): the permission, the function as a target, dead-letter queues of rules.
import { InvalidEventError } from '../samTransformError';
import { getAtt, isIntrinsic, isObject, ref, type JsonObject, type JsonValue, text } from '../intrinsics';
import type { CfnResource, GeneratedResources, PropertyKind, TransformContext } from '../transformContext';

export interface FunctionEvent {
  functionId: string;
  /** The key under Events. */
  eventName: string;
  /** `<function id><event name>`: the prefix of the resources the event creates. */
  eventId: string;
  type: string;
  properties: JsonObject;
  lambda: CfnResource;
  role: CfnResource | undefined;
  alias: { id: string; name: string } | undefined;
  attributes: JsonObject;
  context: TransformContext;
}

export type FunctionEventHandler = (event: FunctionEvent) => GeneratedResources;

/** The path of an event property below its function. */
export function eventPath(event: FunctionEvent, ...rest: (string | number)[]): (string | number)[] {
  return ['Properties', 'Events', event.eventName, 'Properties', ...rest];
}

/** `{ Ref: alias }` when the function publishes an alias, else `{ Ref: function }`. */
export function functionReference(event: FunctionEvent): JsonObject {
  return ref(event.alias?.id ?? event.functionId);
}

/** The function's ARN as a target (rules, subscriptions): the alias when there is one. */
export function functionArn(event: FunctionEvent): JsonObject {
  return event.alias ? ref(event.alias.id) : getAtt(event.functionId, 'Arn');
}

/** `<event id>Permission<suffix>`: lets a service invoke the function. */
export function permission(
  event: FunctionEvent,
  principal: string,
  sourceArn?: JsonValue,
  sourceAccount?: JsonValue,
  suffix = '',
): GeneratedResources {
  const properties: JsonObject = {
    Action: 'lambda:InvokeFunction',
    FunctionName: functionReference(event),
    Principal: principal,
  };
  if (sourceArn !== undefined) properties.SourceArn = sourceArn;
  if (sourceAccount !== undefined) properties.SourceAccount = sourceAccount;
  return {
    [`${event.eventId}Permission${suffix}`]: {
      Type: 'AWS::Lambda::Permission',
      ...event.attributes,
      Properties: properties,
    },
  };
}

/** Refuses a missing required property ("Missing required property 'Queue'."), as the event's own resource. */
export function requireProperty(event: FunctionEvent, name: string): JsonValue {
  const value = event.properties[name];
  if (value === undefined || value === null)
    throw new EventResourceError(event, `Missing required property '${name}'.`, [name]);
  return value;
}

/** Checks an event property's type. */
export function checkEventKind(event: FunctionEvent, name: string, kind: PropertyKind): void {
  const value = event.properties[name];
  if (value === undefined || value === null || isIntrinsic(value)) return;
  const ok =
    kind === 'string'
      ? typeof value === 'string'
      : kind === 'map'
        ? isObject(value)
        : kind === 'list'
          ? Array.isArray(value)
          : kind === 'boolean'
            ? typeof value === 'boolean'
            : kind === 'integer'
              ? Number.isInteger(value) || /^\d+$/.test(text(value))
              : true;
  if (!ok)
    throw new InvalidEventError(
      event.eventName,
      `Property '${name}' should be ${kind === 'map' ? 'a map' : kind === 'list' ? 'a list' : kind === 'integer' ? 'an integer' : `a ${kind}`}.`,
      eventPath(event, name),
    );
}

/**
 * An error the translator reports against the event's generated resource (`Resource with id [FnEvent] is
 * invalid.`), not against the function.
 */
export class EventResourceError extends Error {
  constructor(
    readonly event: FunctionEvent,
    readonly detail: string,
    readonly propertyPath: (string | number)[],
  ) {
    super(detail);
  }
}

/** A rule target's dead-letter queue: an existing ARN, or an SQS queue SAM creates with its policy. */
export function ruleDeadLetterConfig(
  eventName: string,
  eventId: string,
  ruleId: string,
  config: JsonValue | undefined,
  attributes: JsonObject,
  principal = 'events.amazonaws.com',
  path: (string | number)[] = [],
): { config: JsonObject | undefined; resources: GeneratedResources } {
  if (config === undefined) return { config: undefined, resources: {} };
  if (!isObject(config)) throw new InvalidEventError(eventName, "Property 'DeadLetterConfig' should be a map.", path);
  const hasArn = config.Arn !== undefined;
  const hasType = config.Type !== undefined;
  // The translator names the event by its generated ID in these messages (validate_dlq_config).
  if (hasArn && hasType)
    throw new InvalidEventError(eventId, "You can either define 'Arn' or 'Type' property of DeadLetterConfig.", path);
  if (hasType && config.Type !== 'SQS')
    throw new InvalidEventError(
      eventId,
      "The only valid value for 'Type' property of DeadLetterConfig is 'SQS'.",
      path,
    );
  if (!hasArn && !hasType)
    throw new InvalidEventError(eventId, "No 'Arn' or 'Type' property provided for DeadLetterConfig.", path);
  if (hasArn) return { config: { Arn: config.Arn! }, resources: {} };
  const queueId = config.QueueLogicalId ?? `${eventId}Queue`;
  if (typeof queueId !== 'string') throw new InvalidEventError(eventName, 'QueueLogicalId must be a string', path);
  const queue: CfnResource = { Type: 'AWS::SQS::Queue', ...attributes, Properties: {} };
  const policy: CfnResource = {
    Type: 'AWS::SQS::QueuePolicy',
    ...attributes,
    Properties: {
      Queues: [ref(queueId)],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Action: 'sqs:SendMessage',
            Effect: 'Allow',
            Principal: { Service: principal },
            Resource: getAtt(queueId, 'Arn'),
            Condition: { ArnEquals: { 'aws:SourceArn': getAtt(ruleId, 'Arn') } },
          },
        ],
      },
    },
  };
  return {
    config: { Arn: getAtt(queueId, 'Arn') },
    resources: { [queueId]: queue, [`${eventId}QueuePolicy`]: policy },
  };
}
