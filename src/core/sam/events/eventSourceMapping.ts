// The pull event sources (samtranslator/model/eventsources/pull.py): one Lambda::EventSourceMapping named
// `<function><event>`, properties passed through, and the execution role's access to the source.
import { InvalidEventError } from '../samTransformError';
import { isObject, type JsonObject, type JsonValue, text } from '../intrinsics';
import type { GeneratedResources } from '../transformContext';
import { managedPolicyArnOf } from '../iam/executionRole';
import { checkEventKind, eventPath, functionReference, requireProperty, type FunctionEvent } from './functionEvent';

/** Event properties the mapping takes under the same name. */
const PASSED = [
  'BatchSize',
  'Enabled',
  'StartingPosition',
  'StartingPositionTimestamp',
  'MaximumBatchingWindowInSeconds',
  'MaximumRetryAttempts',
  'BisectBatchOnFunctionError',
  'MaximumRecordAgeInSeconds',
  'ParallelizationFactor',
  'Topics',
  'Queues',
  'TumblingWindowInSeconds',
  'FunctionResponseTypes',
  'SelfManagedEventSource',
  'SelfManagedKafkaEventSourceConfig',
  'AmazonManagedKafkaEventSourceConfig',
  'FilterCriteria',
  'ScalingConfig',
  'DocumentDBEventSourceConfig',
  'KmsKeyArn',
  'MetricsConfig',
  'ProvisionedPollerConfig',
  'LoggingConfig',
];

export interface MappingSpec {
  /** The property naming the source (Queue, Stream, Broker, Cluster); absent for self-managed Kafka. */
  sourceProperty?: string;
  /** A managed policy the role gets, or an inline policy built from the event. */
  managedPolicy?: string;
  inlinePolicy?: (event: FunctionEvent) => JsonObject | undefined;
  requiresStartingPosition?: boolean;
}

export function eventSourceMapping(event: FunctionEvent, spec: MappingSpec): GeneratedResources {
  const properties: JsonObject = { FunctionName: functionReference(event) };
  if (spec.sourceProperty) properties.EventSourceArn = requireProperty(event, spec.sourceProperty);
  if (spec.requiresStartingPosition) requireProperty(event, 'StartingPosition');
  for (const name of ['BatchSize', 'MaximumBatchingWindowInSeconds']) checkEventKind(event, name, 'integer');
  checkEventKind(event, 'FilterCriteria', 'map');
  for (const name of PASSED) if (event.properties[name] !== undefined) properties[name] = event.properties[name]!;
  if (event.properties.SourceAccessConfigurations !== undefined)
    properties.SourceAccessConfigurations = event.properties.SourceAccessConfigurations;
  const destination = event.properties.DestinationConfig;
  if (destination !== undefined) {
    if (!isObject(destination))
      throw new InvalidEventError(
        event.eventName,
        "Property 'DestinationConfig' should be a map.",
        eventPath(event, 'DestinationConfig'),
      );
    properties.DestinationConfig = destinationConfig(event, destination);
  }
  if (event.role) {
    if (spec.managedPolicy) addManagedPolicy(event, managedPolicyArnOf(spec.managedPolicy, event.context));
    const inline = spec.inlinePolicy?.(event);
    if (inline) addInlinePolicy(event, inline);
  }
  return { [event.eventId]: { Type: 'AWS::Lambda::EventSourceMapping', ...event.attributes, Properties: properties } };
}

/** OnFailure destinations; SQS/SNS ones also give the role permission to send there. */
function destinationConfig(event: FunctionEvent, destination: JsonObject): JsonValue {
  const onFailure = destination.OnFailure;
  if (Object.keys(destination).length === 0) return destination;
  // Named by the event's generated ID, as the translator does.
  if (!isObject(onFailure))
    throw new InvalidEventError(
      event.eventId,
      "Property 'DestinationConfig.OnFailure' should be a map.",
      eventPath(event, 'DestinationConfig', 'OnFailure'),
    );
  const { Type: type, ...rest } = onFailure;
  if (type !== undefined && event.role) {
    const actions: Record<string, string> = { SQS: 'sqs:SendMessage', SNS: 'sns:publish', S3: 's3:PutObject' };
    const action = typeof type === 'string' ? actions[type] : undefined;
    if (!action && !['Kafka'].includes(text(type))) {
      throw new InvalidEventError(
        event.eventName,
        "The only valid values for 'Type' are 'SNS', 'SQS', and 'S3'",
        eventPath(event, 'DestinationConfig', 'OnFailure', 'Type'),
      );
    }
    if (action)
      addInlinePolicy(event, {
        PolicyName: `${event.eventId}${text(type)}Policy`,
        PolicyDocument: { Statement: [{ Action: action, Effect: 'Allow', Resource: rest.Destination ?? null }] },
      });
  }
  return { ...destination, OnFailure: rest };
}

export function addManagedPolicy(event: FunctionEvent, arn: string): void {
  const properties = event.role!.Properties as JsonObject;
  const list = (properties.ManagedPolicyArns ?? []) as JsonValue[];
  if (!list.includes(arn)) list.push(arn);
  properties.ManagedPolicyArns = list;
}

export function addInlinePolicy(event: FunctionEvent, policy: JsonObject): void {
  const properties = event.role!.Properties as JsonObject;
  properties.Policies = [...((properties.Policies ?? []) as JsonValue[]), policy];
}

/** The secrets and keys named by SourceAccessConfigurations of a given type. */
export function accessConfigurationUris(event: FunctionEvent, ...types: string[]): JsonValue[] {
  const configurations = event.properties.SourceAccessConfigurations;
  if (!Array.isArray(configurations)) return [];
  return configurations
    .filter((item) => isObject(item) && types.includes(text(item.Type)))
    .map((item) => (item as JsonObject).URI ?? null);
}
