// Lambda event source mappings for SQS, polled as Lambda's pollers do: long-poll the queue, gather up to
// BatchSize messages within MaximumBatchingWindowInSeconds, invoke the function synchronously with the SQS event,
// delete the batch on success; on a function error leave the messages to come back after the queue's visibility
// timeout (and, with a redrive policy, to reach the dead-letter queue); with ReportBatchItemFailures delete all but
// the items the function reports. Mappings are read from Lambda (ListEventSourceMappings) every `scanMs`; a
// disabled or deleted mapping's poller stops.
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../../core/logger';
import type { InvokeFunction } from '../lambda/functionInvocation';
import { isAwsError } from '../protocol/awsError';
import { receiveMessages } from '../sqs/provider/receiveHandler';
import { queueByArn, type SqsProviderContext } from '../sqs/provider/sqsProviderContext';
import { readQueueArn } from '../sqs/queueUrls';
import { readReceiptHandle } from '../sqs/sqsMessage';
import type { ReceivedMessage, SqsQueue } from '../sqs/sqsQueue';
import { sqsEventRecord } from './sqsEventRecord';

/** An event source mapping as ListEventSourceMappings answers it (the members the poller reads). */
export interface SqsMapping {
  UUID?: string;
  EventSourceArn?: string;
  FunctionArn?: string;
  State?: string;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
}

export interface SqsEventSourceOptions {
  sqs: SqsProviderContext;
  /** The mappings of a region. */
  listMappings: (region: string) => Promise<SqsMapping[]>;
  invoke: InvokeFunction;
  accountId: string;
  logger: Logger;
  /** How often mappings are re-read (default 1000 ms). */
  scanMs?: number;
}

/** Polls SQS for every enabled mapping; `close` stops all pollers. */
export interface SqsEventSourcePollers {
  close(): Promise<void>;
}

/** The longest a poller's receive waits before it re-checks its mapping. */
const POLL_WAIT_SECONDS = 2;

export function startSqsEventSources(options: SqsEventSourceOptions): SqsEventSourcePollers {
  const pollers = new Map<string, { controller: AbortController; mapping: SqsMapping; done: Promise<void> }>();
  const closing = new AbortController();
  const scanMs = options.scanMs ?? 1000;

  const scan = async (): Promise<void> => {
    const wanted = new Map<string, SqsMapping>();
    const regions = options.sqs.regions.storedRegions('sqs');
    for (const region of regions) {
      for (const mapping of await options.listMappings(region)) {
        if (mapping.UUID && readQueueArn(mapping.EventSourceArn ?? '') && mapping.State === 'Enabled') {
          wanted.set(mapping.UUID, mapping);
        }
      }
    }
    for (const [uuid, poller] of pollers) {
      const mapping = wanted.get(uuid);
      if (!mapping || JSON.stringify(mapping) !== JSON.stringify(poller.mapping)) {
        poller.controller.abort();
        pollers.delete(uuid);
      }
    }
    for (const [uuid, mapping] of wanted) {
      if (pollers.has(uuid)) continue;
      const controller = new AbortController();
      const done = pollMapping(options, mapping, controller.signal);
      pollers.set(uuid, { controller, mapping, done });
    }
  };

  const loop = (async () => {
    while (!closing.signal.aborted) {
      try {
        await scan();
      } catch (error) {
        options.logger.warn(`[localcloud] SQS event sources: ${String(error)}`);
      }
      // Real time, not the services' clock: this is how often the poller looks, not time passing for AWS.
      await delay(scanMs, undefined, { signal: closing.signal }).catch(() => undefined);
    }
  })();

  return {
    close: async () => {
      closing.abort();
      for (const poller of pollers.values()) poller.controller.abort();
      await Promise.all([loop, ...[...pollers.values()].map((poller) => poller.done)]);
    },
  };
}

async function pollMapping(options: SqsEventSourceOptions, mapping: SqsMapping, signal: AbortSignal): Promise<void> {
  const { sqs } = options;
  const batchSize = mapping.BatchSize ?? 10;
  const windowMs = (mapping.MaximumBatchingWindowInSeconds ?? 0) * 1000;
  while (!signal.aborted) {
    const queue = queueByArn(sqs, mapping.EventSourceArn!, options.accountId);
    if (!queue) {
      await delay(1000, undefined, { signal }).catch(() => undefined);
      continue;
    }
    const visibility = queue.numberAttribute('VisibilityTimeout');
    const receive = (max: number, waitSeconds: number) =>
      receiveMessages(sqs, queue, { max: Math.min(10, max), visibilitySeconds: visibility, waitSeconds, signal });
    const batch = await receive(batchSize, POLL_WAIT_SECONDS);
    if (batch.length === 0) continue;
    const deadline = Date.now() + windowMs;
    while (batch.length < batchSize && !signal.aborted) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      batch.push(...(await receive(batchSize - batch.length, Math.min(20, remaining / 1000))));
    }
    await deliver(options, mapping, queue, batch);
  }
}

async function deliver(
  options: SqsEventSourceOptions,
  mapping: SqsMapping,
  queue: SqsQueue,
  batch: ReceivedMessage[],
): Promise<void> {
  const region = queue.record.region;
  const event = { Records: batch.map((item) => sqsEventRecord(queue, item)) };
  let failed: Set<string> | 'all';
  try {
    const result = await options.invoke({ functionName: mapping.FunctionArn!, event, region });
    failed = result.functionError
      ? 'all'
      : reportsItemFailures(mapping)
        ? itemFailures(result.payload, batch)
        : new Set<string>();
  } catch (error) {
    options.logger.warn(
      `[localcloud] SQS event source ${mapping.UUID}: invoking ${mapping.FunctionArn} failed: ${isAwsError(error) ? `${error.code}: ${error.message}` : String(error)}`,
    );
    failed = 'all';
  }
  if (failed === 'all') return;
  for (const item of batch) {
    if (failed.has(item.message.messageId)) continue;
    queue.delete(readReceiptHandle(item.receiptHandle));
  }
}

function reportsItemFailures(mapping: SqsMapping): boolean {
  return mapping.FunctionResponseTypes?.includes('ReportBatchItemFailures') === true;
}

/**
 * The messages a ReportBatchItemFailures response names. As Lambda: an empty or null list means all succeeded;
 * a malformed response or an identifier not in the batch fails the whole batch.
 */
export function itemFailures(payload: string, batch: readonly ReceivedMessage[]): Set<string> | 'all' {
  let response: unknown;
  try {
    response = payload.trim() === '' ? null : JSON.parse(payload);
  } catch {
    return 'all';
  }
  if (response === null || typeof response !== 'object') return new Set();
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set(batch.map((item) => item.message.messageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return 'all';
    failed.add(id);
  }
  return failed;
}
