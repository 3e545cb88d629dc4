// Wall-clock time in an IANA time zone, with DST handled as Temporal's "compatible" disambiguation does: a time that
// a spring-forward gap skips is read with the offset before the gap (02:30 becomes 03:30 summer time), and a time
// that a fall-back repeats is the earlier of the two.
import { WorkbenchError } from '../errors';

/** A calendar date and time of day, as a clock on the wall shows it. */
export interface WallClock {
  year: number;
  /** 1-12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone this process runs in (TZ when set), the default for wall-clock times without an offset. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Checks an IANA zone name (or UTC); throws a WorkbenchError naming it when the runtime does not know it. */
export function requireTimeZone(zone: string): string {
  formatterFor(zone);
  return zone;
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch (error) {
      throw new WorkbenchError(`Unknown time zone "${zone}"`, {
        code: 'UnknownTimeZone',
        hint: 'Use an IANA name such as Europe/Paris or America/New_York, or UTC.',
        cause: error,
      });
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The wall clock in `zone` at an instant (epoch milliseconds). */
export function wallClockAt(epochMs: number, zone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (+01:00 is 3,600,000). */
export function offsetAt(epochMs: number, zone: string): number {
  const wall = wallClockAt(epochMs, zone);
  return utcOf(wall) - epochMs;
}

/** The instant a wall clock in `zone` shows; DST gaps move forward, repeated hours take the first. */
export function epochOfWallClock(wall: WallClock, zone: string): number {
  const local = utcOf(wall);
  const before = offsetAt(local - DAY_MS, zone);
  const after = offsetAt(local + DAY_MS, zone);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((instant) => utcOf(wallClockAt(instant, zone)) === local);
  if (valid.length > 0) return Math.min(...valid);
  // In a spring-forward gap: read the time with the offset in force before the gap.
  return local - before;
}

/** A wall clock moved by whole calendar units; days past a month's end clamp (Mar 31 - 1 month = Feb 28/29). */
export function shiftWallClock(wall: WallClock, units: { years?: number; months?: number; days?: number }): WallClock {
  const monthIndex = wall.year * 12 + (wall.month - 1) + (units.years ?? 0) * 12 + (units.months ?? 0);
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const clamped = Math.min(wall.day, lastDay);
  const shifted = new Date(Date.UTC(year, month - 1, clamped + (units.days ?? 0)));
  return {
    ...wall,
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

function utcOf(wall: WallClock): number {
  const instant = new Date(0);
  instant.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  instant.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return instant.getTime();
}

/** `2024-03-10 14:05:09.123` in `zone`, for log lines and the CLI. */
export function formatWallClock(epochMs: number, zone: string, withMilliseconds = true): string {
  const wall = wallClockAt(epochMs, zone);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  const time = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  const base = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${time}`;
  return withMilliseconds ? `${base}.${pad(wall.millisecond, 3)}` : base;
}

/** `+01:00`, `-04:00` or `Z`, the zone's offset at an instant. */
export function formatOffset(epochMs: number, zone: string): string {
  const minutes = Math.round(offsetAt(epochMs, zone) / 60_000);
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}
