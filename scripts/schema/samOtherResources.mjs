// AWS::Serverless::SimpleTable, StateMachine, LayerVersion, Application, Connector and CapacityProvider.
import { arrayOf, mapOf, object, oneOf, p, pass, samPage } from './samDsl.mjs';

const tags = p(mapOf('string'), 'Tags as a map of key to value.');
const propagateTags = p('boolean', 'Also put `Tags` on the resources SAM generates.');
const TABLE = 'AWS::DynamoDB::Table';
const STATE_MACHINE = 'AWS::StepFunctions::StateMachine';
const STACK = 'AWS::CloudFormation::Stack';

export const samSimpleTable = {
  type: 'AWS::Serverless::SimpleTable',
  doc: 'A DynamoDB table with a single-attribute primary key, billed on demand unless throughput is given.',
  documentationUrl: samPage('sam-resource-simpletable'),
  underlying: TABLE,
  ref: 'the table name',
  properties: {
    PointInTimeRecoverySpecification: pass(TABLE),
    PrimaryKey: p('.PrimaryKey', 'The partition key; a string attribute named `id` when omitted.'),
    ProvisionedThroughput: pass(TABLE),
    SSESpecification: pass(TABLE),
    TableName: pass(TABLE),
    Tags: tags,
  },
  objects: {
    '.PrimaryKey': object(
      'The partition key attribute.',
      {
        Name: pass(`${TABLE}.AttributeDefinition`, 'AttributeName'),
        Type: pass(`${TABLE}.AttributeDefinition`, 'AttributeType'),
      },
      { required: ['Name', 'Type'] },
    ),
  },
  globals: ['SSESpecification'],
};

export const samStateMachine = {
  type: 'AWS::Serverless::StateMachine',
  doc: 'A Step Functions state machine with its role and the events that start executions.',
  documentationUrl: samPage('sam-resource-statemachine'),
  underlying: STATE_MACHINE,
  ref: 'the state machine ARN',
  properties: {
    AutoPublishAlias: p('string', 'Name of an alias SAM points at a new version on each change.'),
    Definition: p('json', 'The state machine definition (Amazon States Language), inline.'),
    DefinitionSubstitutions: p(mapOf('any'), 'Values for `${...}` placeholders in the definition.'),
    DefinitionUri: p(['string', `${STATE_MACHINE}.S3Location`], 'The definition: a local file or an S3 location.'),
    DeploymentPreference: p('.DeploymentPreference', 'Shifts executions to new versions gradually.'),
    Events: p(mapOf('.Event'), 'Events that start executions, by name. Each has a `Type` and `Properties`.'),
    Logging: pass(STATE_MACHINE, 'LoggingConfiguration'),
    Name: p('string', 'Name of the state machine.'),
    PermissionsBoundary: p('string', 'Permissions boundary of the role SAM creates.'),
    Policies: p(
      ['string', 'json', arrayOf(['string', 'json'])],
      'Permissions added to the role SAM creates: managed policies, policy documents or SAM policy templates.',
    ),
    PropagateTags: propagateTags,
    Role: p('string', 'ARN of an existing role. When set, SAM creates no role.'),
    RolePath: p('string', 'Path of the role SAM creates.'),
    Tags: tags,
    Tracing: pass(STATE_MACHINE, 'TracingConfiguration'),
    Type: pass(STATE_MACHINE, 'StateMachineType'),
    UseAliasAsEventTarget: p('boolean', 'Let events start executions of the alias instead of the state machine.'),
  },
  exclusive: [['Definition', 'DefinitionUri']],
  objects: {
    '.DeploymentPreference': object(
      'Gradual deployment of new state machine versions.',
      {
        Alarms: p(arrayOf('string'), 'Alarms that roll the deployment back.'),
        Interval: p('integer', 'Minutes between traffic shifts.'),
        Percentage: p('integer', 'Percentage of traffic shifted at each step.'),
        StateMachineVersionArn: p('string', 'The version to shift traffic to.'),
        Type: p(oneOf('ALL_AT_ONCE', 'CANARY', 'LINEAR'), 'How traffic moves to the new version.'),
      },
      { additional: true },
    ),
  },
  globals: ['PropagateTags'],
  generated: [
    {
      reference: '{id}Role',
      type: 'AWS::IAM::Role',
      unless: 'Role',
      doc: 'The role SAM creates when `Role` is not set.',
    },
    {
      reference: '{id}.Alias',
      type: 'AWS::StepFunctions::StateMachineAlias',
      when: 'AutoPublishAlias',
      doc: 'The alias `AutoPublishAlias` names.',
    },
    {
      reference: '{id}.Version',
      type: 'AWS::StepFunctions::StateMachineVersion',
      when: 'AutoPublishAlias',
      doc: 'The latest version published through `AutoPublishAlias`.',
    },
  ],
};

export const samLayerVersion = {
  type: 'AWS::Serverless::LayerVersion',
  doc: 'A Lambda layer version built from a local folder or an S3 object. A changed layer gets a new logical ID on every deploy.',
  documentationUrl: samPage('sam-resource-layerversion'),
  underlying: 'AWS::Lambda::LayerVersion',
  ref: 'the ARN of the layer version',
  required: ['ContentUri'],
  properties: {
    CompatibleArchitectures: pass('AWS::Lambda::LayerVersion'),
    CompatibleRuntimes: pass('AWS::Lambda::LayerVersion'),
    ContentUri: p(
      ['string', '.ContentUri'],
      'The layer content: a local folder, an `s3://` URI or a Bucket/Key object.',
    ),
    Description: pass('AWS::Lambda::LayerVersion'),
    LayerName: p('string', 'Name of the layer; the logical ID when omitted.'),
    LicenseInfo: pass('AWS::Lambda::LayerVersion'),
    PublishLambdaVersion: p('boolean', 'Publish a new version whenever the content changes.'),
    RetentionPolicy: p('string', 'Keep (`Retain`) or delete old versions when the layer is replaced or removed.', {
      suggest: ['Retain', 'Delete'],
    }),
  },
  objects: {
    '.ContentUri': object(
      'The layer content in S3.',
      {
        Bucket: pass('AWS::Lambda::LayerVersion.Content', 'S3Bucket'),
        Key: pass('AWS::Lambda::LayerVersion.Content', 'S3Key'),
        Version: pass('AWS::Lambda::LayerVersion.Content', 'S3ObjectVersion'),
      },
      { required: ['Bucket', 'Key'] },
    ),
  },
  globals: ['PublishLambdaVersion'],
};

export const samApplication = {
  type: 'AWS::Serverless::Application',
  doc: 'A nested application from the AWS Serverless Application Repository or a template file, deployed as a nested stack.',
  documentationUrl: samPage('sam-resource-application'),
  underlying: STACK,
  ref: 'the nested stack ARN',
  attributePrefixes: { 'Outputs.': 'An output of the nested application: `!GetAtt App.Outputs.<OutputName>`.' },
  required: ['Location'],
  properties: {
    Location: p(
      ['string', '.Location'],
      'The template: a local file or URL, or a Serverless Application Repository application.',
    ),
    NotificationARNs: pass(STACK),
    Parameters: pass(STACK),
    Tags: tags,
    TimeoutInMinutes: pass(STACK),
  },
  objects: {
    '.Location': object(
      'An application in the Serverless Application Repository.',
      {
        ApplicationId: p('string', 'ARN of the application.'),
        SemanticVersion: p('string', 'Version of the application.'),
      },
      { required: ['ApplicationId', 'SemanticVersion'] },
    ),
  },
};

const resourceReference = object(
  'A resource the connector links, in this template (`Id`) or elsewhere (`Type` with ARN or name).',
  {
    Arn: p('string', 'ARN of a resource outside the template.'),
    Id: p('string', 'Logical ID of a resource in this template.'),
    Name: p('string', 'Name of a resource outside the template.'),
    Qualifier: p('string', 'A qualifier, such as an API stage or function alias.'),
    QueueUrl: p('string', 'URL of an SQS queue outside the template.'),
    ResourceId: p('string', 'Id of an API Gateway resource outside the template.'),
    RoleName: p('string', 'Name of an IAM role outside the template.'),
    Type: p('string', 'CloudFormation type of a resource outside the template.'),
  },
);

const connectorPermissions = p(arrayOf(oneOf('Read', 'Write')), 'What the source may do with the destination.');

export const samConnector = {
  type: 'AWS::Serverless::Connector',
  doc: 'Grants one resource access to another: SAM writes the IAM policies and resource policies the pair needs.',
  documentationUrl: samPage('sam-resource-connector'),
  required: ['Destination', 'Permissions', 'Source'],
  properties: {
    Destination: p(['.ResourceReference', arrayOf('.ResourceReference')], 'The resource or resources being accessed.'),
    Permissions: connectorPermissions,
    Source: p('.ResourceReference', 'The resource that needs access.'),
  },
  objects: {
    '.ResourceReference': resourceReference,
    '.EmbeddedConnector': object(
      'A connector declared on its source resource.',
      {
        Condition: p('string', 'A condition of the template that must hold for the connector to exist.'),
        DeletionPolicy: p('string', 'What happens to the generated resources on deletion.'),
        DependsOn: p(['string', arrayOf('string')], 'Resources created before this connector.'),
        IgnoreGlobals: p(['string', arrayOf('string')], 'Globals not applied here.'),
        Metadata: p('json', 'Metadata of the connector.'),
        Properties: p('.EmbeddedConnectorProperties', 'The destination and permissions.'),
        UpdateReplacePolicy: p('string', 'What happens to replaced generated resources.'),
      },
      { required: ['Properties'] },
    ),
    '.EmbeddedConnectorProperties': object(
      'What the embedding resource may access.',
      {
        Destination: p(
          ['.ResourceReference', arrayOf('.ResourceReference')],
          'The resource or resources being accessed.',
        ),
        Permissions: connectorPermissions,
        SourceReference: p('.SourceReference', 'Narrows the source, e.g. to an API stage.'),
      },
      { required: ['Destination', 'Permissions'] },
    ),
    '.SourceReference': object('Narrows the embedding resource.', { Qualifier: p('string', 'The qualifier.') }),
  },
};

export const samCapacityProvider = {
  type: 'AWS::Serverless::CapacityProvider',
  doc: 'A Lambda capacity provider: EC2 capacity in your VPC that runs functions (Lambda Managed Instances).',
  documentationUrl: samPage('sam-resource-capacityprovider'),
  underlying: 'AWS::Lambda::CapacityProvider',
  ref: 'the capacity provider name',
  required: ['VpcConfig'],
  properties: {
    CapacityProviderName: pass('AWS::Lambda::CapacityProvider'),
    InstanceRequirements: p('.InstanceRequirements', 'Which instance types may be used.'),
    KmsKeyArn: pass('AWS::Lambda::CapacityProvider'),
    OperatorRole: p('string', 'Role Lambda uses to manage the instances; SAM creates one when omitted.'),
    PropagateTags: propagateTags,
    ScalingConfig: p('.ScalingConfig', 'How capacity scales.'),
    Tags: tags,
    VpcConfig: p('.VpcConfig', 'The subnets and security groups of the instances.'),
  },
  objects: {
    '.InstanceRequirements': object('Instance type constraints.', {
      AllowedTypes: p(arrayOf('string'), 'Instance types that may be used.'),
      Architectures: p(arrayOf(oneOf('x86_64', 'arm64')), 'Processor architectures.'),
      ExcludedTypes: p(arrayOf('string'), 'Instance types that must not be used.'),
    }),
    '.ScalingConfig': object('Scaling of the capacity.', {
      AverageCPUUtilization: p('number', 'Target average CPU utilization, in percent.'),
      MaxVCpuCount: p('integer', 'Upper bound of vCPUs.'),
    }),
    '.VpcConfig': object(
      'Network placement of the instances.',
      {
        SecurityGroupIds: p(arrayOf('string'), 'Security groups of the instances.'),
        SubnetIds: p(arrayOf('string'), 'Subnets the instances run in.'),
      },
      { required: ['SubnetIds'] },
    ),
  },
  globals: ['InstanceRequirements', 'KmsKeyArn', 'OperatorRole', 'PropagateTags', 'ScalingConfig', 'Tags', 'VpcConfig'],
};
