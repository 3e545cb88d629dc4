// The read side of CloudWatch Logs: FilterLogEvents (interleaved across streams) and GetLogEvents (one stream,
// forward and backward tokens), over the in-memory event arrays of LogStore.
import { parseFilterPattern, matchesFilterPattern, FilterPatternError } from '../../core/logs/filterPattern';
import { AwsError } from '../protocol/awsError';
import { decodePageToken, encodePageToken } from '../protocol/pageTokens';
import {
  firstIndexAtOrAfter,
  LogStore,
  type LogEventRecord,
  type LogGroupState,
  type LogStreamState,
} from './logStore';

/** FilterLogEvents parameters, already type-checked. */
export interface FilterQuery {
  logStreamNames?: string[];
  logStreamNamePrefix?: string;
  startTime?: number;
  endTime?: number;
  filterPattern?: string;
  nextToken?: string;
  limit: number;
  /** Oldest first (default) or newest first. */
  startFromHead?: boolean;
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
  /** 'b' when paging newest first (startFromHead false). */
  d?: 'b';
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
  const all = group.events;
  const low = firstIndexAtOrAfter(all, query.startTime ?? 0);
  const high = query.endTime === undefined ? all.length : firstIndexAtOrAfter(all, query.endTime + 1);
  // The first request's startFromHead sets the direction; a token carries it on (as CloudWatch documents).
  let forward = query.startFromHead ?? true;
  let from = forward ? low : high - 1;
  if (query.nextToken !== undefined) {
    const cursor = decodePageToken(query.nextToken, isFilterCursor);
    if (!cursor) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
    forward = cursor.d !== 'b';
    const position = firstIndexAtOrAfter(all, cursor.t, cursor.s);
    from = forward ? Math.max(low, position) : Math.min(high, position) - 1;
  }
  const step = forward ? 1 : -1;
  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  for (let index = from; forward ? index < high : index >= low; index += step) {
    const event = all[index]!;
    if (events.length >= query.limit || bytes >= MAX_PAGE_BYTES) {
      // Forward: the next page starts at this event; backward: it ends just after it.
      const next = forward ? event : all[index + 1];
      const cursor: FilterCursor = next
        ? { t: next.timestamp, s: next.sequence }
        : { t: Number.MAX_SAFE_INTEGER, s: 0 };
      return { events, nextToken: encodePageToken(forward ? cursor : { ...cursor, d: 'b' }) };
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
  limit?: number;
  startFromHead: boolean;
}

/**
 * A page of one stream's events with CloudWatch's tokens, `f/<56 digits>/s` and `b/<56 digits>/s`: the digits name
 * the event a page ended after (forward) or started at (backward), so tokens stay valid when earlier events arrive
 * later. At either end of the stream the token in that direction repeats (clients stop on the same token).
 */
export function getLogEvents(stream: LogStreamState, query: StreamQuery) {
  const all = stream.events;
  const low = firstIndexAtOrAfter(all, query.startTime ?? 0);
  const high = query.endTime === undefined ? all.length : firstIndexAtOrAfter(all, query.endTime);
  const limit = query.limit ?? MAX_EVENTS_PER_PAGE;
  let forward = query.startFromHead;
  let boundary = forward ? low : high;
  if (query.nextToken !== undefined) {
    const token = parseStreamToken(query.nextToken);
    forward = token.forward;
    const position = firstIndexAtOrAfter(all, token.timestamp, token.forward ? token.sequence + 1 : token.sequence);
    boundary = forward ? Math.max(low, Math.min(position, high)) : Math.min(high, Math.max(position, low));
  }
  let start = boundary;
  let end = boundary;
  let bytes = 0;
  if (forward) {
    while (end < high && end - start < limit && bytes < MAX_PAGE_BYTES) bytes += eventBytes(all[end++]!.message);
  } else {
    while (start > low && end - start < limit && bytes < MAX_PAGE_BYTES) bytes += eventBytes(all[--start]!.message);
  }
  return {
    events: all.slice(start, end).map((event) => ({
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.ingestionTime,
    })),
    nextForwardToken: streamToken('f', end > 0 ? all[end - 1] : undefined),
    nextBackwardToken: streamToken('b', start < all.length ? all[start] : afterLast(all)),
  };
}

const MAX_EVENTS_PER_PAGE = 10_000;

function eventBytes(message: string): number {
  return Buffer.byteLength(message) + EVENT_OVERHEAD_BYTES;
}

/** A position just past the stream's last event (what a backward token at the end names). */
function afterLast(events: LogEventRecord[]): Pick<LogEventRecord, 'timestamp' | 'sequence'> | undefined {
  const last = events.at(-1);
  return last ? { timestamp: last.timestamp, sequence: last.sequence + 1 } : undefined;
}

/** `f/` or `b/`, 56 digits (20 of timestamp, 36 of sequence; zeros before the first event), `/s` as CloudWatch. */
function streamToken(direction: 'f' | 'b', event: Pick<LogEventRecord, 'timestamp' | 'sequence'> | undefined): string {
  const digits = event
    ? `${String(event.timestamp).padStart(20, '0')}${String(event.sequence).padStart(36, '0')}`
    : '0'.repeat(56);
  return `${direction}/${digits}/s`;
}

function parseStreamToken(token: string): { forward: boolean; timestamp: number; sequence: number } {
  const match = /^([fb])\/(\d{20})(\d{36})(?:\/s)?$/.exec(token);
  if (!match) throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
  const timestamp = Number(match[2]);
  const sequence = Number(match[3]);
  // The zero token names no event: before the first one.
  if (timestamp === 0 && sequence === 0) return { forward: match[1] === 'f', timestamp: 0, sequence: -1 };
  return { forward: match[1] === 'f', timestamp, sequence };
}
