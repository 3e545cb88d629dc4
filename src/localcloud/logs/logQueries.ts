// The read side of CloudWatch Logs: FilterLogEvents (interleaved across streams) and GetLogEvents (one stream,
// forward and backward tokens), over the in-memory event arrays of LogStore.
import { parseFilterPattern, matchesFilterPattern, FilterPatternError } from '../../core/logs/filterPattern';
import { AwsError } from '../protocol/awsError';
import { decodePageToken, encodePageToken } from '../protocol/pageTokens';
import { firstIndexAtOrAfter, LogStore, type LogGroupState, type LogStreamState } from './logStore';

/** FilterLogEvents parameters, already type-checked. */
export interface FilterQuery {
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit: number;
}

/** One event as FilterLogEvents returns it. */
export interface FilteredLogEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

/** Like CloudWatch, a page holds at most 1 MB of events (counted as message plus 26 bytes each). */
const MAX_PAGE_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;

interface FilterCursor {
  t: number;
  s: number;
}

function isFilterCursor(value: unknown): value is FilterCursor {
  const cursor = value as FilterCursor;
  return typeof value === 'object' && value !== null && typeof cursor.t === 'number' && typeof cursor.s === 'number';
}

/** Parses a pattern, turning syntax errors into the InvalidParameterException CloudWatch answers. */
export function parsePatternParameter(pattern: string | undefined): ReturnType<typeof parseFilterPattern> {
  try {
    return parseFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) throw new AwsError('InvalidParameterException', 'Invalid filter pattern');
    throw error;
  }
}

/** Matching events in timestamp order, at most `limit`, with a token when the time range was not exhausted. */
export function filterLogEvents(
  group: LogGroupState,
  query: FilterQuery,
): { events: FilteredLogEvent[]; nextToken?: string } {
  if (query.logStreamNames && query.logStreamNamePrefix !== undefined) {
    throw new AwsError('InvalidParameterException', 'logStreamNames and logStreamNamePrefix are mutually exclusive');
  }
  const pattern = parsePatternParameter(query.filterPattern);
  const streamNames = query.logStreamNames ? new Set(query.logStreamNames) : undefined;
  const prefix = query.logStreamNamePrefix;
  const endTime = query.endTime ?? Number.MAX_SAFE_INTEGER;
  let index = firstIndexAtOrAfter(group.events, query.startTime ?? 0);
  if (query.nextToken !== undefined) {
    const cursor = decodePageToken(query.nextToken, isFilterCursor);
    if (!cursor) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
    index = Math.max(index, firstIndexAtOrAfter(group.events, cursor.t, cursor.s));
  }
  const events: FilteredLogEvent[] = [];
  const all = group.events;
  let bytes = 0;
  for (; index < all.length; index++) {
    const event = all[index]!;
    if (event.timestamp > endTime) break;
    if (events.length >= query.limit || bytes >= MAX_PAGE_BYTES) {
      return { events, nextToken: encodePageToken({ t: event.timestamp, s: event.sequence }) };
    }
    if (streamNames && !streamNames.has(event.logStreamName)) continue;
    if (prefix !== undefined && !event.logStreamName.startsWith(prefix)) continue;
    if (!matchesFilterPattern(pattern, event.message)) continue;
    bytes += event.message.length + EVENT_OVERHEAD_BYTES;
    events.push({
      logStreamName: event.logStreamName,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
      eventId: LogStore.eventId(event),
    });
  }
  return { events };
}

/** GetLogEvents parameters, already type-checked. */
export interface StreamQuery {
  startTime?: number;
  endTime?: number;
  nextToken?: string;
  limit: number;
  startFromHead: boolean;
}

/** A page of one stream's events with CloudWatch's `f/` and `b/` tokens; the forward token repeats at the end. */
export function getLogEvents(stream: LogStreamState, query: StreamQuery) {
  const all = stream.events;
  const low = firstIndexAtOrAfter(all, query.startTime ?? 0);
  const high = query.endTime === undefined ? all.length : firstIndexAtOrAfter(all, query.endTime);
  let start: number;
  let end: number;
  const token = query.nextToken === undefined ? undefined : /^([fb])\/(\d+)$/.exec(query.nextToken);
  if (query.nextToken !== undefined && !token) {
    throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
  }
  const forward = token ? token[1] === 'f' : query.startFromHead;
  if (forward) {
    start = token ? Math.max(low, Number(token[2])) : low;
    end = Math.min(high, start + query.limit);
    start = Math.min(start, end);
  } else {
    end = token ? Math.min(high, Number(token[2])) : high;
    start = Math.max(low, end - query.limit);
    end = Math.max(start, end);
  }
  return {
    events: all.slice(start, end).map((event) => ({
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
    })),
    nextForwardToken: `f/${String(end).padStart(56, '0')}`,
    nextBackwardToken: `b/${String(start).padStart(56, '0')}`,
  };
}
