import { strict as assert } from 'node:assert';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  StartLiveTailCommand,
  type FilteredLogEvent,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { echoZip, startHarness, undeclaredErrorsOf, type LocalCloudHarness } from '../../support/localCloudHarness';

async function rejectsWith(promise: Promise<unknown>, name: string): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, error.message);
    return true;
  });
}

describe('local cloud: CloudWatch Logs', () => {
  let harness: LocalCloudHarness;
  const base = Date.now() - 60_000;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    // Every answer these tests provoke is one the Logs model declares for the operation.
    const undeclared = await undeclaredErrorsOf(harness);
    await harness.stop();
    assert.deepEqual(undeclared, []);
  });

  async function seed(group: string, streams: Record<string, { offset: number; message: string }[]>) {
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    for (const [stream, events] of Object.entries(streams)) {
      await harness.logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      if (events.length === 0) continue;
      await harness.logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: events.map((event) => ({ timestamp: base + event.offset, message: event.message })),
        }),
      );
    }
  }

  it('creates, describes and deletes groups and streams with paging', async () => {
    for (const name of ['/aws/lambda/a', '/aws/lambda/b', '/aws/lambda/c', '/other']) {
      await harness.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    }
    await rejectsWith(
      harness.logs.send(new CreateLogGroupCommand({ logGroupName: '/other' })),
      'ResourceAlreadyExistsException',
    );
    const first = await harness.logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/', limit: 2 }),
    );
    assert.deepEqual(
      first.logGroups?.map((g) => g.logGroupName),
      ['/aws/lambda/a', '/aws/lambda/b'],
    );
    const second = await harness.logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/', limit: 2, nextToken: first.nextToken }),
    );
    assert.deepEqual(
      second.logGroups?.map((g) => g.logGroupName),
      ['/aws/lambda/c'],
    );
    assert.equal(second.nextToken, undefined);
    assert.equal(second.logGroups?.[0]?.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/c:*');
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/other', logStreamName: 's1' }));
    await rejectsWith(
      harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/other', logStreamName: 's1' })),
      'ResourceAlreadyExistsException',
    );
    await rejectsWith(
      harness.logs.send(new CreateLogStreamCommand({ logGroupName: '/missing', logStreamName: 's1' })),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      harness.logs.send(new CreateLogGroupCommand({ logGroupName: 'bad name with spaces' })),
      'InvalidParameterException',
    );
    await harness.logs.send(new DeleteLogGroupCommand({ logGroupName: '/other' }));
    await rejectsWith(
      harness.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/other' })),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      harness.logs.send(new DeleteLogGroupCommand({ logGroupName: '/other' })),
      'ResourceNotFoundException',
    );
  });

  it('orders streams by last event time and rejects events out of order', async () => {
    await seed('g', { old: [{ offset: 0, message: 'a' }], recent: [{ offset: 10, message: 'b' }] });
    const streams = await harness.logs.send(
      new DescribeLogStreamsCommand({ logGroupName: 'g', orderBy: 'LastEventTime', descending: true }),
    );
    assert.deepEqual(
      streams.logStreams?.map((s) => s.logStreamName),
      ['recent', 'old'],
    );
    assert.equal(streams.logStreams?.[0]?.lastEventTimestamp, base + 10);
    await rejectsWith(
      harness.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'g',
          logStreamName: 'old',
          logEvents: [
            { timestamp: base + 5, message: 'x' },
            { timestamp: base, message: 'y' },
          ],
        }),
      ),
      'InvalidParameterException',
    );
    await rejectsWith(
      harness.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'g',
          logStreamName: 'nope',
          logEvents: [{ timestamp: base, message: 'y' }],
        }),
      ),
      'ResourceNotFoundException',
    );
  });

  it('reports events too old or too new instead of storing them', async () => {
    await seed('g', { s: [] as { offset: number; message: string }[] });
    const now = Date.now();
    const result = await harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [
          { timestamp: now - 15 * 86_400_000, message: 'ancient' },
          { timestamp: now, message: 'fine' },
          { timestamp: now + 3 * 3_600_000, message: 'future' },
        ],
      }),
    );
    assert.deepEqual(result.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 2 });
    const events = await harness.logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' }));
    assert.deepEqual(
      events.events?.map((e) => e.message),
      ['fine'],
    );
  });

  it('pages GetLogEvents forward and backward, repeating the forward token at the end', async () => {
    const events = Array.from({ length: 7 }, (_, index) => ({ offset: index, message: `line ${index}` }));
    await seed('g', { s: events });
    const head = await harness.logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', startFromHead: true, limit: 3 }),
    );
    assert.deepEqual(
      head.events?.map((e) => e.message),
      ['line 0', 'line 1', 'line 2'],
    );
    const next = await harness.logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: head.nextForwardToken, limit: 3 }),
    );
    assert.deepEqual(
      next.events?.map((e) => e.message),
      ['line 3', 'line 4', 'line 5'],
    );
    const last = await harness.logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: next.nextForwardToken, limit: 3 }),
    );
    assert.deepEqual(
      last.events?.map((e) => e.message),
      ['line 6'],
    );
    const end = await harness.logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', nextToken: last.nextForwardToken, limit: 3 }),
    );
    assert.deepEqual(end.events, []);
    assert.equal(end.nextForwardToken, last.nextForwardToken);
    const tail = await harness.logs.send(new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 2 }));
    assert.deepEqual(
      tail.events?.map((e) => e.message),
      ['line 5', 'line 6'],
    );
    const back = await harness.logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's', limit: 2, nextToken: tail.nextBackwardToken }),
    );
    assert.deepEqual(
      back.events?.map((e) => e.message),
      ['line 3', 'line 4'],
    );
    const window = await harness.logs.send(
      new GetLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        startFromHead: true,
        startTime: base + 2,
        endTime: base + 4,
      }),
    );
    assert.deepEqual(
      window.events?.map((e) => e.message),
      ['line 2', 'line 3'],
    );
  });

  it('filters interleaved streams by pattern, stream and time, with paging', async () => {
    await seed('/aws/lambda/app', {
      a: [
        { offset: 0, message: 'ERROR one' },
        { offset: 2, message: '{"level":"ERROR","ms":900}' },
        { offset: 4, message: 'INFO three' },
      ],
      b: [
        { offset: 1, message: 'WARN two' },
        { offset: 3, message: 'ERROR four' },
      ],
    });
    const all = await harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/app' }));
    assert.deepEqual(
      all.events?.map((e) => e.logStreamName),
      ['a', 'b', 'a', 'b', 'a'],
    );
    const filter = async (extra: Record<string, unknown>) =>
      (await harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/app', ...extra }))).events?.map(
        (e) => e.message,
      );
    assert.deepEqual(await filter({ filterPattern: 'ERROR' }), [
      'ERROR one',
      '{"level":"ERROR","ms":900}',
      'ERROR four',
    ]);
    assert.deepEqual(await filter({ filterPattern: '{ $.ms > 500 }' }), ['{"level":"ERROR","ms":900}']);
    assert.deepEqual(await filter({ filterPattern: '?WARN ?INFO' }), ['WARN two', 'INFO three']);
    assert.deepEqual(await filter({ filterPattern: 'ERROR -four', logStreamNames: ['b'] }), []);
    assert.deepEqual(await filter({ startTime: base + 1, endTime: base + 3 }), [
      'WARN two',
      '{"level":"ERROR","ms":900}',
      'ERROR four',
    ]);
    assert.deepEqual(await filter({ logStreamNamePrefix: 'b' }), ['WARN two', 'ERROR four']);
    const collected: FilteredLogEvent[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await harness.logs.send(
        new FilterLogEventsCommand({ logGroupName: '/aws/lambda/app', limit: 2, nextToken: token }),
      );
      collected.push(...(page.events ?? []));
      token = page.nextToken;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.equal(new Set(collected.map((e) => e.eventId)).size, 5);
    await rejectsWith(
      harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/app', filterPattern: '{ $.level = ' })),
      'InvalidParameterException',
    );
    await rejectsWith(
      harness.logs.send(new FilterLogEventsCommand({ logGroupName: '/missing' })),
      'ResourceNotFoundException',
    );
  });

  it('caps a FilterLogEvents page at 1 MB of events', async () => {
    const big = 'x'.repeat(100_000);
    const events = Array.from({ length: 15 }, (_, index) => ({
      timestamp: Date.now() + index,
      message: `${index} ${big}`,
    }));
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: 'big' }));
    await harness.logs.send(new CreateLogStreamCommand({ logGroupName: 'big', logStreamName: 's' }));
    await rejectsWith(
      harness.logs.send(new PutLogEventsCommand({ logGroupName: 'big', logStreamName: 's', logEvents: events })),
      'InvalidParameterException',
    );
    for (const batch of [events.slice(0, 8), events.slice(8)]) {
      await harness.logs.send(new PutLogEventsCommand({ logGroupName: 'big', logStreamName: 's', logEvents: batch }));
    }
    const first = await harness.logs.send(new FilterLogEventsCommand({ logGroupName: 'big' }));
    assert.equal(first.events?.length, 11);
    const second = await harness.logs.send(
      new FilterLogEventsCommand({ logGroupName: 'big', nextToken: first.nextToken }),
    );
    assert.equal(second.events?.length, 4);
    assert.equal(second.nextToken, undefined);
  });

  it('streams new events through StartLiveTail', async () => {
    await seed('/aws/lambda/live', { s: [] as { offset: number; message: string }[] });
    const response = await harness.logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/live'],
        logEventFilterPattern: 'ERROR',
      }),
    );
    const stream = response.responseStream![Symbol.asyncIterator]();
    const start: IteratorResult<StartLiveTailResponseStream> = await stream.next();
    assert.ok(!start.done && start.value.sessionStart, 'the first event is sessionStart');
    await harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/aws/lambda/live',
        logStreamName: 's',
        logEvents: [
          { timestamp: Date.now(), message: 'INFO skipped' },
          { timestamp: Date.now(), message: 'ERROR shown' },
        ],
      }),
    );
    const messages: string[] = [];
    while (messages.length === 0) {
      const next = await stream.next();
      assert.ok(!next.done);
      for (const result of next.value?.sessionUpdate?.sessionResults ?? []) messages.push(result.message!);
    }
    assert.deepEqual(messages, ['ERROR shown']);
    await stream.return?.();
    await rejectsWith(
      harness.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['/missing'] })),
      'ResourceNotFoundException',
    );
  });

  it('writes each invocation into the function log group', async () => {
    await harness.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'logged',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip() },
      }),
    );
    await harness.lambda.send(
      new InvokeCommand({ FunctionName: 'logged', Payload: Buffer.from('{"marker":"abc123"}') }),
    );
    const found = await harness.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/logged', filterPattern: 'abc123' }),
    );
    assert.equal(found.events?.length, 1);
    assert.match(found.events?.[0]?.message ?? '', /\tINFO\tevent \{"marker":"abc123"\}$/);
  });
});
