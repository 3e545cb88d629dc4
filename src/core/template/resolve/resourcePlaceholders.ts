// Locally there is no stack, so `Ref` and `Fn::GetAtt` on resources answer plausible physical names and ARNs in
// the shapes CloudFormation gives them (a queue's Ref is its URL, a topic's Ref its ARN...), so code that parses
// them (e.g. splits an ARN) still works. The local runtime and the sample events share this one scheme, so a
// queue URL in a function's environment and the queue ARN in its sample events name the same queue.
import { createHash } from 'node:crypto';
import { scalarText } from './evaluateIntrinsics';
import { stableId, stableUuid, ID_ALPHABETS } from './stableId';
import { bucketArn, queueUrl, regionalArn, urlSuffixOf, type StackIdentity } from './stackIdentity';

/** The property that names each resource type, where CloudFormation lets the template choose the name. */
export const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Cognito::UserPool': 'UserPoolName',
  'AWS::MSK::Cluster': 'ClusterName',
  'AWS::AmazonMQ::Broker': 'BrokerName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Serverless::Api': 'Name',
  'AWS::ApiGateway::RestApi': 'Name',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SSM::Parameter': 'Name',
  'AWS::Serverless::LayerVersion': 'LayerName',
  'AWS::Lambda::LayerVersion': 'LayerName',
};

/** Resources SAM creates without the template declaring them, which templates still reference. */
export const SAM_IMPLICIT_RESOURCES: Readonly<Record<string, string>> = {
  ServerlessRestApi: 'AWS::ApiGateway::RestApi',
  ServerlessHttpApi: 'AWS::ApiGatewayV2::Api',
};

const API_TYPES = new Set([
  'AWS::Serverless::Api',
  'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi',
  'AWS::ApiGatewayV2::Api',
]);
/** How long CloudFormation lets a generated name be, where the type allows fewer than 80 characters. */
const NAME_LENGTH_LIMITS: Readonly<Record<string, number>> = {
  'AWS::S3::Bucket': 63,
  'AWS::Events::Rule': 64,
  'AWS::Scheduler::Schedule': 64,
};
const LOWERCASE_NAME_TYPES = new Set(['AWS::S3::Bucket']);
/** A stream's label is its creation time, fixed for the table. */
const STREAM_LABEL = '2024-01-01T00:00:00.000';

/** A declared resource as the placeholders see it. */
export interface PlaceholderResource {
  logicalId: string;
  type: string | undefined;
}

/** A resource property's evaluated value, or undefined when it is absent or cannot be resolved. */
export type PropertyReader = (logicalId: string, property: string) => unknown;

/** Names, Ref values and GetAtt values for the resources of one template in one stack. */
export class ResourcePlaceholders {
  private readonly types = new Map<string, string | undefined>();
  /** Resources whose name is being worked out: a name that refers to itself falls back to a generated one. */
  private readonly naming = new Set<string>();

  constructor(
    resources: readonly PlaceholderResource[],
    private readonly identity: StackIdentity,
    private readonly readProperty: PropertyReader,
  ) {
    for (const resource of resources) this.types.set(resource.logicalId, resource.type);
  }

  /** The resource's declared type, or SAM's type for its implicit APIs; undefined when there is no such resource. */
  resourceType(logicalId: string): string | undefined {
    return this.types.get(logicalId) ?? SAM_IMPLICIT_RESOURCES[logicalId];
  }

  /** The resource's name: the declared name property, or CloudFormation's generated `<stack>-<LogicalId>-<suffix>`. */
  physicalName(logicalId: string): string {
    const type = this.types.get(logicalId) ?? '';
    if (this.naming.has(logicalId)) return generatedName(this.identity, logicalId, type);
    this.naming.add(logicalId);
    try {
      const nameProperty = NAME_PROPERTIES[type];
      const declared = nameProperty ? scalarText(this.readProperty(logicalId, nameProperty)) : undefined;
      if (declared) return declared;
      const fifo = type === 'AWS::SQS::Queue' && this.readProperty(logicalId, 'FifoQueue') === true;
      return generatedName(this.identity, logicalId, type, fifo);
    } finally {
      this.naming.delete(logicalId);
    }
  }

  /** What `Ref` returns for a resource (or SAM's `<Function>.Alias` / `.Version`); undefined when there is none. */
  ref(logicalId: string): string | undefined {
    const type = this.resourceType(logicalId);
    if (type === undefined) return this.samReference(logicalId);
    const name = this.physicalName(logicalId);
    switch (type) {
      case 'AWS::SQS::Queue':
        return queueUrl(this.identity, name);
      case 'AWS::SNS::Topic':
      case 'AWS::MSK::Cluster':
      case 'AWS::Serverless::StateMachine':
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
      case 'AWS::SecretsManager::Secret':
      case 'AWS::Serverless::LayerVersion':
      case 'AWS::Lambda::LayerVersion':
        return this.arnOf(type, name);
      case 'AWS::Cognito::UserPool':
        return this.userPoolId(logicalId);
      case 'AWS::AmazonMQ::Broker':
        return mqBrokerId(name);
      default:
        return API_TYPES.has(type) ? this.apiId(logicalId) : name;
    }
  }

  /** What `Fn::GetAtt` returns for the attributes these placeholders know; undefined for others. */
  getAttribute(logicalId: string, attribute: string): string | undefined {
    const type = this.resourceType(logicalId);
    if (type === undefined) return undefined;
    const name = this.physicalName(logicalId);
    const identity = this.identity;
    switch (`${type}.${attribute}`) {
      case 'AWS::SQS::Queue.QueueName':
      case 'AWS::SNS::Topic.TopicName':
      case 'AWS::Serverless::StateMachine.Name':
      case 'AWS::StepFunctions::StateMachine.Name':
        return name;
      case 'AWS::SQS::Queue.QueueUrl':
        return queueUrl(identity, name);
      case 'AWS::SNS::Topic.TopicArn':
        return this.arnOf(type, name);
      case 'AWS::S3::Bucket.DomainName':
        return `${name}.s3.${urlSuffixOf(identity)}`;
      case 'AWS::S3::Bucket.RegionalDomainName':
        return `${name}.s3.${identity.region}.${urlSuffixOf(identity)}`;
      case 'AWS::S3::Bucket.WebsiteURL':
        return `http://${name}.s3-website-${identity.region}.${urlSuffixOf(identity)}`;
      case 'AWS::DynamoDB::Table.StreamArn':
      case 'AWS::DynamoDB::GlobalTable.StreamArn':
      case 'AWS::Serverless::SimpleTable.StreamArn':
        return `${this.arnOf(type, name)}/stream/${STREAM_LABEL}`;
      case 'AWS::IAM::Role.RoleId':
        return `AROA${generatedSuffix(logicalId, name)}`;
      case 'AWS::Cognito::UserPool.ProviderName':
        return `cognito-idp.${identity.region}.${urlSuffixOf(identity)}/${this.userPoolId(logicalId)}`;
      case 'AWS::Cognito::UserPool.Arn':
        return regionalArn(identity, 'cognito-idp', `userpool/${this.userPoolId(logicalId)}`);
    }
    return attribute === 'Arn' ? this.arnOf(type, name) : undefined;
  }

  /** A plausible value for an attribute the placeholders do not know: the name for `*Name`, else `<name>-<Attribute>`. */
  derivedAttribute(logicalId: string, attribute: string): string | undefined {
    if (this.resourceType(logicalId) === undefined) return undefined;
    const name = this.physicalName(logicalId);
    return attribute.endsWith('Name') ? name : `${name}-${attribute}`;
  }

  /** The ARN of a resource of the given type and name. */
  arnOf(type: string, name: string): string {
    const identity = this.identity;
    switch (type) {
      case 'AWS::SQS::Queue':
        return regionalArn(identity, 'sqs', name);
      case 'AWS::SNS::Topic':
        return regionalArn(identity, 'sns', name);
      case 'AWS::S3::Bucket':
        return bucketArn(identity, name);
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::Serverless::SimpleTable':
        return regionalArn(identity, 'dynamodb', `table/${name}`);
      case 'AWS::Kinesis::Stream':
        return regionalArn(identity, 'kinesis', `stream/${name}`);
      case 'AWS::Serverless::Function':
      case 'AWS::Lambda::Function':
        return regionalArn(identity, 'lambda', `function:${name}`);
      case 'AWS::Serverless::LayerVersion':
      case 'AWS::Lambda::LayerVersion':
        return regionalArn(identity, 'lambda', `layer:${name}:1`);
      case 'AWS::IAM::Role':
        // IAM is global: its ARNs carry no region.
        return `arn:${identity.partition}:iam::${identity.accountId}:role/${name}`;
      case 'AWS::Events::EventBus':
        return regionalArn(identity, 'events', `event-bus/${name}`);
      case 'AWS::Events::Rule':
        return regionalArn(identity, 'events', `rule/${name}`);
      case 'AWS::Logs::LogGroup':
        return regionalArn(identity, 'logs', `log-group:${name}:*`);
      case 'AWS::MSK::Cluster':
        return mskClusterArn(identity, name);
      case 'AWS::AmazonMQ::Broker':
        return regionalArn(identity, 'mq', `broker:${name}:${mqBrokerId(name)}`);
      case 'AWS::Serverless::StateMachine':
      case 'AWS::StepFunctions::StateMachine':
        return regionalArn(identity, 'states', `stateMachine:${name}`);
      case 'AWS::SecretsManager::Secret':
        // Secrets Manager appends six random characters to the secret's name.
        return regionalArn(identity, 'secretsmanager', `secret:${name}-AbCdEf`);
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        return regionalArn(
          identity,
          'elasticloadbalancing',
          `targetgroup/${name}/${stableId(name, 16, ID_ALPHABETS.hex)}`,
        );
      default: {
        const [, service = 'service', kind = 'resource'] = type.toLowerCase().split('::');
        return regionalArn(identity, service, `${kind}/${name}`);
      }
    }
  }

  /** The 10-character id API Gateway gives an API. */
  apiId(logicalId: string): string {
    return generatedSuffix(this.identity.stackName, logicalId).toLowerCase().slice(0, 10);
  }

  /** The id Cognito gives a user pool: `<region>_<9 characters>`. */
  userPoolId(logicalId: string): string {
    return `${this.identity.region}_${generatedSuffix(this.identity.stackName, logicalId).slice(0, 9)}`;
  }

  /** SAM's `<Function>.Alias` and `<Function>.Version` references. */
  private samReference(reference: string): string | undefined {
    const match = /^(.+)\.(Alias|Version)$/.exec(reference);
    const functionId = match?.[1];
    if (!match || functionId === undefined || !this.types.has(functionId)) return undefined;
    const functionArn = this.arnOf('AWS::Lambda::Function', this.physicalName(functionId));
    return match[2] === 'Alias' ? `${functionArn}:live` : `${functionArn}:1`;
  }
}

/** The name CloudFormation generates for a resource the template does not name: `<stack>-<LogicalId>-<suffix>`. */
export function generatedName(identity: StackIdentity, logicalId: string, type: string, fifo = false): string {
  const generated = `${identity.stackName}-${logicalId}-${generatedSuffix(identity.stackName, logicalId)}`;
  // FIFO queue names end in `.fifo` within the same 80 characters.
  if (fifo) return `${generated.slice(0, 75)}.fifo`;
  const name = generated.slice(0, NAME_LENGTH_LIMITS[type] ?? 80);
  return LOWERCASE_NAME_TYPES.has(type) ? name.toLowerCase() : name;
}

/** The id Amazon MQ gives a broker (`b-<uuid>`), stable per broker name. */
export function mqBrokerId(name: string): string {
  return `b-${stableUuid(`broker:${name}`)}`;
}

/** An MSK cluster's ARN: its name and a UUID, stable per cluster name. */
export function mskClusterArn(identity: StackIdentity, name: string): string {
  return regionalArn(identity, 'kafka', `cluster/${name}/${stableUuid(`msk:${name}`)}-2`);
}

/** CloudFormation appends 12-13 random characters to generated names; a hash keeps ours stable between runs. */
function generatedSuffix(stackName: string, logicalId: string): string {
  const digest = createHash('sha1').update(`${stackName}/${logicalId}`).digest();
  return Array.from(digest.subarray(0, 12), (byte) => ID_ALPHABETS.upper[byte % ID_ALPHABETS.upper.length]).join('');
}
