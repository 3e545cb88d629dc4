import { WorkbenchError } from '../errors';
import type { ParsedTemplate } from '../template/parseTemplate';
import { listFunctions, listResources } from '../template/templateResources';
import { getMapPair, getMapValue, scalarString, type SourceRange, type TemplateNode } from '../template/templateTree';
import { SAM_COGNITO_TRIGGERS } from './cognitoEvents';
import { scalarText } from '../template/resolve/evaluateIntrinsics';
import { listStateMachineTasks } from './stateMachineTasks';
import type { TemplateValueResolver } from './templateValueResolver';

/** One thing that invokes a function, as the template declares it. */
export interface FunctionEventSource {
  /** Unique among the function's sources: the key under `Events`, or a name for the other wirings. */
  name: string;
  /**
   * The SAM event type (`Api`, `SQS`, `Schedule`...), or how plain CloudFormation wires the function:
   * `FunctionUrl`, `CustomResource`, `EventSourceMapping`, `EventsRule`, `SnsSubscription`,
   * `BucketNotification`, `TargetGroup`.
   */
  type: string;
  /** What the source is about, for people: `GET /users/{id}`, `OrdersQueue`, `cron(0 2 * * ? *)`. */
  detail: string;
  /** `<name> (<type> <detail>)`, what a picker shows. */
  label: string;
  /** The event's `Properties`, or the wiring resource's properties. */
  properties: TemplateNode | undefined;
  /** Where the source is declared (the event's key, or the wiring resource's key). */
  range: SourceRange;
  /** For sources that fan out, the one this entry stands for (a Cognito trigger, an S3 event name). */
  variant?: string;
}

/** The function resource, or a WorkbenchError that names the functions the template does declare. */
export function findFunction(template: ParsedTemplate, logicalId: string) {
  const functions = listFunctions(template);
  const found = functions.find((resource) => resource.logicalId === logicalId);
  if (!found) {
    const known = functions.map((resource) => resource.logicalId);
    throw new WorkbenchError(`The template declares no function "${logicalId}".`, {
      code: 'FunctionNotFound',
      hint: known.length ? `Functions in this template: ${known.join(', ')}.` : 'This template declares no functions.',
    });
  }
  return found;
}

function label(name: string, type: string, detail: string): string {
  return detail ? `${name} (${type} ${detail})` : `${name} (${type})`;
}

function source(
  name: string,
  type: string,
  detail: string,
  properties: TemplateNode | undefined,
  range: SourceRange,
  variant?: string,
): FunctionEventSource {
  const entry: FunctionEventSource = { name, type, detail, label: label(name, type, detail), properties, range };
  if (variant !== undefined) entry.variant = variant;
  return entry;
}

function textList(resolver: TemplateValueResolver, node: TemplateNode | undefined): string[] {
  const value = resolver.resolveValue(node);
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => scalarText(item) ?? []);
}

/** A short name for what a property refers to: the resource's logical id, or the resolved text. */
function targetName(resolver: TemplateValueResolver, node: TemplateNode | undefined): string {
  const logicalId = resolver.referencedResource(node);
  if (logicalId) return logicalId;
  const text = resolver.resolveString(node) ?? '';
  return text.startsWith('arn:') ? (text.split(/[:/]/).pop() ?? text) : text;
}

function describeSamEvent(resolver: TemplateValueResolver, type: string, properties: TemplateNode | undefined): string {
  const property = (name: string) => getMapValue(properties, name);
  const text = (name: string) => resolver.resolveString(property(name)) ?? '';
  switch (type) {
    case 'Api':
      return `${(text('Method') || 'GET').toUpperCase()} ${text('Path') || '/'}`;
    case 'HttpApi':
      return text('Path') ? `${(text('Method') || 'ANY').toUpperCase()} ${text('Path')}` : '$default';
    case 'SQS':
      return targetName(resolver, property('Queue'));
    case 'SNS':
      return targetName(resolver, property('Topic'));
    case 'DynamoDB':
    case 'Kinesis':
    case 'MSK':
      return targetName(resolver, property('Stream'));
    case 'MQ':
      return [targetName(resolver, property('Broker')), ...textList(resolver, property('Queues'))].join(' ');
    case 'SelfManagedKafka':
      return textList(resolver, property('Topics')).join(', ');
    case 'Schedule':
      return text('Schedule');
    case 'ScheduleV2':
      return text('ScheduleExpression');
    case 'CloudWatchEvent':
    case 'EventBridgeRule': {
      const pattern = resolver.resolveValue(property('Pattern'));
      const sources =
        typeof pattern === 'object' && pattern !== null ? (pattern as Record<string, unknown>).source : [];
      return Array.isArray(sources) ? sources.filter((item) => typeof item === 'string').join(', ') : '';
    }
    case 'CloudWatchLogs':
      return text('LogGroupName');
    case 'IoTRule':
      return text('Sql');
    case 'DocumentDB':
      return targetName(resolver, property('Cluster'));
    default:
      return '';
  }
}

/** The function's event sources: its SAM `Events`, its function URL, and plain CloudFormation wirings to it. */
export function listFunctionEventSources(
  template: ParsedTemplate,
  logicalId: string,
  resolver: TemplateValueResolver,
): FunctionEventSource[] {
  const fn = findFunction(template, logicalId);
  const functionProperties = getMapValue(fn.node, 'Properties');
  const sources: FunctionEventSource[] = [];
  const events = getMapValue(functionProperties, 'Events');
  for (const pair of events?.kind === 'map' ? events.pairs : []) {
    const name = String(pair.key.value);
    const type = scalarString(getMapValue(pair.value, 'Type')) ?? '';
    const properties = getMapValue(pair.value, 'Properties');
    if (type === 'Cognito') {
      // One event per trigger: each trigger source is a different event shape.
      for (const trigger of textList(resolver, getMapValue(properties, 'Trigger'))) {
        const detail = `${targetName(resolver, getMapValue(properties, 'UserPool'))} ${trigger}`.trim();
        const sourceName =
          textList(resolver, getMapValue(properties, 'Trigger')).length > 1 ? `${name}-${trigger}` : name;
        sources.push(
          source(sourceName, type, detail, properties, pair.key.range, SAM_COGNITO_TRIGGERS[trigger] ?? trigger),
        );
      }
      continue;
    }
    sources.push(source(name, type, describeSamEvent(resolver, type, properties), properties, pair.key.range));
  }
  const urlConfig = getMapPair(functionProperties, 'FunctionUrlConfig');
  if (urlConfig?.value) {
    const authType = resolver.resolveString(getMapValue(urlConfig.value, 'AuthType')) ?? 'NONE';
    sources.push(source('FunctionUrl', 'FunctionUrl', authType, urlConfig.value, urlConfig.key.range));
  }
  sources.push(...listCloudFormationWirings(template, logicalId, resolver));
  for (const task of listStateMachineTasks(template, logicalId, resolver, resolver.templateDirectory)) {
    const name = `${task.stateMachineId}-${task.stateName}`.replace(/[^A-Za-z0-9_-]+/g, '-');
    const detail = `${task.stateMachineId} ${task.stateName}`;
    sources.push(
      source(name, 'StateMachineTask', detail, undefined, task.range, `${task.stateMachineId}/${task.stateName}`),
    );
  }
  return sources;
}

/** True when the node is `Ref`/`GetAtt`/`Sub` of the function (its name or ARN). */
function pointsAt(resolver: TemplateValueResolver, node: TemplateNode | undefined, logicalId: string): boolean {
  return resolver.referencedResource(node) === logicalId;
}

function listCloudFormationWirings(
  template: ParsedTemplate,
  logicalId: string,
  resolver: TemplateValueResolver,
): FunctionEventSource[] {
  const sources: FunctionEventSource[] = [];
  for (const resource of listResources(template)) {
    const properties = getMapValue(resource.node, 'Properties');
    const property = (name: string) => getMapValue(properties, name);
    const type = resource.type ?? '';
    const add = (kind: string, detail: string, variant?: string) =>
      sources.push(source(resource.logicalId, kind, detail, properties, resource.keyRange, variant));
    if (type === 'AWS::CloudFormation::CustomResource' || type.startsWith('Custom::')) {
      if (pointsAt(resolver, property('ServiceToken'), logicalId)) add('CustomResource', type);
    } else if (type === 'AWS::Lambda::Url') {
      if (pointsAt(resolver, property('TargetFunctionArn'), logicalId)) {
        add('FunctionUrl', resolver.resolveString(property('AuthType')) ?? 'NONE');
      }
    } else if (type === 'AWS::Lambda::EventSourceMapping') {
      if (pointsAt(resolver, property('FunctionName'), logicalId)) {
        add('EventSourceMapping', targetName(resolver, property('EventSourceArn')) || 'self-managed Kafka');
      }
    } else if (type === 'AWS::SNS::Subscription') {
      const protocol = resolver.resolveString(property('Protocol'));
      if (protocol === 'lambda' && pointsAt(resolver, property('Endpoint'), logicalId)) {
        add('SnsSubscription', targetName(resolver, property('TopicArn')));
      }
    } else if (type === 'AWS::Events::Rule') {
      const targets = property('Targets');
      const items = targets?.kind === 'seq' ? targets.items : [];
      if (items.some((target) => pointsAt(resolver, getMapValue(target, 'Arn'), logicalId))) {
        add('EventsRule', resolver.resolveString(property('ScheduleExpression')) ?? 'pattern');
      }
    } else if (type === 'AWS::ElasticLoadBalancingV2::TargetGroup') {
      const targets = property('Targets');
      const items = targets?.kind === 'seq' ? targets.items : [];
      if (items.some((target) => pointsAt(resolver, getMapValue(target, 'Id'), logicalId))) {
        add('TargetGroup', resource.logicalId);
      }
    } else if (type === 'AWS::S3::Bucket') {
      const configurations = getMapValue(property('NotificationConfiguration'), 'LambdaConfigurations');
      for (const configuration of configurations?.kind === 'seq' ? configurations.items : []) {
        if (!pointsAt(resolver, getMapValue(configuration, 'Function'), logicalId)) continue;
        const event = resolver.resolveString(getMapValue(configuration, 'Event')) ?? 's3:ObjectCreated:*';
        add('BucketNotification', `${resource.logicalId} ${event}`, event);
        break;
      }
    }
  }
  return sources;
}
