// ReceiveMessage: up to ten visible messages, long polling (WaitTimeSeconds, else the queue's
// ReceiveMessageWaitTimeSeconds) until one arrives, the request's VisibilityTimeout, the system and message
// attributes asked for, FIFO ReceiveRequestAttemptId retries, and moves to the dead-letter queue after
// maxReceiveCount receives.
import type { Message, SqsOperations } from '../../models/generated/sqs';
import type { RequestContext, ServiceProvider } from '../../protocol/modelService';
import { attributesMd5, type AttributeValue } from '../messageDigest';
import { redrivePolicyOf } from '../queueAttributes';
import { loadAttributes, type StoredMessage } from '../sqsMessage';
import type { ReceivedMessage, SqsQueue } from '../sqsQueue';
import { invalidParameter } from './parameterErrors';
import { nowOf, queueByArn, queueOf, type SqsProviderContext } from './sqsProviderContext';

const ATTEMPT_WINDOW_MS = 5 * 60 * 1000;

/** How to receive. */
export interface ReceiveOptions {
  max: number;
  visibilitySeconds: number;
  waitSeconds: number;
  /** Ends the wait early (client gone, local cloud closing, event source mapping disabled). */
  signal: AbortSignal;
}

/** Moves a message to the queue's dead-letter queue; false (it stays) when that queue no longer exists. */
function moveToDeadLetter(state: SqsProviderContext, source: SqsQueue, message: StoredMessage): boolean {
  const policy = redrivePolicyOf(source.record.attributes);
  const target = policy && queueByArn(state, policy.deadLetterTargetArn, source.record.accountId);
  if (!target) return false;
  target.sendMoved(message, nowOf(state), { deadLetterSourceArn: source.arn, sentAt: message.sentAt });
  return true;
}

/** Receives from a queue, waiting up to `waitSeconds` for a message (ReceiveMessage, Lambda's SQS poller). */
export async function receiveMessages(
  state: SqsProviderContext,
  queue: SqsQueue,
  options: ReceiveOptions,
): Promise<ReceivedMessage[]> {
  // The wait is real time (a client holds its connection open); visibility follows the services' clock.
  const deadline = Date.now() + options.waitSeconds * 1000;
  const store = state.regions.get(queue.record.region);
  for (;;) {
    const now = nowOf(state);
    const received = queue.receive(options.max, options.visibilitySeconds, now, (message) =>
      moveToDeadLetter(state, queue, message),
    );
    const left = deadline - Date.now();
    if (received.length > 0 || left <= 0 || options.signal.aborted || store.get(queue.name) !== queue) {
      return received;
    }
    const untilVisible = (queue.nextVisibleAt(now) ?? Number.POSITIVE_INFINITY) - now;
    await queue.waitForChange(Math.min(left, untilVisible), options.signal);
  }
}

/** The message as ReceiveMessage answers it, with the attributes asked for. */
export function messageOutput(
  queue: SqsQueue,
  received: ReceivedMessage,
  systemNames: ReadonlySet<string>,
  attributeNames: readonly string[],
): Message {
  const { message } = received;
  const system: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveAt ?? message.sentAt),
  };
  if (queue.fifo) {
    if (message.sequenceNumber) system.SequenceNumber = message.sequenceNumber;
    if (message.deduplicationId) system.MessageDeduplicationId = message.deduplicationId;
  }
  if (message.groupId) system.MessageGroupId = message.groupId;
  const trace = message.systemAttributes?.AWSTraceHeader?.StringValue;
  if (trace) system.AWSTraceHeader = trace;
  if (message.deadLetterSourceArn) system.DeadLetterQueueSourceArn = message.deadLetterSourceArn;
  const chosenSystem = Object.entries(system).filter(([name]) => systemNames.has('All') || systemNames.has(name));
  const userAttributes = selectAttributes(loadAttributes(message.attributes), attributeNames);
  const md5OfAttributes = attributesMd5(userAttributes);
  return {
    MessageId: message.messageId,
    ReceiptHandle: received.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(chosenSystem.length > 0 ? { Attributes: Object.fromEntries(chosenSystem) } : {}),
    ...(md5OfAttributes ? { MD5OfMessageAttributes: md5OfAttributes, MessageAttributes: userAttributes } : {}),
  };
}

/** The message attributes MessageAttributeNames selects: `All`, `.*`, `prefix.*` or exact names. */
function selectAttributes(
  attributes: Record<string, AttributeValue> | undefined,
  names: readonly string[],
): Record<string, AttributeValue> | undefined {
  if (!attributes || names.length === 0) return undefined;
  const chosen = Object.entries(attributes).filter(([name]) =>
    names.some(
      (wanted) =>
        wanted === 'All' ||
        wanted === '.*' ||
        wanted === name ||
        (wanted.endsWith('.*') && name.startsWith(wanted.slice(0, -1))),
    ),
  );
  return chosen.length > 0 ? Object.fromEntries(chosen) : undefined;
}

export function receiveHandler(state: SqsProviderContext): ServiceProvider<SqsOperations> {
  /** FIFO ReceiveRequestAttemptId -> the receipts it returned, for retries within five minutes. */
  const attempts = new Map<string, { handles: string[]; expiresAt: number }>();

  const retried = (queue: SqsQueue, attemptId: string, now: number): ReceivedMessage[] | undefined => {
    const attempt = attempts.get(`${queue.arn} ${attemptId}`);
    if (!attempt || attempt.expiresAt <= now) return undefined;
    const byHandle = new Map(queue.record.messages.map((message) => [queue.handleOf(message), message]));
    const messages = attempt.handles.map((handle) => byHandle.get(handle));
    if (messages.some((message) => !message || message.visibleAt <= now)) return undefined;
    return messages.map((message, index) => ({ message: message!, receiptHandle: attempt.handles[index]! }));
  };

  return {
    ReceiveMessage: async (input, context: RequestContext) => {
      const queue = queueOf(state, input.QueueUrl, context);
      const max = input.MaxNumberOfMessages ?? 1;
      if (max < 1 || max > 10) {
        throw invalidParameter('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
      }
      const waitSeconds = input.WaitTimeSeconds ?? queue.numberAttribute('ReceiveMessageWaitTimeSeconds');
      if (waitSeconds < 0 || waitSeconds > 20) {
        throw invalidParameter('WaitTimeSeconds', waitSeconds, 'Must be >= 0 and <= 20, if provided.');
      }
      const visibilitySeconds = input.VisibilityTimeout ?? queue.numberAttribute('VisibilityTimeout');
      if (visibilitySeconds < 0 || visibilitySeconds > 43_200) {
        throw invalidParameter('VisibilityTimeout', visibilitySeconds, 'Must be between 0 and 43200, if provided.');
      }
      const attemptId = queue.fifo ? input.ReceiveRequestAttemptId : undefined;
      let received = attemptId === undefined ? undefined : retried(queue, attemptId, nowOf(state));
      if (!received) {
        const abort = new AbortController();
        const stop = () => abort.abort();
        state.closing.addEventListener('abort', stop, { once: true });
        context.response?.once('close', stop);
        try {
          received = await receiveMessages(state, queue, { max, visibilitySeconds, waitSeconds, signal: abort.signal });
        } finally {
          state.closing.removeEventListener('abort', stop);
          context.response?.off('close', stop);
        }
        if (attemptId !== undefined && received.length > 0) {
          attempts.set(`${queue.arn} ${attemptId}`, {
            handles: received.map((item) => item.receiptHandle),
            expiresAt: nowOf(state) + ATTEMPT_WINDOW_MS,
          });
        }
      }
      if (context.response?.destroyed) {
        // The client left while waiting: the messages become visible again at once rather than after the timeout.
        for (const item of received) item.message.visibleAt = nowOf(state);
        if (received.length > 0) queue.changed();
        return {};
      }
      const systemNames = new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
      const messages = received.map((item) =>
        messageOutput(queue, item, systemNames, input.MessageAttributeNames ?? []),
      );
      return messages.length > 0 ? { Messages: messages } : {};
    },
  };
}
