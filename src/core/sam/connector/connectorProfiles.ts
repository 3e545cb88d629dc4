// What a connector generates for each (source type, destination type) pair: the translator's connector profiles
// (samtranslator/model/connector_profiles/profiles.json). Strings hold `%{Source.Arn}`-style placeholders that
// connectorPlaceholders.ts fills in from the connected resources.
import type { JsonObject } from '../intrinsics';

export type ConnectorProfileType =
  'AWS_IAM_ROLE_MANAGED_POLICY' | 'AWS_SQS_QUEUE_POLICY' | 'AWS_SNS_TOPIC_POLICY' | 'AWS_LAMBDA_PERMISSION';

export interface ConnectorProfile {
  type: ConnectorProfileType;
  /** The policy goes on the source's role (else the destination's). */
  sourcePolicy: boolean;
  /** What must wait for the policy: the event source mappings between the two, or the source itself. */
  dependedBy?: 'DESTINATION_EVENT_SOURCE_MAPPING' | 'SOURCE';
  /** When given, the only permission sets allowed. */
  validCombinations?: readonly (readonly string[])[];
  /** Per permission (Read, Write): policy statements, or a Lambda permission's properties. */
  categories: Readonly<Record<string, JsonObject[] | JsonObject>>;
}

const allow = (Action: string[], Resource: string[]): JsonObject => ({ Effect: 'Allow', Action, Resource });

/** A resource policy statement letting `service` act on the destination when the call comes from the source. */
const servicePolicy = (service: string, Action: string): JsonObject[] => [
  {
    Effect: 'Allow',
    Principal: { Service: service },
    Resource: '%{Destination.Arn}',
    Action,
    Condition: { ArnEquals: { 'aws:SourceArn': '%{Source.Arn}' } },
  },
];

const lambdaPermission = (Principal: string, SourceArn: string, extra: JsonObject = {}): JsonObject => ({
  Action: 'lambda:InvokeFunction',
  Principal,
  SourceArn,
  ...extra,
});

const DESTINATION = ['%{Destination.Arn}'];
const EXECUTIONS = 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:%{Destination.Name}:*';
const SFN_EVENTS_RULE =
  'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule';
const EXECUTE_API =
  'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:%{Source.ResourceId}/%{Source.Qualifier}';

const invoke = (resources: string[] = DESTINATION) => [
  allow(['lambda:InvokeAsync', 'lambda:InvokeFunction'], resources),
];
const putEvents = [allow(['events:PutEvents'], DESTINATION)];
const publish = [allow(['sns:Publish'], DESTINATION)];

const S3 = {
  Read: [
    allow(
      [
        's3:GetObject',
        's3:GetObjectAcl',
        's3:GetObjectLegalHold',
        's3:GetObjectRetention',
        's3:GetObjectTorrent',
        's3:GetObjectVersion',
        's3:GetObjectVersionAcl',
        's3:GetObjectVersionForReplication',
        's3:GetObjectVersionTorrent',
        's3:ListBucket',
        's3:ListBucketMultipartUploads',
        's3:ListBucketVersions',
        's3:ListMultipartUploadParts',
      ],
      ['%{Destination.Arn}', '%{Destination.Arn}/*'],
    ),
  ],
  Write: [
    allow(
      [
        's3:AbortMultipartUpload',
        's3:DeleteObject',
        's3:DeleteObjectVersion',
        's3:PutObject',
        's3:PutObjectLegalHold',
        's3:PutObjectRetention',
        's3:RestoreObject',
      ],
      ['%{Destination.Arn}', '%{Destination.Arn}/*'],
    ),
  ],
};

const TABLE_RESOURCES = ['%{Destination.Arn}', '%{Destination.Arn}/index/*'];
const DYNAMODB = {
  Read: [
    allow(
      [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:PartiQLSelect',
      ],
      TABLE_RESOURCES,
    ),
  ],
  Write: [
    allow(
      [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:PartiQLDelete',
        'dynamodb:PartiQLInsert',
        'dynamodb:PartiQLUpdate',
      ],
      TABLE_RESOURCES,
    ),
  ],
};

const rolePolicy = (
  categories: ConnectorProfile['categories'],
  more: Partial<ConnectorProfile> = {},
): ConnectorProfile => ({ type: 'AWS_IAM_ROLE_MANAGED_POLICY', sourcePolicy: true, categories, ...more });

const permission = (Write: JsonObject): ConnectorProfile => ({
  type: 'AWS_LAMBDA_PERMISSION',
  sourcePolicy: false,
  categories: { Write },
});

/** Profiles by source type, then destination type (CloudFormation types). */
export const CONNECTOR_PROFILES: Readonly<Record<string, Readonly<Record<string, ConnectorProfile>>>> = {
  'AWS::DynamoDB::Table': {
    'AWS::Lambda::Function': rolePolicy(
      {
        Read: [
          allow(
            ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
            ['%{Source.Arn}/stream/*'],
          ),
        ],
      },
      { sourcePolicy: false, dependedBy: 'DESTINATION_EVENT_SOURCE_MAPPING' },
    ),
  },
  'AWS::Events::Rule': {
    'AWS::SNS::Topic': {
      type: 'AWS_SNS_TOPIC_POLICY',
      sourcePolicy: false,
      categories: { Write: servicePolicy('events.amazonaws.com', 'sns:Publish') },
    },
    'AWS::Events::EventBus': rolePolicy({ Write: putEvents }),
    'AWS::StepFunctions::StateMachine': rolePolicy({ Write: [allow(['states:StartExecution'], DESTINATION)] }),
    'AWS::Lambda::Function': permission(lambdaPermission('events.amazonaws.com', '%{Source.Arn}')),
    'AWS::SQS::Queue': {
      type: 'AWS_SQS_QUEUE_POLICY',
      sourcePolicy: false,
      categories: { Write: servicePolicy('events.amazonaws.com', 'sqs:SendMessage') },
    },
  },
  'AWS::Lambda::Function': {
    'AWS::Lambda::Function': rolePolicy({ Write: invoke() }),
    'AWS::S3::Bucket': rolePolicy(S3),
    'AWS::DynamoDB::Table': rolePolicy(DYNAMODB),
    'AWS::SQS::Queue': rolePolicy({
      Read: [allow(['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], DESTINATION)],
      Write: [
        allow(['sqs:DeleteMessage', 'sqs:SendMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'], DESTINATION),
      ],
    }),
    'AWS::SNS::Topic': rolePolicy({ Write: publish }),
    'AWS::StepFunctions::StateMachine': rolePolicy({
      Write: [
        allow(['states:StartExecution', 'states:StartSyncExecution'], DESTINATION),
        allow(['states:StopExecution'], [EXECUTIONS]),
      ],
      Read: [
        allow(['states:DescribeStateMachine', 'states:ListExecutions'], DESTINATION),
        allow(
          ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'],
          [EXECUTIONS],
        ),
      ],
    }),
    'AWS::Events::EventBus': rolePolicy({ Write: putEvents }),
    'AWS::Location::PlaceIndex': rolePolicy({
      Read: [
        allow(
          [
            'geo:DescribePlaceIndex',
            'geo:GetPlace',
            'geo:SearchPlaceIndexForPosition',
            'geo:SearchPlaceIndexForSuggestions',
            'geo:SearchPlaceIndexForText',
          ],
          DESTINATION,
        ),
      ],
    }),
  },
  'AWS::ApiGatewayV2::Api': {
    'AWS::Lambda::Function': permission(lambdaPermission('apigateway.amazonaws.com', EXECUTE_API)),
  },
  'AWS::ApiGateway::RestApi': {
    'AWS::Lambda::Function': permission(lambdaPermission('apigateway.amazonaws.com', EXECUTE_API)),
  },
  'AWS::SNS::Topic': {
    'AWS::SQS::Queue': {
      type: 'AWS_SQS_QUEUE_POLICY',
      sourcePolicy: false,
      categories: { Write: servicePolicy('sns.amazonaws.com', 'sqs:SendMessage') },
    },
    'AWS::Lambda::Function': permission(lambdaPermission('sns.amazonaws.com', '%{Source.Arn}')),
  },
  'AWS::SQS::Queue': {
    'AWS::Lambda::Function': rolePolicy(
      {
        Write: [allow(['sqs:DeleteMessage'], ['%{Source.Arn}'])],
        Read: [allow(['sqs:ReceiveMessage', 'sqs:GetQueueAttributes'], ['%{Source.Arn}'])],
      },
      { sourcePolicy: false, dependedBy: 'DESTINATION_EVENT_SOURCE_MAPPING', validCombinations: [['Read', 'Write']] },
    ),
  },
  'AWS::S3::Bucket': {
    'AWS::Lambda::Function': permission(
      lambdaPermission('s3.amazonaws.com', '%{Source.Arn}', { SourceAccount: '${AWS::AccountId}' }),
    ),
  },
  'AWS::StepFunctions::StateMachine': {
    'AWS::Lambda::Function': rolePolicy({ Write: invoke() }),
    'AWS::SNS::Topic': rolePolicy({ Write: publish }),
    // Step Functions can only send messages to SQS.
    'AWS::SQS::Queue': rolePolicy({ Write: [allow(['sqs:SendMessage'], DESTINATION)] }),
    'AWS::S3::Bucket': rolePolicy(S3),
    'AWS::DynamoDB::Table': rolePolicy(DYNAMODB),
    // Running another state machine synchronously needs Step Functions' managed events rule, so the policy must
    // exist before the source state machine.
    'AWS::StepFunctions::StateMachine': rolePolicy(
      {
        Read: [allow(['states:DescribeExecution'], [EXECUTIONS]), allow(['events:DescribeRule'], [SFN_EVENTS_RULE])],
        Write: [
          allow(['states:StartExecution'], DESTINATION),
          allow(['states:StopExecution'], [EXECUTIONS]),
          allow(['events:PutTargets', 'events:PutRule'], [SFN_EVENTS_RULE]),
        ],
      },
      { dependedBy: 'SOURCE', validCombinations: [['Read'], ['Read', 'Write']] },
    ),
    'AWS::Events::EventBus': rolePolicy({ Write: putEvents }),
  },
  'AWS::AppSync::DataSource': {
    'AWS::DynamoDB::Table': rolePolicy(DYNAMODB),
    'AWS::Lambda::Function': rolePolicy({ Write: invoke(['%{Destination.Arn}', '%{Destination.Arn}:*']) }),
    'AWS::Events::EventBus': rolePolicy({ Write: putEvents }),
  },
  'AWS::AppSync::GraphQLApi': {
    'AWS::Lambda::Function': permission(
      lambdaPermission(
        'appsync.amazonaws.com',
        'arn:${AWS::Partition}:appsync:${AWS::Region}:${AWS::AccountId}:apis/%{Source.ResourceId}',
      ),
    ),
  },
};

/** How a connector reads a connected resource of each type: its role property, and its ARN, name, id, URL. */
export interface ConnectedTypeProperties {
  /** The property holding the role (ARN), or the events rule's target role. */
  role?: string;
  outputs: Readonly<Record<string, string>>;
}

/** Output values: 'Ref', a GetAtt attribute name, or (Qualifier) a literal prefixed with '='. */
export const CONNECTED_TYPES: Readonly<Record<string, ConnectedTypeProperties>> = {
  'AWS::Lambda::Function': { role: 'Role', outputs: { Arn: 'Arn' } },
  'AWS::StepFunctions::StateMachine': { role: 'RoleArn', outputs: { Arn: 'Ref', Name: 'Name' } },
  'AWS::AppSync::GraphQLApi': { outputs: { Id: 'ApiId', Arn: 'Ref' } },
  'AWS::AppSync::DataSource': { role: 'ServiceRoleArn', outputs: { Arn: 'Ref' } },
  'AWS::Events::Rule': { role: 'EventsRuleTarget', outputs: { Arn: 'Arn' } },
  'AWS::SQS::Queue': { outputs: { Arn: 'Arn', Url: 'Ref' } },
  'AWS::SNS::Topic': { outputs: { Arn: 'Ref' } },
  'AWS::DynamoDB::Table': { outputs: { Arn: 'Arn' } },
  'AWS::S3::Bucket': { outputs: { Arn: 'Arn' } },
  'AWS::Location::PlaceIndex': { outputs: { Arn: 'Arn' } },
  'AWS::ApiGatewayV2::Api': { outputs: { Arn: 'Arn', Qualifier: '=*', Id: 'Ref' } },
  'AWS::ApiGateway::RestApi': { outputs: { Arn: 'Arn', Qualifier: '=*', Id: 'Ref' } },
  'AWS::Events::EventBus': { outputs: { Arn: 'Arn' } },
};
