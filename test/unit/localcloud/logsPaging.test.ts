// CloudWatch Logs paging and batch rules through SDK v3 against the in-process local cloud: GetLogEvents tokens
// (both directions, repeating at the ends, time bounds), FilterLogEvents (interleaved, both directions, nextToken),
// DescribeLogStreams ordering, PutLogEvents order and span, and CloudWatch's refusals.
import { strict as assert } from 'node:assert';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  type GetLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { startHarness, undeclaredErrorsOf, type LocalCloudHarness } from '../../support/localCloudHarness';

const HOUR = 3600 * 1000;

async function rejectsWith(promise: Promise<unknown>, name: string, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe('local cloud: CloudWatch Logs paging and batch rules', () => {
  let harness: LocalCloudHarness;
  const now = Date.now();
  beforeEach(async () => {
    harness = await startHarness();
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: '/paged' }));
  });
  afterEach(async () => {
    // Every answer these tests provoke is one the Logs model declares for the operation.
    const undeclared = await undeclaredErrorsOf(harness);
    await harness.stop();
    assert.deepEqual(undeclared, []);
  });

  async function put(stream: string, events: { at: number; message: string }[]) {
    return harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/paged',
        logStreamName: stream,
        logEvents: events.map(({ at, message }) => ({ timestamp: at, message })),
      }),
    );
  }

  async function streamOf(stream: string, count: number, start = now - HOUR) {
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/paged', logStreamName: stream }));
    const events = Array.from({ length: count }, (_, index) => ({ at: start + index * 10, message: `e${index}` }));
    if (count > 0) await put(stream, events);
  }

  const get = (input: Partial<GetLogEventsCommandInput>) =>
    harness.logs.send(new GetLogEventsCommand({ logGroupName: '/paged', logStreamName: 's', ...input }));

  it('GetLogEvents: newest page by default, pages both ways, tokens repeat at either end', async () => {
    await streamOf('s', 7);
    const newest = await get({ limit: 3 });
    assert.deepEqual(
      newest.events?.map((event) => event.message),
      ['e4', 'e5', 'e6'],
    );
    assert.match(newest.nextForwardToken!, /^f\/\d{56}\/s$/);
    assert.match(newest.nextBackwardToken!, /^b\/\d{56}\/s$/);

    // Backward to the start: every event once, then the backward token repeats with no events.
    const seen: string[] = newest.events.map((event) => event.message!);
    let token = newest.nextBackwardToken!;
    for (;;) {
      const page = await get({ limit: 3, nextToken: token });
      seen.unshift(...page.events!.map((event) => event.message!));
      if (page.nextBackwardToken === token) {
        assert.deepEqual(page.events, []);
        break;
      }
      token = page.nextBackwardToken!;
    }
    assert.deepEqual(seen, ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);

    // Forward from the head to the end: the forward token then repeats, and new events show up behind it.
    const forward: string[] = [];
    let page = await get({ limit: 2, startFromHead: true });
    forward.push(...page.events!.map((event) => event.message!));
    for (;;) {
      const next = await get({ limit: 2, nextToken: page.nextForwardToken });
      forward.push(...next.events!.map((event) => event.message!));
      if (next.nextForwardToken === page.nextForwardToken) break;
      page = next;
    }
    assert.deepEqual(forward, ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    const end = page.nextForwardToken!;
    const again = await get({ nextToken: end });
    assert.deepEqual(again.events, []);
    assert.equal(again.nextForwardToken, end);

    // An event older than the ones read arrives later: the forward token still points after what was read.
    await put('s', [{ at: now - 2 * HOUR, message: 'late' }]);
    await put('s', [{ at: now, message: 'fresh' }]);
    const after = await get({ nextToken: end });
    assert.deepEqual(
      after.events?.map((event) => event.message),
      ['fresh'],
    );
  });

  it('GetLogEvents: startTime inclusive, endTime exclusive, empty streams, bad tokens and limits', async () => {
    await streamOf('s', 5, now - HOUR);
    const bounded = await get({ startTime: now - HOUR + 10, endTime: now - HOUR + 30, startFromHead: true });
    assert.deepEqual(
      bounded.events?.map((event) => event.message),
      ['e1', 'e2'],
    );
    await streamOf('empty', 0);
    const empty = await get({ logStreamName: 'empty' });
    assert.deepEqual(empty.events, []);
    const emptyAgain = await get({ logStreamName: 'empty', nextToken: empty.nextForwardToken });
    assert.equal(emptyAgain.nextForwardToken, empty.nextForwardToken);
    await rejectsWith(
      get({ nextToken: 'not-a-token' }),
      'InvalidParameterException',
      'The specified nextToken is invalid.',
    );
    await rejectsWith(
      get({ limit: 10001 }),
      'InvalidParameterException',
      "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    );
    await rejectsWith(
      get({ logStreamName: 'missing' }),
      'ResourceNotFoundException',
      'The specified log stream does not exist.',
    );
    await rejectsWith(
      harness.logs.send(
        new GetLogEventsCommand({ logGroupName: '/paged', logGroupIdentifier: '/paged', logStreamName: 's' }),
      ),
      'ValidationException',
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    );
  });

  it('FilterLogEvents: interleaved in time order, endTime inclusive, nextToken pages, newest first', async () => {
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/paged', logStreamName: 'a' }));
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/paged', logStreamName: 'b' }));
    await put('a', [
      { at: now - 50, message: 'a1' },
      { at: now - 30, message: 'a2' },
      { at: now - 10, message: 'a3' },
    ]);
    await put('b', [
      { at: now - 40, message: 'b1' },
      { at: now - 20, message: 'b2' },
    ]);
    const all = await harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/paged', endTime: now - 20 }));
    assert.deepEqual(
      all.events?.map((event) => event.message),
      ['a1', 'b1', 'a2', 'b2'],
    );
    assert.equal(all.nextToken, undefined);

    const collect = async (startFromHead: boolean) => {
      const messages: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await harness.logs.send(
          new FilterLogEventsCommand({ logGroupName: '/paged', limit: 2, nextToken, startFromHead }),
        );
        messages.push(...page.events!.map((event) => event.message!));
        nextToken = page.nextToken;
      } while (nextToken);
      return messages;
    };
    assert.deepEqual(await collect(true), ['a1', 'b1', 'a2', 'b2', 'a3']);
    assert.deepEqual(await collect(false), ['a3', 'b2', 'a2', 'b1', 'a1']);

    const byName = await harness.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/paged', logStreamNames: ['b'] }),
    );
    assert.deepEqual(
      byName.events?.map((event) => event.message),
      ['b1', 'b2'],
    );
    await rejectsWith(
      harness.logs.send(
        new FilterLogEventsCommand({ logGroupName: '/paged', logStreamNames: ['a'], logStreamNamePrefix: 'a' }),
      ),
      'InvalidParameterException',
      /mutually exclusive/,
    );
    await rejectsWith(
      harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/paged', nextToken: 'garbage' })),
      'InvalidParameterException',
      'The specified nextToken is invalid.',
    );
  });

  it('DescribeLogStreams: by name or last event time, descending, paging; no token before the first event', async () => {
    await streamOf('c', 1, now - 3000);
    await streamOf('a', 1, now - 1000);
    await streamOf('b', 1, now - 2000);
    await streamOf('quiet', 0);
    const describe = async (input: object) =>
      (await harness.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/paged', ...input }))).logStreams!.map(
        (stream) => stream.logStreamName,
      );
    assert.deepEqual(await describe({}), ['a', 'b', 'c', 'quiet']);
    assert.deepEqual(await describe({ descending: true }), ['quiet', 'c', 'b', 'a']);
    assert.deepEqual(await describe({ orderBy: 'LastEventTime', descending: true }), ['a', 'b', 'c', 'quiet']);
    const first = await harness.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/paged', limit: 3 }));
    assert.equal(first.logStreams?.length, 3);
    const rest = await harness.logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/paged', limit: 3, nextToken: first.nextToken }),
    );
    assert.deepEqual(
      rest.logStreams?.map((stream) => stream.logStreamName),
      ['quiet'],
    );
    assert.equal(rest.nextToken, undefined);
    const quiet = (
      await harness.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/paged', logStreamNamePrefix: 'quiet' }))
    ).logStreams![0]!;
    assert.equal(quiet.uploadSequenceToken, undefined);
    assert.equal(quiet.lastEventTimestamp, undefined);
    await rejectsWith(
      harness.logs.send(
        new DescribeLogStreamsCommand({ logGroupName: '/paged', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' }),
      ),
      'InvalidParameterException',
      /LastEventTime/,
    );
    await rejectsWith(
      harness.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/paged', limit: 51 })),
      'InvalidParameterException',
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });

  it('PutLogEvents: chronological batches spanning at most 24 hours of kept events; long names refused', async () => {
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/paged', logStreamName: 's' }));
    await rejectsWith(
      put('s', [
        { at: now, message: 'later' },
        { at: now - 1000, message: 'earlier' },
      ]),
      'InvalidParameterException',
      'Log events in a single PutLogEvents request must be in chronological order.',
    );
    await rejectsWith(
      put('s', [
        { at: now - 25 * HOUR, message: 'a day ago' },
        { at: now, message: 'now' },
      ]),
      'InvalidParameterException',
      /cannot span more than 24 hours/,
    );
    // A rejected (too old) event does not count toward the span.
    const kept = await put('s', [
      { at: now - 15 * 24 * HOUR, message: 'too old' },
      { at: now - HOUR, message: 'kept' },
      { at: now, message: 'kept too' },
    ]);
    assert.deepEqual(kept.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1 });
    await rejectsWith(
      harness.logs.send(new CreateLogGroupCommand({ logGroupName: 'g'.repeat(513) })),
      'InvalidParameterException',
      'Invalid LogGroup or LogStream, both must have length less than or equal to 512.',
    );
  });
});
