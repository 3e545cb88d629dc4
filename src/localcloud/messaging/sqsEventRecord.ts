// One SQS message as Lambda's SQS event source hands it to a function (`SQSRecord`): camel-cased members, the
// message's system attributes, message attributes with `stringValue`/`binaryValue` (base64) and empty list values.
import { attributesMd5 } from '../sqs/messageDigest';
import { loadAttributes } from '../sqs/sqsMessage';
import type { ReceivedMessage, SqsQueue } from '../sqs/sqsQueue';

export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, Record<string, unknown>>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

export function sqsEventRecord(queue: SqsQueue, received: ReceivedMessage): SqsEventRecord {
  const { message } = received;
  const attributes: Record<string, string> = {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentAt),
    SenderId: message.senderId,
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveAt ?? message.sentAt),
  };
  const trace = message.systemAttributes?.AWSTraceHeader?.StringValue;
  if (trace) attributes.AWSTraceHeader = trace;
  if (queue.fifo) {
    if (message.sequenceNumber) attributes.SequenceNumber = message.sequenceNumber;
    if (message.groupId) attributes.MessageGroupId = message.groupId;
    if (message.deduplicationId) attributes.MessageDeduplicationId = message.deduplicationId;
  }
  if (message.deadLetterSourceArn) attributes.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  const userAttributes = loadAttributes(message.attributes);
  const messageAttributes: Record<string, Record<string, unknown>> = {};
  for (const [name, value] of Object.entries(userAttributes ?? {})) {
    messageAttributes[name] = {
      ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { binaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
      stringListValues: [],
      binaryListValues: [],
      dataType: value.DataType,
    };
  }
  const md5OfMessageAttributes = attributesMd5(userAttributes);
  return {
    messageId: message.messageId,
    receiptHandle: received.receiptHandle,
    body: message.body,
    attributes,
    messageAttributes,
    md5OfBody: message.md5OfBody,
    ...(md5OfMessageAttributes ? { md5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: queue.record.region,
  };
}
