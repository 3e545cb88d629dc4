// SQS's own checks of a message before it is enqueued (the model declares almost no constraints): body characters
// and size, message attributes (at most 10, names, data types, values), system attributes (AWSTraceHeader), delay,
// and the FIFO parameters. Messages are AWS's words.
import { createHash } from 'node:crypto';
import { AwsError } from '../protocol/awsError';
import { attributeSize, type AttributeValue } from './messageDigest';
import { invalidParameter, missingParameter } from './provider/parameterErrors';
import type { NewMessage, SqsQueue } from './sqsQueue';

/** A SendMessage request or SendMessageBatch entry. */
export interface MessageRequest {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, AttributeValue>;
  MessageSystemAttributes?: Record<string, AttributeValue>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

// SQS's allowed characters are XML's, tab, newline and carriage return included.
// eslint-disable-next-line no-control-regex
const ALLOWED_CHARACTERS = /^[\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const FIFO_ID = /^[\x21-\x7E]{1,128}$/;
const MAX_ATTRIBUTES = 10;

/** Checks a message for `queue` and returns it ready to enqueue (FIFO content-based deduplication applied). */
export function checkMessage(request: MessageRequest, queue: SqsQueue, senderId: string): NewMessage {
  const body = request.MessageBody;
  if (body === undefined || body === '') throw missingParameter('MessageBody');
  if (!ALLOWED_CHARACTERS.test(body)) {
    throw new AwsError(
      'InvalidMessageContents',
      'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
  checkMessageAttributes(request.MessageAttributes ?? {});
  checkSystemAttributes(request.MessageSystemAttributes ?? {});
  const maximum = queue.numberAttribute('MaximumMessageSize');
  if (messageSize(request) > maximum) {
    throw new AwsError(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximum} bytes.`,
    );
  }
  const delay = request.DelaySeconds;
  if (delay !== undefined && (delay < 0 || delay > 900)) {
    throw invalidParameter('DelaySeconds', delay, 'DelaySeconds must be >= 0 and <= 900.');
  }
  let deduplicationId = request.MessageDeduplicationId;
  if (queue.fifo) {
    if (delay !== undefined && delay > 0) {
      throw invalidParameter(
        'DelaySeconds',
        delay,
        'The request include parameter that is not valid for this queue type.',
      );
    }
    if (request.MessageGroupId === undefined) throw missingParameter('MessageGroupId');
    checkFifoId('MessageGroupId', request.MessageGroupId);
    if (deduplicationId !== undefined) checkFifoId('MessageDeduplicationId', deduplicationId);
    else if (queue.record.attributes.ContentBasedDeduplication === 'true') {
      deduplicationId = createHash('sha256').update(body, 'utf8').digest('hex');
    } else {
      throw new AwsError(
        'InvalidParameterValue',
        'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      );
    }
  } else if (deduplicationId !== undefined) {
    throw invalidParameter(
      'MessageDeduplicationId',
      deduplicationId,
      'The request include parameter that is not valid for this queue type',
    );
  } else if (request.MessageGroupId !== undefined) {
    // Standard queues take a MessageGroupId (fair queues) without ordering by it.
    checkFifoId('MessageGroupId', request.MessageGroupId);
  }
  return {
    body,
    attributes: nonEmpty(request.MessageAttributes),
    systemAttributes: nonEmpty(request.MessageSystemAttributes),
    delaySeconds: queue.fifo ? undefined : delay,
    groupId: request.MessageGroupId,
    deduplicationId,
    senderId,
  };
}

/** The bytes a message counts toward MaximumMessageSize: body and message attributes. */
export function messageSize(request: MessageRequest): number {
  let size = Buffer.byteLength(request.MessageBody ?? '');
  for (const [name, value] of Object.entries(request.MessageAttributes ?? {})) size += attributeSize(name, value);
  return size;
}

function nonEmpty<T extends object>(record: T | undefined): T | undefined {
  return record && Object.keys(record).length > 0 ? record : undefined;
}

function checkFifoId(name: string, value: string): void {
  if (!FIFO_ID.test(value)) {
    throw invalidParameter(
      name,
      value,
      `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}

function checkMessageAttributes(attributes: Record<string, AttributeValue>): void {
  const names = Object.keys(attributes);
  if (names.length > MAX_ATTRIBUTES) {
    throw new AwsError(
      'InvalidParameterValue',
      `Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  for (const name of names) {
    const lower = name.toLowerCase();
    if (
      !ATTRIBUTE_NAME.test(name) ||
      lower.startsWith('aws.') ||
      lower.startsWith('amazon.') ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..')
    ) {
      throw new AwsError(
        'InvalidParameterValue',
        `Message (user) attribute name '${name}' is invalid. The attribute name can contain only alphanumeric characters, hyphens (-), underscores (_), and periods (.). It must not start or end with a period, have consecutive periods, or start with AWS. or Amazon.`,
      );
    }
    checkAttributeValue(name, attributes[name]!, 'user');
  }
}

function checkAttributeValue(name: string, value: AttributeValue, kind: 'user' | 'system'): void {
  const type = value.DataType ?? '';
  if (type === '') {
    throw new AwsError(
      'InvalidParameterValue',
      `The message attribute '${name}' must contain non-empty message attribute type.`,
    );
  }
  const base = type.split('.')[0];
  if (base !== 'String' && base !== 'Number' && base !== 'Binary') {
    throw new AwsError(
      'InvalidParameterValue',
      `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
    );
  }
  if (value.StringListValues?.length || value.BinaryListValues?.length) {
    throw new AwsError(
      'InvalidParameterValue',
      'Message attribute list values in SendMessage operation are not supported.',
    );
  }
  const empty =
    base === 'Binary'
      ? value.BinaryValue === undefined || value.BinaryValue.length === 0
      : value.StringValue === undefined || value.StringValue === '';
  if (empty) {
    throw new AwsError(
      'InvalidParameterValue',
      `Message (${kind}) attribute '${name}' must contain a non-empty value of type '${base}'.`,
    );
  }
  if (base === 'Number' && !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value.StringValue!.trim())) {
    throw new AwsError(
      'InvalidParameterValue',
      `Value ${value.StringValue} for parameter MessageAttributeValue is invalid. Reason: Could not cast message attribute '${name}' value to number.`,
    );
  }
}

function checkSystemAttributes(attributes: Record<string, AttributeValue>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw new AwsError('InvalidParameterValue', `Message system attribute name '${name}' is invalid.`);
    }
    if (value.DataType !== 'String') {
      throw new AwsError(
        'InvalidParameterValue',
        "Value for message system attribute 'AWSTraceHeader' is invalid. Reason: The message system attribute's data type must be String.",
      );
    }
    checkAttributeValue(name, value, 'system');
  }
}
