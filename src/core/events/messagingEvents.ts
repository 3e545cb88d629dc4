import { createHash } from 'node:crypto';
import type { SNSEvent, SNSMessageAttributes, SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { mqBrokerId } from '../template/resolve/resourcePlaceholders';
import { ID_ALPHABETS, stableId, stableUuid } from '../template/resolve/stableId';
import { regionalArn, urlSuffixOf } from '../template/resolve/stackIdentity';
import { formatRabbitTimestamp, newTraceHeader, randomHex, type EventContext } from './eventContext';
import type { ActiveMQEvent, RabbitMQEvent, RabbitMQHeaderValue } from './eventShapes';

/** A message attribute value: text, a number, or a list of texts (SNS `String.Array`). */
export type MessageAttributeValue = string | number | string[];

/** Options for an SQS event. */
export interface SqsEventOptions {
  /** The queue's ARN; default: built from `queueName`. */
  queueArn?: string;
  /** Default `my-queue` (with `.fifo` when `fifo`). */
  queueName?: string;
  /** The message body: text as is, anything else as JSON. */
  body?: unknown;
  messageAttributes?: Record<string, MessageAttributeValue>;
  /** How many records in the batch (1 to 10 000). Default 1. */
  count?: number;
  /** FIFO queue records carry a group id, deduplication id and sequence number. Default: from the queue name. */
  fifo?: boolean;
  messageGroupId?: string;
}

/** Options for an SNS event. */
export interface SnsEventOptions {
  topicArn?: string;
  /** Default `my-topic`. */
  topicName?: string;
  message?: unknown;
  subject?: string;
  messageAttributes?: Record<string, MessageAttributeValue>;
}

/** Options for an Amazon MQ event (ActiveMQ or RabbitMQ). */
export interface MqEventOptions {
  brokerArn?: string;
  /** Default `my-broker`. */
  brokerName?: string;
  /** The queue the message came from. Default `my-queue`. */
  queue?: string;
  /** RabbitMQ virtual host. Default `/`. */
  virtualHost?: string;
  body?: unknown;
  count?: number;
}

const MAX_BATCH = 10_000;

/** A message body as text: strings as they are, anything else as JSON. */
export function messageText(body: unknown, fallback: unknown): string {
  const value = body === undefined ? fallback : body;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function batchSize(count: number | undefined): number {
  if (count === undefined || !Number.isFinite(count)) return 1;
  return Math.min(MAX_BATCH, Math.max(1, Math.floor(count)));
}

/** An SQS batch as the SQS event source mapping delivers it (`SQSEvent`). */
export function generateSqsEvent(options: SqsEventOptions, context: EventContext): SQSEvent {
  const arnName = options.queueArn?.split(':').pop();
  const fifo = options.fifo ?? (options.queueName ?? arnName ?? '').endsWith('.fifo');
  const queueName = options.queueName ?? arnName ?? (fifo ? 'my-queue.fifo' : 'my-queue');
  const queueArn = options.queueArn ?? regionalArn(context, 'sqs', queueName);
  const attributes = sqsMessageAttributes(options.messageAttributes ?? {});
  const sent = context.now.getTime();
  const records: SQSRecord[] = [];
  for (let index = 0; index < batchSize(options.count); index++) {
    const messageId = context.newUuid();
    const body = messageText(options.body, { id: messageId, message: 'Hello from SQS!' });
    const record: SQSRecord = {
      messageId,
      receiptHandle: `AQEB${Buffer.from(randomHex(context, 96), 'hex').toString('base64')}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        AWSTraceHeader: newTraceHeader(context),
        SentTimestamp: String(sent - 250 + index),
        SenderId: `AIDA${stableId(`sender:${context.accountId}`, 17)}`,
        ApproximateFirstReceiveTimestamp: String(sent + index),
      },
      messageAttributes: attributes,
      md5OfBody: md5Hex(body),
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: arnRegion(queueArn) ?? context.region,
    };
    if (Object.keys(attributes).length > 0) record.md5OfMessageAttributes = md5OfMessageAttributes(attributes);
    if (fifo) {
      Object.assign(record.attributes, {
        SequenceNumber: (18_849_496_460_467_696_128n + BigInt(index)).toString(),
        MessageGroupId: options.messageGroupId ?? 'group-1',
        MessageDeduplicationId: md5Hex(body),
      });
    }
    records.push(record);
  }
  return { Records: records };
}

function sqsMessageAttributes(values: Record<string, MessageAttributeValue>): SQSMessageAttributes {
  const attributes: SQSMessageAttributes = {};
  for (const [name, value] of Object.entries(values)) {
    attributes[name] =
      typeof value === 'number'
        ? { stringValue: String(value), stringListValues: [], binaryListValues: [], dataType: 'Number' }
        : {
            stringValue: Array.isArray(value) ? JSON.stringify(value) : value,
            stringListValues: [],
            binaryListValues: [],
            dataType: 'String',
          };
  }
  return attributes;
}

/**
 * SQS's digest of message attributes: for each attribute in name order, the length-prefixed name, data type
 * and value with a transport byte (1 = string). See "Calculating the MD5 message digest for message attributes".
 */
export function md5OfMessageAttributes(attributes: SQSMessageAttributes): string {
  const hash = createHash('md5');
  const lengthPrefixed = (text: string): Buffer => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name];
    if (!attribute) continue;
    hash.update(lengthPrefixed(name));
    hash.update(lengthPrefixed(attribute.dataType));
    hash.update(Buffer.from([1]));
    hash.update(lengthPrefixed(attribute.stringValue ?? ''));
  }
  return hash.digest('hex');
}

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** The region field of an ARN, when the text is an ARN that has one. */
export function arnRegion(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return arn.startsWith('arn:') && region ? region : undefined;
}

/** An SNS notification as a Lambda subscription receives it (`SNSEvent`). */
export function generateSnsEvent(options: SnsEventOptions, context: EventContext): SNSEvent {
  const topicName = options.topicName ?? options.topicArn?.split(':').pop() ?? 'my-topic';
  const topicArn = options.topicArn ?? regionalArn(context, 'sns', topicName);
  const region = arnRegion(topicArn) ?? context.region;
  const subscriptionArn = `${topicArn}:${stableUuid(`subscription:${topicArn}`)}`;
  const endpoint = `https://sns.${region}.${urlSuffixOf(context)}`;
  const attributes: SNSMessageAttributes = {};
  for (const [name, value] of Object.entries(options.messageAttributes ?? {})) {
    attributes[name] = Array.isArray(value)
      ? { Type: 'String.Array', Value: JSON.stringify(value) }
      : { Type: typeof value === 'number' ? 'Number' : 'String', Value: String(value) };
  }
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: context.newUuid(),
          TopicArn: topicArn,
          ...(options.subject !== undefined ? { Subject: options.subject } : {}),
          Message: messageText(options.message, { message: 'Hello from SNS!' }),
          Timestamp: context.now.toISOString(),
          SignatureVersion: '1',
          Signature: Buffer.from(randomHex(context, 512), 'hex').toString('base64'),
          SigningCertUrl: `${endpoint}/SimpleNotificationService-${stableId(`cert:${region}`, 32, ID_ALPHABETS.hex)}.pem`,
          UnsubscribeUrl: `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: attributes,
        },
      },
    ],
  };
}

function brokerIdentity(options: MqEventOptions, context: EventContext): { arn: string; id: string } {
  if (options.brokerArn) {
    return { arn: options.brokerArn, id: options.brokerArn.split(':').pop() ?? 'b-broker' };
  }
  const name = options.brokerName ?? 'my-broker';
  const id = mqBrokerId(name);
  return { arn: regionalArn(context, 'mq', `broker:${name}:${id}`), id };
}

/** Messages from an Amazon MQ for ActiveMQ queue. */
export function generateActiveMqEvent(options: MqEventOptions, context: EventContext): ActiveMQEvent {
  const broker = brokerIdentity(options, context);
  const time = context.now.getTime();
  const host = `${broker.id}-1.mq.${arnRegion(broker.arn) ?? context.region}.amazonaws.com`;
  return {
    eventSource: 'aws:mq',
    eventSourceArn: broker.arn,
    messages: Array.from({ length: batchSize(options.count) }, (_unused, index) => ({
      messageID: `ID:${host}-37557-${time}-4:1:1:1:${index + 1}`,
      messageType: 'jms/text-message',
      deliveryMode: 1,
      replyTo: null,
      type: null,
      expiration: '60000',
      priority: 1,
      correlationId: context.newUuid(),
      redelivered: false,
      destination: { physicalName: options.queue ?? 'my-queue' },
      data: Buffer.from(messageText(options.body, { message: 'Hello from ActiveMQ!' })).toString('base64'),
      timestamp: time + index,
      brokerInTime: time + index,
      brokerOutTime: time + index + 1,
      properties: { index: String(index + 1) },
    })),
  };
}

/** Messages from an Amazon MQ for RabbitMQ queue, keyed `<queue>::<virtual host>`. */
export function generateRabbitMqEvent(options: MqEventOptions, context: EventContext): RabbitMQEvent {
  const broker = brokerIdentity(options, context);
  const key = `${options.queue ?? 'my-queue'}::${options.virtualHost ?? '/'}`;
  const body = messageText(options.body, { message: 'Hello from RabbitMQ!' });
  const headers: Record<string, RabbitMQHeaderValue> = {
    // RabbitMQ delivers string headers as their UTF-8 bytes.
    source: { bytes: [...Buffer.from('serverless-workbench', 'utf8')] },
  };
  return {
    eventSource: 'aws:rmq',
    eventSourceArn: broker.arn,
    rmqMessagesByQueue: {
      [key]: Array.from({ length: batchSize(options.count) }, () => ({
        basicProperties: {
          contentType: 'application/json',
          contentEncoding: null,
          headers,
          deliveryMode: 1,
          priority: 0,
          correlationId: null,
          replyTo: null,
          expiration: '60000',
          messageId: context.newUuid(),
          timestamp: formatRabbitTimestamp(context.now),
          type: null,
          userId: 'AIDACKCEVSQ6C2EXAMPLE',
          appId: null,
          clusterId: null,
          bodySize: Buffer.byteLength(body, 'utf8'),
        },
        redelivered: false,
        data: Buffer.from(body, 'utf8').toString('base64'),
      })),
    },
  };
}
