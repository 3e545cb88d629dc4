// The types the translator's event source models declare for their properties (samtranslator/model/eventsources,
// `property_types`), checked when an event is read, before anything is generated: a wrong type fails the event's own
// resource ("Resource with id [FnEvent] is invalid."). `kind!` words the error with the type ("Property 'X' should
// be a map."), plain `kind` says "Type of property 'X' is invalid."; `#` marks properties where an intrinsic is not
// accepted either. Properties of other shapes (one of several types) are checked by each event's handler, and so is
// SelfManagedKafka, whose own checks (the event's) come first.
import { isIntrinsic, isObject, type JsonObject, type JsonValue } from '../intrinsics';

type Declared = `${'string' | 'map' | 'list' | 'integer' | 'boolean'}${'' | '!'}${'' | '#'}`;

/** PullEventSource's properties: every polled source (SQS, Kinesis, DynamoDB, MQ, MSK, DocumentDB) shares them. */
const PULL_EVENT_SOURCE: Readonly<Record<string, Declared>> = {
  BatchSize: 'integer',
  Enabled: 'boolean',
  MaximumBatchingWindowInSeconds: 'integer',
  MaximumRetryAttempts: 'integer',
  BisectBatchOnFunctionError: 'boolean',
  MaximumRecordAgeInSeconds: 'integer',
  DestinationConfig: 'map!',
  ParallelizationFactor: 'integer',
  Topics: 'list',
  Queues: 'list',
  SourceAccessConfigurations: 'list',
  SecretsManagerKmsKeyId: 'string!',
  TumblingWindowInSeconds: 'integer',
  FunctionResponseTypes: 'list',
  KafkaBootstrapServers: 'list',
  FilterCriteria: 'map!',
  ConsumerGroupId: 'string!',
  ScalingConfig: 'map!',
  ProvisionedPollerConfig: 'map!',
  SchemaRegistryConfig: 'map!',
  MetricsConfig: 'map!',
  LoggingConfig: 'map!',
};

/** CloudWatchEvent and EventBridgeRule are one event source under two names. */
const EVENT_RULE: Readonly<Record<string, Declared>> = {
  EventBusName: 'string!',
  RuleName: 'string!',
  Pattern: 'map!',
  DeadLetterConfig: 'map!',
  RetryPolicy: 'map!',
  Input: 'string!',
  InputPath: 'string!',
  Target: 'map!',
  Enabled: 'boolean',
  State: 'string!',
  InputTransformer: 'map!',
};

const DECLARED: Readonly<Record<string, Readonly<Record<string, Declared>>>> = {
  AlexaSkill: { SkillId: 'string!' },
  Api: {
    Path: 'string!',
    Method: 'string!',
    RestApiId: 'string!',
    Stage: 'string!',
    Auth: 'map!',
    RequestModel: 'map!',
    RequestParameters: 'list',
    TimeoutInMillis: 'integer',
    ResponseTransferMode: 'string!',
  },
  CloudWatchEvent: EVENT_RULE,
  Cognito: { UserPool: 'string!' },
  EventBridgeRule: EVENT_RULE,
  HttpApi: {
    Path: 'string!',
    Method: 'string!',
    ApiId: 'string!',
    Stage: 'string!',
    Auth: 'map!',
    TimeoutInMillis: 'integer',
    RouteSettings: 'map!',
    PayloadFormatVersion: 'string!',
  },
  IoTRule: { Sql: 'string!', AwsIotSqlVersion: 'string!' },
  S3: { Bucket: 'string!' },
  SNS: { Topic: 'string!', Region: 'string!', RedrivePolicy: 'map!' },
  Schedule: {
    Schedule: 'string!',
    RuleName: 'string!',
    Input: 'string!',
    Enabled: 'boolean',
    State: 'string!',
    Name: 'string!',
    Description: 'string!',
    DeadLetterConfig: 'map!',
    RetryPolicy: 'map!',
  },
  DocumentDB: PULL_EVENT_SOURCE,
  DynamoDB: PULL_EVENT_SOURCE,
  Kinesis: PULL_EVENT_SOURCE,
  MQ: { ...PULL_EVENT_SOURCE, DynamicPolicyName: 'boolean#' },
  MSK: PULL_EVENT_SOURCE,
  SQS: PULL_EVENT_SOURCE,
  ScheduleV2: {
    PermissionsBoundary: 'string!',
    ScheduleExpression: 'string!',
    FlexibleTimeWindow: 'map!',
    Name: 'string!',
    State: 'string!',
    Description: 'string!',
    StartDate: 'string!',
    EndDate: 'string!',
    ScheduleExpressionTimezone: 'string!',
    GroupName: 'string!',
    KmsKeyArn: 'string!',
    Input: 'string!',
    RoleArn: 'string!',
    DeadLetterConfig: 'map!',
    RetryPolicy: 'map!',
    OmitName: 'boolean#',
  },
  CloudWatchLogs: { LogGroupName: 'string!', FilterPattern: 'string!' },
};

function hasKind(value: JsonValue, kind: string): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'map':
      return isObject(value);
    case 'list':
      return Array.isArray(value);
    case 'integer':
      // Python's bool is an int.
      return Number.isInteger(value) || typeof value === 'boolean';
    default:
      return typeof value === 'boolean';
  }
}

/** The first property of an event whose type the translator refuses, with its message; undefined when none. */
export function misTypedEventProperty(
  type: string,
  properties: JsonObject,
): { name: string; message: string } | undefined {
  for (const [name, declared] of Object.entries(DECLARED[type] ?? {})) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    if (!declared.endsWith('#') && isIntrinsic(value)) continue;
    const kind = declared.replace(/[!#]/g, '');
    if (hasKind(value, kind)) continue;
    const message = declared.includes('!')
      ? `Property '${name}' should be a ${kind}.`
      : `Type of property '${name}' is invalid.`;
    return { name, message };
  }
  return undefined;
}
