// Asynchronous invocation as Lambda runs it (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html):
// an Event invoke is queued and answered 202; the queue runs it, retries a function error up to
// MaximumRetryAttempts times (default 2) one minute then two minutes later, retries throttles and system errors
// with backoff (1 s doubling up to 5 minutes) until MaximumEventAgeInSeconds (default 6 hours) passes, then sends
// an invocation record to the OnSuccess/OnFailure destination and the event to the function's dead-letter queue.
// Waits pass `timeScale` times faster (the cloud's --time-scale), and so does the event's age.
import { randomUUID } from 'node:crypto';
import type { InvokeResult } from '../../core/runtime/runtimeTypes';
import type { Logger } from '../../core/logger';
import { isAwsError } from '../protocol/awsError';
import { functionArn, type ArnContext, type EventInvokeConfig } from './functionRecords';

/** AWS's defaults and waits. */
const DEFAULT_RETRIES = 2;
const DEFAULT_MAXIMUM_AGE_SECONDS = 21_600;
const RETRY_DELAYS_MS = [60_000, 120_000];
const FIRST_THROTTLE_DELAY_MS = 1_000;
const LONGEST_THROTTLE_DELAY_MS = 300_000;

/** One queued event. */
export interface AsyncEvent {
  requestId: string;
  functionName: string;
  /** The qualifier the caller invoked (its event invoke config applies), undefined for the unqualified function. */
  qualifier?: string;
  payload: string;
}

/** How an attempt went: the runtime's result, or the error Invoke would have answered (throttle, system error). */
export type AttemptOutcome = { result: InvokeResult; executedVersion: string } | { error: unknown };

/** Where a finished event goes: a destination record or the dead-letter message, by target ARN. */
export interface AsyncDeliveries {
  /** Sends the record to an OnSuccess/OnFailure destination (a function, queue or topic ARN). */
  toDestination(destinationArn: string, record: DestinationRecord): Promise<void>;
  /** Sends the original event to a dead-letter queue or topic with Lambda's message attributes. */
  toDeadLetter(targetArn: string, payload: string, attributes: Record<string, MessageAttribute>): Promise<void>;
}

/** A message attribute as SQS and SNS take it. */
export interface MessageAttribute {
  DataType: 'String' | 'Number';
  StringValue: string;
}

/** What the queue needs from its region's Lambda. */
export interface AsyncInvocationOptions extends ArnContext {
  /** Runs one attempt of the event (the configuration is read again each time, as Lambda does). */
  attempt(event: AsyncEvent): Promise<AttemptOutcome>;
  /** The event invoke config and dead-letter target of the qualifier invoked, read at each step. */
  settings(event: AsyncEvent): { invokeConfig?: EventInvokeConfig; deadLetterArn?: string } | undefined;
  deliveries: AsyncDeliveries;
  sleep: (milliseconds: number, signal: AbortSignal) => Promise<void>;
  timeScale: number;
  logger: Logger;
}

/** Lambda's invocation record for destinations (version 1.0). */
export interface DestinationRecord {
  version: '1.0';
  timestamp: string;
  requestContext: {
    requestId: string;
    functionArn: string;
    condition: 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';
    approximateInvokeCount: number;
  };
  requestPayload: unknown;
  responseContext?: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload?: unknown;
}

/** The queue of one region's Event invocations. */
export class AsyncInvocations {
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: AsyncInvocationOptions) {}

  /** Queues the event; it runs after this call returns. */
  enqueue(event: Omit<AsyncEvent, 'requestId'> & { requestId?: string }): string {
    const queued: AsyncEvent = { ...event, requestId: event.requestId ?? randomUUID() };
    const run = this.run(queued, Date.now()).catch((error: unknown) =>
      this.options.logger.warn(`[localcloud] async invoke of ${queued.functionName} failed: ${String(error)}`),
    );
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return queued.requestId;
  }

  /** Stops waiting retries (their events are dropped) and waits for attempts in flight. */
  async close(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.running]);
  }

  private async run(event: AsyncEvent, receivedAt: number): Promise<void> {
    await Promise.resolve();
    let invokeCount = 0;
    let functionErrors = 0;
    let throttleDelay = FIRST_THROTTLE_DELAY_MS;
    let last: { result: InvokeResult; executedVersion: string } | undefined;
    for (;;) {
      if (this.stopping.signal.aborted) return;
      const settings = this.options.settings(event);
      if (!settings) return; // the function (or its qualifier) was deleted meanwhile: Lambda drops the event
      const maximumAge = (settings.invokeConfig?.maximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_AGE_SECONDS) * 1000;
      if ((Date.now() - receivedAt) * this.options.timeScale > maximumAge) {
        await this.finish(event, 'EventAgeExceeded', invokeCount, last);
        return;
      }
      const outcome = await this.options.attempt(event);
      if ('error' in outcome) {
        // Throttles and system errors are retried until the event is too old; they are neither invocations nor
        // retries. Anything else (the function was deleted meanwhile) drops the event.
        if (!isAwsError(outcome.error)) throw outcome.error;
        await this.options.sleep(throttleDelay, this.stopping.signal);
        throttleDelay = Math.min(throttleDelay * 2, LONGEST_THROTTLE_DELAY_MS);
        continue;
      }
      invokeCount += 1;
      last = outcome;
      if (!outcome.result.functionError) {
        await this.finish(event, 'Success', invokeCount, last);
        return;
      }
      functionErrors += 1;
      const retries = settings.invokeConfig?.maximumRetryAttempts ?? DEFAULT_RETRIES;
      if (functionErrors > retries) {
        await this.finish(event, 'RetriesExhausted', invokeCount, last);
        return;
      }
      await this.options.sleep(RETRY_DELAYS_MS[functionErrors - 1] ?? RETRY_DELAYS_MS[1]!, this.stopping.signal);
    }
  }

  private async finish(
    event: AsyncEvent,
    condition: DestinationRecord['requestContext']['condition'],
    invokeCount: number,
    last: { result: InvokeResult; executedVersion: string } | undefined,
  ): Promise<void> {
    const settings = this.options.settings(event);
    const destinations = settings?.invokeConfig?.destinationConfig;
    const destination = condition === 'Success' ? destinations?.OnSuccess : destinations?.OnFailure;
    const deliveries: Promise<void>[] = [];
    if (destination?.Destination) {
      const record = this.recordOf(event, condition, invokeCount, last);
      deliveries.push(this.options.deliveries.toDestination(destination.Destination, record));
    }
    if (condition !== 'Success' && settings?.deadLetterArn) {
      deliveries.push(
        // Lambda's attributes: the request, the status of the last attempt, the first 1 KB of the error.
        this.options.deliveries.toDeadLetter(settings.deadLetterArn, event.payload, {
          RequestID: { DataType: 'String', StringValue: event.requestId },
          ErrorCode: { DataType: 'Number', StringValue: last ? '200' : '429' },
          ErrorMessage: {
            DataType: 'String',
            StringValue: (last ? errorMessageOf(last.result.payload) : 'Event age exceeded').slice(0, 1024),
          },
        }),
      );
    }
    if (condition !== 'Success' && deliveries.length === 0) {
      this.options.logger.warn(
        `[localcloud] async invoke ${event.requestId} of ${event.functionName} dropped (${condition})`,
      );
    }
    for (const delivered of await Promise.allSettled(deliveries)) {
      if (delivered.status === 'rejected') {
        this.options.logger.warn(
          `[localcloud] delivery of async invoke ${event.requestId} failed: ${String(delivered.reason)}`,
        );
      }
    }
  }

  private recordOf(
    event: AsyncEvent,
    condition: DestinationRecord['requestContext']['condition'],
    invokeCount: number,
    last: { result: InvokeResult; executedVersion: string } | undefined,
  ): DestinationRecord {
    return {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: {
        requestId: event.requestId,
        functionArn: functionArn(this.options, event.functionName, event.qualifier ?? '$LATEST'),
        condition,
        approximateInvokeCount: invokeCount,
      },
      requestPayload: parsedOrText(event.payload),
      ...(last
        ? {
            responseContext: {
              statusCode: 200,
              executedVersion: last.executedVersion,
              ...(last.result.functionError ? { functionError: last.result.functionError } : {}),
            },
            responsePayload: parsedOrText(last.result.payload),
          }
        : {}),
    };
  }
}

function parsedOrText(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** A dead-letter message's ErrorMessage: the function error's message when the payload has one. */
function errorMessageOf(payload: string): string {
  const parsed = parsedOrText(payload) as { errorMessage?: unknown } | null;
  return parsed && typeof parsed === 'object' && typeof parsed.errorMessage === 'string'
    ? parsed.errorMessage
    : payload;
}
