import { getMapValue, type TemplateNode } from '../template/templateTree';
import { generateCustomResourceEvent } from './automationEvents';
import { generateCognitoEvent } from './cognitoEvents';
import { generateCloudWatchLogsEvent, generateScheduledEvent } from './eventBridgeEvents';
import { generatedName } from '../template/resolve/resourcePlaceholders';
import type { FunctionEventSource } from './functionEventSources';
import { generateAlbEvent, generateFunctionUrlEvent } from './httpEvents';
import { apiSourceEvent, httpApiSourceEvent } from './apiSourceEvents';
import { generateIotEvent } from './mailAndIotEvents';
import {
  dynamoDbSourceEvent,
  kafkaSourceEvent,
  kinesisSourceEvent,
  mqSourceEvent,
  s3SourceEvent,
  snsSourceEvent,
  sqsSourceEvent,
  type RecordSourceInput,
} from './recordSourceEvents';
import { applyInputTransformer, eventMatchingPattern, parseTargetInput, readJsonPath } from './ruleEvents';
import type { SourceEvent } from './templateEvents';
import { listStateMachineTasks, stateMachineTaskEvent } from './stateMachineTasks';
import type { TemplateValueResolver } from './templateValueResolver';

/** The event one source delivers, resolved against the template. Never throws for odd templates: it notes them. */
export function generateSourceEvent(
  source: FunctionEventSource,
  functionId: string,
  resolver: TemplateValueResolver,
): SourceEvent {
  const properties = source.properties;
  const node = (name: string) => getMapValue(properties, name);
  const value = (name: string) => resolver.resolveValue(node(name));
  const text = (name: string) => resolver.resolveString(node(name));
  const input: RecordSourceInput = { properties, resolver, fallbackName: `${functionId}${source.name}` };
  const context = resolver.context;
  switch (source.type) {
    case 'StateMachineTask': {
      const tasks = listStateMachineTasks(resolver.template, functionId, resolver, resolver.templateDirectory);
      const task = tasks.find((candidate) => `${candidate.stateMachineId}/${candidate.stateName}` === source.variant);
      if (task) return { sourceId: 'stepfunctions', ...stateMachineTaskEvent(task, context) };
      return { sourceId: undefined, event: {}, notes: [`${source.detail} no longer invokes ${functionId}.`] };
    }
    case 'Api':
      return apiSourceEvent(source, functionId, resolver);
    case 'HttpApi':
      return httpApiSourceEvent(source, functionId, resolver);
    case 'SQS':
      return sqsSourceEvent(input, node('Queue'));
    case 'SNS':
      return snsSourceEvent(input, node('Topic'), value('FilterPolicy'), text('FilterPolicyScope'));
    case 'S3':
      return s3SourceEvent(input, node('Bucket'), firstText(value('Events')) ?? 's3:ObjectCreated:*', node('Filter'));
    case 'DynamoDB':
      return dynamoDbSourceEvent(input, node('Stream'));
    case 'Kinesis':
      return kinesisSourceEvent(input, node('Stream'));
    case 'MSK':
      return kafkaSourceEvent(input, node('Stream'), value('Topics'), undefined);
    case 'SelfManagedKafka':
      return kafkaSourceEvent(input, undefined, value('Topics'), textList(value('KafkaBootstrapServers')));
    case 'MQ':
      return mqSourceEvent(input, node('Broker'), value('Queues'), virtualHost(value('SourceAccessConfigurations')));
    case 'Schedule':
    case 'ScheduleV2':
      return scheduleSourceEvent(source, functionId, resolver);
    case 'CloudWatchEvent':
    case 'EventBridgeRule':
      return ruleSourceEvent(value('Pattern'), properties, resolver, source.name);
    case 'CloudWatchLogs': {
      const logGroup = text('LogGroupName') ?? `/aws/lambda/${functionId}`;
      const filter = text('FilterPattern');
      return {
        sourceId: 'cloudwatch-logs',
        event: generateCloudWatchLogsEvent(
          { logGroup, filterName: `${context.stackName}-${functionId}${source.name}` },
          context,
        ),
        notes: [
          `Log events from ${logGroup}, gzipped and base64-encoded as CloudWatch Logs delivers them.`,
          ...(filter ? [`The subscription's filter pattern is "${filter}"; edit the messages to match it.`] : []),
        ],
      };
    }
    case 'Cognito': {
      const userPool = resolver.resolveString(node('UserPool'));
      const trigger = source.variant ?? 'PreSignUp_SignUp';
      const poolId = userPool && /^[a-z]{2}(-[a-z]+)+-\d+_\w+$/.test(userPool) ? { userPoolId: userPool } : {};
      return {
        sourceId: 'cognito',
        typeValues: { trigger },
        event: generateCognitoEvent({ triggerSource: trigger, ...poolId }, context),
        notes: [
          `The ${trigger} trigger of ${resolver.referencedResource(node('UserPool')) ?? userPool ?? 'the user pool'}.`,
        ],
      };
    }
    case 'IoTRule':
      return iotSourceEvent(text('Sql') ?? '', resolver);
    case 'FunctionUrl': {
      const authType = text('AuthType') === 'AWS_IAM' ? 'AWS_IAM' : 'NONE';
      return {
        sourceId: 'function-url',
        typeValues: { 'auth-type': authType },
        event: generateFunctionUrlEvent({ authType, functionName: resolver.physicalName(functionId) }, context),
        notes: [`A request to the function URL (AuthType ${authType}).`],
      };
    }
    case 'CustomResource':
      return customResourceSourceEvent(source, functionId, resolver);
    case 'EventSourceMapping':
      return eventSourceMappingEvent(input, resolver);
    case 'SnsSubscription':
      return snsSourceEvent(input, node('TopicArn'), value('FilterPolicy'), text('FilterPolicyScope'));
    case 'EventsRule':
      return eventsRuleSourceEvent(source, functionId, resolver);
    case 'TargetGroup': {
      const attributes = value('TargetGroupAttributes');
      const multiValue =
        Array.isArray(attributes) &&
        attributes.some(
          (entry: { Key?: unknown; Value?: unknown }) =>
            entry.Key === 'lambda.multi_value_headers.enabled' && String(entry.Value) === 'true',
        );
      return {
        sourceId: 'alb',
        event: generateAlbEvent(
          { targetGroupName: resolver.physicalName(source.name), multiValueHeaders: multiValue },
          context,
        ),
        notes: [`A request forwarded by target group ${source.name}${multiValue ? ' (multi-value headers)' : ''}.`],
      };
    }
    case 'BucketNotification': {
      const configurations = getMapValue(getMapValue(properties, 'NotificationConfiguration'), 'LambdaConfigurations');
      const configuration =
        configurations?.kind === 'seq'
          ? configurations.items.find(
              (item) => resolver.referencedResource(getMapValue(item, 'Function')) === functionId,
            )
          : undefined;
      return s3SourceEvent(
        { ...input, fallbackName: source.name },
        { kind: 'scalar', value: source.name, range: { start: 0, end: 0 }, tag: '!Ref' },
        source.variant ?? 's3:ObjectCreated:*',
        getMapValue(configuration, 'Filter'),
      );
    }
    default:
      return {
        sourceId: undefined,
        event: {},
        notes: [`No generator for ${source.type || 'untyped'} events yet: this is an empty event to edit.`],
      };
  }
}

function firstText(value: unknown): string | undefined {
  if (Array.isArray(value)) return firstText(value[0]);
  return typeof value === 'string' ? value : undefined;
}

function textList(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length ? value.map(String).join(',') : undefined;
  return typeof value === 'string' ? value : undefined;
}

function virtualHost(configurations: unknown): string | undefined {
  if (!Array.isArray(configurations)) return undefined;
  const entry = (configurations as Array<{ Type?: unknown; URI?: unknown }>).find(
    (item) => item.Type === 'VIRTUAL_HOST',
  );
  return typeof entry?.URI === 'string' ? entry.URI : undefined;
}

function scheduleSourceEvent(
  source: FunctionEventSource,
  functionId: string,
  resolver: TemplateValueResolver,
): SourceEvent {
  const node = (name: string) => getMapValue(source.properties, name);
  const scheduler = source.type === 'ScheduleV2';
  const expression = resolver.resolveString(node(scheduler ? 'ScheduleExpression' : 'Schedule')) ?? '';
  const input = resolver.resolveValue(node('Input'));
  if (input !== undefined) {
    return {
      sourceId: undefined,
      event: parseTargetInput(input),
      notes: [
        `The schedule ${expression} passes its Input, which replaces the scheduled event: the function receives exactly this.`,
      ],
    };
  }
  // SAM names the rule (or schedule) `<Function><Event>`; without a Name, CloudFormation generates one from that.
  const name =
    resolver.resolveString(node('Name')) ??
    generatedName(
      resolver.context,
      `${functionId}${source.name}`,
      scheduler ? 'AWS::Scheduler::Schedule' : 'AWS::Events::Rule',
    );
  const groupName = resolver.resolveString(node('GroupName'));
  return {
    sourceId: 'eventbridge-scheduled',
    event: generateScheduledEvent(
      { name, service: scheduler ? 'scheduler' : 'rule', ...(groupName ? { groupName } : {}) },
      resolver.context,
    ),
    notes: [
      `Fired by ${scheduler ? 'EventBridge Scheduler' : 'an EventBridge rule'} on ${expression || 'its schedule'}.`,
    ],
  };
}

/** A rule's event for its pattern, then what its target's Input, InputPath or InputTransformer makes of it. */
function ruleSourceEvent(
  pattern: unknown,
  target: TemplateNode | undefined,
  resolver: TemplateValueResolver,
  name: string,
): SourceEvent {
  const { event, matches } = eventMatchingPattern(pattern, resolver.context);
  const notes = pattern
    ? [
        matches
          ? `Matches the rule's pattern ${JSON.stringify(pattern)}.`
          : `Could not build an event that matches the pattern ${JSON.stringify(pattern)}.`,
      ]
    : [`${name} has no pattern: a sample custom event.`];
  const input = resolver.resolveValue(getMapValue(target, 'Input'));
  const inputPath = resolver.resolveString(getMapValue(target, 'InputPath'));
  const transformer = resolver.resolveValue(getMapValue(target, 'InputTransformer')) as
    { InputPathsMap?: Record<string, unknown>; InputTemplate?: unknown } | undefined;
  if (input !== undefined) {
    return {
      sourceId: undefined,
      event: parseTargetInput(input),
      notes: [...notes, 'The target passes its constant Input instead of the event.'],
    };
  }
  if (inputPath) {
    return {
      sourceId: undefined,
      event: readJsonPath(event, inputPath) ?? {},
      notes: [...notes, `The target passes only ${inputPath} of the event.`],
    };
  }
  if (transformer && typeof transformer.InputTemplate === 'string') {
    return {
      sourceId: undefined,
      event: applyInputTransformer(event, transformer.InputPathsMap ?? {}, transformer.InputTemplate),
      notes: [...notes, 'The target reshapes the event with its InputTransformer.'],
    };
  }
  return { sourceId: 'eventbridge', event, notes };
}

function eventsRuleSourceEvent(
  source: FunctionEventSource,
  functionId: string,
  resolver: TemplateValueResolver,
): SourceEvent {
  const targets = getMapValue(source.properties, 'Targets');
  const target =
    targets?.kind === 'seq'
      ? targets.items.find((item) => resolver.referencedResource(getMapValue(item, 'Arn')) === functionId)
      : undefined;
  const expression = resolver.resolveString(getMapValue(source.properties, 'ScheduleExpression'));
  if (expression) {
    const input = resolver.resolveValue(getMapValue(target, 'Input'));
    if (input !== undefined) {
      return {
        sourceId: undefined,
        event: parseTargetInput(input),
        notes: [`The rule ${expression} passes its target Input.`],
      };
    }
    const name = resolver.physicalName(source.name);
    return {
      sourceId: 'eventbridge-scheduled',
      event: generateScheduledEvent({ name }, resolver.context),
      notes: [`Fired on ${expression}.`],
    };
  }
  return ruleSourceEvent(
    resolver.resolveValue(getMapValue(source.properties, 'EventPattern')),
    target,
    resolver,
    source.name,
  );
}

function customResourceSourceEvent(
  source: FunctionEventSource,
  functionId: string,
  resolver: TemplateValueResolver,
): SourceEvent {
  const resolved = resolver.resolveValue(source.properties);
  const { ServiceToken: _token, ...properties } =
    typeof resolved === 'object' && resolved !== null ? (resolved as Record<string, unknown>) : {};
  return {
    sourceId: 'cloudformation-custom-resource',
    event: generateCustomResourceEvent(
      {
        logicalResourceId: source.name,
        resourceType: resolver.resourceType(source.name) ?? 'AWS::CloudFormation::CustomResource',
        functionName: resolver.physicalName(functionId),
        properties,
      },
      resolver.context,
    ),
    notes: [
      `The Create request for ${source.name}; Update and Delete requests add PhysicalResourceId (and OldResourceProperties).`,
    ],
  };
}

function eventSourceMappingEvent(input: RecordSourceInput, resolver: TemplateValueResolver): SourceEvent {
  const node = (name: string) => getMapValue(input.properties, name);
  const arn = resolver.resolveString(node('EventSourceArn')) ?? '';
  const service = arn.startsWith('arn:') ? arn.split(':')[2] : undefined;
  const topics = resolver.resolveValue(node('Topics'));
  switch (service) {
    case 'sqs':
      return sqsSourceEvent(input, node('EventSourceArn'));
    case 'kinesis':
      return kinesisSourceEvent(input, node('EventSourceArn'));
    case 'dynamodb':
      return dynamoDbSourceEvent(input, node('EventSourceArn'));
    case 'kafka':
      return kafkaSourceEvent(input, node('EventSourceArn'), topics, undefined);
    case 'mq':
      return mqSourceEvent(
        input,
        node('EventSourceArn'),
        resolver.resolveValue(node('Queues')),
        virtualHost(resolver.resolveValue(node('SourceAccessConfigurations'))),
      );
  }
  const endpoints = resolver.resolveValue(
    getMapValue(getMapValue(node('SelfManagedEventSource'), 'Endpoints'), 'KafkaBootstrapServers'),
  );
  if (endpoints !== undefined || topics !== undefined)
    return kafkaSourceEvent(input, undefined, topics, textList(endpoints));
  // An ARN parameter without a default: guess the source from the property the mapping would need.
  return sqsSourceEvent(input, node('EventSourceArn'));
}

/** The payload an IoT rule's SQL selects: `SELECT *` gives a sample message; named fields get sample values. */
function iotSourceEvent(sql: string, resolver: TemplateValueResolver): SourceEvent {
  const match = /^\s*SELECT\s+(.+?)\s+FROM\s+'([^']*)'/is.exec(sql);
  const topic = (match?.[2] ?? 'devices/thermostat-1/telemetry').replace(/\+/g, 'device-1').replace(/#/g, 'telemetry');
  const fields = (match?.[1] ?? '*').split(',').map((field) => field.trim());
  const base = generateIotEvent({}, resolver.context) as Record<string, unknown>;
  let payload: Record<string, unknown> = fields.includes('*') ? { ...base } : {};
  for (const field of fields) {
    if (field === '*') continue;
    const alias = /\s+AS\s+(\w+)$/i.exec(field)?.[1];
    const expression = field.replace(/\s+AS\s+\w+$/i, '').trim();
    const key = alias ?? expression.split('.').pop() ?? expression;
    if (/^topic\(\s*\)$/i.test(expression)) payload[key] = topic;
    else if (/^topic\(\s*(\d+)\s*\)$/i.test(expression))
      payload[key] = topic.split('/')[Number(/\d+/.exec(expression)?.[0]) - 1] ?? '';
    else if (/^timestamp\(\s*\)$/i.test(expression)) payload[key] = resolver.context.now.getTime();
    else payload[key] = base[key] ?? `${key}-1`;
  }
  if (Object.keys(payload).length === 0) payload = base;
  return {
    sourceId: 'iot',
    event: payload,
    notes: [`What ${sql ? `"${sql}"` : 'the rule'} selects from a message on ${topic}.`],
  };
}
