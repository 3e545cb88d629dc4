// Dispatches a function's Events to one module per event source type, after the checks every source shares:
// a known Type, Properties as a map, and only the properties that type takes.
import { misTypedEventProperty } from './eventPropertyTypes';
import { InvalidEventError, InvalidResourceError } from '../samTransformError';
import { isObject, type JsonObject, text } from '../intrinsics';
import type { CfnResource, GeneratedResources, TransformContext } from '../transformContext';
import { apiEvent } from './apiEvent';
import { httpApiEvent } from './httpApiEvent';
import { documentDbEvent } from './documentDb';
import { dynamoDbEvent } from './dynamoDb';
import { cloudWatchEvent, scheduleEvent } from './eventRules';
import { EventResourceError, type FunctionEvent, type FunctionEventHandler } from './functionEvent';
import { kinesisEvent } from './kinesis';
import { mqEvent } from './mq';
import { mskEvent } from './msk';
import { s3Event } from './s3';
import { scheduleV2Event } from './scheduleV2';
import { selfManagedKafkaEvent } from './selfManagedKafka';
import { alexaSkillEvent, cloudWatchLogsEvent, cognitoEvent, iotRuleEvent } from './smallPushEvents';
import { snsEvent } from './sns';
import { sqsEvent } from './sqs';

interface EventSourceSpec {
  handler: FunctionEventHandler;
  /** Pull sources report unknown properties against the function, push sources against the event's resource. */
  pull: boolean;
  properties: readonly string[];
}

const STREAM = [
  'BatchSize',
  'BisectBatchOnFunctionError',
  'DestinationConfig',
  'Enabled',
  'FilterCriteria',
  'FunctionResponseTypes',
  'KmsKeyArn',
  'MaximumBatchingWindowInSeconds',
  'MaximumRecordAgeInSeconds',
  'MaximumRetryAttempts',
  'MetricsConfig',
  'ParallelizationFactor',
  'StartingPosition',
  'StartingPositionTimestamp',
  'Stream',
  'TumblingWindowInSeconds',
];
const KAFKA = [
  'BatchSize',
  'BisectBatchOnFunctionError',
  'ConsumerGroupId',
  'DestinationConfig',
  'Enabled',
  'FilterCriteria',
  'FunctionResponseTypes',
  'KmsKeyArn',
  'LoggingConfig',
  'MaximumBatchingWindowInSeconds',
  'MaximumRecordAgeInSeconds',
  'MaximumRetryAttempts',
  'MetricsConfig',
  'ProvisionedPollerConfig',
  'SchemaRegistryConfig',
  'SourceAccessConfigurations',
  'StartingPosition',
  'StartingPositionTimestamp',
  'Topics',
  'SecretsManagerKmsKeyId',
];

export const FUNCTION_EVENT_SOURCES: Readonly<Record<string, EventSourceSpec>> = {
  SQS: {
    handler: sqsEvent,
    pull: true,
    properties: [
      'BatchSize',
      'Enabled',
      'FilterCriteria',
      'FunctionResponseTypes',
      'KmsKeyArn',
      'MaximumBatchingWindowInSeconds',
      'MetricsConfig',
      'Queue',
      'ScalingConfig',
    ],
  },
  Kinesis: { handler: kinesisEvent, pull: true, properties: STREAM },
  DynamoDB: { handler: dynamoDbEvent, pull: true, properties: STREAM },
  MSK: { handler: mskEvent, pull: true, properties: [...KAFKA, 'Stream'] },
  SelfManagedKafka: { handler: selfManagedKafkaEvent, pull: true, properties: [...KAFKA, 'KafkaBootstrapServers'] },
  MQ: {
    handler: mqEvent,
    pull: true,
    properties: [
      'BatchSize',
      'Broker',
      'DynamicPolicyName',
      'Enabled',
      'FilterCriteria',
      'KmsKeyArn',
      'MaximumBatchingWindowInSeconds',
      'Queues',
      'SecretsManagerKmsKeyId',
      'SourceAccessConfigurations',
    ],
  },
  DocumentDB: {
    handler: documentDbEvent,
    pull: true,
    properties: [
      'BatchSize',
      'Cluster',
      'CollectionName',
      'DatabaseName',
      'Enabled',
      'FilterCriteria',
      'FullDocument',
      'KmsKeyArn',
      'MaximumBatchingWindowInSeconds',
      'SecretsManagerKmsKeyId',
      'SourceAccessConfigurations',
      'StartingPosition',
      'StartingPositionTimestamp',
    ],
  },
  S3: { handler: s3Event, pull: false, properties: ['Bucket', 'Events', 'Filter'] },
  SNS: {
    handler: snsEvent,
    pull: false,
    properties: ['FilterPolicy', 'FilterPolicyScope', 'Region', 'SqsSubscription', 'Topic', 'RedrivePolicy'],
  },
  Schedule: {
    handler: scheduleEvent,
    pull: false,
    properties: ['DeadLetterConfig', 'Description', 'Enabled', 'Input', 'Name', 'RetryPolicy', 'Schedule', 'State'],
  },
  ScheduleV2: {
    handler: scheduleV2Event,
    pull: false,
    properties: [
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
  },
  CloudWatchEvent: {
    handler: cloudWatchEvent,
    pull: false,
    properties: [
      'DeadLetterConfig',
      'Enabled',
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
  },
  EventBridgeRule: {
    handler: cloudWatchEvent,
    pull: false,
    properties: [
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
  },
  CloudWatchLogs: { handler: cloudWatchLogsEvent, pull: false, properties: ['FilterPattern', 'LogGroupName'] },
  IoTRule: { handler: iotRuleEvent, pull: false, properties: ['AwsIotSqlVersion', 'Sql'] },
  AlexaSkill: { handler: alexaSkillEvent, pull: false, properties: ['SkillId'] },
  Cognito: { handler: cognitoEvent, pull: false, properties: ['Trigger', 'UserPool'] },
  Api: {
    handler: apiEvent,
    pull: false,
    properties: [
      'Auth',
      'Method',
      'Path',
      'RequestModel',
      'RequestParameters',
      'ResponseTransferMode',
      'RestApiId',
      'TimeoutInMillis',
    ],
  },
  HttpApi: {
    handler: httpApiEvent,
    pull: false,
    properties: ['ApiId', 'Auth', 'Method', 'Path', 'PayloadFormatVersion', 'RouteSettings', 'TimeoutInMillis'],
  },
};

export interface FunctionEventsInput {
  logicalId: string;
  properties: JsonObject;
  lambda: CfnResource;
  role: CfnResource | undefined;
  alias: { id: string; name: string } | undefined;
  attributes: JsonObject;
  context: TransformContext;
}

export function functionEventResources(input: FunctionEventsInput): GeneratedResources {
  const events = input.properties.Events;
  if (events === undefined || events === null) return {};
  const resources: GeneratedResources = {};
  for (const [eventName, definition] of Object.entries(isObject(events) ? events : {})) {
    const path = ['Properties', 'Events', eventName];
    if (!isObject(definition)) throw new InvalidEventError(eventName, 'Event must be a map.', path);
    const type = definition.Type;
    const spec = typeof type === 'string' ? FUNCTION_EVENT_SOURCES[type] : undefined;
    if (!spec) {
      throw new InvalidEventError(eventName, `Type '${text(type)}' is not a supported event type.`.replace(/^/, ''), [
        ...path,
        'Type',
      ]);
    }
    const properties = definition.Properties ?? {};
    if (!isObject(properties))
      throw new InvalidEventError(eventName, "Property 'Properties' should be a map.", [...path, 'Properties']);
    const eventId = `${input.logicalId}${eventName}`;
    for (const name of Object.keys(properties)) {
      if (spec.properties.includes(name)) continue;
      if (spec.pull)
        throw new InvalidEventError(
          eventName,
          `Property ${name} not defined for resource of type ${text(type)}.`.replace(/\.$/, ''),
          [...path, 'Properties', name],
        );
      throw new InvalidResourceError(
        eventId,
        `property ${name} not defined for resource of type ${text(type)}`,
        [],
        ['Resources', input.logicalId, ...path, 'Properties', name],
      );
    }
    const misTyped = misTypedEventProperty(text(type), properties);
    if (misTyped)
      throw new InvalidResourceError(
        eventId,
        misTyped.message,
        [],
        ['Resources', input.logicalId, ...path, 'Properties', misTyped.name],
      );
    const event: FunctionEvent = {
      functionId: input.logicalId,
      eventName,
      eventId,
      type: text(type),
      properties: structuredClone(properties),
      lambda: input.lambda,
      role: input.role,
      alias: input.alias,
      attributes: input.attributes,
      context: input.context,
    };
    try {
      Object.assign(resources, spec.handler(event));
    } catch (error) {
      if (error instanceof EventResourceError)
        throw new InvalidResourceError(
          eventId,
          error.detail,
          [],
          ['Resources', input.logicalId, ...path, 'Properties', ...error.propertyPath],
        );
      throw error;
    }
  }
  return resources;
}
