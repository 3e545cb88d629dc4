// A tail of one or more log groups: the range first (backfill), then new events as they come, through StartLiveTail
// where the backend has it, else FilterLogEvents polling. Either way no event is delivered twice or skipped:
// - polling reads from `overlapMs` before the newest event seen (not newest + 1 ms as `sam logs --tail` does, which
//   skips events written later in the same millisecond) and drops what was delivered, by eventId;
// - a live tail starts before the backfill, so nothing falls between them, and its events are matched against the
//   backfill's by content; after a reconnect or a sampled update a catch-up read fills the gap the same way.
// Groups that do not exist yet (a function never invoked) are probed each interval and joined when they appear.
import { followLiveTail } from './liveTailFollower';
import {
  LiveTailUnavailableError,
  systemClock,
  type LogEventSource,
  type TailClock,
  type TailedLogEvent,
} from './logEventSource';
import { followByPolling, type FollowContext } from './tailFollowing';
import { TailReader, type TailedGroup } from './tailReader';

export type { TailedGroup } from './tailReader';

/** How new events arrive. */
export type TailTransport = 'liveTail' | 'polling';

/** What the session is doing, for status lines. */
export type TailStatus =
  | { state: 'reading' }
  | { state: 'following'; transport: TailTransport; waitingFor: string[]; note?: string }
  | { state: 'retrying'; message: string; delayMs: number }
  | { state: 'done'; missing: string[] }
  | { state: 'stopped' };

/** A tail to run. */
export interface LogTailOptions {
  source: LogEventSource;
  groups: TailedGroup[];
  startTime: number;
  /** Reading stops here; a tail with an end time never follows. */
  endTime?: number;
  /** A CloudWatch filter pattern, applied by the service. */
  filterPattern?: string;
  follow: boolean;
  /** `auto`: live tail when the source has one, else polling. */
  transport?: 'auto' | TailTransport;
  /** Polling interval and probe interval for groups that do not exist yet (default 1 s, as sam logs). */
  pollIntervalMs?: number;
  /** How far catch-up reads reach back before the newest event seen (default 10 s of late ingestion). */
  overlapMs?: number;
  /** Longest wait between retries after errors and throttling (default 30 s). */
  maxBackoffMs?: number;
  clock?: TailClock;
  /** Events a previous tail of the same groups delivered (resuming after a stop): never delivered again. */
  alreadyDelivered?: readonly TailedLogEvent[];
  onEvents: (events: TailedLogEvent[]) => void;
  onStatus?: (status: TailStatus) => void;
}

/** One running tail; `stop()` ends it, `finished` settles when it has ended. */
export class LogTailSession {
  private readonly abort = new AbortController();
  readonly finished: Promise<void>;

  constructor(options: LogTailOptions) {
    this.finished = this.run(options);
  }

  stop(): void {
    this.abort.abort(new Error('stopped'));
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(options: LogTailOptions): Promise<void> {
    const clock = options.clock ?? systemClock;
    const resolved = { pollIntervalMs: 1000, maxBackoffMs: 30_000, ...options };
    const reader = new TailReader({
      source: options.source,
      groups: options.groups,
      startTime: options.startTime,
      ...(options.endTime !== undefined ? { endTime: options.endTime } : {}),
      ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
      overlapMs: options.overlapMs ?? 10_000,
      ...(options.alreadyDelivered ? { alreadyDelivered: options.alreadyDelivered } : {}),
      deliver: (events) => {
        if (!this.abort.signal.aborted) options.onEvents(events);
      },
    });
    const status = (value: TailStatus) => {
      if (!this.abort.signal.aborted || value.state === 'stopped') options.onStatus?.(value);
    };
    const context: FollowContext = { reader, options: resolved, clock, signal: this.abort.signal, status };
    try {
      if (!options.follow || options.endTime !== undefined) {
        status({ state: 'reading' });
        const missing = await reader.readRange(
          options.groups.map((group) => group.logGroupName),
          this.abort.signal,
        );
        status({ state: 'done', missing });
        return;
      }
      let note: string | undefined;
      if (options.transport !== 'polling' && options.source.startLiveTail) {
        try {
          await followLiveTail(context);
          return;
        } catch (error) {
          if (!(error instanceof LiveTailUnavailableError) || options.transport === 'liveTail') throw error;
          note = `live tail unavailable (${error.message}); polling every ${resolved.pollIntervalMs} ms`;
          if (error.afterBackfill) {
            await followByPolling(context, { note, backfilled: true });
            return;
          }
        }
      }
      await followByPolling(context, { backfilled: false, ...(note ? { note } : {}) });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      throw error;
    } finally {
      if (this.abort.signal.aborted) status({ state: 'stopped' });
    }
  }
}
