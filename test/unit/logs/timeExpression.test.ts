import { strict as assert } from 'node:assert';
import { parseTimeExpression, parseTimeRange } from '../../../src/core/logs/timeExpression';
import { epochOfWallClock, formatOffset, formatWallClock } from '../../../src/core/logs/zonedTime';

const iso = (text: string) => Date.parse(text);
const HOUR = 3_600_000;

describe('Time expressions (as sam logs -s/-e takes them)', () => {
  const now = iso('2026-01-15T12:34:56.789Z');
  const utc = { now, timeZone: 'UTC' };

  it('reads relative times in the forms SAM users write', () => {
    assert.equal(parseTimeExpression('5mins ago', utc), now - 5 * 60_000);
    assert.equal(parseTimeExpression('5 min ago', utc), now - 5 * 60_000);
    assert.equal(parseTimeExpression('10m ago', utc), now - 10 * 60_000);
    assert.equal(parseTimeExpression('2 hours ago', utc), now - 2 * HOUR);
    assert.equal(parseTimeExpression('2hrs ago', utc), now - 2 * HOUR);
    assert.equal(parseTimeExpression('an hour ago', utc), now - HOUR);
    assert.equal(parseTimeExpression('30 seconds ago', utc), now - 30_000);
    assert.equal(parseTimeExpression('1 hour 30 minutes ago', utc), now - 1.5 * HOUR);
    assert.equal(parseTimeExpression('1h30m ago', utc), now - 1.5 * HOUR);
    assert.equal(parseTimeExpression('  2   Hours   AGO ', utc), now - 2 * HOUR);
    assert.equal(parseTimeExpression('now', utc), now);
    assert.equal(parseTimeExpression('3 days ago', utc), now - 72 * HOUR);
    assert.equal(parseTimeExpression('1 week ago', utc), now - 7 * 24 * HOUR);
  });

  it('means one day ago at the same time by "yesterday", as dateparser does', () => {
    assert.equal(parseTimeExpression('yesterday', utc), now - 24 * HOUR);
    assert.equal(parseTimeExpression('yesterday 09:15', utc), iso('2026-01-14T09:15:00Z'));
    assert.equal(parseTimeExpression('today at 08:00', utc), iso('2026-01-15T08:00:00Z'));
    assert.equal(parseTimeExpression('14:30', utc), iso('2026-01-15T14:30:00Z'));
  });

  it('reads ISO timestamps with offsets, and times without one in the given zone', () => {
    assert.equal(parseTimeExpression('2026-01-31T09:30:00Z', utc), iso('2026-01-31T09:30:00Z'));
    assert.equal(parseTimeExpression('2026-01-31T09:30:00+05:30', utc), iso('2026-01-31T04:00:00Z'));
    assert.equal(parseTimeExpression('2026-01-31T09:30:00.5-0800', utc), iso('2026-01-31T17:30:00.500Z'));
    assert.equal(parseTimeExpression('2026-01-31 09:30:00', utc), iso('2026-01-31T09:30:00Z'));
    assert.equal(parseTimeExpression('2026/01/31 09:30', utc), iso('2026-01-31T09:30:00Z'));
    assert.equal(parseTimeExpression('2026-01-31', utc), iso('2026-01-31T00:00:00Z'));
    const paris = { now, timeZone: 'Europe/Paris' };
    assert.equal(parseTimeExpression('2026-07-01 12:00:00', paris), iso('2026-07-01T10:00:00Z'));
    assert.equal(parseTimeExpression('2026-01-01 12:00:00', paris), iso('2026-01-01T11:00:00Z'));
    assert.equal(parseTimeExpression('2026-07-01 12:00 Asia/Tokyo', paris), iso('2026-07-01T03:00:00Z'));
    assert.equal(parseTimeExpression('2026-07-01 12:00 UTC', paris), iso('2026-07-01T12:00:00Z'));
  });

  it('reads epoch seconds and milliseconds', () => {
    assert.equal(parseTimeExpression('1768480496789', utc), 1768480496789);
    assert.equal(parseTimeExpression('1768480496', utc), 1768480496000);
  });

  describe('across daylight saving time changes (America/New_York, 2026)', () => {
    const zone = 'America/New_York';

    it('counts "yesterday" and "1 day ago" in calendar days: 23 hours after spring forward, 25 after fall back', () => {
      const afterSpring = iso('2026-03-08T16:00:00Z'); // 12:00 EDT on the day clocks went forward
      assert.equal(parseTimeExpression('yesterday', { now: afterSpring, timeZone: zone }), afterSpring - 23 * HOUR);
      const afterFall = iso('2026-11-01T17:00:00Z'); // 12:00 EST on the day clocks went back
      assert.equal(parseTimeExpression('1 day ago', { now: afterFall, timeZone: zone }), afterFall - 25 * HOUR);
    });

    it('keeps hours exact: "2 hours ago" is 7,200 seconds whatever the clocks did', () => {
      const justAfter = iso('2026-03-08T07:30:00Z'); // 03:30 EDT, 30 minutes after the jump
      assert.equal(parseTimeExpression('2 hours ago', { now: justAfter, timeZone: zone }), justAfter - 2 * HOUR);
    });

    it('moves a time the spring-forward gap skips to after the gap, and takes the first of a repeated hour', () => {
      assert.equal(parseTimeExpression('2026-03-08 02:30', { now, timeZone: zone }), iso('2026-03-08T07:30:00Z'));
      assert.equal(parseTimeExpression('2026-11-01 01:30', { now, timeZone: zone }), iso('2026-11-01T05:30:00Z'));
      assert.equal(parseTimeExpression('2026-11-01 02:30', { now, timeZone: zone }), iso('2026-11-01T07:30:00Z'));
    });

    it('formats instants in the zone with the offset in force', () => {
      assert.equal(formatWallClock(iso('2026-03-08T06:59:59.250Z'), zone), '2026-03-08 01:59:59.250');
      assert.equal(formatWallClock(iso('2026-03-08T07:00:00Z'), zone, false), '2026-03-08 03:00:00');
      assert.equal(formatOffset(iso('2026-03-08T06:00:00Z'), zone), '-05:00');
      assert.equal(formatOffset(iso('2026-03-08T08:00:00Z'), zone), '-04:00');
      assert.equal(formatOffset(now, 'UTC'), 'Z');
    });

    it('clamps month arithmetic to the end of shorter months, in zones east and west of UTC', () => {
      const endOfMarch = iso('2026-03-31T10:00:00Z');
      assert.equal(
        parseTimeExpression('1 month ago', { now: endOfMarch, timeZone: 'UTC' }),
        iso('2026-02-28T10:00:00Z'),
      );
      // Europe/Berlin went to summer time on 29 March: 12:00 CEST on 31 March, one month back is 12:00 CET.
      assert.equal(
        parseTimeExpression('1 month ago', { now: endOfMarch, timeZone: 'Europe/Berlin' }),
        iso('2026-02-28T11:00:00Z'),
      );
      assert.equal(
        epochOfWallClock({ year: 2024, month: 2, day: 29, hour: 0, minute: 0, second: 0, millisecond: 0 }, 'UTC'),
        iso('2024-02-29T00:00:00Z'),
      );
    });
  });

  it('says what is wrong with text that is not a time, and how to write one', () => {
    for (const bad of ['banana', '5 bananas ago', '2026-02-30', '2026-01-01 25:00', '10m', '']) {
      assert.throws(
        () => parseTimeExpression(bad, utc),
        (error: Error & { hint?: string }) => {
          assert.match(error.message, /^".*" is /);
          assert.match(error.hint ?? '', /5mins ago/);
          return true;
        },
        bad,
      );
    }
    assert.throws(
      () => parseTimeExpression('2026-01-01 10:00 Mars/Olympus_Mons', utc),
      /Unknown time zone "Mars\/Olympus_Mons"/,
    );
    assert.throws(() => parseTimeExpression('now', { now, timeZone: 'Not/AZone' }), /Unknown time zone/);
  });

  it('checks that a range starts before it ends, defaulting the start', () => {
    assert.deepEqual(parseTimeRange(undefined, undefined, { ...utc, defaultStart: '10mins ago' }), {
      startTime: now - 600_000,
      endTime: undefined,
    });
    assert.throws(
      () => parseTimeRange('5mins ago', '1 hour ago', { ...utc, defaultStart: '10mins ago' }),
      /start time \(5mins ago\) is after the end time \(1 hour ago\)/,
    );
  });
});
