import { strict as assert } from 'node:assert';
import type {
  ALBEvent,
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceEvent,
  CloudFormationCustomResourceUpdateEvent,
  CloudWatchLogsDecodedData,
  CloudWatchLogsEvent,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  LambdaFunctionURLEventWithIAMAuthorizer,
  MSKEvent,
  S3Event,
  SNSEvent,
  SQSEvent,
  ScheduledEvent,
  SelfManagedKafkaEvent,
} from 'aws-lambda';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { createEventContext, formatRabbitTimestamp, type EventContext } from '../../../src/core/events/eventContext';
import { EVENT_SOURCES, findEventSource, generateEvent } from '../../../src/core/events/eventSourceCatalog';
import type { CognitoTriggerEvent } from '../../../src/core/events/cognitoEvents';
import type {
  ActiveMQEvent,
  ConfigRuleEvent,
  RabbitMQEvent,
  S3ObjectRemovedEvent,
  StepFunctionsContextObject,
} from '../../../src/core/events/eventShapes';
import { md5OfMessageAttributes } from '../../../src/core/events/messagingEvents';
import { WorkbenchError } from '../../../src/core/errors';
import { COMMON_LOG_TIME, ISO_MILLISECONDS, ISO_SECONDS, UUID, assertWellFormed } from './wellFormedEvent';

const NOW = new Date('2025-03-04T05:06:07.089Z');

function context(overrides: Parameters<typeof createEventContext>[0] = {}): EventContext {
  let counter = 0;
  return createEventContext({
    now: NOW,
    newUuid: () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
    ...overrides,
  });
}

/** Generates an event and views it as the handler type the source documents. */
function generate<T>(source: string, options: Record<string, unknown> = {}, overrides = {}): T {
  return generateEvent(source, options, context(overrides)) as T;
}

describe('event generators', () => {
  it('generates a well-formed event for every source with default options', () => {
    assert.ok(EVENT_SOURCES.length >= 24);
    for (const source of EVENT_SOURCES) {
      const event = generateEvent(source.id, {}, createEventContext());
      assertWellFormed(source.id, event);
    }
  });

  it('stamps the region, account and partition into ARNs and ids', () => {
    const options = { region: 'eu-west-2', accountId: '210987654321' };
    const sqs = generate<SQSEvent>('sqs', { queue: 'orders' }, options);
    assert.equal(sqs.Records[0]?.eventSourceARN, 'arn:aws:sqs:eu-west-2:210987654321:orders');
    assert.equal(sqs.Records[0]?.awsRegion, 'eu-west-2');
    const china = generate<SNSEvent>('sns', { topic: 'alerts' }, { region: 'cn-north-1' });
    assert.equal(china.Records[0]?.Sns.TopicArn, 'arn:aws-cn:sns:cn-north-1:123456789012:alerts');
    const scheduled = generate<ScheduledEvent>('schedule', { name: 'nightly' }, options);
    assert.deepEqual(scheduled.resources, ['arn:aws:events:eu-west-2:210987654321:rule/nightly']);
    const api = generate<APIGatewayProxyEvent>('api', {}, options);
    assert.match(api.requestContext.domainName ?? '', /^[a-z0-9]{10}\.execute-api\.eu-west-2\.amazonaws\.com$/);
    assert.equal(api.requestContext.accountId, '210987654321');
  });

  it('rejects a malformed region, account or unknown source with a hint', () => {
    assert.throws(
      () => createEventContext({ region: 'Europe' }),
      (error: unknown) => {
        return error instanceof WorkbenchError && error.code === 'InvalidRegion' && /us-east-1/.test(error.hint ?? '');
      },
    );
    assert.throws(() => createEventContext({ accountId: '123' }), /not an AWS account id/);
    assert.throws(
      () => findEventSource('carrier-pigeon'),
      (error: unknown) => error instanceof WorkbenchError && /sqs/.test(error.hint ?? ''),
    );
    assert.throws(() => generate('sqs', { count: 'many' }), /needs a number/);
    assert.throws(() => generate('eventbridge', { detail: '{oops' }), /needs JSON/);
    assert.throws(() => generate('dynamodb', { 'event-name': 'UPSERT' }), /one of INSERT, MODIFY, REMOVE/);
  });

  describe('HTTP', () => {
    it('fills a REST route with sample values and keeps the stage out of the path', () => {
      const event = generate<APIGatewayProxyEvent>('api', {
        resource: '/users/{id}/files/{proxy+}',
        method: 'ANY',
        query: 'a=1&a=2&b=x',
      });
      assert.equal(event.httpMethod, 'GET');
      assert.equal(event.path, '/users/123/files/path/to/resource');
      assert.deepEqual(event.pathParameters, { id: '123', proxy: 'path/to/resource' });
      assert.equal(event.requestContext.path, '/Prod/users/123/files/path/to/resource');
      assert.deepEqual(event.queryStringParameters, { a: '2', b: 'x' });
      assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1', '2'], b: ['x'] });
      assert.equal(event.body, null);
      assert.match(event.requestContext.requestTime ?? '', COMMON_LOG_TIME);
      assert.equal(event.requestContext.requestTime, '04/Mar/2025:05:06:07 +0000');
      assert.equal(event.requestContext.requestTimeEpoch, NOW.getTime());
      assert.match(event.requestContext.requestId, UUID);
    });

    it('binds a concrete path to the route and encodes bodies', () => {
      const event = generate<APIGatewayProxyEvent>('api', {
        resource: '/orders/{orderId}',
        path: '/orders/o-42',
        method: 'post',
        body: '{"n":1}',
        base64: true,
      });
      assert.deepEqual(event.pathParameters, { orderId: 'o-42' });
      assert.equal(event.isBase64Encoded, true);
      assert.equal(Buffer.from(event.body ?? '', 'base64').toString(), '{"n":1}');
      assert.throws(() => generate('api', { resource: '/orders/{id}', path: '/users/1' }), /does not match the route/);
      assert.throws(() => generate('api', { method: 'FETCH' }), /not an HTTP method/);
    });

    it('shapes HTTP API payload 2.0: lower-case headers, joined query values, stage in rawPath only when named', () => {
      const event = generate<APIGatewayProxyEventV2>('http-api', {
        resource: '/items/{id}',
        query: 'tag=a&tag=b',
        cookie: ['s=1'],
      });
      assert.equal(event.routeKey, 'GET /items/{id}');
      assert.equal(event.rawPath, '/items/123');
      assert.equal(event.requestContext.stage, '$default');
      assert.deepEqual(event.queryStringParameters, { tag: 'a,b' });
      assert.deepEqual(event.cookies, ['s=1']);
      assert.ok(Object.keys(event.headers).every((name) => name === name.toLowerCase()));
      assert.equal(event.body, undefined);
      const staged = generate<APIGatewayProxyEventV2>('http-api', { resource: '/items', stage: 'prod' });
      assert.equal(staged.rawPath, '/prod/items');
    });

    it('gives function URL events an anonymous account unless IAM-authorised', () => {
      const open = generate<LambdaFunctionURLEventWithIAMAuthorizer>('function-url', { path: '/hello' });
      assert.equal(open.requestContext.accountId, 'anonymous');
      assert.equal((open.requestContext as { authorizer?: unknown }).authorizer, undefined);
      const iam = generate<LambdaFunctionURLEventWithIAMAuthorizer>('function-url', { 'auth-type': 'AWS_IAM' });
      assert.equal(iam.requestContext.accountId, '123456789012');
      assert.match(iam.requestContext.authorizer.iam.userArn, /^arn:aws:sts::123456789012:assumed-role\//);
      assert.equal(
        findEventSource('function-url').typeFor({ 'auth-type': 'AWS_IAM' }).name,
        'LambdaFunctionURLEventWithIAMAuthorizer',
      );
    });

    it('switches ALB events to multi-value fields when the target group asks', () => {
      const single = generate<ALBEvent>('alb', { query: 'a=1&a=2' });
      assert.deepEqual(single.queryStringParameters, { a: '2' });
      assert.equal(single.body, '');
      const multi = generate<ALBEvent>('alb', { query: 'a=1&a=2', 'multi-value': true });
      assert.deepEqual(multi.multiValueQueryStringParameters, { a: ['1', '2'] });
      assert.equal(multi.headers, undefined);
    });
  });

  describe('messaging and streams', () => {
    it('computes SQS digests and FIFO attributes', () => {
      const event = generate<SQSEvent>('sqs', {
        queue: 'orders.fifo',
        body: { id: 7 },
        count: 3,
        attributes: { kind: 'order' },
      });
      assert.equal(event.Records.length, 3);
      const record = event.Records[0]!;
      assert.equal(record.body, '{"id":7}');
      assert.equal(record.md5OfBody, createHash('md5').update('{"id":7}').digest('hex'));
      assert.equal(record.attributes.MessageGroupId, 'group-1');
      assert.match(record.attributes.SequenceNumber ?? '', /^\d{20}$/);
      assert.deepEqual(record.messageAttributes.kind?.stringValue, 'order');
      assert.ok(record.md5OfMessageAttributes);
    });

    it('digests message attributes with the length-prefixed encoding SQS documents', () => {
      const bytes = Buffer.concat([
        Buffer.from([0, 0, 0, 4]),
        Buffer.from('kind'),
        Buffer.from([0, 0, 0, 6]),
        Buffer.from('String'),
        Buffer.from([1]),
        Buffer.from([0, 0, 0, 5]),
        Buffer.from('order'),
      ]);
      const expected = createHash('md5').update(bytes).digest('hex');
      assert.equal(md5OfMessageAttributes({ kind: { dataType: 'String', stringValue: 'order' } }), expected);
    });

    it('formats SNS, S3, DynamoDB and Kinesis timestamps in each source’s own format', () => {
      assert.equal(generate<SNSEvent>('sns').Records[0]?.Sns.Timestamp, '2025-03-04T05:06:07.089Z');
      const s3 = generate<S3Event>('s3', { bucket: 'photos', key: 'my photos/cat 1.jpg', size: 5 }).Records[0]!;
      assert.match(s3.eventTime, ISO_MILLISECONDS);
      assert.equal(s3.s3.object.key, 'my+photos/cat+1.jpg');
      assert.equal(s3.s3.object.size, 5);
      const dynamo = generate<DynamoDBStreamEvent>('dynamodb', {
        table: 'Orders',
        'event-name': 'MODIFY',
        'new-image': { id: 'o-1', total: 12 },
      });
      const change = dynamo.Records[0]?.dynamodb;
      assert.equal(change?.ApproximateCreationDateTime, 1741064767);
      assert.deepEqual(change?.Keys, { id: { S: 'o-1' } });
      assert.deepEqual(change?.NewImage?.total, { N: '12' });
      assert.ok(change?.OldImage, 'MODIFY with NEW_AND_OLD_IMAGES carries the old image');
      const kinesis = generate<KinesisStreamEvent>('kinesis', { data: { temperature: 21 } }).Records[0]!;
      assert.equal(kinesis.kinesis.approximateArrivalTimestamp, 1741064767.089);
      assert.deepEqual(JSON.parse(Buffer.from(kinesis.kinesis.data, 'base64').toString()), {
        temperature: 21,
      });
    });

    it('leaves size and eTag out of S3 delete events, as S3 does', () => {
      const object = generate<S3ObjectRemovedEvent>('s3-delete', { key: 'a.txt' }).Records[0]?.s3.object ?? {};
      assert.deepEqual(Object.keys(object).sort(), ['key', 'sequencer']);
    });

    it('groups Kafka records by topic and partition, base64-encoding keys and values', () => {
      const msk = generate<MSKEvent>('msk', { cluster: 'payments', topic: 'orders', value: { id: 1 }, count: 2 });
      assert.match(msk.eventSourceArn, /^arn:aws:kafka:us-east-1:123456789012:cluster\/payments\//);
      assert.equal(msk.records['orders-0']?.length, 2);
      assert.equal(Buffer.from(msk.records['orders-0']?.[0]?.value ?? '', 'base64').toString(), '{"id":1}');
      const selfManaged = generate<SelfManagedKafkaEvent>('kafka', { 'bootstrap-servers': 'k1:9092', topic: 't' });
      assert.equal(selfManaged.bootstrapServers, 'k1:9092');
      assert.ok(selfManaged.records['t-0']);
    });

    it('keys RabbitMQ messages by queue and virtual host, with RabbitMQ’s timestamp format', () => {
      const event = generate<RabbitMQEvent>('rabbitmq', { queue: 'jobs', 'virtual-host': 'prod' });
      const [message] = event.rmqMessagesByQueue['jobs::prod'] ?? [];
      assert.equal(message?.basicProperties.timestamp, 'Mar 4, 2025, 5:06:07 AM');
      assert.equal(formatRabbitTimestamp(new Date('2025-03-04T17:00:00Z')), 'Mar 4, 2025, 5:00:00 PM');
      assert.equal(
        generate<ActiveMQEvent>('activemq', { queue: 'jobs' }).messages[0]?.destination.physicalName,
        'jobs',
      );
    });
  });

  describe('service events', () => {
    it('gzips and base64-encodes CloudWatch Logs payloads', () => {
      const event = generate<CloudWatchLogsEvent>('logs', { 'log-group': '/aws/lambda/app', message: ['one', 'two'] });
      const payload = JSON.parse(
        gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString(),
      ) as CloudWatchLogsDecodedData;
      assert.equal(payload.logGroup, '/aws/lambda/app');
      assert.deepEqual(
        payload.logEvents.map((logEvent) => logEvent.message),
        ['one', 'two'],
      );
      assert.equal(payload.logEvents[0]?.timestamp, NOW.getTime());
      assert.match(payload.logStream, /^2025\/03\/04\/\[\$LATEST\][0-9a-f]{32}$/);
    });

    it('uses each EventBridge source’s own scheduled event shape', () => {
      const rule = generate<ScheduledEvent>('schedule');
      assert.equal(rule.source, 'aws.events');
      assert.deepEqual(rule.detail, {});
      assert.match(rule.time, ISO_SECONDS);
      const scheduler = generate<ScheduledEvent>('schedule', { service: 'scheduler', name: 'tick', group: 'jobs' });
      assert.equal(scheduler.source, 'aws.scheduler');
      assert.deepEqual(scheduler.resources, ['arn:aws:scheduler:us-east-1:123456789012:schedule/jobs/tick']);
      const custom = generate<EventBridgeEvent<string, unknown>>('eventbridge', {
        source: 'shop',
        'detail-type': 'Sold',
        detail: '{"n":1}',
      });
      assert.deepEqual([custom.source, custom['detail-type'], custom.detail], ['shop', 'Sold', { n: 1 }]);
    });

    it('generates every Cognito trigger source with its own request and response', () => {
      const triggers = findEventSource('cognito').options.find((option) => option.name === 'trigger')?.choices ?? [];
      assert.ok(triggers.length >= 15);
      for (const trigger of triggers) {
        const event = generate<CognitoTriggerEvent>('cognito', { trigger });
        assert.equal(event.triggerSource, trigger);
        assertWellFormed('cognito', event);
      }
      assert.equal(
        generate<CognitoTriggerEvent>('cognito', { trigger: 'PreTokenGeneration' }).triggerSource,
        'TokenGeneration_Authentication',
      );
      assert.deepEqual(generate<CognitoTriggerEvent>('cognito', { trigger: 'CustomMessage_SignUp' }).response, {
        smsMessage: null,
        emailMessage: null,
        emailSubject: null,
      });
      assert.throws(() => generate('cognito', { trigger: 'Lunch' }), /not a Cognito user pool trigger/);
    });

    it('builds custom resource requests for each request type', () => {
      const create = generate<CloudFormationCustomResourceEvent>('custom-resource', { properties: { Size: 3 } });
      assert.equal(create.RequestType, 'Create');
      assert.equal('PhysicalResourceId' in create, false);
      assert.equal(create.ResourceProperties.Size, 3);
      const update = generate<CloudFormationCustomResourceUpdateEvent>('custom-resource', { 'request-type': 'Update' });
      assert.ok(update.PhysicalResourceId && update.OldResourceProperties);
      const remove = generate<CloudFormationCustomResourceDeleteEvent>('custom-resource', { 'request-type': 'Delete' });
      assert.ok(remove.PhysicalResourceId && !('OldResourceProperties' in remove));
    });

    it('passes Step Functions input as is, or with the context object', () => {
      assert.deepEqual(generate('sfn', { input: '{"a":1}' }), { a: 1 });
      const withContext = generate<{ input: unknown; context: StepFunctionsContextObject }>('sfn', {
        input: '{"a":1}',
        'task-token': true,
      });
      assert.deepEqual(withContext.input, { a: 1 });
      assert.match(withContext.context.Execution.Id, /^arn:aws:states:us-east-1:123456789012:execution:/);
      assert.ok(withContext.context.Task?.Token);
    });

    it('writes Config invoking events for change-triggered and periodic rules', () => {
      const change = JSON.parse(generate<ConfigRuleEvent>('config').invokingEvent) as { messageType: string };
      assert.equal(change.messageType, 'ConfigurationItemChangeNotification');
      const periodic = JSON.parse(generate<ConfigRuleEvent>('config', { trigger: 'periodic' }).invokingEvent) as {
        messageType: string;
      };
      assert.equal(periodic.messageType, 'ScheduledNotification');
    });
  });
});
