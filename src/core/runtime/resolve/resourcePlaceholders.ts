// Locally there is no stack, so `Ref` and `Fn::GetAtt` on resources answer plausible physical names and ARNs in
// the shapes CloudFormation gives them (a queue's Ref is its URL, a topic's Ref its ARN...), so code that parses
// them (e.g. splits an ARN) still works.
import { createHash } from 'node:crypto';

/** Where the placeholders live: the stack's region, account and name. */
export interface PlaceholderContext {
  region: string;
  accountId: string;
  partition: string;
  stackName: string;
}

/** A resource as the placeholders see it: its type and its explicit name, if the template sets one. */
export interface PlaceholderResource {
  logicalId: string;
  type: string;
  /** The value of the type's name property (QueueName, TableName...), when it evaluates to text. */
  explicitName?: string;
}

/** Answers Ref and GetAtt for the resources of one template. */
export interface ResourcePlaceholders {
  ref: (logicalId: string) => string | undefined;
  getAttribute: (logicalId: string, attribute: string) => string | undefined;
}

/** The property that names each resource type, where CloudFormation lets the template choose the name. */
export const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::Serverless::LayerVersion': 'LayerName',
  'AWS::Lambda::LayerVersion': 'LayerName',
  'AWS::Cognito::UserPool': 'UserPoolName',
};

/** Builds Ref/GetAtt answers for the given resources. */
export function createResourcePlaceholders(
  resources: readonly PlaceholderResource[],
  context: PlaceholderContext,
): ResourcePlaceholders {
  const byId = new Map(resources.map((resource) => [resource.logicalId, resource]));
  const arn = (service: string, resource: string, region = context.region, account = context.accountId): string =>
    `arn:${context.partition}:${service}:${region}:${account}:${resource}`;
  const urlSuffix = context.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';

  const physicalName = (resource: PlaceholderResource): string => {
    if (resource.explicitName) return resource.explicitName;
    const generated = `${context.stackName}-${resource.logicalId}-${suffixFor(context.stackName, resource.logicalId)}`;
    return resource.type === 'AWS::S3::Bucket' ? generated.toLowerCase() : generated;
  };
  const apiId = (logicalId: string): string => suffixFor(context.stackName, logicalId).toLowerCase().slice(0, 10);

  // SAM's `<Function>.Alias` and `<Function>.Version` references, and the implicit APIs SAM creates.
  const samImplicit = (logicalId: string): string | undefined => {
    const match = /^(.+)\.(Alias|Version)$/.exec(logicalId);
    const functionResource = match ? byId.get(match[1] ?? '') : undefined;
    if (match && functionResource) {
      const functionArn = arn('lambda', `function:${physicalName(functionResource)}`);
      return match[2] === 'Alias' ? `${functionArn}:live` : `${functionArn}:1`;
    }
    if (logicalId === 'ServerlessRestApi' || logicalId === 'ServerlessHttpApi') return apiId(logicalId);
    return undefined;
  };

  const ref = (logicalId: string): string | undefined => {
    const resource = byId.get(logicalId);
    if (!resource) return samImplicit(logicalId);
    const name = physicalName(resource);
    switch (resource.type) {
      case 'AWS::SQS::Queue':
        return `https://sqs.${context.region}.${urlSuffix}/${context.accountId}/${name}`;
      case 'AWS::SNS::Topic':
        return arn('sns', name);
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::Serverless::StateMachine':
        return arn('states', `stateMachine:${name}`);
      case 'AWS::SecretsManager::Secret':
        return arn('secretsmanager', `secret:${name}-AbCdEf`);
      case 'AWS::Serverless::LayerVersion':
      case 'AWS::Lambda::LayerVersion':
        return arn('lambda', `layer:${name}:1`);
      case 'AWS::Serverless::Api':
      case 'AWS::Serverless::HttpApi':
      case 'AWS::ApiGateway::RestApi':
      case 'AWS::ApiGatewayV2::Api':
        return apiId(logicalId);
      case 'AWS::Cognito::UserPool':
        return `${context.region}_${suffixFor(context.stackName, logicalId).slice(0, 9)}`;
      default:
        return name;
    }
  };

  const getAttribute = (logicalId: string, attribute: string): string | undefined => {
    const resource = byId.get(logicalId);
    if (!resource) return samImplicit(logicalId) === undefined ? undefined : `${logicalId}.${attribute}`;
    const name = physicalName(resource);
    const type = resource.type;
    if (type === 'AWS::SQS::Queue') {
      if (attribute === 'Arn') return arn('sqs', name);
      if (attribute === 'QueueName') return name;
      if (attribute === 'QueueUrl') return ref(logicalId);
    }
    if (type === 'AWS::SNS::Topic') {
      if (attribute === 'TopicName') return name;
      if (attribute === 'TopicArn') return arn('sns', name);
    }
    if (type === 'AWS::DynamoDB::Table' || type === 'AWS::Serverless::SimpleTable') {
      if (attribute === 'Arn') return arn('dynamodb', `table/${name}`);
      if (attribute === 'StreamArn') return arn('dynamodb', `table/${name}/stream/2024-01-01T00:00:00.000`);
    }
    if (type === 'AWS::S3::Bucket') {
      if (attribute === 'Arn') return `arn:${context.partition}:s3:::${name}`;
      if (attribute === 'DomainName') return `${name}.s3.${urlSuffix}`;
      if (attribute === 'RegionalDomainName') return `${name}.s3.${context.region}.${urlSuffix}`;
      if (attribute === 'WebsiteURL') return `http://${name}.s3-website-${context.region}.${urlSuffix}`;
    }
    if (type === 'AWS::Lambda::Function' || type === 'AWS::Serverless::Function') {
      if (attribute === 'Arn') return arn('lambda', `function:${name}`);
    }
    if (type === 'AWS::IAM::Role') {
      if (attribute === 'Arn') return arn('iam', `role/${name}`, '');
      if (attribute === 'RoleId') return `AROA${suffixFor(logicalId, name)}`;
    }
    if (type === 'AWS::Kinesis::Stream' && attribute === 'Arn') return arn('kinesis', `stream/${name}`);
    if (type === 'AWS::Events::EventBus' && attribute === 'Arn') return arn('events', `event-bus/${name}`);
    if (type === 'AWS::Events::Rule' && attribute === 'Arn') return arn('events', `rule/${name}`);
    if (type === 'AWS::Logs::LogGroup' && attribute === 'Arn') return arn('logs', `log-group:${name}:*`);
    if (attribute === 'Arn') return ref(logicalId)?.startsWith('arn:') ? ref(logicalId) : arn(serviceOf(type), name);
    if (attribute.endsWith('Name')) return name;
    return `${name}-${attribute}`;
  };

  return { ref, getAttribute };
}

/** CloudFormation appends 12-13 random characters to generated names; a hash keeps ours stable between runs. */
function suffixFor(stackName: string, logicalId: string): string {
  const digest = createHash('sha1').update(`${stackName}/${logicalId}`).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from(digest.subarray(0, 12), (byte) => alphabet[byte % alphabet.length]).join('');
}

function serviceOf(type: string): string {
  return (type.split('::')[1] ?? 'resource').toLowerCase();
}
