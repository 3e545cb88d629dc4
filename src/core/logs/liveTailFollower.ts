// Following through StartLiveTail: sessions of up to 10 groups start before the backfill (updates are buffered
// meanwhile), so nothing falls between the two. A session that ends (AWS ends them after 3 hours), fails, or reports
// sampling is followed by a catch-up read; a group that appears later restarts the sessions to include it.
import { LiveTailUnavailableError, type LiveTailUpdate } from './logEventSource';
import { describeTailError, existingGroups, withRetries, type FollowContext } from './tailFollowing';

/** AWS accepts at most 10 log groups per StartLiveTail. */
const GROUPS_PER_SESSION = 10;

type QueueItem = { generation: number; update: LiveTailUpdate } | { generation: number; ended: unknown };

/** Follows with live tail sessions; throws LiveTailUnavailableError when the backend has none. */
export async function followLiveTail(context: FollowContext): Promise<void> {
  const { reader, options, clock, signal } = context;
  const startLiveTail = options.source.startLiveTail!.bind(options.source);
  const names = reader.groups.map((group) => group.logGroupName);
  context.status({ state: 'reading' });
  let live = await withRetries(context, () => existingGroups(context, names));
  let waiting = names.filter((name) => !live.includes(name));

  const queue = new UpdateQueue(signal);
  let generation = 0;
  let sessions: AbortController | undefined;
  const open = async (groupNames: string[]) => {
    sessions?.abort();
    const current = ++generation;
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    sessions = controller;
    const chunks: string[][] = [];
    for (let index = 0; index < groupNames.length; index += GROUPS_PER_SESSION) {
      chunks.push(groupNames.slice(index, index + GROUPS_PER_SESSION));
    }
    const streams = await Promise.all(
      chunks.map((chunk) =>
        startLiveTail(
          { logGroupNames: chunk, ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}) },
          controller.signal,
        ),
      ),
    );
    for (const stream of streams) void pump(stream, current, queue);
  };

  if (live.length > 0) await open(live);
  await withRetries(context, () => reader.readRange(live, signal));
  let backoff = options.pollIntervalMs;
  try {
    for (;;) {
      context.status({ state: 'following', transport: 'liveTail', waitingFor: waiting });
      const item = await queue.next(
        waiting.length > 0 ? (cancel) => clock.sleep(options.pollIntervalMs, cancel) : undefined,
      );
      if (item === undefined) {
        // Probe the groups that did not exist; join the ones that appeared.
        const appeared = await existingGroups(context, waiting);
        if (appeared.length === 0) continue;
        waiting = waiting.filter((name) => !appeared.includes(name));
        live = [...live, ...appeared];
        await withRetries(context, () => open(live));
        await withRetries(context, () => reader.catchUp(live, signal));
        continue;
      }
      if (item.generation !== generation) continue;
      if ('update' in item) {
        reader.deliverLive(item.update.events);
        backoff = options.pollIntervalMs;
        if (item.update.sampled) {
          // The service dropped events from this update: read them back.
          const groups = [...new Set(item.update.events.map((event) => event.logGroupName))];
          await reader.catchUp(groups.length > 0 ? groups : live, signal);
        }
        continue;
      }
      // A session ended: reopen, then read what happened in between.
      backoff = Math.min(options.maxBackoffMs, backoff * 2);
      context.status({ state: 'retrying', message: describeEnd(item.ended), delayMs: backoff });
      await clock.sleep(backoff, signal);
      await withRetries(context, () => open(live));
      await withRetries(context, () => reader.catchUp(live, signal));
    }
  } catch (error) {
    if (error instanceof LiveTailUnavailableError) error.afterBackfill = true;
    throw error;
  } finally {
    sessions?.abort();
  }
}

function describeEnd(reason: unknown): string {
  return reason === undefined ? 'the live tail session ended; reconnecting' : describeTailError(reason);
}

async function pump(stream: AsyncIterable<LiveTailUpdate>, generation: number, queue: UpdateQueue): Promise<void> {
  try {
    for await (const update of stream) queue.push({ generation, update });
    queue.push({ generation, ended: undefined });
  } catch (error) {
    queue.push({ generation, ended: error });
  }
}

/** Updates from every session, taken one at a time by the follow loop (which keeps delivery serial). */
class UpdateQueue {
  private readonly items: QueueItem[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly signal: AbortSignal) {}

  push(item: QueueItem): void {
    this.items.push(item);
    this.wake?.();
  }

  /** The next item; undefined when `timer` resolves first (it is cancelled otherwise). Rejects on stop. */
  async next(timer?: (cancel: AbortSignal) => Promise<void>): Promise<QueueItem | undefined> {
    for (;;) {
      const ready = this.items.shift();
      if (ready) return ready;
      this.signal.throwIfAborted();
      const cancel = new AbortController();
      let timedOut = false;
      try {
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => reject(this.signal.reason as Error);
          this.signal.addEventListener('abort', onAbort, { once: true });
          this.wake = () => {
            this.signal.removeEventListener('abort', onAbort);
            resolve();
          };
          timer?.(cancel.signal).then(
            () => {
              timedOut = true;
              this.wake?.();
            },
            () => undefined,
          );
        });
      } finally {
        this.wake = undefined;
        cancel.abort();
      }
      if (this.items.length === 0 && timedOut) return undefined;
    }
  }
}
