// One message as a queue keeps it (persisted as JSON, so binary attribute values are base64), and the receipt
// handles that name one receipt of it.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../protocol/awsError';
import type { AttributeValue } from './messageDigest';

/** A message attribute as persisted: binary values base64-encoded. */
export interface StoredAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** A message in a queue. Times are epoch milliseconds. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  attributes?: Record<string, StoredAttributeValue>;
  systemAttributes?: Record<string, StoredAttributeValue>;
  md5OfSystemAttributes?: string;
  sentAt: number;
  /** Until then the message is delayed (never received) or in flight (received). */
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** The token of the latest receipt; older receipt handles no longer delete or change it. */
  receiptToken?: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  senderId: string;
  /** The queue a dead-letter queue's message came from. */
  deadLetterSourceArn?: string;
}

export function storeAttributes(
  attributes: Record<string, AttributeValue> | undefined,
): Record<string, StoredAttributeValue> | undefined {
  if (!attributes || Object.keys(attributes).length === 0) return undefined;
  const stored: Record<string, StoredAttributeValue> = {};
  for (const [name, value] of Object.entries(attributes)) {
    stored[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { BinaryValue: Buffer.from(value.BinaryValue).toString('base64') } : {}),
    };
  }
  return stored;
}

export function loadAttributes(
  stored: Record<string, StoredAttributeValue> | undefined,
): Record<string, AttributeValue> | undefined {
  if (!stored) return undefined;
  const attributes: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(stored)) {
    attributes[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { BinaryValue: Buffer.from(value.BinaryValue, 'base64') } : {}),
    };
  }
  return attributes;
}

/** A fresh receipt token. */
export function newReceiptToken(): string {
  return randomBytes(24).toString('base64url');
}

/** What a receipt handle names. */
export interface Receipt {
  queueArn: string;
  messageId: string;
  token: string;
}

export function receiptHandle(receipt: Receipt): string {
  return Buffer.from(`${receipt.queueArn} ${receipt.messageId} ${receipt.token}`, 'utf8').toString('base64');
}

/** Reads a receipt handle; anything the local cloud did not issue is ReceiptHandleIsInvalid. */
export function readReceiptHandle(handle: string): Receipt {
  const parts = /^[A-Za-z0-9+/=]+$/.test(handle) ? Buffer.from(handle, 'base64').toString('utf8').split(' ') : [];
  const [queueArn, messageId, token] = parts;
  if (parts.length !== 3 || !queueArn?.startsWith('arn:') || !messageId || !token) {
    throw new AwsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);
  }
  return { queueArn, messageId, token };
}
