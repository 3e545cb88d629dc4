// Timestamps on the wire: epoch seconds in JSON bodies, ISO 8601 in XML and query strings, RFC 822 (HTTP dates)
// in headers, unless a member or shape names its own format.
import type { MemberReference, Shape, TimestampFormat } from './serviceModel';

/** The format a timestamp member uses in a location of a protocol. */
export function timestampFormatOf(
  member: MemberReference | undefined,
  shape: Shape,
  fallback: TimestampFormat,
): TimestampFormat {
  return member?.timestampFormat ?? shape.timestampFormat ?? fallback;
}

/** Writes a timestamp (a Date, epoch milliseconds or an ISO string) in a wire format. */
export function formatTimestamp(value: unknown, format: TimestampFormat): string | number {
  const date = toDate(value);
  switch (format) {
    case 'unixTimestamp':
      return date.getTime() / 1000;
    case 'rfc822':
      return date.toUTCString();
    default:
      return date.toISOString();
  }
}

/** A Date from what a handler returned: Date, epoch milliseconds, or a date string. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  return new Date(String(value));
}

/** Reads a timestamp from the wire: epoch seconds (number or numeric text) or a date string; undefined if invalid. */
export function parseTimestamp(value: unknown): Date | undefined {
  let date: Date;
  if (typeof value === 'number') date = new Date(value * 1000);
  else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) date = new Date(Number(value) * 1000);
  else if (typeof value === 'string') date = new Date(value);
  else return undefined;
  return Number.isNaN(date.getTime()) ? undefined : date;
}
