import { strict as assert } from 'node:assert';
import { LogTailSession, type LogTailOptions, type TailStatus } from '../../../src/core/logs/logTailSession';
import { collector, FakeClock, FakeLogBackend, until } from './fakeLogBackend';

const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);
const GROUP = '/aws/lambda/orders';
const STREAM = '2026/01/15/[$LATEST]aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** Every session a test started, stopped after it (a failing test must not leave a tail running). */
const running: LogTailSession[] = [];

function setup(transport: 'polling' | 'liveTail' | 'auto' = 'polling') {
  const clock = new FakeClock(T0);
  const backend = new FakeLogBackend(clock);
  const seen = collector();
  const statuses: TailStatus[] = [];
  const start = (overrides: Partial<LogTailOptions> = {}) => {
    const session = new LogTailSession({
      source: backend,
      groups: [{ logGroupName: GROUP }],
      startTime: T0 - 60_000,
      follow: true,
      transport,
      clock,
      onEvents: (events) => seen.events.push(...events),
      onStatus: (status) => statuses.push(status),
      ...overrides,
    });
    session.finished.catch(() => undefined);
    running.push(session);
    return session;
  };
  return { clock, backend, seen, statuses, start };
}

describe('Tailing logs', () => {
  afterEach(() => {
    for (const session of running.splice(0)) session.stop();
  });

  describe('by polling FilterLogEvents', () => {
    it('delivers an event written later in the same millisecond, which newest + 1 ms polling skips', async () => {
      const { clock, backend, seen, start } = setup();
      backend.put(GROUP, STREAM, T0 - 5, 'first');
      clock.at(T0 + 500, () => backend.put(GROUP, STREAM, T0 - 5, 'same millisecond, ingested later'));
      const session = start();
      await until(() => seen.events.length === 2);
      session.stop();
      assert.deepEqual(seen.messages(), ['first', 'same millisecond, ingested later']);
      // What `sam logs --tail` would ask for after its first poll: nothing before newest + 1 ms.
      const samNext = (
        await backend.filterLogEvents({ logGroupName: GROUP, startTime: T0 - 4 }, new AbortController().signal)
      ).events;
      assert.equal(samNext.length, 0);
    });

    it('delivers every event once across pages, polls and identical lines in one millisecond', async () => {
      const { clock, backend, seen, start } = setup();
      for (let index = 0; index < 10; index++) backend.put(GROUP, STREAM, T0, 'same line');
      clock.at(T0 + 1200, () => {
        for (let index = 0; index < 7; index++) backend.put(GROUP, STREAM, T0, 'same line');
        backend.put(GROUP, STREAM, T0 + 1, 'next');
      });
      const session = start();
      await until(() => seen.events.length >= 18);
      await clock.advance(0);
      for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
      session.stop();
      assert.equal(seen.events.filter((event) => event.message === 'same line').length, 17);
      assert.equal(seen.events.length, 18);
      assert.equal(new Set(seen.events.map((event) => event.eventId)).size, 18);
    });

    it('delivers events ingested late with timestamps before the newest seen (within the overlap)', async () => {
      const { clock, backend, seen, start } = setup();
      backend.put(GROUP, STREAM, T0, 'newest');
      clock.at(T0 + 2000, () => backend.put(GROUP, 'other-stream', T0 - 3000, 'late arrival'));
      const session = start();
      await until(() => seen.events.length === 2);
      session.stop();
      assert.deepEqual(seen.messages(), ['newest', 'late arrival']);
    });

    it('backs off while throttled and catches up afterwards', async () => {
      const { clock, backend, seen, statuses, start } = setup();
      clock.at(T0 + 1500, () => {
        backend.throttleNext = 3;
        backend.put(GROUP, STREAM, T0 + 1500, 'during throttling');
      });
      const session = start();
      await until(() => seen.events.length === 1);
      session.stop();
      const delays = statuses.flatMap((status) => (status.state === 'retrying' ? [status.delayMs] : []));
      assert.deepEqual(delays, [2000, 4000, 8000]);
    });

    it('waits for a group that does not exist yet and reads it from the start time once it does', async () => {
      const { clock, backend, seen, statuses, start } = setup();
      clock.at(T0 + 3000, () => backend.put(GROUP, STREAM, T0 + 2900, 'first invoke'));
      const session = start();
      await until(() => seen.events.length === 1);
      session.stop();
      assert.ok(statuses.some((status) => status.state === 'following' && status.waitingFor.includes(GROUP)));
    });

    it('keeps only the streams a qualifier selects', async () => {
      const { backend, seen, start } = setup();
      backend.put(GROUP, '2026/01/15/[3]bbbb', T0 - 10, 'version 3');
      backend.put(GROUP, STREAM, T0 - 9, 'latest');
      const session = start({ groups: [{ logGroupName: GROUP, acceptsStream: (name) => name.includes('[3]') }] });
      await until(() => seen.events.length === 1);
      session.stop();
      assert.deepEqual(seen.messages(), ['version 3']);
    });

    it('keeps up over two minutes of one event a second', async () => {
      const { clock, backend, seen, start } = setup();
      for (let second = 1; second <= 120; second++) {
        clock.at(T0 + second * 1000, () => backend.put(GROUP, STREAM, T0 + second * 1000, `tick ${second}`));
      }
      const session = start();
      await until(() => seen.events.length === 120, 20_000);
      session.stop();
      assert.equal(new Set(seen.messages()).size, 120);
    });
  });

  describe('reading a range without following', () => {
    it('merges several groups in timestamp order and stops at the end time', async () => {
      const { backend, seen, statuses, start } = setup();
      const other = '/aws/lambda/users';
      for (let index = 0; index < 8; index++) {
        backend.put(index % 2 ? GROUP : other, STREAM, T0 - 10_000 + index * 100, `event ${index}`);
      }
      backend.put(GROUP, STREAM, T0 + 5000, 'after the end');
      const session = start({
        groups: [{ logGroupName: GROUP }, { logGroupName: other }, { logGroupName: '/aws/lambda/never-invoked' }],
        follow: false,
        endTime: T0,
      });
      await session.finished;
      assert.deepEqual(
        seen.messages(),
        [0, 1, 2, 3, 4, 5, 6, 7].map((index) => `event ${index}`),
      );
      assert.deepEqual(statuses.at(-1), { state: 'done', missing: ['/aws/lambda/never-invoked'] });
    });
  });

  describe('through StartLiveTail', () => {
    it('starts the live tail before the backfill, and delivers events both see once', async () => {
      const { backend, seen, start } = setup('auto');
      backend.put(GROUP, STREAM, T0 - 2000, 'before');
      backend.beforeFilter = () => {
        if (backend.openSessions !== 1 || seen.events.length > 0) return;
        backend.beforeFilter = undefined;
        // Written after the session started, before the backfill read: the read and the live tail both have it.
        backend.put(GROUP, STREAM, T0, 'written during the backfill');
        backend.put(GROUP, STREAM, T0, 'written during the backfill');
      };
      const session = start();
      await until(() => seen.events.length === 3);
      backend.put(GROUP, STREAM, T0 + 1, 'live');
      backend.flush();
      await until(() => seen.events.length === 4);
      session.stop();
      assert.deepEqual(seen.messages(), [
        'before',
        'written during the backfill',
        'written during the backfill',
        'live',
      ]);
    });

    it('matches the events of a catch-up read against those the live tail delivered', async () => {
      const { backend, seen, start } = setup('liveTail');
      backend.createGroup(GROUP);
      const session = start();
      await until(() => backend.openSessions === 1);
      backend.put(GROUP, STREAM, T0 + 10, 'seen by both');
      backend.put(GROUP, STREAM, T0 + 10, 'seen by both');
      backend.flush();
      await until(() => seen.events.length === 2);
      backend.endSessions();
      await until(
        () => backend.openSessions === 1 && backend.calls.filter((call) => call.operation === 'liveTail').length === 2,
      );
      backend.put(GROUP, STREAM, T0 + 20, 'after reconnect');
      backend.flush();
      await until(() => seen.events.length === 3);
      session.stop();
      assert.deepEqual(seen.messages(), ['seen by both', 'seen by both', 'after reconnect']);
    });

    it('reconnects when a session ends and reads what happened in between', async () => {
      const { backend, seen, statuses, start } = setup('liveTail');
      backend.createGroup(GROUP);
      const session = start();
      await until(() => backend.openSessions === 1);
      backend.put(GROUP, STREAM, T0 + 1, 'live');
      backend.flush();
      await until(() => seen.events.length === 1);
      backend.endSessions(new Error('SessionTimeoutException: Session timed out'));
      backend.put(GROUP, STREAM, T0 + 2, 'in the gap');
      await until(() => seen.events.length === 2 && backend.openSessions === 1);
      session.stop();
      assert.deepEqual(seen.messages(), ['live', 'in the gap']);
      assert.ok(statuses.some((status) => status.state === 'retrying' && /Session timed out/.test(status.message)));
    });

    it('reads back the events a sampled update dropped', async () => {
      const { backend, seen, start } = setup('liveTail');
      backend.createGroup(GROUP);
      const session = start();
      await until(() => backend.openSessions === 1);
      for (let index = 0; index < 6; index++) backend.put(GROUP, STREAM, T0 + index, `burst ${index}`);
      backend.flush(2);
      await until(() => seen.events.length === 6);
      session.stop();
      assert.deepEqual(
        seen.messages(),
        [0, 1, 2, 3, 4, 5].map((index) => `burst ${index}`),
      );
    });

    it('joins a group to the live tail when it appears', async () => {
      const { clock, backend, seen, start } = setup('liveTail');
      const session = start();
      await clock.advance(0);
      assert.equal(backend.openSessions, 0);
      backend.put(GROUP, STREAM, T0 + 100, 'first invoke');
      await until(() => seen.events.length === 1 && backend.openSessions === 1);
      backend.put(GROUP, STREAM, T0 + 200, 'second invoke');
      backend.flush();
      await until(() => seen.events.length === 2);
      session.stop();
      assert.deepEqual(seen.messages(), ['first invoke', 'second invoke']);
    });

    it('polls when the backend has no live tail, and says so', async () => {
      const { clock, backend, seen, statuses, start } = setup('auto');
      backend.liveTail = 'unsupported';
      backend.put(GROUP, STREAM, T0 - 1, 'old');
      clock.at(T0 + 1000, () => backend.put(GROUP, STREAM, T0 + 1000, 'new'));
      const session = start();
      await until(() => seen.events.length === 2);
      session.stop();
      const following = statuses.find((status) => status.state === 'following');
      assert.equal(following?.state === 'following' && following.transport, 'polling');
      assert.match(following?.state === 'following' ? (following.note ?? '') : '', /live tail unavailable/);
    });
  });
});
