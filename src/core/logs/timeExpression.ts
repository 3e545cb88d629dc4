// Times as `sam logs -s/-e` takes them: relative ("5mins ago", "2 hours ago", "yesterday"), ISO timestamps with or
// without an offset, `YYYY-MM-DD HH:MM:SS`, a time of day, or epoch numbers. SAM CLI hands them to Python's
// dateparser with the current time as the base; this follows its meanings ("yesterday" is one day ago at the same
// time, "today" is now) and reads times without an offset in a time zone: the caller's (default: this process's).
// Seconds, minutes and hours are exact durations; days, weeks, months and years are calendar units in that zone,
// so "1 day ago" across a DST change is 23 or 25 hours, as a person reading a wall clock means it.
import { WorkbenchError } from '../errors';
import {
  epochOfWallClock,
  requireTimeZone,
  shiftWallClock,
  systemTimeZone,
  wallClockAt,
  type WallClock,
} from './zonedTime';

/** What a time expression is read against. */
export interface TimeContext {
  /** The current instant, epoch milliseconds. */
  now: number;
  /** IANA zone for times written without an offset; default this process's zone. */
  timeZone?: string;
}

type Unit = 'ms' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const UNIT_WORDS: Record<string, Unit> = {
  ms: 'ms',
  msec: 'ms',
  millisecond: 'ms',
  s: 'second',
  sec: 'second',
  second: 'second',
  m: 'minute',
  min: 'minute',
  minute: 'minute',
  h: 'hour',
  hr: 'hour',
  hour: 'hour',
  d: 'day',
  day: 'day',
  w: 'week',
  wk: 'week',
  week: 'week',
  mo: 'month',
  mon: 'month',
  month: 'month',
  y: 'year',
  yr: 'year',
  year: 'year',
};

const EXACT_MS: Partial<Record<Unit, number>> = { ms: 1, second: 1000, minute: 60_000, hour: 3_600_000 };

const ABSOLUTE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?(?:\s+([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+))?$/i;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const AMOUNT_UNIT = /(\d+(?:\.\d+)?|an?|one)\s*([a-z]+)/gy;

/** Thrown for text that is not a time; the message quotes it and the hint lists the accepted forms. */
export class TimeExpressionError extends WorkbenchError {
  constructor(text: string, reason = 'not a time this command understands') {
    super(`"${text}" is ${reason}`, {
      code: 'InvalidTime',
      hint: 'Use a relative time ("5mins ago", "2 hours ago", "yesterday", "now"), an ISO timestamp ("2026-01-31T09:30:00Z", "2026-01-31 09:30:00"), a date, a time of day ("14:30") or epoch milliseconds.',
    });
    this.name = 'TimeExpressionError';
  }
}

/** Reads a time expression; returns epoch milliseconds. */
export function parseTimeExpression(text: string, context: TimeContext): number {
  const zone = requireTimeZone(context.timeZone ?? systemTimeZone());
  const input = text.trim().replace(/\s+/g, ' ');
  const lower = input.toLowerCase();
  if (lower === '') throw new TimeExpressionError(text, 'empty');
  if (lower === 'now' || lower === 'today') return context.now;
  if (/^\d{13}$/.test(lower)) return Number(lower);
  if (/^\d{10}$/.test(lower)) return Number(lower) * 1000;

  const dayWord = /^(today|yesterday)(?: at)? (.+)$/.exec(lower);
  if (dayWord) {
    const time = TIME_OF_DAY.exec(dayWord[2]!);
    if (!time) throw new TimeExpressionError(text);
    const base = wallClockAt(context.now, zone);
    const day = dayWord[1] === 'yesterday' ? shiftWallClock(base, { days: -1 }) : base;
    return epochOfWallClock(atTimeOfDay(day, time), zone);
  }
  if (lower === 'yesterday') return shiftBack(context.now, zone, 'day', 1);

  const timeOfDay = TIME_OF_DAY.exec(lower);
  if (timeOfDay) return epochOfWallClock(atTimeOfDay(wallClockAt(context.now, zone), timeOfDay), zone);

  const absolute = ABSOLUTE.exec(input);
  if (absolute) return readAbsolute(text, absolute, zone);

  const relative = readRelative(lower, context.now, zone);
  if (relative !== undefined) return relative;
  throw new TimeExpressionError(text);
}

/** Start and end of a range, checked: the start must not be after the end. */
export function parseTimeRange(
  start: string | undefined,
  end: string | undefined,
  context: TimeContext & { defaultStart: string },
): { startTime: number; endTime: number | undefined } {
  const startTime = parseTimeExpression(start ?? context.defaultStart, context);
  const endTime = end === undefined ? undefined : parseTimeExpression(end, context);
  if (endTime !== undefined && endTime < startTime) {
    throw new WorkbenchError(`The start time (${start ?? context.defaultStart}) is after the end time (${end}).`, {
      code: 'InvalidTimeRange',
      hint: 'Swap them, or leave the end time out to read up to now.',
    });
  }
  return { startTime, endTime };
}

function atTimeOfDay(day: WallClock, time: RegExpExecArray): WallClock {
  const hour = Number(time[1]);
  const minute = Number(time[2]);
  const second = time[3] === undefined ? 0 : Number(time[3]);
  if (hour > 23 || minute > 59 || second > 59) throw new TimeExpressionError(time[0], 'not a time of day');
  return { ...day, hour, minute, second, millisecond: 0 };
}

function readAbsolute(text: string, match: RegExpExecArray, defaultZone: string): number {
  const [, year, month, day, hour, minute, second, fraction, offset, zoneName] = match;
  const wall: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: hour === undefined ? 0 : Number(hour),
    minute: minute === undefined ? 0 : Number(minute),
    second: second === undefined ? 0 : Number(second),
    millisecond: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
  };
  const lastDay = new Date(Date.UTC(wall.year, wall.month, 0)).getUTCDate();
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > lastDay) {
    throw new TimeExpressionError(text, 'not a date of the calendar');
  }
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) throw new TimeExpressionError(text, 'not a time of day');
  if (offset !== undefined && zoneName !== undefined) throw new TimeExpressionError(text, 'both an offset and a zone');
  if (zoneName !== undefined) return epochOfWallClock(wall, requireTimeZone(zoneName));
  if (offset === undefined) return epochOfWallClock(wall, defaultZone);
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  if (/^(z|utc|gmt)$/i.test(offset)) return utc;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return utc - sign * minutes * 60_000;
}

/** "5mins ago", "1 hour 30 minutes ago", "1h30m ago", "an hour ago"; undefined when the text is no such thing. */
function readRelative(lower: string, now: number, zone: string): number | undefined {
  if (!lower.endsWith(' ago') && !lower.endsWith('ago')) return undefined;
  const body = lower.replace(/\s*ago$/, '').trim();
  const amounts: Array<[Unit, number]> = [];
  AMOUNT_UNIT.lastIndex = 0;
  let consumed = 0;
  for (;;) {
    while (body[consumed] === ' ' || body[consumed] === ',') consumed++;
    if (consumed >= body.length) break;
    if (body.startsWith('and ', consumed)) {
      consumed += 4;
      continue;
    }
    AMOUNT_UNIT.lastIndex = consumed;
    const match = AMOUNT_UNIT.exec(body);
    if (!match) return undefined;
    const unit = unitOf(match[2]!);
    if (!unit) return undefined;
    const amount = /^\d/.test(match[1]!) ? Number(match[1]) : 1;
    amounts.push([unit, amount]);
    consumed = AMOUNT_UNIT.lastIndex;
  }
  if (amounts.length === 0) return undefined;
  let instant = now;
  // Calendar units first (from the wall clock of now), then exact durations, as "1 day 2 hours ago" reads.
  for (const [unit, amount] of amounts) {
    if (EXACT_MS[unit] === undefined) instant = shiftBack(instant, zone, unit, amount);
  }
  for (const [unit, amount] of amounts) {
    const exact = EXACT_MS[unit];
    if (exact !== undefined) instant -= Math.round(amount * exact);
  }
  return instant;
}

function unitOf(word: string): Unit | undefined {
  if (UNIT_WORDS[word]) return UNIT_WORDS[word];
  // Plurals and abbreviations with a trailing s: mins, hrs, secs, days, weeks, months, years.
  if (word.endsWith('s') && UNIT_WORDS[word.slice(0, -1)]) return UNIT_WORDS[word.slice(0, -1)];
  return undefined;
}

function shiftBack(now: number, zone: string, unit: Unit, amount: number): number {
  if (!Number.isInteger(amount)) {
    // "1.5 days ago": calendar units with fractions have no wall-clock meaning; use their average length.
    const average: Record<string, number> = {
      day: 86_400_000,
      week: 604_800_000,
      month: 2_629_746_000,
      year: 31_556_952_000,
    };
    return now - Math.round(amount * average[unit]!);
  }
  const wall = wallClockAt(now, zone);
  const shifted =
    unit === 'day'
      ? shiftWallClock(wall, { days: -amount })
      : unit === 'week'
        ? shiftWallClock(wall, { days: -7 * amount })
        : unit === 'month'
          ? shiftWallClock(wall, { months: -amount })
          : shiftWallClock(wall, { years: -amount });
  return epochOfWallClock(shifted, zone);
}
