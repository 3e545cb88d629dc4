// The loops that keep a tail going: polling, retries with back-off, probes for groups that do not exist yet.
import { LogGroupNotFoundError, ThrottledError, type TailClock } from './logEventSource';
import type { LogTailOptions, TailStatus } from './logTailSession';
import type { TailReader } from './tailReader';

/** What the follow loops share. */
export interface FollowContext {
  reader: TailReader;
  options: Required<Pick<LogTailOptions, 'pollIntervalMs' | 'maxBackoffMs'>> & LogTailOptions;
  clock: TailClock;
  signal: AbortSignal;
  status: (status: TailStatus) => void;
}

/** Backfill (unless done already), then a catch-up read of every group each interval; backs off on errors. */
export async function followByPolling(
  context: FollowContext,
  how: { backfilled: boolean; note?: string },
): Promise<void> {
  const { reader, options, clock, signal } = context;
  const names = reader.groups.map((group) => group.logGroupName);
  let waitingFor: string[] = [];
  if (!how.backfilled) {
    context.status({ state: 'reading' });
    waitingFor = await withRetries(context, () => reader.readRange(names, signal));
  }
  let interval = options.pollIntervalMs;
  for (;;) {
    context.status({ state: 'following', transport: 'polling', waitingFor, ...(how.note ? { note: how.note } : {}) });
    await clock.sleep(interval, signal);
    try {
      waitingFor = await reader.catchUp(names, signal);
      interval = options.pollIntervalMs;
    } catch (error) {
      if (signal.aborted) throw error;
      interval = Math.min(options.maxBackoffMs, interval * 2);
      context.status({ state: 'retrying', message: describeTailError(error), delayMs: interval });
    }
  }
}

/** The groups among `names` that exist (one cheap read each). */
export async function existingGroups(context: FollowContext, names: string[]): Promise<string[]> {
  const now = context.clock.now();
  const found = await Promise.all(
    names.map(async (name) => {
      try {
        await context.options.source.filterLogEvents(
          { logGroupName: name, startTime: now, endTime: now },
          context.signal,
        );
        return true;
      } catch (error) {
        if (error instanceof LogGroupNotFoundError) return false;
        throw error;
      }
    }),
  );
  return names.filter((_name, index) => found[index]);
}

/** Runs a read until it succeeds, backing off between failures (throttling first of all). */
export async function withRetries<T>(context: FollowContext, read: () => Promise<T>): Promise<T> {
  let delay = context.options.pollIntervalMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (context.signal.aborted) throw error;
      if (!(error instanceof ThrottledError) && !isTransient(error)) throw error;
      delay = Math.min(context.options.maxBackoffMs, delay * 2);
      context.status({ state: 'retrying', message: describeTailError(error), delayMs: delay });
      await context.clock.sleep(delay, context.signal);
    }
  }
}

/** Network failures and 5xx answers are worth retrying; bad parameters and missing permissions are not. */
export function isTransient(error: unknown): boolean {
  const shape = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const status = shape?.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429;
  return /^E(CONNRESET|CONNREFUSED|PIPE|TIMEDOUT|AI_AGAIN)$/.test(shape?.code ?? '') || shape?.name === 'TimeoutError';
}

export function describeTailError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
