// One queue: its attributes, tags and messages, and the behaviour of SQS on them: delays, visibility, receive
// counts, FIFO groups (a group with a message in flight yields nothing until it is deleted or visible again),
// deduplication within five minutes, retention. Times come from the caller (epoch milliseconds), so the logic
// is testable without waiting. Every change is saved through `save` (the store persists the queue).
import { randomUUID } from 'node:crypto';
import { AwsError } from '../protocol/awsError';
import { attributesMd5, md5Hex, type AttributeValue } from './messageDigest';
import { redrivePolicyOf } from './queueAttributes';
import {
  loadAttributes,
  newReceiptToken,
  receiptHandle,
  storeAttributes,
  type Receipt,
  type StoredMessage,
} from './sqsMessage';

/** A queue as persisted. Timestamps of the queue are epoch seconds, of messages epoch milliseconds. */
export interface QueueRecord {
  name: string;
  accountId: string;
  region: string;
  createdAt: number;
  lastModifiedAt: number;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  messages: StoredMessage[];
  /** FIFO sequence numbers handed out so far. */
  sequence: number;
  /** FIFO deduplication ids seen in the last five minutes: key -> the message they named. */
  deduplication: Record<string, { messageId: string; sequenceNumber?: string; expiresAt: number }>;
}

/** A message to enqueue (validated already). */
export interface NewMessage {
  /** Kept when a message moves between queues (dead-letter queues, redrives); else a new UUID. */
  messageId?: string;
  body: string;
  attributes?: Record<string, AttributeValue>;
  systemAttributes?: Record<string, AttributeValue>;
  delaySeconds?: number;
  groupId?: string;
  deduplicationId?: string;
  senderId: string;
  deadLetterSourceArn?: string;
  /** Kept when a message moves to a dead-letter queue (AWS keeps the original enqueue time). */
  sentAt?: number;
}

/** What SendMessage answers. */
export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  md5OfSystemAttributes?: string;
  sequenceNumber?: string;
}

/** A message handed to a receiver, with the handle of this receipt. */
export interface ReceivedMessage {
  message: StoredMessage;
  receiptHandle: string;
}

const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
const SEQUENCE_BASE = 18_000_000_000_000_000_000n;

export class SqsQueue {
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly record: QueueRecord,
    private readonly save: (queue: SqsQueue) => void,
  ) {}

  get name(): string {
    return this.record.name;
  }

  get arn(): string {
    return `arn:aws:sqs:${this.record.region}:${this.record.accountId}:${this.record.name}`;
  }

  get fifo(): boolean {
    return this.record.attributes.FifoQueue === 'true';
  }

  numberAttribute(name: string): number {
    return Number(this.record.attributes[name] ?? 0);
  }

  /** Persists the queue after a change the caller made to its record. */
  changed(): void {
    this.save(this);
  }

  /** Messages available, in flight and delayed (what the Approximate* attributes count). */
  counts(now: number): { visible: number; inflight: number; delayed: number } {
    this.expire(now);
    const counts = { visible: 0, inflight: 0, delayed: 0 };
    for (const message of this.record.messages) {
      if (message.visibleAt <= now) counts.visible++;
      else if (message.receiveCount > 0) counts.inflight++;
      else counts.delayed++;
    }
    return counts;
  }

  /**
   * Enqueues a message another queue held (dead-letter moves, redrives): its id, body, attributes, group and
   * sender kept; on a FIFO queue its deduplication id (or its id) keeps it from arriving twice.
   */
  sendMoved(
    message: StoredMessage,
    now: number,
    extra: Pick<NewMessage, 'deadLetterSourceArn' | 'sentAt'> = {},
  ): SendResult {
    return this.send(
      {
        messageId: message.messageId,
        body: message.body,
        attributes: loadAttributes(message.attributes),
        systemAttributes: loadAttributes(message.systemAttributes),
        groupId: message.groupId,
        deduplicationId: this.fifo ? (message.deduplicationId ?? message.messageId) : undefined,
        senderId: message.senderId,
        ...extra,
      },
      now,
    );
  }

  /** Enqueues a message, or answers the earlier one a FIFO deduplication id names. */
  send(input: NewMessage, now: number): SendResult {
    const md5OfBody = md5Hex(input.body);
    const md5OfAttributes = attributesMd5(input.attributes);
    const md5OfSystemAttributes = attributesMd5(input.systemAttributes);
    const digests = { md5OfBody, md5OfAttributes, md5OfSystemAttributes };
    const deduplicationKey = this.deduplicationKey(input);
    if (deduplicationKey !== undefined) {
      this.forgetDeduplication(now);
      const earlier = this.record.deduplication[deduplicationKey];
      if (earlier) return { ...digests, messageId: earlier.messageId, sequenceNumber: earlier.sequenceNumber };
    }
    const messageId = input.messageId ?? randomUUID();
    const delay = input.delaySeconds ?? this.numberAttribute('DelaySeconds');
    const sequenceNumber = this.fifo ? String(SEQUENCE_BASE + BigInt(++this.record.sequence)) : undefined;
    this.record.messages.push({
      messageId,
      body: input.body,
      md5OfBody,
      attributes: storeAttributes(input.attributes),
      systemAttributes: storeAttributes(input.systemAttributes),
      md5OfSystemAttributes,
      sentAt: input.sentAt ?? now,
      visibleAt: now + delay * 1000,
      receiveCount: 0,
      groupId: input.groupId,
      deduplicationId: this.fifo ? input.deduplicationId : undefined,
      sequenceNumber,
      senderId: input.senderId,
      deadLetterSourceArn: input.deadLetterSourceArn,
    });
    if (deduplicationKey !== undefined) {
      this.record.deduplication[deduplicationKey] = {
        messageId,
        sequenceNumber,
        expiresAt: now + DEDUPLICATION_WINDOW_MS,
      };
    }
    this.save(this);
    this.wake();
    return { ...digests, messageId, sequenceNumber };
  }

  /**
   * Receives up to `max` visible messages, making them invisible for `visibilitySeconds`. A message already
   * received maxReceiveCount times is offered to `deadLetter` instead (true: it moved, drop it here).
   */
  receive(
    max: number,
    visibilitySeconds: number,
    now: number,
    deadLetter: (message: StoredMessage) => boolean,
  ): ReceivedMessage[] {
    this.expire(now);
    const redrive = redrivePolicyOf(this.record.attributes);
    const blockedGroups = new Set<string>();
    if (this.fifo) {
      for (const message of this.record.messages) {
        if (message.visibleAt > now && message.receiveCount > 0 && message.groupId) blockedGroups.add(message.groupId);
      }
    }
    const received: ReceivedMessage[] = [];
    const movedIds = new Set<string>();
    for (const message of this.record.messages) {
      if (received.length >= max) break;
      if (message.visibleAt > now) continue;
      if (this.fifo && message.groupId && blockedGroups.has(message.groupId)) continue;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount && deadLetter(message)) {
        movedIds.add(message.messageId);
        continue;
      }
      message.receiveCount++;
      message.firstReceiveAt ??= now;
      message.visibleAt = now + visibilitySeconds * 1000;
      message.receiptToken = newReceiptToken();
      received.push({ message, receiptHandle: this.handleOf(message) });
    }
    if (movedIds.size > 0) this.record.messages = this.record.messages.filter((m) => !movedIds.has(m.messageId));
    if (received.length > 0 || movedIds.size > 0) this.save(this);
    return received;
  }

  /** The receipt handle of a message's latest receipt. */
  handleOf(message: StoredMessage): string {
    return receiptHandle({ queueArn: this.arn, messageId: message.messageId, token: message.receiptToken ?? '' });
  }

  /** Deletes the message a receipt names; an outdated receipt or a deleted message is not an error (as SQS). */
  delete(receipt: Receipt): void {
    this.checkReceipt(receipt);
    const index = this.record.messages.findIndex(
      (message) => message.messageId === receipt.messageId && message.receiptToken === receipt.token,
    );
    if (index < 0) return;
    this.record.messages.splice(index, 1);
    this.save(this);
    // A FIFO group may be free again.
    if (this.fifo) this.wake();
  }

  /** Removes a message (moved elsewhere). */
  remove(messageId: string): StoredMessage | undefined {
    const index = this.record.messages.findIndex((message) => message.messageId === messageId);
    if (index < 0) return undefined;
    const [removed] = this.record.messages.splice(index, 1);
    this.save(this);
    return removed;
  }

  /** Changes the visibility of a message in flight; 0 makes it visible at once. */
  changeVisibility(receipt: Receipt, seconds: number, now: number): void {
    this.checkReceipt(receipt);
    const message = this.record.messages.find(
      (candidate) => candidate.messageId === receipt.messageId && candidate.receiptToken === receipt.token,
    );
    if (!message || message.visibleAt <= now) {
      throw new AwsError(
        'MessageNotInflight',
        'Value ' +
          receiptHandle(receipt) +
          ' for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.',
      );
    }
    message.visibleAt = now + seconds * 1000;
    this.save(this);
    if (seconds === 0) this.wake();
  }

  /** Deletes every message. */
  purge(): void {
    this.record.messages = [];
    this.save(this);
  }

  /** The next time a delayed or in-flight message becomes visible, if any. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.record.messages) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    }
    return next;
  }

  /** Resolves when a message may have become available, after `milliseconds`, or when `signal` aborts. */
  waitForChange(milliseconds: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, milliseconds));
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Wakes every long poll waiting on this queue. */
  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The message attributes of a stored message, decoded. */
  static attributesOf(message: StoredMessage): Record<string, AttributeValue> | undefined {
    return loadAttributes(message.attributes);
  }

  private checkReceipt(receipt: Receipt): void {
    if (receipt.queueArn !== this.arn) {
      throw new AwsError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle(receipt)}" is not a valid receipt handle.`,
      );
    }
  }

  private deduplicationKey(input: NewMessage): string | undefined {
    if (!this.fifo || input.deduplicationId === undefined) return undefined;
    return this.record.attributes.DeduplicationScope === 'messageGroup'
      ? `${input.groupId ?? ''}\u0000${input.deduplicationId}`
      : input.deduplicationId;
  }

  private forgetDeduplication(now: number): void {
    for (const [key, entry] of Object.entries(this.record.deduplication)) {
      if (entry.expiresAt <= now) delete this.record.deduplication[key];
    }
  }

  /** Drops messages older than the retention period. */
  private expire(now: number): void {
    const oldest = now - this.numberAttribute('MessageRetentionPeriod') * 1000;
    const before = this.record.messages.length;
    this.record.messages = this.record.messages.filter((message) => message.sentAt > oldest);
    if (this.record.messages.length !== before) this.save(this);
  }
}
