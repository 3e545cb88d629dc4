import type { ParsedTemplate } from '../template/parseTemplate';
import { listResources } from '../template/templateResources';
import { getMapValue, scalarString, type TemplateNode } from '../template/templateTree';
import { getAttParts, intrinsicOf } from './intrinsicCall';
import {
  ID_ALPHABETS,
  bucketArn,
  queueUrl,
  regionalArn,
  stableId,
  stableUuid,
  urlSuffixOf,
  type EventContext,
} from './eventContext';
import { createHash } from 'node:crypto';

interface DeclaredResource {
  type: string | undefined;
  properties: TemplateNode | undefined;
}

/** The property that names a resource, for the types whose names events carry. */
const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
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
};

/** Resources SAM creates without the template declaring them, which templates still reference. */
const SAM_IMPLICIT_RESOURCES: Readonly<Record<string, string>> = {
  ServerlessRestApi: 'AWS::ApiGateway::RestApi',
  ServerlessHttpApi: 'AWS::ApiGatewayV2::Api',
};

const API_TYPES = new Set([
  'AWS::Serverless::Api',
  'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi',
  'AWS::ApiGatewayV2::Api',
]);
const LOWERCASE_NAME_TYPES = new Set(['AWS::S3::Bucket']);
const MAX_DEPTH = 20;

/**
 * Resolves template values locally to plausible names and ARNs: parameters to their defaults, `Ref` and
 * `Fn::GetAtt` to what CloudFormation would return (declared names, or generated `<stack>-<LogicalId>-<suffix>`
 * names), `Fn::Sub`, `Fn::Join` and friends to text, all in the context's region and account.
 */
export class TemplateValueResolver {
  private readonly resources = new Map<string, DeclaredResource>();
  private readonly parameters: TemplateNode | undefined;
  private readonly mappings: TemplateNode | undefined;
  private readonly naming = new Set<string>();

  constructor(
    template: ParsedTemplate,
    readonly context: EventContext,
    private readonly parameterOverrides: Readonly<Record<string, string>> = {},
  ) {
    for (const resource of listResources(template)) {
      this.resources.set(resource.logicalId, {
        type: resource.type,
        properties: getMapValue(resource.node, 'Properties'),
      });
    }
    this.parameters = getMapValue(template.root, 'Parameters');
    this.mappings = getMapValue(template.root, 'Mappings');
  }

  /** The resource's declared type, or SAM's type for its implicit APIs. */
  resourceType(logicalId: string): string | undefined {
    return this.resources.get(logicalId)?.type ?? SAM_IMPLICIT_RESOURCES[logicalId];
  }

  /** The resource's `Properties` node. */
  resourceProperties(logicalId: string): TemplateNode | undefined {
    return this.resources.get(logicalId)?.properties;
  }

  /** The logical id a `Ref`, `Fn::GetAtt` or `${Resource}`-only `Fn::Sub` names, when it is a resource. */
  referencedResource(node: TemplateNode | undefined): string | undefined {
    const intrinsic = intrinsicOf(node);
    if (!intrinsic) return undefined;
    let target: string | undefined;
    if (intrinsic.name === 'Ref') target = scalarString(intrinsic.argument);
    if (intrinsic.name === 'Fn::GetAtt') target = getAttParts(intrinsic.argument)?.[0];
    if (intrinsic.name === 'Fn::Sub') {
      const text = scalarString(intrinsic.argument.kind === 'seq' ? intrinsic.argument.items[0] : intrinsic.argument);
      target = /^\$\{([A-Za-z0-9]+)(\.[A-Za-z.]+)?\}$/.exec(text ?? '')?.[1];
    }
    return target !== undefined && this.resourceType(target) !== undefined ? target : undefined;
  }

  /** The node's value as text, when it resolves to a scalar. */
  resolveString(node: TemplateNode | undefined): string | undefined {
    return scalarText(this.resolveValue(node));
  }

  /** The node as plain JSON with every intrinsic function resolved; undefined where nothing plausible exists. */
  resolveValue(node: TemplateNode | undefined, depth = 0): unknown {
    if (!node || depth > MAX_DEPTH) return undefined;
    const intrinsic = intrinsicOf(node);
    if (intrinsic) return this.resolveIntrinsic(intrinsic.name, intrinsic.argument, depth + 1);
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') {
      return node.items.map((item) => this.resolveValue(item, depth + 1)).filter((item) => item !== undefined);
    }
    const result: Record<string, unknown> = {};
    for (const pair of node.pairs) {
      const value = this.resolveValue(pair.value, depth + 1);
      if (value !== undefined) result[String(pair.key.value)] = value;
    }
    return result;
  }

  /** What `Ref` returns for a parameter, pseudo parameter or resource. */
  refValue(name: string): string | undefined {
    const pseudo = this.pseudoParameter(name);
    if (pseudo !== undefined || name === 'AWS::NoValue') return pseudo;
    const parameter = getMapValue(this.parameters, name);
    if (parameter) return this.parameterValue(name, parameter);
    const type = this.resourceType(name);
    if (type === undefined) return undefined;
    const physicalName = this.physicalName(name);
    switch (type) {
      case 'AWS::SQS::Queue':
        return queueUrl(this.context, physicalName);
      case 'AWS::SNS::Topic':
      case 'AWS::MSK::Cluster':
      case 'AWS::Serverless::StateMachine':
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        return this.getAtt(name, 'Arn');
      case 'AWS::Cognito::UserPool':
        return this.userPoolId(name);
      case 'AWS::AmazonMQ::Broker':
        return this.brokerId(physicalName);
      default:
        return API_TYPES.has(type) ? this.apiId(name) : physicalName;
    }
  }

  /** What `Fn::GetAtt` returns for the attributes events need; undefined for others. */
  getAtt(logicalId: string, attribute: string): string | undefined {
    const type = this.resourceType(logicalId);
    if (type === undefined) return undefined;
    const name = this.physicalName(logicalId);
    const context = this.context;
    switch (`${type}.${attribute}`) {
      case 'AWS::SQS::Queue.QueueName':
      case 'AWS::SNS::Topic.TopicName':
      case 'AWS::Serverless::StateMachine.Name':
      case 'AWS::StepFunctions::StateMachine.Name':
        return name;
      case 'AWS::SQS::Queue.QueueUrl':
        return queueUrl(context, name);
      case 'AWS::SNS::Topic.TopicArn':
        return regionalArn(context, 'sns', name);
      case 'AWS::S3::Bucket.DomainName':
        return `${name}.s3.${urlSuffixOf(context)}`;
      case 'AWS::DynamoDB::Table.StreamArn':
      case 'AWS::DynamoDB::GlobalTable.StreamArn':
        return `${regionalArn(context, 'dynamodb', `table/${name}`)}/stream/${this.streamLabel()}`;
      case 'AWS::Cognito::UserPool.ProviderName':
        return `cognito-idp.${context.region}.${urlSuffixOf(context)}/${this.userPoolId(logicalId)}`;
    }
    if (attribute === 'Arn' && type === 'AWS::Cognito::UserPool') {
      return regionalArn(context, 'cognito-idp', `userpool/${this.userPoolId(logicalId)}`);
    }
    return attribute === 'Arn' ? this.arnOf(type, name) : undefined;
  }

  private arnOf(type: string, name: string): string {
    const context = this.context;
    switch (type) {
      case 'AWS::SQS::Queue':
        return regionalArn(context, 'sqs', name);
      case 'AWS::SNS::Topic':
        return regionalArn(context, 'sns', name);
      case 'AWS::S3::Bucket':
        return bucketArn(context, name);
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::Serverless::SimpleTable':
        return regionalArn(context, 'dynamodb', `table/${name}`);
      case 'AWS::Kinesis::Stream':
        return regionalArn(context, 'kinesis', `stream/${name}`);
      case 'AWS::Serverless::Function':
      case 'AWS::Lambda::Function':
        return regionalArn(context, 'lambda', `function:${name}`);
      case 'AWS::Events::EventBus':
        return regionalArn(context, 'events', `event-bus/${name}`);
      case 'AWS::Events::Rule':
        return regionalArn(context, 'events', `rule/${name}`);
      case 'AWS::Logs::LogGroup':
        return regionalArn(context, 'logs', `log-group:${name}:*`);
      case 'AWS::MSK::Cluster':
        return regionalArn(context, 'kafka', `cluster/${name}/${stableUuid(`msk:${name}`)}-2`);
      case 'AWS::AmazonMQ::Broker':
        return regionalArn(context, 'mq', `broker:${name}:${this.brokerId(name)}`);
      case 'AWS::Serverless::StateMachine':
      case 'AWS::StepFunctions::StateMachine':
        return regionalArn(context, 'states', `stateMachine:${name}`);
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        return regionalArn(
          context,
          'elasticloadbalancing',
          `targetgroup/${name}/${stableId(name, 16, ID_ALPHABETS.hex)}`,
        );
      default: {
        const [, service = 'service', kind = 'resource'] = type.toLowerCase().split('::');
        return regionalArn(context, service, `${kind}/${name}`);
      }
    }
  }

  /** The resource's name: the declared name property, or CloudFormation's generated `<stack>-<LogicalId>-<suffix>`. */
  physicalName(logicalId: string): string {
    const resource = this.resources.get(logicalId);
    const type = resource?.type ?? '';
    const nameProperty = NAME_PROPERTIES[type];
    if (nameProperty && !this.naming.has(logicalId)) {
      this.naming.add(logicalId);
      try {
        const declared = this.resolveString(getMapValue(resource?.properties, nameProperty));
        if (declared) return declared;
      } finally {
        this.naming.delete(logicalId);
      }
    }
    const suffix = generatedSuffix(this.context.stackName, logicalId);
    const fifo =
      type === 'AWS::SQS::Queue' && this.resolveValue(getMapValue(resource?.properties, 'FifoQueue')) === true;
    const generated = `${this.context.stackName}-${logicalId}-${suffix}`.slice(0, fifo ? 75 : 80);
    if (LOWERCASE_NAME_TYPES.has(type)) return generated.toLowerCase().slice(0, 63);
    return fifo ? `${generated}.fifo` : generated;
  }

  /** The 10-character id API Gateway gives an API. */
  apiId(logicalId: string): string {
    return generatedSuffix(this.context.stackName, logicalId).toLowerCase().slice(0, 10);
  }

  /** The id Cognito gives a user pool (`<region>_<9 characters>`), as the local runtime's placeholders name it. */
  userPoolId(logicalId: string): string {
    return `${this.context.region}_${generatedSuffix(this.context.stackName, logicalId).slice(0, 9)}`;
  }

  private brokerId(name: string): string {
    return `b-${stableUuid(`broker:${name}`)}`;
  }

  /** A stream's label is its creation time, fixed for the table; the runtime's placeholders use this one too. */
  private streamLabel(): string {
    return '2024-01-01T00:00:00.000';
  }

  private pseudoParameter(name: string): string | undefined {
    const context = this.context;
    switch (name) {
      case 'AWS::Region':
        return context.region;
      case 'AWS::AccountId':
        return context.accountId;
      case 'AWS::Partition':
        return context.partition;
      case 'AWS::StackName':
        return context.stackName;
      case 'AWS::StackId':
        return regionalArn(context, 'cloudformation', `stack/${context.stackName}/${stableUuid(context.stackName)}`);
      case 'AWS::URLSuffix':
        return urlSuffixOf(context);
      default:
        return undefined;
    }
  }

  private parameterValue(name: string, parameter: TemplateNode): string {
    const override = this.parameterOverrides[name];
    if (override !== undefined) return override;
    const fallback = scalarString(getMapValue(parameter, 'Default'));
    if (fallback !== undefined && fallback !== '') return fallback;
    const allowed = getMapValue(parameter, 'AllowedValues');
    const firstAllowed = allowed?.kind === 'seq' ? scalarString(allowed.items[0]) : undefined;
    if (firstAllowed) return firstAllowed;
    // No value to go on: a readable placeholder from the parameter's name (`OrdersQueueArn` -> `orders-queue`).
    const base = name.replace(/(Parameter|Param)$/, '').replace(/(Arn|Name|Id|Url|Uri)$/, '') || name;
    return base
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
      .toLowerCase();
  }

  private resolveIntrinsic(name: string, argument: TemplateNode, depth: number): unknown {
    switch (name) {
      case 'Ref': {
        const target = scalarString(argument);
        return target === undefined ? undefined : this.refValue(target);
      }
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = getAttParts(argument) ?? [];
        return logicalId && attribute ? this.getAtt(logicalId, attribute) : undefined;
      }
      case 'Fn::Sub':
        return this.substitute(argument);
      case 'Fn::Join': {
        const [delimiter, items] = argument.kind === 'seq' ? argument.items : [];
        const values = this.resolveValue(items, depth);
        const separator = this.resolveString(delimiter) ?? '';
        return Array.isArray(values) ? values.map(String).join(separator) : undefined;
      }
      case 'Fn::Select': {
        const [index, list] = argument.kind === 'seq' ? argument.items : [];
        const values = this.resolveValue(list, depth);
        return Array.isArray(values) ? values[Number(this.resolveValue(index, depth))] : undefined;
      }
      case 'Fn::Split': {
        const [delimiter, text] = argument.kind === 'seq' ? argument.items : [];
        const value = this.resolveString(text);
        return value?.split(this.resolveString(delimiter) ?? ',');
      }
      case 'Fn::If': {
        // Conditions are not evaluated locally; the "true" branch is the configured case more often than not.
        const branch = argument.kind === 'seq' ? argument.items[1] : undefined;
        return this.resolveValue(branch, depth);
      }
      case 'Fn::FindInMap': {
        const [mapName, topKey, secondKey] =
          argument.kind === 'seq' ? argument.items.map((item) => this.resolveString(item)) : [];
        if (!mapName || !topKey || !secondKey) return undefined;
        return this.resolveValue(getMapValue(getMapValue(getMapValue(this.mappings, mapName), topKey), secondKey));
      }
      case 'Fn::ImportValue':
        return `imported-${this.resolveString(argument) ?? 'value'}`;
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${this.context.region}${zone}`);
      case 'Fn::Base64': {
        const text = this.resolveString(argument);
        return text === undefined ? undefined : Buffer.from(text, 'utf8').toString('base64');
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.resolveValue(argument, depth));
      default:
        return undefined;
    }
  }

  private substitute(argument: TemplateNode): string | undefined {
    const template = scalarString(argument.kind === 'seq' ? argument.items[0] : argument);
    if (template === undefined) return undefined;
    const variables = argument.kind === 'seq' ? argument.items[1] : undefined;
    return template.replace(/\$\{(!?)([^}]*)\}/g, (whole, literal: string, expression: string) => {
      if (literal) return `\${${expression}}`;
      const local = getMapValue(variables, expression);
      if (local) return this.resolveString(local) ?? expression;
      const [logicalId = '', ...attribute] = expression.split('.');
      const value = attribute.length ? this.getAtt(logicalId, attribute.join('.')) : this.refValue(expression);
      return value ?? placeholderFor(whole);
    });
  }
}

/**
 * The 12 characters CloudFormation appends to generated names, stable per stack and logical id. The same scheme
 * as the local runtime's resource placeholders (src/core/runtime/resolve/resourcePlaceholders.ts), so that a
 * queue URL in a function's environment and the queue ARN in its sample events name the same queue.
 */
function generatedSuffix(stackName: string, logicalId: string): string {
  const digest = createHash('sha1').update(`${stackName}/${logicalId}`).digest();
  return Array.from(digest.subarray(0, 12), (byte) => ID_ALPHABETS.upper[byte % ID_ALPHABETS.upper.length]).join('');
}

/** A resolved scalar as text; undefined for objects, lists and nothing. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** Placeholder text for a `${...}` that cannot be resolved locally: its name in kebab case. */
function placeholderFor(expression: string): string {
  return expression
    .replace(/[${}]/g, '')
    .replace(/[.:]+/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}
