// SAM event sources: the `Events` of AWS::Serverless::Function and AWS::Serverless::StateMachine. Each event is
// `{Type, Properties}`; the Type picks the shape of Properties (a discriminator in the generated schema).
// `creates` names the resource SAM generates as `<LogicalId><EventName>`, so references to it resolve.
import { ESM, arrayOf, mapOf, object, oneOf, p, pass } from './samDsl.mjs';

const RULE_TARGET = 'AWS::Events::Rule.Target';
const SCHEDULE = 'AWS::Scheduler::Schedule';
const STATES = { suggest: ['ENABLED', 'DISABLED'] };

/** Settings every stream or queue poller shares, passed to the event source mapping SAM creates. */
function pollerProperties(names) {
  return Object.fromEntries(names.map((name) => [name, pass(ESM, name)]));
}

const STREAM_SETTINGS = [
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
  'TumblingWindowInSeconds',
];

const KAFKA_SETTINGS = [
  'BatchSize',
  'BisectBatchOnFunctionError',
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
  'SourceAccessConfigurations',
  'StartingPosition',
  'StartingPositionTimestamp',
  'Topics',
];

const kafkaShared = {
  ...pollerProperties(KAFKA_SETTINGS),
  ConsumerGroupId: p('string', 'Consumer group the function reads as.'),
  SchemaRegistryConfig: p(`${ESM}.SchemaRegistryConfig`, 'Validates and decodes records through a schema registry.'),
};

const ruleDelivery = {
  DeadLetterConfig: p('.EventDeadLetterConfig', 'A queue for events that could not be delivered to the target.'),
  RetryPolicy: pass(RULE_TARGET, 'RetryPolicy'),
};

/** Schedule (EventBridge rule) events; the state machine variant can also set the target role and id. */
function scheduleEvent(withTarget) {
  return {
    doc: 'Runs on a schedule through an EventBridge rule.',
    creates: 'AWS::Events::Rule',
    exclusive: [['Enabled', 'State']],
    properties: {
      ...ruleDelivery,
      Description: p('string', 'Description of the rule.'),
      Enabled: p('boolean', 'Whether the rule is enabled. Prefer `State`.'),
      Input: p('string', 'JSON text passed as the event instead of the scheduled event.'),
      Name: p('string', 'Name of the rule.'),
      Schedule: p('string', 'A `rate(...)` or `cron(...)` expression.'),
      State: p('string', 'State of the rule.', STATES),
      ...(withTarget
        ? { RoleArn: pass(`${SCHEDULE}.Target`, 'RoleArn'), Target: p('.EventTarget', 'Sets the rule target id.') }
        : {}),
    },
  };
}

const scheduleV2Event = {
  doc: 'Runs on a schedule through EventBridge Scheduler.',
  creates: 'AWS::Scheduler::Schedule',
  properties: {
    DeadLetterConfig: p('.EventDeadLetterConfig', 'A queue for invocations the scheduler could not deliver.'),
    Description: p('string', 'Description of the schedule.'),
    EndDate: pass(SCHEDULE, 'EndDate'),
    FlexibleTimeWindow: pass(SCHEDULE, 'FlexibleTimeWindow'),
    GroupName: pass(SCHEDULE, 'GroupName'),
    Input: p('string', 'JSON text passed to the target.'),
    KmsKeyArn: pass(SCHEDULE, 'KmsKeyArn'),
    Name: p('string', 'Name of the schedule.'),
    OmitName: p('boolean', 'Let CloudFormation generate the schedule name.'),
    PermissionsBoundary: p('string', 'Permissions boundary of the role SAM creates for the schedule.'),
    RetryPolicy: pass(`${SCHEDULE}.Target`, 'RetryPolicy'),
    RoleArn: p('string', 'Role the scheduler assumes; SAM creates one when omitted.'),
    ScheduleExpression: pass(SCHEDULE, 'ScheduleExpression'),
    ScheduleExpressionTimezone: pass(SCHEDULE, 'ScheduleExpressionTimezone'),
    StartDate: pass(SCHEDULE, 'StartDate'),
    State: p('string', 'State of the schedule.', STATES),
  },
};

function ruleEvent({ patternRequired, withState }) {
  return {
    doc: 'Runs for events on an EventBridge bus that match a pattern.',
    creates: 'AWS::Events::Rule',
    required: patternRequired ? ['Pattern'] : [],
    properties: {
      ...ruleDelivery,
      EventBusName: p('string', 'The event bus (the default bus when omitted).'),
      Input: p('string', 'JSON text passed to the target instead of the event.'),
      InputPath: p('string', 'JSONPath of the part of the event passed to the target.'),
      InputTransformer: pass(RULE_TARGET, 'InputTransformer'),
      Pattern: p('json', 'The event pattern that selects events.'),
      RuleName: p('string', 'Name of the rule.'),
      Target: p('.EventTarget', 'Sets the rule target id.'),
      ...(withState ? { State: p('string', 'State of the rule.', STATES) } : {}),
    },
  };
}

const cloudWatchEvent = (withState) => ({
  doc: 'Runs for matching events on an EventBridge bus (the older name of EventBridgeRule).',
  creates: 'AWS::Events::Rule',
  properties: {
    ...(withState
      ? { Enabled: p('boolean', 'Whether the rule is enabled.'), State: p('string', 'State of the rule.', STATES) }
      : {}),
    EventBusName: p('string', 'The event bus (the default bus when omitted).'),
    Input: p('string', 'JSON text passed to the target instead of the event.'),
    InputPath: p('string', 'JSONPath of the part of the event passed to the target.'),
    Pattern: p('json', 'The event pattern that selects events.'),
  },
});

const eventObjects = {
  '.EventDeadLetterConfig': object('A dead-letter queue for undeliverable events.', {
    Arn: p('string', 'ARN of an existing SQS queue.'),
    QueueLogicalId: p('string', 'Logical ID of the queue SAM creates when `Type` is set and `Arn` is not.'),
    Type: p(oneOf('SQS'), 'Let SAM create the queue.'),
  }),
  '.EventTarget': object(
    'The target of the generated rule.',
    { Id: p('string', 'Target id within the rule.') },
    { required: ['Id'] },
  ),
};

export const functionEvents = {
  owner: 'AWS::Serverless::Function',
  objects: {
    ...eventObjects,
    '.SqsSubscription': object(
      'Subscribes through an SQS queue instead of invoking directly.',
      {
        BatchSize: p('integer', 'Records read from the queue per batch.'),
        Enabled: p('boolean', 'Whether polling the queue is on.'),
        QueueArn: p('string', 'ARN of the queue.'),
        QueuePolicyLogicalId: p('string', 'Logical ID of the queue policy SAM creates.'),
        QueueUrl: p('string', 'URL of the queue.'),
      },
      { required: ['QueueArn', 'QueueUrl'] },
    ),
    '.ApiEventAuth': object('Authorization of one API route.', {
      ApiKeyRequired: p('boolean', 'Require an API key for this route.'),
      AuthorizationScopes: p(arrayOf('string'), 'OAuth scopes the route requires.'),
      Authorizer: p('string', "Name of an authorizer in the API's `Auth.Authorizers`, `AWS_IAM`, or `NONE`."),
      InvokeRole: p('string', 'Credentials API Gateway calls the function with (`CALLER_CREDENTIALS` or a role ARN).'),
      OverrideApiAuth: p('boolean', "Let this route's Auth replace the API's default authorizer setup."),
      ResourcePolicy: p('AWS::Serverless::Api.ResourcePolicy', 'Resource policy statements for this route.'),
    }),
    '.RequestModel': object(
      'Validates the request body against a model.',
      {
        Model: p('string', "Name of a model in the API's `Models`."),
        Required: p('boolean', 'Whether the body is required.'),
        ValidateBody: p('boolean', 'Validate the body.'),
        ValidateParameters: p('boolean', 'Validate the parameters.'),
      },
      { required: ['Model'] },
    ),
    '.RequestParameter': object('Settings of one request parameter.', {
      Caching: p('boolean', 'Use the parameter as a cache key.'),
      Required: p('boolean', 'Whether the parameter is required.'),
    }),
    '.HttpApiEventAuth': object('Authorization of one HTTP API route.', {
      AuthorizationScopes: p(arrayOf('string'), 'OAuth scopes the route requires.'),
      Authorizer: p('string', "Name of an authorizer in the API's `Auth.Authorizers`, or `NONE`."),
    }),
  },
  variants: {
    AlexaSkill: {
      doc: 'Invoked by an Alexa skill.',
      propertiesOptional: true,
      properties: { SkillId: p('string', 'The skill allowed to invoke the function.') },
    },
    Api: {
      doc: 'Invoked by a REST API route (API Gateway).',
      required: ['Method', 'Path'],
      properties: {
        Auth: p('.ApiEventAuth', 'Authorization of this route.'),
        Method: p('string', 'HTTP method, or `any`.', {
          suggest: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'any'],
        }),
        Path: p('string', 'Route path, e.g. `/users/{id}`.'),
        RequestModel: p('.RequestModel', 'Validates the request body against a model.'),
        RequestParameters: p(
          arrayOf(['string', mapOf('.RequestParameter')]),
          'Request parameters, such as `method.request.querystring.page`.',
        ),
        ResponseTransferMode: p('string', 'How the integration returns the response.', {
          suggest: ['BUFFERED', 'STREAM'],
        }),
        RestApiId: p(
          'string',
          'The `AWS::Serverless::Api` (by `!Ref`); the implicit `ServerlessRestApi` when omitted.',
        ),
        TimeoutInMillis: pass('AWS::ApiGateway::Method.Integration', 'TimeoutInMillis'),
      },
    },
    CloudWatchEvent: cloudWatchEvent(true),
    CloudWatchLogs: {
      doc: 'Invoked with log events that match a filter.',
      creates: 'AWS::Logs::SubscriptionFilter',
      required: ['FilterPattern', 'LogGroupName'],
      properties: {
        FilterPattern: p('string', 'The filter pattern; an empty string matches every event.'),
        LogGroupName: p('string', 'The log group to subscribe to.'),
      },
    },
    Cognito: {
      doc: 'Invoked as a Cognito user pool trigger.',
      required: ['Trigger', 'UserPool'],
      properties: {
        Trigger: p(['string', arrayOf('string')], 'The trigger or triggers, e.g. `PreSignUp`.', {
          suggest: [
            'CreateAuthChallenge',
            'CustomEmailSender',
            'CustomMessage',
            'CustomSMSSender',
            'DefineAuthChallenge',
            'PostAuthentication',
            'PostConfirmation',
            'PreAuthentication',
            'PreSignUp',
            'PreTokenGeneration',
            'UserMigration',
            'VerifyAuthChallengeResponse',
          ],
        }),
        UserPool: p('string', 'The `AWS::Cognito::UserPool` in the same template (by `!Ref`).'),
      },
    },
    DocumentDB: {
      doc: 'Invoked with change stream records of an Amazon DocumentDB cluster.',
      creates: ESM,
      required: ['Cluster', 'DatabaseName', 'SourceAccessConfigurations'],
      properties: {
        ...pollerProperties(['BatchSize', 'Enabled', 'FilterCriteria', 'KmsKeyArn', 'MaximumBatchingWindowInSeconds']),
        ...pollerProperties(['SourceAccessConfigurations', 'StartingPosition', 'StartingPositionTimestamp']),
        Cluster: p('string', 'ARN of the cluster.'),
        CollectionName: pass(`${ESM}.DocumentDBEventSourceConfig`, 'CollectionName'),
        DatabaseName: pass(`${ESM}.DocumentDBEventSourceConfig`, 'DatabaseName'),
        FullDocument: pass(`${ESM}.DocumentDBEventSourceConfig`, 'FullDocument'),
        SecretsManagerKmsKeyId: p('string', 'KMS key of the Secrets Manager secret with the credentials.'),
      },
    },
    DynamoDB: {
      doc: 'Invoked with records of a DynamoDB stream.',
      creates: ESM,
      required: ['Stream'],
      properties: { ...pollerProperties(STREAM_SETTINGS), Stream: p('string', 'ARN of the table stream.') },
    },
    EventBridgeRule: ruleEvent({ patternRequired: true, withState: true }),
    HttpApi: {
      doc: 'Invoked by an HTTP API route (API Gateway v2).',
      propertiesOptional: true,
      properties: {
        ApiId: p(
          'string',
          'The `AWS::Serverless::HttpApi` (by `!Ref`); the implicit `ServerlessHttpApi` when omitted.',
        ),
        Auth: p('.HttpApiEventAuth', 'Authorization of this route.'),
        Method: p('string', 'HTTP method, or `any`.', {
          suggest: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'any'],
        }),
        Path: p('string', 'Route path, e.g. `/users/{id}`; all paths when omitted.'),
        PayloadFormatVersion: p('string', 'Event format sent to the function.', { suggest: ['1.0', '2.0'] }),
        RouteSettings: p('AWS::ApiGatewayV2::Stage.RouteSettings', 'Throttling and logging of this route.'),
        TimeoutInMillis: p('integer', 'Integration timeout, 50 to 30000 ms.'),
      },
    },
    IoTRule: {
      doc: 'Invoked by an AWS IoT topic rule.',
      creates: 'AWS::IoT::TopicRule',
      required: ['Sql'],
      properties: {
        AwsIotSqlVersion: p('string', 'Version of the rules SQL.'),
        Sql: p('string', 'The SQL statement that selects messages.'),
      },
    },
    Kinesis: {
      doc: 'Invoked with records of a Kinesis data stream.',
      creates: ESM,
      required: ['Stream'],
      properties: {
        ...pollerProperties(STREAM_SETTINGS),
        Stream: p('string', 'ARN of the stream or of a stream consumer.'),
      },
    },
    MQ: {
      doc: 'Invoked with messages of an Amazon MQ broker queue.',
      creates: ESM,
      required: ['Broker', 'Queues', 'SourceAccessConfigurations'],
      properties: {
        ...pollerProperties(['BatchSize', 'Enabled', 'FilterCriteria', 'KmsKeyArn', 'MaximumBatchingWindowInSeconds']),
        ...pollerProperties(['Queues', 'SourceAccessConfigurations']),
        Broker: p('string', 'ARN of the broker.'),
        DynamicPolicyName: p('boolean', 'Give the generated policy a name derived from the event.'),
        SecretsManagerKmsKeyId: p('string', 'KMS key of the Secrets Manager secret with the credentials.'),
      },
    },
    MSK: {
      doc: 'Invoked with records of an Amazon MSK topic.',
      creates: ESM,
      required: ['Stream', 'Topics'],
      properties: { ...kafkaShared, Stream: p('string', 'ARN of the MSK cluster.') },
    },
    S3: {
      doc: 'Invoked on object events of a bucket in the same template.',
      required: ['Bucket', 'Events'],
      properties: {
        Bucket: p('string', 'The `AWS::S3::Bucket` in the same template (by `!Ref`).'),
        Events: p(['string', arrayOf('string')], 'The event types, e.g. `s3:ObjectCreated:*`.', {
          suggest: ['s3:ObjectCreated:*', 's3:ObjectCreated:Put', 's3:ObjectRemoved:*', 's3:ObjectRestore:*'],
        }),
        Filter: p('AWS::S3::Bucket.NotificationFilter', 'Object key prefix and suffix filters.'),
      },
    },
    Schedule: scheduleEvent(false),
    ScheduleV2: scheduleV2Event,
    SelfManagedKafka: {
      doc: 'Invoked with records of a self-managed Apache Kafka topic.',
      creates: ESM,
      required: ['SourceAccessConfigurations', 'Topics'],
      properties: { ...kafkaShared, KafkaBootstrapServers: p(arrayOf('string'), 'Bootstrap servers, as `host:port`.') },
    },
    SNS: {
      doc: 'Invoked with messages of an SNS topic.',
      creates: 'AWS::SNS::Subscription',
      required: ['Topic'],
      properties: {
        FilterPolicy: p('json', 'Only messages that match this filter policy are delivered.'),
        FilterPolicyScope: pass('AWS::SNS::Subscription', 'FilterPolicyScope'),
        Region: p('string', 'Region of the topic, when it is in another Region.'),
        SqsSubscription: p(
          ['boolean', '.SqsSubscription'],
          'Deliver through an SQS queue (created by SAM when `true`).',
        ),
        Topic: p('string', 'ARN of the topic.'),
      },
    },
    SQS: {
      doc: 'Invoked with messages of an SQS queue.',
      creates: ESM,
      required: ['Queue'],
      properties: {
        ...pollerProperties(['BatchSize', 'Enabled', 'FilterCriteria', 'FunctionResponseTypes', 'KmsKeyArn']),
        ...pollerProperties(['MaximumBatchingWindowInSeconds', 'MetricsConfig', 'ScalingConfig']),
        Queue: p('string', 'ARN of the queue.'),
      },
    },
  },
};

export const stateMachineEvents = {
  owner: 'AWS::Serverless::StateMachine',
  objects: {
    ...eventObjects,
    '.ApiEventAuth': object('Authorization of one API route.', {
      ApiKeyRequired: p('boolean', 'Require an API key for this route.'),
      AuthorizationScopes: p(arrayOf('string'), 'OAuth scopes the route requires.'),
      Authorizer: p('string', "Name of an authorizer in the API's `Auth.Authorizers`, `AWS_IAM`, or `NONE`."),
      ResourcePolicy: p('AWS::Serverless::Api.ResourcePolicy', 'Resource policy statements for this route.'),
    }),
  },
  variants: {
    Api: {
      doc: 'Starts an execution from a REST API route (API Gateway).',
      required: ['Method', 'Path'],
      properties: {
        Auth: p('.ApiEventAuth', 'Authorization of this route.'),
        Method: p('string', 'HTTP method, or `any`.', { suggest: ['get', 'post', 'put', 'patch', 'delete', 'any'] }),
        Path: p('string', 'Route path.'),
        RestApiId: p(
          'string',
          'The `AWS::Serverless::Api` (by `!Ref`); the implicit `ServerlessRestApi` when omitted.',
        ),
        UnescapeMappingTemplate: p('boolean', 'Unescape single quotes in the generated request mapping template.'),
      },
    },
    CloudWatchEvent: cloudWatchEvent(false),
    EventBridgeRule: ruleEvent({ patternRequired: false, withState: true }),
    Schedule: scheduleEvent(true),
    ScheduleV2: scheduleV2Event,
  },
};
