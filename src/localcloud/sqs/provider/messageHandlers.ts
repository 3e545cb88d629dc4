// Sending, deleting and changing the visibility of messages, one at a time and in batches of up to ten (each
// entry succeeds or fails on its own; the batch as a whole fails only when its shape is wrong).
import type {
  BatchResultErrorEntry,
  SendMessageBatchResultEntry,
  SendMessageResult,
  SqsOperations,
} from '../../models/generated/sqs';
import { AwsError, isAwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { checkMessage, messageSize, type MessageRequest } from '../messageValidation';
import { readReceiptHandle } from '../sqsMessage';
import type { SendResult, SqsQueue } from '../sqsQueue';
import { invalidParameter } from './parameterErrors';
import { nowOf, queueOf, type SqsProviderContext } from './sqsProviderContext';

const BATCH_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_BATCH = 10;

/** Checks a batch's shape: 1 to 10 entries with distinct, well-formed ids. */
export function checkBatch(entries: readonly { Id: string }[], entryName: string): void {
  if (entries.length === 0) {
    throw new AwsError('EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
  }
  if (entries.length > MAX_BATCH) {
    throw new AwsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${entries.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!BATCH_ID.test(entry.Id)) {
      throw new AwsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(entry.Id)) throw new AwsError('BatchEntryIdsNotDistinct', `Id ${entry.Id} repeated.`);
    seen.add(entry.Id);
  }
}

/** Runs each entry; an AwsError fails only its entry. */
function eachEntry<Entry extends { Id: string }, Result>(
  entries: readonly Entry[],
  run: (entry: Entry) => Result,
): { Successful: Result[]; Failed: BatchResultErrorEntry[] } {
  const Successful: Result[] = [];
  const Failed: BatchResultErrorEntry[] = [];
  for (const entry of entries) {
    try {
      Successful.push(run(entry));
    } catch (error) {
      if (!isAwsError(error)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: error.status < 500, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}

function sendOutput(result: SendResult): SendMessageResult {
  return {
    MessageId: result.messageId,
    MD5OfMessageBody: result.md5OfBody,
    ...(result.md5OfAttributes ? { MD5OfMessageAttributes: result.md5OfAttributes } : {}),
    ...(result.md5OfSystemAttributes ? { MD5OfMessageSystemAttributes: result.md5OfSystemAttributes } : {}),
    ...(result.sequenceNumber ? { SequenceNumber: result.sequenceNumber } : {}),
  };
}

function checkVisibility(seconds: number): void {
  if (seconds < 0 || seconds > 43_200) {
    throw invalidParameter('VisibilityTimeout', seconds, 'Must be between 0 and 43200, if provided.');
  }
}

/** Sends one message to a queue (SendMessage, batches, other services' deliveries). */
export function sendMessage(
  state: SqsProviderContext,
  queue: SqsQueue,
  request: MessageRequest,
  senderId: string,
): SendResult {
  return queue.send(checkMessage(request, queue, senderId), nowOf(state));
}

export function messageHandlers(state: SqsProviderContext): ServiceProvider<SqsOperations> {
  return {
    SendMessage: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      return sendOutput(sendMessage(state, queue, input, context.accountId));
    },

    SendMessageBatch: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      checkBatch(input.Entries, 'SendMessageBatchRequestEntry');
      const maximum = queue.numberAttribute('MaximumMessageSize');
      const total = input.Entries.reduce((sum, entry) => sum + messageSize(entry), 0);
      if (total > maximum) {
        throw new AwsError(
          'BatchRequestTooLong',
          `Batch requests cannot be longer than ${maximum} bytes. You have sent ${total} bytes.`,
        );
      }
      return eachEntry(input.Entries, (entry): SendMessageBatchResultEntry => {
        const output = sendOutput(sendMessage(state, queue, entry, context.accountId));
        return { Id: entry.Id, ...output, MessageId: output.MessageId!, MD5OfMessageBody: output.MD5OfMessageBody! };
      });
    },

    DeleteMessage: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      queue.delete(readReceiptHandle(input.ReceiptHandle));
    },

    DeleteMessageBatch: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      checkBatch(input.Entries, 'DeleteMessageBatchRequestEntry');
      return eachEntry(input.Entries, (entry) => {
        queue.delete(readReceiptHandle(entry.ReceiptHandle));
        return { Id: entry.Id };
      });
    },

    ChangeMessageVisibility: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      checkVisibility(input.VisibilityTimeout);
      queue.changeVisibility(readReceiptHandle(input.ReceiptHandle), input.VisibilityTimeout, nowOf(state));
    },

    ChangeMessageVisibilityBatch: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      checkBatch(input.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
      return eachEntry(input.Entries, (entry) => {
        const seconds = entry.VisibilityTimeout ?? 0;
        checkVisibility(seconds);
        queue.changeVisibility(readReceiptHandle(entry.ReceiptHandle), seconds, nowOf(state));
        return { Id: entry.Id };
      });
    },
  };
}
