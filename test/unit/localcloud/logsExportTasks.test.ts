// CloudWatch Logs export tasks through SDK v3 against the in-process local cloud: PENDING -> RUNNING -> COMPLETED,
// the objects written to the local S3, one active task at a time, cancelling, and CloudWatch's refusals.
import { strict as assert } from 'node:assert';
import { gunzipSync } from 'node:zlib';
import {
  CancelExportTaskCommand,
  CreateExportTaskCommand,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeExportTasksCommand,
  PutLogEventsCommand,
  type ExportTask,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  clientConfig,
  startHarness,
  undeclaredErrorsOf,
  type LocalCloudHarness,
} from '../../support/localCloudHarness';

async function rejectsWith(promise: Promise<unknown>, name: string, message?: RegExp | string): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return true;
  });
}

describe('local cloud: CloudWatch Logs export tasks', () => {
  let harness: LocalCloudHarness;
  afterEach(async () => {
    // Every answer these tests provoke is one the Logs model declares for the operation.
    const undeclared = await undeclaredErrorsOf(harness);
    await harness.stop();
    assert.deepEqual(undeclared, []);
  });

  async function groupWithEvents(name: string, streams: Record<string, { at: number; message: string }[]>) {
    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    for (const [stream, events] of Object.entries(streams)) {
      await harness.logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: stream }));
      await harness.logs.send(
        new PutLogEventsCommand({
          logGroupName: name,
          logStreamName: stream,
          logEvents: events.map(({ at, message }) => ({ timestamp: at, message })),
        }),
      );
    }
  }

  async function describe(taskId: string): Promise<ExportTask> {
    const answer = await harness.logs.send(new DescribeExportTasksCommand({ taskId }));
    assert.equal(answer.exportTasks?.length, 1);
    return answer.exportTasks[0]!;
  }

  /** Polls the task until it stops being active; returns every status code seen, in order. */
  async function statesUntilDone(taskId: string): Promise<string[]> {
    const seen: string[] = [];
    for (;;) {
      const code = (await describe(taskId)).status?.code ?? '';
      if (seen.at(-1) !== code) seen.push(code);
      if (!['PENDING', 'RUNNING'].includes(code)) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function gunzippedObject(bucket: string, key: string): Promise<string> {
    const object = await harness.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return gunzipSync(Buffer.from(await object.Body!.transformToByteArray())).toString();
  }

  it('writes the events in [from, to] of the streams with the prefix, one gzip object per stream', async () => {
    harness = await startHarness();
    const now = Date.now();
    await groupWithEvents('/exported', {
      'app/1': [
        { at: now - 4000, message: 'before' },
        { at: now - 3000, message: 'first' },
        { at: now - 2000, message: 'second' },
        { at: now - 1000, message: 'after' },
      ],
      'app/2': [{ at: now - 2500, message: 'other stream' }],
      'sys/1': [{ at: now - 2500, message: 'not under the prefix' }],
    });
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'exports' }));
    const { taskId } = await harness.logs.send(
      new CreateExportTaskCommand({
        taskName: 'nightly',
        logGroupName: '/exported',
        logStreamNamePrefix: 'app/',
        from: now - 3000,
        to: now - 2000,
        destination: 'exports',
        destinationPrefix: 'logs/',
      }),
    );
    assert.ok(taskId);
    assert.equal((await statesUntilDone(taskId)).at(-1), 'COMPLETED');
    const task = await describe(taskId);
    assert.deepEqual(task.status, { code: 'COMPLETED', message: 'Completed successfully' });
    assert.equal(task.taskName, 'nightly');
    assert.equal(task.destinationPrefix, 'logs');
    assert.ok((task.executionInfo?.completionTime ?? 0) >= (task.executionInfo?.creationTime ?? Infinity));
    assert.equal((task as Record<string, unknown>).logStreamNamePrefix, undefined);

    const listed = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'exports' }));
    assert.deepEqual(
      listed.Contents?.map((object) => object.Key).sort(),
      ['logs/aws-logs-write-test', `logs/${taskId}/app/1/000000.gz`, `logs/${taskId}/app/2/000000.gz`].sort(),
    );
    const lines = (await gunzippedObject('exports', `logs/${taskId}/app/1/000000.gz`)).trim().split('\n');
    assert.deepEqual(lines, [
      `${new Date(now - 3000).toISOString()} first`,
      `${new Date(now - 2000).toISOString()} second`,
    ]);
    const check = await harness.s3.send(new GetObjectCommand({ Bucket: 'exports', Key: 'logs/aws-logs-write-test' }));
    assert.equal(await check.Body!.transformToString(), 'Permission Check Successful');
  });

  it('without a prefix: the permission check at the bucket root, the data under exportedlogs/', async () => {
    harness = await startHarness();
    const now = Date.now();
    await groupWithEvents('/plain', { s: [{ at: now - 1000, message: 'hello' }] });
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    const { taskId } = await harness.logs.send(
      new CreateExportTaskCommand({ logGroupName: '/plain', from: 0, to: now, destination: 'plain' }),
    );
    await statesUntilDone(taskId!);
    assert.equal((await describe(taskId!)).destinationPrefix, 'exportedlogs');
    const listed = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'plain' }));
    assert.deepEqual(
      listed.Contents?.map((object) => object.Key).sort(),
      ['aws-logs-write-test', `exportedlogs/${taskId}/s/000000.gz`].sort(),
    );
  });

  it('goes PENDING -> RUNNING -> COMPLETED', async () => {
    harness = await startHarness({ exportTaskStepMs: 1500 });
    await groupWithEvents('/steps', { s: [{ at: Date.now() - 1000, message: 'x' }] });
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'steps' }));
    const { taskId } = await harness.logs.send(
      new CreateExportTaskCommand({ logGroupName: '/steps', from: 0, to: Date.now(), destination: 'steps' }),
    );
    const pending = await describe(taskId!);
    assert.deepEqual(pending.status, { code: 'PENDING' });
    assert.equal(pending.executionInfo?.completionTime, undefined);
    assert.deepEqual(await statesUntilDone(taskId!), ['PENDING', 'RUNNING', 'COMPLETED']);
  });

  it('one active task at a time; DescribeExportTasks filters; CancelExportTask rules', async () => {
    harness = await startHarness({ exportTaskStepMs: 600_000 });
    await groupWithEvents('/busy', { s: [{ at: Date.now() - 1000, message: 'x' }] });
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'busy' }));
    const create = () =>
      harness.logs.send(
        new CreateExportTaskCommand({ logGroupName: '/busy', from: 0, to: Date.now(), destination: 'busy' }),
      );
    const first = await create();
    await rejectsWith(create(), 'LimitExceededException', 'Resource limit exceeded.');

    const pending = await harness.logs.send(new DescribeExportTasksCommand({ statusCode: 'PENDING' }));
    assert.deepEqual(
      pending.exportTasks?.map((task) => task.taskId),
      [first.taskId],
    );
    const completed = await harness.logs.send(new DescribeExportTasksCommand({ statusCode: 'COMPLETED' }));
    assert.deepEqual(completed.exportTasks, []);
    const unknown = await harness.logs.send(new DescribeExportTasksCommand({ taskId: 'no-such-task' }));
    assert.deepEqual(unknown.exportTasks, []);

    await harness.logs.send(new CancelExportTaskCommand({ taskId: first.taskId }));
    assert.deepEqual((await describe(first.taskId!)).status, { code: 'CANCELLED', message: 'Cancelled by user' });
    await rejectsWith(
      harness.logs.send(new CancelExportTaskCommand({ taskId: first.taskId })),
      'InvalidOperationException',
      'The specified export task has already finished',
    );
    await rejectsWith(
      harness.logs.send(new CancelExportTaskCommand({ taskId: 'no-such-task' })),
      'ResourceNotFoundException',
      'The specified export task does not exist.',
    );
    // The cancelled task no longer counts: another can start; newest first in the list.
    const second = await create();
    const all = await harness.logs.send(new DescribeExportTasksCommand({}));
    assert.deepEqual(
      all.exportTasks?.map((task) => task.taskId),
      [second.taskId, first.taskId],
    );
    const paged = await harness.logs.send(new DescribeExportTasksCommand({ limit: 1 }));
    assert.equal(paged.exportTasks?.length, 1);
    const rest = await harness.logs.send(new DescribeExportTasksCommand({ limit: 1, nextToken: paged.nextToken }));
    assert.deepEqual(
      rest.exportTasks?.map((task) => task.taskId),
      [first.taskId],
    );
  });

  it('refuses a missing group, a missing bucket, a bucket in another region', async () => {
    harness = await startHarness();
    await groupWithEvents('/refused', {});
    const create = (logGroupName: string, destination: string) =>
      harness.logs.send(new CreateExportTaskCommand({ logGroupName, from: 0, to: Date.now(), destination }));
    await rejectsWith(
      create('/missing', 'any'),
      'ResourceNotFoundException',
      'The specified log group does not exist.',
    );
    await rejectsWith(
      create('/refused', 'nobucket'),
      'InvalidParameterException',
      'The given bucket does not exist. Please make sure the bucket is valid.',
    );
    const s3West = new S3Client({ ...clientConfig(harness.cloud.endpoint), region: 'eu-west-1', forcePathStyle: true });
    try {
      await s3West.send(
        new CreateBucketCommand({ Bucket: 'far-away', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
      );
    } finally {
      s3West.destroy();
    }
    await rejectsWith(create('/refused', 'far-away'), 'InvalidParameterException', /same region/);
  });
});
