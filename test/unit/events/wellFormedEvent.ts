// Checks that an event is well-formed for its source: the invariants a real event of that source holds (ARN
// formats, id formats, timestamps in the source's own format, fields that must agree with each other).
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  CloudFormationCustomResourceEvent,
  CloudWatchLogsDecodedData,
  CloudWatchLogsEvent,
  CodePipelineEvent,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  MSKEvent,
  SESEvent,
  SNSEvent,
  SQSEvent,
  SelfManagedKafkaEvent,
} from 'aws-lambda';
import type { CognitoTriggerEvent } from '../../../src/core/events/cognitoEvents';
import type {
  ActiveMQEvent,
  ConfigRuleEvent,
  RabbitMQEvent,
  S3ObjectRemovedEvent,
} from '../../../src/core/events/eventShapes';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_MILLISECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const COMMON_LOG_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The parts of an ARN, asserting its general shape and the service. */
export function assertArn(value: unknown, service: string): { region: string; account: string; resource: string } {
  assert.equal(typeof value, 'string', `ARN expected, got ${JSON.stringify(value)}`);
  const match = /^arn:(aws|aws-cn|aws-us-gov):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(String(value));
  assert.ok(match, `not an ARN: ${String(value)}`);
  assert.equal(match[2], service, `ARN of ${service} expected: ${String(value)}`);
  return { region: match[3] ?? '', account: match[4] ?? '', resource: match[5] ?? '' };
}

function assertBase64(value: unknown): string {
  assert.equal(typeof value, 'string');
  assert.match(String(value), /^[A-Za-z0-9+/]*={0,2}$/);
  return Buffer.from(String(value), 'base64').toString('utf8');
}

function routeParameters(route: string): string[] {
  return [...route.matchAll(/\{([^{}/]+?)\+?\}/g)].map((match) => match[1] ?? '');
}

function assertRouteFilled(route: string, path: string, parameters: object | null | undefined): void {
  assert.ok(!path.includes('{'), `path still has a template: ${path}`);
  const names = routeParameters(route);
  assert.deepEqual(Object.keys(parameters ?? {}).sort(), [...names].sort(), `path parameters of ${route}`);
  const pattern = route.replace(/\{[^{}/]+\+\}/g, '.+').replace(/\{[^{}/]+\}/g, '[^/]+');
  assert.match(path, new RegExp(`^${pattern}$`), `${path} does not fit ${route}`);
}

function assertHttpV1(event: APIGatewayProxyEvent): void {
  assert.match(event.resource, /^\//);
  assertRouteFilled(event.resource, event.path, event.pathParameters);
  const context = event.requestContext;
  assert.match(context.httpMethod, /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/);
  assert.equal(context.httpMethod, event.httpMethod);
  assert.equal(context.resourcePath, event.resource);
  assert.equal(context.path, `/${context.stage}${event.path}`);
  assert.match(context.requestId, UUID);
  assert.match(context.requestTime ?? '', COMMON_LOG_TIME);
  assert.equal(typeof context.requestTimeEpoch, 'number');
  assert.match(context.accountId, ACCOUNT);
  assert.match(context.apiId, /^[a-z0-9]{10}$/);
  assert.equal(event.headers.Host, context.domainName);
  for (const [name, value] of Object.entries(event.headers)) assert.deepEqual(event.multiValueHeaders[name], [value]);
  assert.ok(event.body === null || typeof event.body === 'string');
}

function assertHttpV2(event: APIGatewayProxyEventV2, functionUrl: boolean): void {
  assert.equal(event.version, '2.0');
  const context = event.requestContext;
  assert.equal(context.routeKey, event.routeKey);
  assert.match(context.time, COMMON_LOG_TIME);
  assert.equal(context.http.path, event.rawPath);
  assert.equal(event.headers.host, context.domainName);
  if (functionUrl) {
    assert.equal(event.routeKey, '$default');
    assert.match(context.domainName, /^[a-z0-9]{32}\.lambda-url\.[a-z0-9-]+\.on\.aws$/);
    assert.match(context.requestId, UUID);
    return;
  }
  assert.match(context.domainName, /^[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/);
  if (event.routeKey !== '$default') {
    const [method, route] = event.routeKey.split(' ');
    assert.match(method ?? '', /^(ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/);
    const path = context.stage === '$default' ? event.rawPath : event.rawPath.replace(`/${context.stage}`, '');
    assertRouteFilled(route ?? '', path, event.pathParameters);
  }
}

/** Asserts everything a `sourceId` event must hold; throws an AssertionError that says what is off. */
export function assertWellFormed(sourceId: string, event: unknown): void {
  assert.ok(event !== undefined && event !== null, `${sourceId}: no event`);
  switch (sourceId) {
    case 'apigateway-rest':
      return assertHttpV1(event as APIGatewayProxyEvent);
    case 'apigateway-http':
      return assertHttpV2(event as APIGatewayProxyEventV2, false);
    case 'function-url':
      return assertHttpV2(event as APIGatewayProxyEventV2, true);
    case 'alb':
      return assertAlb(event as ALBEvent);
    case 'sqs':
      return assertSqs(event as SQSEvent);
    case 'sns':
      return assertSns(event as SNSEvent);
    case 's3-put':
    case 's3-delete':
      return assertS3(
        event as S3ObjectRemovedEvent & { Records: Array<{ s3: { object: { eTag?: string; size?: number } } }> },
        sourceId === 's3-put',
      );
    case 'dynamodb-stream':
      return assertDynamoDb(event as DynamoDBStreamEvent);
    case 'kinesis':
      return assertKinesis(event as KinesisStreamEvent);
    case 'kafka-msk':
    case 'kafka-self-managed':
      return assertKafka(event as MSKEvent | SelfManagedKafkaEvent);
    case 'mq-activemq':
      return assertActiveMq(event as ActiveMQEvent);
    case 'mq-rabbitmq':
      return assertRabbitMq(event as RabbitMQEvent);
    case 'eventbridge':
    case 'eventbridge-scheduled':
      return assertEventBridge(event as EventBridgeEvent<string, unknown>, sourceId === 'eventbridge-scheduled');
    case 'cloudwatch-logs':
      return assertCloudWatchLogs(event as CloudWatchLogsEvent);
    case 'cognito':
      return assertCognito(event as CognitoTriggerEvent);
    case 'cloudformation-custom-resource':
      return assertCustomResource(event as CloudFormationCustomResourceEvent);
    case 'ses':
      return assertSes(event as SESEvent);
    case 'codepipeline':
      assert.match((event as CodePipelineEvent)['CodePipeline.job'].id, UUID);
      return;
    case 'config-rule': {
      const rule = event as ConfigRuleEvent;
      assert.ok((JSON.parse(rule.invokingEvent) as { messageType?: string }).messageType);
      assertArn(rule.configRuleArn, 'config');
      return;
    }
    case 'iot':
    case 'stepfunctions':
      return;
    default:
      assert.fail(`no well-formedness check for ${sourceId}`);
  }
}

function assertAlb(event: ALBEvent): void {
  assertArn(event.requestContext.elb.targetGroupArn, 'elasticloadbalancing');
  assert.equal(typeof event.body, 'string');
  assert.ok(event.headers ?? event.multiValueHeaders);
}

function assertSqs(event: SQSEvent): void {
  assert.ok(event.Records.length > 0);
  for (const record of event.Records) {
    assert.match(record.messageId, UUID);
    assert.equal(record.eventSource, 'aws:sqs');
    const arn = assertArn(record.eventSourceARN, 'sqs');
    assert.match(arn.resource, /^[\w-]{1,75}(\.fifo)?$/);
    assert.equal(record.awsRegion, arn.region);
    assert.equal(record.md5OfBody, createHash('md5').update(record.body).digest('hex'));
    assert.match(record.attributes.SentTimestamp, /^\d{13}$/);
    if (arn.resource.endsWith('.fifo')) assert.ok(record.attributes.MessageGroupId);
  }
}

function assertSns(event: SNSEvent): void {
  for (const record of event.Records) {
    assert.equal(record.EventSource, 'aws:sns');
    assertArn(record.Sns.TopicArn, 'sns');
    assert.ok(record.EventSubscriptionArn.startsWith(`${record.Sns.TopicArn}:`));
    assert.match(record.Sns.Timestamp, ISO_MILLISECONDS);
    assert.match(record.Sns.MessageId, UUID);
    assert.equal(typeof record.Sns.Message, 'string');
  }
}

type AnyS3Event = {
  Records: Array<S3ObjectRemovedEvent['Records'][number] & { s3: { object: { eTag?: string; size?: number } } }>;
};

function assertS3(event: AnyS3Event, created: boolean): void {
  for (const record of event.Records) {
    assert.equal(record.eventSource, 'aws:s3');
    assert.match(
      record.eventName,
      created
        ? /^(ObjectCreated|ObjectRestore|ObjectTagging|ObjectAcl|Replication):/
        : /^(ObjectRemoved|LifecycleExpiration):/,
    );
    assert.match(record.eventTime, ISO_MILLISECONDS);
    assert.match(record.s3.bucket.name, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
    assert.equal(record.s3.bucket.arn, `arn:aws:s3:::${record.s3.bucket.name}`);
    assert.ok(record.s3.object.key.length > 0);
    if (created) assert.match(record.s3.object.eTag ?? '', /^[0-9a-f]{32}$/);
    else assert.equal(record.s3.object.size, undefined);
  }
}

function assertDynamoDb(event: DynamoDBStreamEvent): void {
  for (const record of event.Records) {
    assert.equal(record.eventSource, 'aws:dynamodb');
    assert.match(assertArn(record.eventSourceARN, 'dynamodb').resource, /^table\/[\w.-]+\/stream\/\S+$/);
    assert.match(record.eventName ?? '', /^(INSERT|MODIFY|REMOVE)$/);
    const change = record.dynamodb;
    assert.ok(change?.Keys && Object.keys(change.Keys).length > 0);
    for (const key of Object.keys(change.Keys)) {
      if (change.NewImage) assert.deepEqual(change.NewImage[key], change.Keys[key]);
    }
    assert.ok(Number.isInteger(change.ApproximateCreationDateTime));
    assert.ok((change.ApproximateCreationDateTime ?? 0) < 1e11, 'seconds, not milliseconds');
  }
}

function assertKinesis(event: KinesisStreamEvent): void {
  for (const record of event.Records) {
    assert.equal(record.eventSource, 'aws:kinesis');
    assert.match(assertArn(record.eventSourceARN, 'kinesis').resource, /^stream\/[\w.-]+$/);
    assertBase64(record.kinesis.data);
    assert.match(record.kinesis.sequenceNumber, /^\d{56}$/);
    assert.equal(record.eventID, `shardId-000000000000:${record.kinesis.sequenceNumber}`);
    assert.ok(record.kinesis.approximateArrivalTimestamp < 1e11, 'seconds, not milliseconds');
  }
}

function assertKafka(event: MSKEvent | SelfManagedKafkaEvent): void {
  if (event.eventSource === 'aws:kafka') {
    assert.match(assertArn(event.eventSourceArn, 'kafka').resource, /^cluster\//);
  } else {
    assert.equal(event.eventSource, 'SelfManagedKafka');
  }
  assert.match(event.bootstrapServers, /^[\w.-]+:\d+(,[\w.-]+:\d+)*$/);
  for (const [key, records] of Object.entries(event.records)) {
    for (const record of records) {
      assert.equal(key, `${record.topic}-${record.partition}`);
      assertBase64(record.value);
    }
  }
}

function assertActiveMq(event: ActiveMQEvent): void {
  assert.equal(event.eventSource, 'aws:mq');
  assert.match(assertArn(event.eventSourceArn, 'mq').resource, /^broker:/);
  for (const message of event.messages) assertBase64(message.data);
}

function assertRabbitMq(event: RabbitMQEvent): void {
  assert.equal(event.eventSource, 'aws:rmq');
  assertArn(event.eventSourceArn, 'mq');
  for (const [key, messages] of Object.entries(event.rmqMessagesByQueue)) {
    assert.match(key, /^.+::.+$/);
    for (const message of messages) {
      assert.equal(Buffer.byteLength(assertBase64(message.data)), message.basicProperties.bodySize);
    }
  }
}

function assertEventBridge(event: EventBridgeEvent<string, unknown>, scheduled: boolean): void {
  assert.equal(event.version, '0');
  assert.match(event.id, UUID);
  assert.match(event.time, ISO_SECONDS);
  assert.match(event.account, ACCOUNT);
  assert.match(event.region, REGION);
  assert.ok(Array.isArray(event.resources));
  assert.ok(event.detail !== undefined);
  if (scheduled) {
    assert.equal(event['detail-type'], 'Scheduled Event');
    assertArn(event.resources[0], event.source === 'aws.scheduler' ? 'scheduler' : 'events');
  }
}

function assertCloudWatchLogs(event: CloudWatchLogsEvent): void {
  const payload = JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as CloudWatchLogsDecodedData;
  assert.equal(payload.messageType, 'DATA_MESSAGE');
  assert.match(payload.owner, ACCOUNT);
  assert.ok(payload.logGroup && payload.logStream && payload.subscriptionFilters.length === 1);
  for (const logEvent of payload.logEvents) {
    assert.match(logEvent.id, /^\d{56}$/);
    assert.ok(Number.isInteger(logEvent.timestamp));
  }
}

function assertCognito(event: CognitoTriggerEvent): void {
  assert.equal(event.version, '1');
  assert.match(event.userPoolId, /^[a-z]{2}(-[a-z]+)+-\d_[A-Za-z0-9]{9}$/);
  assert.equal(event.region, event.userPoolId.split('_')[0]);
  assert.ok(event.request && event.response);
}

function assertCustomResource(event: CloudFormationCustomResourceEvent): void {
  assert.match(event.RequestType, /^(Create|Update|Delete)$/);
  assertArn(event.ServiceToken, 'lambda');
  assert.equal(event.ResourceProperties.ServiceToken, event.ServiceToken);
  assert.match(event.ResponseURL, /^https:\/\//);
  assertArn(event.StackId, 'cloudformation');
  assert.match(event.RequestId, UUID);
}

function assertSes(event: SESEvent): void {
  const [record] = event.Records;
  assert.equal(record?.eventSource, 'aws:ses');
  const action = record?.ses.receipt.action;
  assert.equal(action?.type, 'Lambda');
  if (action?.type === 'Lambda') assertArn(action.functionArn, 'lambda');
}
