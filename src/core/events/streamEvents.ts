import type {
  AttributeValue,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  KinesisStreamEvent,
  MSKEvent,
  MSKRecord,
  SelfManagedKafkaEvent,
} from 'aws-lambda';
import { mskClusterArn } from '../template/resolve/resourcePlaceholders';
import { ID_ALPHABETS, stableId, stableUuid } from '../template/resolve/stableId';
import { regionalArn } from '../template/resolve/stackIdentity';
import { epochSeconds, epochSecondsWithFraction, randomHex, type EventContext } from './eventContext';
import { arnRegion, messageText } from './messagingEvents';

/** A DynamoDB key attribute as a table's KeySchema and AttributeDefinitions declare it. */
export interface KeyAttribute {
  name: string;
  type: 'S' | 'N' | 'B';
}

/** Options for a DynamoDB Streams event. */
export interface DynamoDbStreamEventOptions {
  /** The stream's ARN (`.../table/<name>/stream/<label>`); default: built from `tableName`. */
  streamArn?: string;
  /** Default `my-table`. */
  tableName?: string;
  /** Default INSERT. */
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The table's key attributes; default a string `id`. */
  keyAttributes?: KeyAttribute[];
  /** The item after the change, as plain JSON (marshalled into attribute values). */
  newImage?: Record<string, unknown>;
  /** The item before the change, for MODIFY and REMOVE. */
  oldImage?: Record<string, unknown>;
  /** Default NEW_AND_OLD_IMAGES. */
  streamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  count?: number;
}

/** Options for a Kinesis Data Streams event. */
export interface KinesisEventOptions {
  streamArn?: string;
  /** Default `my-stream`. */
  streamName?: string;
  /** The record's data before base64: text as is, anything else as JSON. */
  data?: unknown;
  partitionKey?: string;
  count?: number;
}

/** Options for a Kafka event (Amazon MSK or self-managed). */
export interface KafkaEventOptions {
  /** MSK only: the cluster's ARN; default: built from `clusterName`. */
  clusterArn?: string;
  clusterName?: string;
  /** Self-managed only: `host:port,host:port`. */
  bootstrapServers?: string;
  /** Default `my-topic`. */
  topic?: string;
  /** The record value before base64. */
  value?: unknown;
  /** The record key before base64. Default `key-1`. */
  key?: string;
  count?: number;
}

function recordCount(count: number | undefined): number {
  return count === undefined || !Number.isFinite(count) ? 1 : Math.min(10_000, Math.max(1, Math.floor(count)));
}

/** Plain JSON as DynamoDB attribute values (`{ S }`, `{ N }`, `{ BOOL }`, `{ NULL }`, `{ L }`, `{ M }`). */
export function marshallAttribute(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number' || typeof value === 'bigint') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(marshallAttribute) };
  if (typeof value === 'object') return { M: marshallItem(value as Record<string, unknown>) };
  // Functions and symbols have no JSON form; DynamoDB would reject them, a sample just names them.
  return { S: typeof value };
}

/** A plain JSON object as a DynamoDB item. */
export function marshallItem(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, marshallAttribute(value)]));
}

function sampleKeyValue(attribute: KeyAttribute, seed: string): unknown {
  if (attribute.type === 'N') return Number.parseInt(stableId(seed, 6, '123456789'), 10);
  if (attribute.type === 'B') return Buffer.from(stableId(seed, 12, ID_ALPHABETS.hex), 'hex').toString('base64');
  return /id$/i.test(attribute.name) ? stableUuid(seed) : `${attribute.name.toLowerCase()}-1`;
}

/** The label DynamoDB gives a stream: the creation time without a zone. */
function streamLabel(context: EventContext): string {
  return context.now.toISOString().replace('Z', '');
}

/** A DynamoDB Streams batch (`DynamoDBStreamEvent`). */
export function generateDynamoDbStreamEvent(
  options: DynamoDbStreamEventOptions,
  context: EventContext,
): DynamoDBStreamEvent {
  const tableName = options.tableName ?? /:table\/([^/]+)/.exec(options.streamArn ?? '')?.[1] ?? 'my-table';
  const streamArn =
    options.streamArn ?? regionalArn(context, 'dynamodb', `table/${tableName}/stream/${streamLabel(context)}`);
  const eventName = options.eventName ?? 'INSERT';
  const viewType = options.streamViewType ?? 'NEW_AND_OLD_IMAGES';
  const keyAttributes = options.keyAttributes?.length ? options.keyAttributes : [{ name: 'id', type: 'S' as const }];
  const records: DynamoDBRecord[] = [];
  for (let index = 0; index < recordCount(options.count); index++) {
    const keys: Record<string, unknown> = {};
    for (const attribute of keyAttributes) {
      keys[attribute.name] =
        options.newImage?.[attribute.name] ??
        options.oldImage?.[attribute.name] ??
        sampleKeyValue(attribute, `${tableName}:${attribute.name}:${index}`);
    }
    const newItem = { ...keys, message: 'Hello from DynamoDB!', updatedAt: context.now.toISOString() };
    const oldItem = { ...keys, message: 'Hello, old version', updatedAt: new Date(0).toISOString() };
    const newImage = marshallItem({ ...newItem, ...options.newImage });
    const oldImage = marshallItem({ ...oldItem, ...options.oldImage });
    const withNew = eventName !== 'REMOVE' && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
    const withOld = eventName !== 'INSERT' && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
    const change = {
      ApproximateCreationDateTime: epochSeconds(context.now),
      Keys: marshallItem(keys),
      ...(withNew ? { NewImage: newImage } : {}),
      ...(withOld ? { OldImage: oldImage } : {}),
      SequenceNumber: (BigInt(context.now.getTime()) * 1_000_000_000n + BigInt(index)).toString(),
      SizeBytes: 0,
      StreamViewType: viewType,
    };
    change.SizeBytes = JSON.stringify([change.Keys, change.NewImage, change.OldImage]).length;
    records.push({
      eventID: randomHex(context, 32),
      eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: arnRegion(streamArn) ?? context.region,
      dynamodb: change,
      eventSourceARN: streamArn,
    });
  }
  return { Records: records };
}

/** A Kinesis Data Streams batch (`KinesisStreamEvent`). */
export function generateKinesisEvent(options: KinesisEventOptions, context: EventContext): KinesisStreamEvent {
  const streamName = options.streamName ?? /:stream\/([^/]+)/.exec(options.streamArn ?? '')?.[1] ?? 'my-stream';
  const streamArn = options.streamArn ?? regionalArn(context, 'kinesis', `stream/${streamName}`);
  const base = BigInt(context.now.getTime());
  return {
    Records: Array.from({ length: recordCount(options.count) }, (_unused, index) => {
      // Kinesis sequence numbers are 56-digit decimals that grow along the shard.
      const sequenceNumber = `495903382714902566085596925383615710959215${(base * 10n + BigInt(index)).toString().padStart(14, '0')}`;
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: options.partitionKey ?? `partition-${index + 1}`,
          sequenceNumber,
          data: Buffer.from(messageText(options.data, { message: 'Hello from Kinesis!' }), 'utf8').toString('base64'),
          approximateArrivalTimestamp: epochSecondsWithFraction(context.now),
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:${context.partition}:iam::${context.accountId}:role/lambda-kinesis-role`,
        awsRegion: arnRegion(streamArn) ?? context.region,
        eventSourceARN: streamArn,
      };
    }),
  };
}

function kafkaRecords(options: KafkaEventOptions, context: EventContext): Record<string, MSKRecord[]> {
  const topic = options.topic ?? 'my-topic';
  const records = Array.from({ length: recordCount(options.count) }, (_unused, index): MSKRecord => ({
    topic,
    partition: 0,
    offset: 15 + index,
    timestamp: context.now.getTime() + index,
    timestampType: 'CREATE_TIME',
    key: Buffer.from(options.key ?? `key-${index + 1}`, 'utf8').toString('base64'),
    value: Buffer.from(messageText(options.value, { message: 'Hello from Kafka!' }), 'utf8').toString('base64'),
    // Kafka headers arrive as arrays of byte values.
    headers: [{ source: [...Buffer.from('serverless-workbench', 'utf8')] }],
  }));
  // Records are grouped by `<topic>-<partition>`.
  return { [`${topic}-0`]: records };
}

/** A batch from an Amazon MSK topic (`MSKEvent`). */
export function generateMskEvent(options: KafkaEventOptions, context: EventContext): MSKEvent {
  const clusterName = options.clusterName ?? /:cluster\/([^/]+)/.exec(options.clusterArn ?? '')?.[1] ?? 'my-cluster';
  const clusterArn = options.clusterArn ?? mskClusterArn(context, clusterName);
  const region = arnRegion(clusterArn) ?? context.region;
  const shard = stableId(`msk:${clusterName}`, 6, ID_ALPHABETS.lower);
  const brokers = [1, 2].map((broker) => `b-${broker}.${clusterName}.${shard}.c2.kafka.${region}.amazonaws.com:9098`);
  return {
    eventSource: 'aws:kafka',
    eventSourceArn: clusterArn,
    bootstrapServers: brokers.join(','),
    records: kafkaRecords(options, context),
  };
}

/** A batch from a self-managed Apache Kafka topic (`SelfManagedKafkaEvent`). */
export function generateSelfManagedKafkaEvent(
  options: KafkaEventOptions,
  context: EventContext,
): SelfManagedKafkaEvent {
  return {
    eventSource: 'SelfManagedKafka',
    bootstrapServers: options.bootstrapServers ?? 'kafka-1.example.com:9092,kafka-2.example.com:9092',
    records: kafkaRecords(options, context),
  };
}
