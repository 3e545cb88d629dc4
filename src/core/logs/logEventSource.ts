// What the tail engine needs from a CloudWatch Logs backend, as plain data: FilterLogEvents pages and, where the
// backend has it, a StartLiveTail stream. cloudWatchLogSource.ts adapts the AWS SDK to it; tests give their own.

/** One log event, from FilterLogEvents (with an id) or a live tail update (without). */
export interface TailedLogEvent {
  logGroupName: string;
  logStreamName: string;
  /** Epoch milliseconds, as the function wrote it. */
  timestamp: number;
  ingestionTime?: number;
  message: string;
  /** FilterLogEvents' event id; live tail updates carry none. */
  eventId?: string;
}

/** One FilterLogEvents call. */
export interface FilterQuery {
  logGroupName: string;
  startTime: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
}

/** One page of FilterLogEvents. */
export interface FilterPage {
  events: TailedLogEvent[];
  nextToken?: string;
}

/** One StartLiveTail session's request (up to 10 groups, as on AWS). */
export interface LiveTailQuery {
  logGroupNames: string[];
  filterPattern?: string;
}

/** A sessionUpdate: the events since the last one; `sampled` when the service dropped some (over 500 a second). */
export interface LiveTailUpdate {
  events: TailedLogEvent[];
  sampled: boolean;
}

/** A backend's logs. */
export interface LogEventSource {
  /** Throws LogGroupNotFoundError when the group does not exist (yet: Lambda creates it on the first invoke). */
  filterLogEvents(query: FilterQuery, signal: AbortSignal): Promise<FilterPage>;
  /**
   * Starts a live tail; resolves once the session has started (updates from then on are delivered), with the
   * updates as they come. The iteration ends or throws when the session ends. Absent when the backend has none.
   */
  startLiveTail?(query: LiveTailQuery, signal: AbortSignal): Promise<AsyncIterable<LiveTailUpdate>>;
}

/** A log group that does not exist: a function never invoked has none yet. */
export class LogGroupNotFoundError extends Error {
  constructor(readonly logGroupName: string) {
    super(`The log group ${logGroupName} does not exist`);
    this.name = 'LogGroupNotFoundError';
  }
}

/** The backend does not offer StartLiveTail (or refuses it): the engine polls instead. */
export class LiveTailUnavailableError extends Error {
  /** Set when the tail had already read its range (the polling that takes over must not read it again). */
  afterBackfill = false;

  constructor(reason: string) {
    super(reason);
    this.name = 'LiveTailUnavailableError';
  }
}

/** The backend asks callers to slow down (ThrottlingException, HTTP 429). */
export class ThrottledError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThrottledError';
  }
}

/** Time, injected so tests run minutes of tailing in milliseconds. */
export interface TailClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: TailClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};
