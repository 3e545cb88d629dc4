// Template-aware events for record sources: queues, topics, buckets, streams and brokers. Each resolves the
// resource the event refers to (through Ref/GetAtt/Sub) and honours the mapping's filter, if any.
import { getMapValue, type TemplateNode } from '../template/templateTree';
import type { EventContext } from './eventContext';
import { matchesEventPattern, sampleFromPattern, type EventPattern } from './eventPattern';
import {
  applyFilterMetadata,
  firstFilterPattern,
  payloadWithFilter,
  recordPassesFilter,
  sampleFilter,
} from './filterCriteria';
import { generateActiveMqEvent, generateRabbitMqEvent, generateSnsEvent, generateSqsEvent } from './messagingEvents';
import { generateS3DeleteEvent, generateS3PutEvent } from './s3Events';
import {
  generateDynamoDbStreamEvent,
  generateKinesisEvent,
  generateMskEvent,
  generateSelfManagedKafkaEvent,
  type KeyAttribute,
} from './streamEvents';
import type { SourceEvent } from './templateEvents';
import { scalarText } from '../template/resolve/evaluateIntrinsics';
import type { TemplateValueResolver } from './templateValueResolver';

/** What the template says a source points at: its ARN, its name, and the resource when it is declared. */
export interface ResolvedTarget {
  arn: string;
  name: string;
  logicalId: string | undefined;
}

/** Resolves a Queue/Topic/Stream/Broker property to an ARN, building one of the type from a name or placeholder. */
export function resolveTarget(
  resolver: TemplateValueResolver,
  node: TemplateNode | undefined,
  type: string,
  fallbackName: string,
): ResolvedTarget {
  const logicalId = resolver.referencedResource(node);
  const raw = resolver.resolveString(node);
  if (raw?.startsWith('arn:')) return { arn: raw, name: raw.split(/[:/]/).pop() ?? fallbackName, logicalId };
  const name = raw ? (raw.split('/').pop() ?? raw) : logicalId ? resolver.physicalName(logicalId) : fallbackName;
  return { arn: resolver.arnOf(type, name), name, logicalId };
}

function noteFilter(notes: string[], pattern: EventPattern | undefined, passes: boolean): void {
  if (!pattern) return;
  notes.push(
    passes
      ? `Shaped to pass the filter ${JSON.stringify(pattern)}.`
      : `Could not build a record that passes the filter ${JSON.stringify(pattern)}; the mapping would drop this one.`,
  );
}

/** Options shared by the record sources: the properties node and the names to fall back on. */
export interface RecordSourceInput {
  properties: TemplateNode | undefined;
  resolver: TemplateValueResolver;
  /** A name to use when the template gives nothing to resolve, such as `OrderProcessorFunctionQueue`. */
  fallbackName: string;
}

function filterPattern(input: RecordSourceInput): EventPattern | undefined {
  return firstFilterPattern(input.resolver.resolveValue(getMapValue(input.properties, 'FilterCriteria')));
}

/** An SQS batch from the event's queue. */
export function sqsSourceEvent(input: RecordSourceInput, queueNode: TemplateNode | undefined): SourceEvent {
  const context = input.resolver.context;
  const queue = resolveTarget(input.resolver, queueNode, 'AWS::SQS::Queue', input.fallbackName);
  const pattern = filterPattern(input);
  const sample = sampleFilter(pattern, 'body');
  const event = generateSqsEvent(
    {
      queueArn: queue.arn,
      ...(sample.payload ? { body: payloadWithFilter({ message: 'Hello from SQS!' }, sample) } : {}),
    },
    context,
  );
  const notes = [`Messages from ${queue.logicalId ?? queue.name} (${queue.arn}).`];
  for (const record of event.Records) applyFilterMetadata(record, sample);
  noteFilter(
    notes,
    pattern,
    event.Records.every((record) => !pattern || recordPassesFilter(pattern, record, 'body', 'text')),
  );
  return { sourceId: 'sqs', event, notes };
}

/** An SNS notification from the event's topic, with message attributes (or body) that pass its filter policy. */
export function snsSourceEvent(
  input: RecordSourceInput,
  topicNode: TemplateNode | undefined,
  filterPolicy: unknown,
  scope: string | undefined,
): SourceEvent {
  const context = input.resolver.context;
  const topic = resolveTarget(input.resolver, topicNode, 'AWS::SNS::Topic', input.fallbackName);
  const notes = [`Notifications from ${topic.logicalId ?? topic.name} (${topic.arn}).`];
  const sample = sampleFromPattern(filterPolicy);
  const onBody = scope === 'MessageBody';
  const attributes: Record<string, string | number | string[]> = {};
  if (!onBody) {
    for (const [name, value] of Object.entries(sample)) {
      attributes[name] = typeof value === 'number' ? value : Array.isArray(value) ? value.map(String) : String(value);
    }
  }
  const event = generateSnsEvent(
    {
      topicArn: topic.arn,
      ...(onBody && Object.keys(sample).length ? { message: { message: 'Hello from SNS!', ...sample } } : {}),
      messageAttributes: attributes,
    },
    context,
  );
  if (typeof filterPolicy === 'object' && filterPolicy !== null) {
    const view = onBody ? (JSON.parse(event.Records[0]?.Sns.Message ?? '{}') as unknown) : sample;
    const passes = matchesEventPattern(filterPolicy, view);
    notes.push(
      passes
        ? `Shaped to pass the filter policy ${JSON.stringify(filterPolicy)}.`
        : `Could not satisfy the filter policy ${JSON.stringify(filterPolicy)}.`,
    );
  }
  return { sourceId: 'sns', event, notes };
}

/** The wildcard event a sample stands for: `s3:ObjectCreated:*` -> `ObjectCreated:Put`. */
const S3_WILDCARD_ACTIONS: Readonly<Record<string, string>> = {
  ObjectCreated: 'Put',
  ObjectRemoved: 'Delete',
  ObjectRestore: 'Completed',
  ObjectTagging: 'Put',
  ObjectAcl: 'Put',
  LifecycleExpiration: 'Delete',
  Replication: 'OperationReplicatedAfterThreshold',
};

/** An S3 notification for the bucket, event type and key filter a notification configuration declares. */
export function s3SourceEvent(
  input: RecordSourceInput,
  bucketNode: TemplateNode | undefined,
  s3Event: string,
  filter: TemplateNode | undefined,
): SourceEvent {
  const resolver = input.resolver;
  const logicalId = resolver.referencedResource(bucketNode);
  const bucketName = logicalId
    ? resolver.physicalName(logicalId)
    : (resolver.resolveString(bucketNode) ?? input.fallbackName);
  const [category = 'ObjectCreated', action = '*'] = s3Event.replace(/^s3:/, '').split(':');
  const eventName = action === '*' ? `${category}:${S3_WILDCARD_ACTIONS[category] ?? 'Put'}` : `${category}:${action}`;
  let prefix: string | undefined;
  let suffix: string | undefined;
  const rules = resolver.resolveValue(getMapValue(getMapValue(filter, 'S3Key'), 'Rules'));
  for (const rule of Array.isArray(rules) ? (rules as Array<{ Name?: unknown; Value?: unknown }>) : []) {
    const name = scalarText(rule.Name)?.toLowerCase();
    if (name === 'prefix') prefix = scalarText(rule.Value) ?? '';
    if (name === 'suffix') suffix = scalarText(rule.Value) ?? '';
  }
  const key = `${prefix ?? (suffix ? '' : 'uploads/')}${suffix ? `hello${suffix}` : 'hello.txt'}`;
  const options = { bucketName, key, eventName };
  const removed = category === 'ObjectRemoved' || category === 'LifecycleExpiration';
  const notes = [`${eventName} in ${logicalId ?? bucketName} (bucket ${bucketName}), key ${key}.`];
  return removed
    ? { sourceId: 's3-delete', event: generateS3DeleteEvent(options, resolver.context), notes }
    : { sourceId: 's3-put', event: generateS3PutEvent(options, resolver.context), notes };
}

function tableKeys(resolver: TemplateValueResolver, table: string): KeyAttribute[] {
  const properties = resolver.resourceProperties(table);
  const simpleKey = resolver.resolveValue(getMapValue(properties, 'PrimaryKey')) as { Name?: unknown; Type?: unknown };
  if (resolver.resourceType(table) === 'AWS::Serverless::SimpleTable') {
    const type = simpleKey?.Type === 'Number' ? 'N' : simpleKey?.Type === 'Binary' ? 'B' : 'S';
    return [{ name: typeof simpleKey?.Name === 'string' ? simpleKey.Name : 'id', type }];
  }
  const schema = resolver.resolveValue(getMapValue(properties, 'KeySchema'));
  const definitions = resolver.resolveValue(getMapValue(properties, 'AttributeDefinitions'));
  const typeOf = (name: string) =>
    (Array.isArray(definitions) ? (definitions as Array<Record<string, unknown>>) : []).find(
      (definition) => definition.AttributeName === name,
    )?.AttributeType;
  return (Array.isArray(schema) ? (schema as Array<Record<string, unknown>>) : []).flatMap((key) => {
    const name = key.AttributeName;
    if (typeof name !== 'string') return [];
    const type = typeOf(name);
    return [{ name, type: type === 'N' || type === 'B' ? type : 'S' }];
  });
}

type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** A DynamoDB Streams batch from the table the event's stream belongs to, keyed by its key schema. */
export function dynamoDbSourceEvent(input: RecordSourceInput, streamNode: TemplateNode | undefined): SourceEvent {
  const resolver = input.resolver;
  const context = resolver.context;
  const table = resolver.referencedResource(streamNode);
  const raw = resolver.resolveString(streamNode);
  const tableName = table
    ? resolver.physicalName(table)
    : (/:table\/([^/]+)/.exec(raw ?? '')?.[1] ?? (raw || input.fallbackName));
  const streamArn = raw?.startsWith('arn:') ? raw : undefined;
  const viewType = resolver.resolveString(
    getMapValue(
      getMapValue(table ? resolver.resourceProperties(table) : undefined, 'StreamSpecification'),
      'StreamViewType',
    ),
  );
  const pattern = filterPattern(input);
  const sample = sampleFilter(pattern, '');
  const eventName = sample.metadata.eventName;
  const event = generateDynamoDbStreamEvent(
    {
      tableName,
      ...(streamArn ? { streamArn } : {}),
      ...(table ? { keyAttributes: tableKeys(resolver, table) } : {}),
      ...(viewType ? { streamViewType: viewType as StreamViewType } : {}),
      ...(eventName === 'INSERT' || eventName === 'MODIFY' || eventName === 'REMOVE' ? { eventName } : {}),
    },
    context,
  );
  for (const record of event.Records) applyFilterMetadata(record, sample);
  const notes = [`Changes to ${table ?? tableName} (${event.Records[0]?.eventSourceARN ?? ''}).`];
  noteFilter(
    notes,
    pattern,
    event.Records.every((record) => !pattern || matchesEventPattern(pattern, record)),
  );
  return { sourceId: 'dynamodb-stream', event, notes };
}

/** A Kinesis batch from the event's stream; filters address the record's `kinesis` fields. */
export function kinesisSourceEvent(input: RecordSourceInput, streamNode: TemplateNode | undefined): SourceEvent {
  const context = input.resolver.context;
  const stream = resolveTarget(input.resolver, streamNode, 'AWS::Kinesis::Stream', input.fallbackName);
  const pattern = filterPattern(input);
  const sample = sampleFilter(pattern, 'data');
  const event = generateKinesisEvent(
    {
      streamArn: stream.arn,
      ...(sample.payload ? { data: payloadWithFilter({ message: 'Hello from Kinesis!' }, sample) } : {}),
    },
    context,
  );
  for (const record of event.Records) applyFilterMetadata(record.kinesis, sample);
  const notes = [`Records from ${stream.logicalId ?? stream.name} (${stream.arn}).`];
  noteFilter(
    notes,
    pattern,
    event.Records.every((record) => !pattern || recordPassesFilter(pattern, record.kinesis, 'data', 'base64')),
  );
  return { sourceId: 'kinesis', event, notes };
}

/** A Kafka batch (MSK when a cluster is given, self-managed otherwise); filters address each record's `value`. */
export function kafkaSourceEvent(
  input: RecordSourceInput,
  clusterNode: TemplateNode | undefined,
  topics: unknown,
  bootstrapServers: string | undefined,
): SourceEvent {
  const context: EventContext = input.resolver.context;
  const topic = Array.isArray(topics) && topics.length ? String(topics[0]) : 'my-topic';
  const pattern = filterPattern(input);
  const sample = sampleFilter(pattern, 'value');
  const value = sample.payload ? { value: payloadWithFilter({ message: 'Hello from Kafka!' }, sample) } : {};
  const notes: string[] = [];
  let event;
  let sourceId: string;
  if (clusterNode) {
    const cluster = resolveTarget(input.resolver, clusterNode, 'AWS::MSK::Cluster', input.fallbackName);
    event = generateMskEvent({ clusterArn: cluster.arn, topic, ...value }, context);
    sourceId = 'kafka-msk';
    notes.push(`Records from topic ${topic} of ${cluster.logicalId ?? cluster.name} (${cluster.arn}).`);
  } else {
    event = generateSelfManagedKafkaEvent(
      { topic, ...value, ...(bootstrapServers ? { bootstrapServers } : {}) },
      context,
    );
    sourceId = 'kafka-self-managed';
    notes.push(`Records from topic ${topic}${bootstrapServers ? ` on ${bootstrapServers}` : ''}.`);
  }
  const records = Object.values(event.records).flat();
  for (const record of records) applyFilterMetadata(record, sample);
  noteFilter(
    notes,
    pattern,
    records.every((record) => !pattern || recordPassesFilter(pattern, record, 'value', 'base64')),
  );
  return { sourceId, event, notes };
}

/** Messages from an Amazon MQ broker: RabbitMQ or ActiveMQ by the broker's engine type. */
export function mqSourceEvent(
  input: RecordSourceInput,
  brokerNode: TemplateNode | undefined,
  queues: unknown,
  virtualHost: string | undefined,
): SourceEvent {
  const resolver = input.resolver;
  const context = resolver.context;
  const broker = resolveTarget(resolver, brokerNode, 'AWS::AmazonMQ::Broker', input.fallbackName);
  const engine = broker.logicalId
    ? resolver.resolveString(getMapValue(resolver.resourceProperties(broker.logicalId), 'EngineType'))
    : undefined;
  const rabbit = engine?.toUpperCase() === 'RABBITMQ' || virtualHost !== undefined;
  const queue = Array.isArray(queues) && queues.length ? String(queues[0]) : 'my-queue';
  const pattern = filterPattern(input);
  const sample = sampleFilter(pattern, 'data');
  const body = sample.payload ? { body: payloadWithFilter({ message: 'Hello from Amazon MQ!' }, sample) } : {};
  const options = { brokerArn: broker.arn, queue, ...body, ...(virtualHost ? { virtualHost } : {}) };
  const event = rabbit ? generateRabbitMqEvent(options, context) : generateActiveMqEvent(options, context);
  const messages = 'messages' in event ? event.messages : Object.values(event.rmqMessagesByQueue).flat();
  for (const message of messages) applyFilterMetadata(message, sample);
  const notes = [
    `Messages from queue ${queue} of ${broker.logicalId ?? broker.name} (${engine ?? (rabbit ? 'RABBITMQ' : 'ACTIVEMQ')}).`,
  ];
  noteFilter(
    notes,
    pattern,
    messages.every((message) => !pattern || recordPassesFilter(pattern, message, 'data', 'base64')),
  );
  return { sourceId: rabbit ? 'mq-rabbitmq' : 'mq-activemq', event, notes };
}
