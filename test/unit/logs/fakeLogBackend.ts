// A CloudWatch Logs backend in virtual time for the tail engine's tests: events become visible at their ingestion
// time, FilterLogEvents pages are small (to cross page boundaries), and live tail sessions get an update on each
// flush. The clock runs scheduled actions as time advances, so minutes of tailing take milliseconds.
import {
  LiveTailUnavailableError,
  LogGroupNotFoundError,
  ThrottledError,
  type FilterPage,
  type FilterQuery,
  type LiveTailQuery,
  type LiveTailUpdate,
  type LogEventSource,
  type TailClock,
  type TailedLogEvent,
} from '../../../src/core/logs/logEventSource';

interface StoredEvent extends TailedLogEvent {
  ingestionTime: number;
  sequence: number;
}

interface LiveSession {
  groups: Set<string>;
  pending: TailedLogEvent[];
  push: (update: LiveTailUpdate | Error | 'end') => void;
}

/** Virtual time: sleeping advances it and runs the actions scheduled up to then. */
export class FakeClock implements TailClock {
  private current: number;
  private readonly actions: Array<{ at: number; run: () => void }> = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  at(time: number, run: () => void): void {
    this.actions.push({ at: time, run });
    this.actions.sort((left, right) => left.at - right.at);
  }

  /** Moves time forward from the test's side, running the actions due. */
  async advance(ms: number): Promise<void> {
    await this.sleep(ms, new AbortController().signal);
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    const target = this.current + ms;
    while (this.actions.length > 0 && this.actions[0]!.at <= target) {
      const action = this.actions.shift()!;
      this.current = Math.max(this.current, action.at);
      action.run();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.current = target;
    await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
  }
}

/** The backend: groups of events, FilterLogEvents and (optionally) StartLiveTail. */
export class FakeLogBackend implements LogEventSource {
  readonly groups = new Map<string, StoredEvent[]>();
  readonly calls: Array<{ operation: 'filter' | 'liveTail'; detail: string }> = [];
  private readonly sessions = new Set<LiveSession>();
  private sequence = 0;
  /** Events per FilterLogEvents page. */
  pageSize = 3;
  /** Throttle this many FilterLogEvents calls from now on. */
  throttleNext = 0;
  /** Runs before each FilterLogEvents call answers (to write events "while" a read happens). */
  beforeFilter: (() => void) | undefined;
  /** StartLiveTail: unsupported, or available. */
  liveTail: 'available' | 'unsupported' = 'available';
  startLiveTail?: LogEventSource['startLiveTail'];

  constructor(private readonly clock: FakeClock) {
    this.startLiveTail = (query, signal) => this.openLiveTail(query, signal);
  }

  createGroup(name: string): void {
    if (!this.groups.has(name)) this.groups.set(name, []);
  }

  /** Stores an event now (ingested now); live sessions get it with the next flush. */
  put(group: string, stream: string, timestamp: number, message: string): void {
    this.createGroup(group);
    const event: StoredEvent = {
      logGroupName: group,
      logStreamName: stream,
      timestamp,
      message,
      ingestionTime: this.clock.now(),
      sequence: this.sequence++,
      eventId: `${String(timestamp).padStart(16, '0')}-${this.sequence}`,
    };
    const events = this.groups.get(group)!;
    events.push(event);
    events.sort((left, right) => left.timestamp - right.timestamp || left.sequence - right.sequence);
    for (const session of this.sessions) {
      if (session.groups.has(group)) {
        const { eventId: _id, ...withoutId } = event;
        session.pending.push(withoutId);
      }
    }
  }

  /** Sends every live session its pending events; with `drop`, only keeps that many (a sampled update). */
  flush(keep?: number): void {
    for (const session of this.sessions) {
      const events = keep === undefined ? session.pending : session.pending.slice(0, keep);
      session.push({ events, sampled: keep !== undefined && keep < session.pending.length });
      session.pending = [];
    }
  }

  /** Ends every live session, as AWS does after three hours. */
  endSessions(error?: Error): void {
    for (const session of this.sessions) session.push(error ?? 'end');
    this.sessions.clear();
  }

  get openSessions(): number {
    return this.sessions.size;
  }

  filterLogEvents(query: FilterQuery, signal: AbortSignal): Promise<FilterPage> {
    signal.throwIfAborted();
    this.calls.push({ operation: 'filter', detail: `${query.logGroupName}@${query.startTime}` });
    this.beforeFilter?.();
    if (this.throttleNext > 0) {
      this.throttleNext--;
      return Promise.reject(new ThrottledError('Rate exceeded'));
    }
    const events = this.groups.get(query.logGroupName);
    if (!events) return Promise.reject(new LogGroupNotFoundError(query.logGroupName));
    const visible = events.filter(
      (event) =>
        event.ingestionTime <= this.clock.now() &&
        event.timestamp >= query.startTime &&
        (query.endTime === undefined || event.timestamp <= query.endTime) &&
        (!query.filterPattern || event.message.includes(query.filterPattern)),
    );
    const offset = query.nextToken === undefined ? 0 : Number(query.nextToken);
    const page = visible.slice(offset, offset + this.pageSize).map(({ sequence: _s, ...event }) => event);
    const next = offset + this.pageSize;
    return Promise.resolve({ events: page, ...(next < visible.length ? { nextToken: String(next) } : {}) });
  }

  private openLiveTail(query: LiveTailQuery, signal: AbortSignal): Promise<AsyncIterable<LiveTailUpdate>> {
    this.calls.push({ operation: 'liveTail', detail: query.logGroupNames.join(',') });
    if (this.liveTail === 'unsupported') return Promise.reject(new LiveTailUnavailableError('not supported'));
    for (const name of query.logGroupNames) {
      if (!this.groups.has(name)) return Promise.reject(new LogGroupNotFoundError(name));
    }
    const queue: Array<LiveTailUpdate | Error | 'end'> = [];
    let wake: (() => void) | undefined;
    const session: LiveSession = {
      groups: new Set(query.logGroupNames),
      pending: [],
      push: (item) => {
        queue.push(item);
        wake?.();
      },
    };
    this.sessions.add(session);
    signal.addEventListener('abort', () => {
      this.sessions.delete(session);
      session.push('end');
    });
    const iterable: AsyncIterable<LiveTailUpdate> = {
      [Symbol.asyncIterator]: async function* () {
        for (;;) {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          const item = queue.shift()!;
          if (item === 'end') return;
          if (item instanceof Error) throw item;
          yield item;
        }
      },
    };
    return Promise.resolve(iterable);
  }
}

/** Collects what a tail delivers. */
export function collector(): { events: TailedLogEvent[]; messages: () => string[] } {
  const events: TailedLogEvent[] = [];
  return { events, messages: () => events.map((event) => event.message) };
}

/** Waits until `condition` holds, letting the tail's promises run. */
export async function until(condition: () => boolean, turns = 2000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not met');
}
