// Template-aware events resolve what a function's events refer to: names, parameters, filters, key schemas,
// patterns, stages, authorizers, triggers and plain CloudFormation wirings.
import { strict as assert } from 'node:assert';
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2,
  APIGatewayProxyWithCognitoAuthorizerEvent,
  CloudFormationCustomResourceEvent,
  DynamoDBStreamEvent,
  EventBridgeEvent,
  KinesisStreamEvent,
  LambdaFunctionURLEvent,
  MSKEvent,
  S3Event,
  SNSEvent,
  SQSEvent,
  ScheduledEvent,
} from 'aws-lambda';
import type { CognitoTriggerEvent } from '../../../src/core/events/cognitoEvents';
import type { RabbitMQEvent, S3ObjectRemovedEvent } from '../../../src/core/events/eventShapes';
import { matchesEventPattern } from '../../../src/core/events/eventPattern';
import { generateEventForSource, generateEventsForFunction } from '../../../src/core/events/templateEvents';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { eventsOf, only, samTemplate } from './templateEventFixtures';

describe('template-aware events', () => {
  describe('resolving what events refer to', () => {
    it('uses declared names, parameter defaults and overrides', () => {
      const template = samTemplate(
        'Q:\n  Type: SQS\n  Properties:\n    Queue: !GetAtt Jobs.Arn\nT:\n  Type: SNS\n  Properties:\n    Topic: !Ref TopicArnParam',
        '  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub ${Env}-jobs.fifo\n      FifoQueue: true',
        'Parameters:\n  Env:\n    Type: String\n    Default: dev\n  TopicArnParam:\n    Type: String',
      );
      const sqs = only<SQSEvent>(template, 'Fn', 'Q').event;
      assert.equal(sqs.Records[0]?.eventSourceARN, 'arn:aws:sqs:us-east-1:123456789012:dev-jobs.fifo');
      assert.ok(sqs.Records[0]?.attributes.MessageGroupId, 'a FIFO queue gives FIFO records');
      const sns = only<SNSEvent>(template, 'Fn', 'T').event;
      assert.equal(sns.Records[0]?.Sns.TopicArn, 'arn:aws:sns:us-east-1:123456789012:topic');
      const overridden = generateEventForSource(template, 'Fn', 'Q', { parameterOverrides: { Env: 'prod' } })
        .event as SQSEvent;
      assert.equal(overridden.Records[0]?.eventSourceARN, 'arn:aws:sqs:us-east-1:123456789012:prod-jobs.fifo');
    });

    it('builds S3 keys from the notification filter and picks put or delete from the event type', () => {
      const template = samTemplate(
        [
          'Upload:',
          '  Type: S3',
          '  Properties:',
          '    Bucket: !Ref Photos',
          '    Events: [s3:ObjectCreated:*]',
          '    Filter:',
          '      S3Key:',
          '        Rules:',
          '          - { Name: prefix, Value: incoming/ }',
          '          - { Name: suffix, Value: .jpg }',
          'Removed:',
          '  Type: S3',
          '  Properties:',
          '    Bucket: !Ref Photos',
          '    Events: s3:ObjectRemoved:*',
        ].join('\n'),
        '  Photos:\n    Type: AWS::S3::Bucket',
      );
      const upload = only<S3Event>(template, 'Fn', 'Upload');
      assert.equal(upload.sourceId, 's3-put');
      const record = upload.event.Records[0]!;
      assert.equal(record.eventName, 'ObjectCreated:Put');
      assert.match(record.s3.object.key, /^incoming\/.+\.jpg$/);
      assert.match(record.s3.bucket.name, /^sam-app-photos-[a-z0-9]{12}$/);
      const removed = only<S3ObjectRemovedEvent>(template, 'Fn', 'Removed');
      assert.equal(removed.sourceId, 's3-delete');
      assert.equal(removed.event.Records[0]?.eventName, 'ObjectRemoved:Delete');
    });

    it('keys DynamoDB records by the table’s key schema and honours the filter', () => {
      const template = samTemplate(
        [
          'Changes:',
          '  Type: DynamoDB',
          '  Properties:',
          '    Stream: !GetAtt Orders.StreamArn',
          '    StartingPosition: LATEST',
          '    FilterCriteria:',
          '      Filters:',
          `        - Pattern: '{"eventName": ["MODIFY"], "dynamodb": {"NewImage": {"status": {"S": ["SHIPPED"]}}}}'`,
        ].join('\n'),
        [
          '  Orders:',
          '    Type: AWS::DynamoDB::Table',
          '    Properties:',
          '      TableName: orders',
          '      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }, { AttributeName: sk, AttributeType: N }]',
          '      KeySchema: [{ AttributeName: pk, KeyType: HASH }, { AttributeName: sk, KeyType: RANGE }]',
          '      StreamSpecification: { StreamViewType: NEW_IMAGE }',
        ].join('\n'),
      );
      const { event, notes } = only<DynamoDBStreamEvent>(template, 'Fn', 'Changes');
      const record = event.Records[0]!;
      const change = record.dynamodb!;
      assert.match(record.eventSourceARN ?? '', /^arn:aws:dynamodb:us-east-1:123456789012:table\/orders\/stream\//);
      assert.deepEqual(Object.keys(change.Keys ?? {}), ['pk', 'sk']);
      assert.ok(change.Keys?.sk?.N);
      assert.equal(record.eventName, 'MODIFY');
      assert.deepEqual(change.NewImage?.status, { S: 'SHIPPED' });
      assert.equal(change.OldImage, undefined, 'NEW_IMAGE streams carry no old image');
      assert.ok(notes.some((note) => note.startsWith('Shaped to pass the filter')));
    });

    it('shapes an SQS body so it passes the mapping’s filter', () => {
      const template = samTemplate(
        `Q:\n  Type: SQS\n  Properties:\n    Queue: arn:aws:sqs:us-west-2:111122223333:orders\n    FilterCriteria:\n      Filters:\n        - Pattern: '{"body": {"total": [{"numeric": [">", 100]}], "kind": [{"prefix": "vip"}]}}'`,
      );
      const record = only<SQSEvent>(template, 'Fn', 'Q').event.Records[0]!;
      assert.equal(record.eventSourceARN, 'arn:aws:sqs:us-west-2:111122223333:orders');
      assert.equal(record.awsRegion, 'us-west-2');
      const body = JSON.parse(record.body) as { total: number; kind: string };
      assert.ok(body.total > 100);
      assert.match(body.kind, /^vip/);
    });

    it('samples an EventBridge event that matches the rule’s pattern', () => {
      const template = samTemplate(
        [
          'Rule:',
          '  Type: EventBridgeRule',
          '  Properties:',
          '    Pattern:',
          '      source: [{ prefix: com.shop }]',
          '      detail-type: [OrderPlaced]',
          '      detail:',
          '        amount: [{ numeric: [">=", 10, "<", 20] }]',
          '        status: [{ anything-but: [CANCELLED, REFUNDED] }]',
          '        coupon: [{ exists: false }]',
          '        region: [{ suffix: "-1" }]',
          'S3Rule:',
          '  Type: EventBridgeRule',
          '  Properties:',
          '    InputPath: $.detail',
          '    Pattern: { source: [aws.s3], detail: { bucket: { name: [!Ref Inbox] } } }',
        ].join('\n'),
        '  Inbox:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: inbox-bucket',
      );
      const rule = only<EventBridgeEvent<string, { coupon?: unknown }>>(template, 'Fn', 'Rule');
      assert.equal(rule.sourceId, 'eventbridge');
      const pattern = {
        source: [{ prefix: 'com.shop' }],
        'detail-type': ['OrderPlaced'],
        detail: {
          amount: [{ numeric: ['>=', 10, '<', 20] }],
          status: [{ 'anything-but': ['CANCELLED', 'REFUNDED'] }],
          coupon: [{ exists: false }],
          region: [{ suffix: '-1' }],
        },
      };
      assert.ok(matchesEventPattern(pattern, rule.event), JSON.stringify(rule.event));
      assert.equal(rule.event.detail.coupon, undefined);
      const s3 = only<{ bucket: { name: string }; object: { key: string } }>(template, 'Fn', 'S3Rule');
      assert.equal(s3.sourceId, undefined, 'InputPath delivers part of the event, not an EventBridge event');
      assert.equal(s3.event.bucket.name, 'inbox-bucket');
      assert.ok(s3.event.object.key);
    });

    it('fires schedules from rules and from EventBridge Scheduler', () => {
      const template = samTemplate(
        'Nightly:\n  Type: Schedule\n  Properties:\n    Schedule: rate(1 day)\nV2:\n  Type: ScheduleV2\n  Properties:\n    ScheduleExpression: rate(5 minutes)\n    Name: tick\n    GroupName: jobs',
      );
      const nightly = only<ScheduledEvent>(template, 'Fn', 'Nightly').event;
      assert.equal(nightly.source, 'aws.events');
      assert.match(
        nightly.resources[0] ?? '',
        /^arn:aws:events:us-east-1:123456789012:rule\/sam-app-FnNightly-[A-Z0-9]{12}$/,
      );
      const v2 = only<ScheduledEvent>(template, 'Fn', 'V2').event;
      assert.equal(v2.source, 'aws.scheduler');
      assert.deepEqual(v2.resources, ['arn:aws:scheduler:us-east-1:123456789012:schedule/jobs/tick']);
    });

    it('routes HTTP APIs: $default stage, named stages, catch-all routes and payload 1.0', () => {
      const template = samTemplate(
        [
          'Get:\n  Type: HttpApi\n  Properties:\n    Path: /items/{proxy+}\n    Method: ANY',
          'Staged:\n  Type: HttpApi\n  Properties:\n    ApiId: !Ref Api\n    Path: /items\n    Method: post',
          'CatchAll:\n  Type: HttpApi',
          'Legacy:\n  Type: HttpApi\n  Properties:\n    Path: /old\n    Method: get\n    PayloadFormatVersion: "1.0"',
        ].join('\n'),
        '  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n      StageName: v1',
      );
      const get = only<APIGatewayProxyEventV2>(template, 'Fn', 'Get').event;
      assert.equal(get.routeKey, 'ANY /items/{proxy+}');
      assert.equal(get.requestContext.http.method, 'GET');
      assert.equal(get.requestContext.stage, '$default');
      assert.equal(get.rawPath, `/items/${get.pathParameters?.proxy}`);
      const staged = only<APIGatewayProxyEventV2>(template, 'Fn', 'Staged').event;
      assert.equal(staged.requestContext.stage, 'v1');
      assert.equal(staged.rawPath, '/v1/items');
      assert.equal(only<APIGatewayProxyEventV2>(template, 'Fn', 'CatchAll').event.routeKey, '$default');
      const legacy = only<APIGatewayProxyEvent>(template, 'Fn', 'Legacy');
      assert.equal(legacy.sourceId, 'apigateway-rest');
      assert.equal(legacy.event.httpMethod, 'GET');
    });

    it('uses an explicit REST API’s stage and a Cognito authorizer’s claims', () => {
      const template = samTemplate(
        'Get:\n  Type: Api\n  Properties:\n    RestApiId: !Ref Api\n    Path: /me\n    Method: get\n    RequestParameters: [method.request.querystring.page]',
        [
          '  Api:',
          '    Type: AWS::Serverless::Api',
          '    Properties:',
          '      StageName: !Ref Stage',
          '      Auth:',
          '        DefaultAuthorizer: Users',
          '        Authorizers:',
          '          Users:',
          '            UserPoolArn: !GetAtt Pool.Arn',
          '  Pool:',
          '    Type: AWS::Cognito::UserPool',
        ].join('\n'),
        'Parameters:\n  Stage:\n    Type: String\n    Default: beta',
      );
      const event = only<APIGatewayProxyWithCognitoAuthorizerEvent>(template, 'Fn', 'Get').event;
      assert.equal(event.requestContext.stage, 'beta');
      assert.equal(event.requestContext.path, '/beta/me');
      assert.deepEqual(event.queryStringParameters, { page: 'page-1' });
      assert.match(
        event.requestContext.authorizer.claims.iss ?? '',
        /^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_/,
      );
    });

    it('fans Cognito events out per trigger and resolves the pool id', () => {
      const template = samTemplate(
        'Auth:\n  Type: Cognito\n  Properties:\n    UserPool: !Ref Pool\n    Trigger: [PreSignUp, PostConfirmation]',
        '  Pool:\n    Type: AWS::Cognito::UserPool',
      );
      const events = eventsOf(template, 'Fn');
      assert.deepEqual([...events.keys()], ['Auth-PreSignUp', 'Auth-PostConfirmation']);
      const preSignUp = events.get('Auth-PreSignUp')?.event as CognitoTriggerEvent;
      assert.equal(preSignUp.triggerSource, 'PreSignUp_SignUp');
      assert.match(preSignUp.userPoolId, /^us-east-1_[A-Z0-9]{9}$/);
      assert.equal(
        (events.get('Auth-PostConfirmation')?.event as CognitoTriggerEvent).userPoolId,
        preSignUp.userPoolId,
      );
      assert.equal(events.get('Auth-PostConfirmation')?.eventType?.name, 'PostConfirmationTriggerEvent');
    });

    it('finds plain CloudFormation wirings: custom resources, mappings, rules and function URLs', () => {
      const template = parseTemplate(
        [
          'Resources:',
          '  Fn:',
          '    Type: AWS::Lambda::Function',
          '    Properties: { Handler: index.handler, Runtime: nodejs22.x, Role: arn:aws:iam::123456789012:role/r }',
          '  Url:',
          '    Type: AWS::Lambda::Url',
          '    Properties: { TargetFunctionArn: !GetAtt Fn.Arn, AuthType: NONE }',
          '  Seed:',
          '    Type: Custom::Seed',
          '    Properties: { ServiceToken: !GetAtt Fn.Arn, Table: !Ref Table }',
          '  Table:',
          '    Type: AWS::DynamoDB::Table',
          '    Properties: { TableName: seeds }',
          '  Mapping:',
          '    Type: AWS::Lambda::EventSourceMapping',
          '    Properties: { FunctionName: !Ref Fn, EventSourceArn: !GetAtt Stream.Arn }',
          '  Stream:',
          '    Type: AWS::Kinesis::Stream',
          '  Hourly:',
          '    Type: AWS::Events::Rule',
          '    Properties: { ScheduleExpression: rate(1 hour), Targets: [{ Id: t, Arn: !GetAtt Fn.Arn }] }',
        ].join('\n'),
      );
      const events = eventsOf(template, 'Fn');
      assert.deepEqual([...events.keys()], ['Url', 'Seed', 'Mapping', 'Hourly']);
      assert.equal((events.get('Url')?.event as LambdaFunctionURLEvent).requestContext.accountId, 'anonymous');
      const seed = events.get('Seed')?.event as CloudFormationCustomResourceEvent;
      assert.equal(seed.ResourceType, 'Custom::Seed');
      assert.equal(seed.ResourceProperties.Table, 'seeds');
      assert.match(seed.ServiceToken, /^arn:aws:lambda:us-east-1:123456789012:function:sam-app-Fn-/);
      const mapping = events.get('Mapping');
      assert.equal(mapping?.sourceId, 'kinesis');
      assert.match((mapping?.event as KinesisStreamEvent).Records[0]?.eventSourceARN ?? '', /:stream\/sam-app-Stream-/);
      assert.equal(events.get('Hourly')?.sourceId, 'eventbridge-scheduled');
    });

    it('generates function URL, MQ, MSK, IoT and logs events from SAM properties', () => {
      const template = samTemplate(
        [
          'Mq:\n  Type: MQ\n  Properties:\n    Broker: !GetAtt Broker.Arn\n    Queues: [jobs]',
          'Kafka:\n  Type: MSK\n  Properties:\n    Stream: !Ref Cluster\n    Topics: [payments]\n    StartingPosition: LATEST',
          'Iot:\n  Type: IoTRule\n  Properties:\n    Sql: "SELECT temperature, topic(2) AS device FROM \'devices/+/telemetry\'"',
          'Logs:\n  Type: CloudWatchLogs\n  Properties:\n    LogGroupName: /app/logs\n    FilterPattern: ERROR',
        ].join('\n'),
        [
          '  Broker:\n    Type: AWS::AmazonMQ::Broker\n    Properties:\n      BrokerName: queue-broker\n      EngineType: RABBITMQ',
          '  Cluster:\n    Type: AWS::MSK::Cluster\n    Properties:\n      ClusterName: payments',
        ].join('\n'),
      );
      const events = eventsOf(template, 'Fn');
      const mq = events.get('Mq');
      assert.equal(mq?.sourceId, 'mq-rabbitmq');
      assert.ok((mq?.event as RabbitMQEvent).rmqMessagesByQueue['jobs::/']);
      assert.match(
        (mq?.event as RabbitMQEvent).eventSourceArn,
        /^arn:aws:mq:us-east-1:123456789012:broker:queue-broker:b-/,
      );
      const kafka = events.get('Kafka')?.event as MSKEvent;
      assert.match(kafka.eventSourceArn, /^arn:aws:kafka:us-east-1:123456789012:cluster\/payments\//);
      assert.ok(kafka.records['payments-0']);
      assert.deepEqual(events.get('Iot')?.event, { temperature: 21.5, device: 'device-1' });
      assert.ok(events.get('Logs')?.notes.some((note) => note.includes('ERROR')));
    });

    it('gives a function without events an empty event and a note', () => {
      const template = parseTemplate(
        'Resources:\n  Lone:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.b\n',
      );
      const [event, ...rest] = generateEventsForFunction(template, 'Lone');
      assert.equal(rest.length, 0);
      assert.deepEqual(event?.event, {});
      assert.match(event?.notes[0] ?? '', /declares no event sources/);
    });
  });
});
