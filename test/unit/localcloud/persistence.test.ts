import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import {
  CreateAliasCommand,
  GetAliasCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  GetFunctionConcurrencyCommand,
  CreateFunctionCommand,
  InvokeCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { WorkbenchError } from '../../../src/core/errors';
import { echoZip, startHarness } from '../../support/localCloudHarness';

describe('local cloud: persistence', () => {
  let stateDirectory: string;
  beforeEach(() => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-localcloud-state-'));
  });
  afterEach(() => rmSync(stateDirectory, { recursive: true, force: true }));

  it('keeps functions, versions, aliases, logs and objects across a restart', async () => {
    const first = await startHarness({ stateDirectory });
    await first.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'kept',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip() },
      }),
    );
    await first.lambda.send(new PublishVersionCommand({ FunctionName: 'kept' }));
    await first.lambda.send(new CreateAliasCommand({ FunctionName: 'kept', Name: 'live', FunctionVersion: '1' }));
    await first.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'kept', ReservedConcurrentExecutions: 5 }),
    );
    await first.lambda.send(
      new InvokeCommand({ FunctionName: 'kept', Qualifier: 'live', Payload: Buffer.from('{"kept":true}') }),
    );
    await first.logs.send(new CreateLogGroupCommand({ logGroupName: 'manual' }));
    await first.logs.send(new CreateLogStreamCommand({ logGroupName: 'manual', logStreamName: 's' }));
    await first.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'manual',
        logStreamName: 's',
        logEvents: [{ timestamp: Date.now(), message: 'survives' }],
      }),
    );
    await first.s3.send(new CreateBucketCommand({ Bucket: 'kept-bucket' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'k/1', Body: 'one' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'k/1', Body: 'overwritten' }));
    await first.stop(true);

    const second = await startHarness({ stateDirectory });
    try {
      const versions = await second.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'kept' }));
      assert.deepEqual(
        versions.Versions?.map((v) => v.Version),
        ['$LATEST', '1'],
      );
      const alias = await second.lambda.send(new GetAliasCommand({ FunctionName: 'kept', Name: 'live' }));
      assert.equal(alias.FunctionVersion, '1');
      const concurrency = await second.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'kept' }));
      assert.equal(concurrency.ReservedConcurrentExecutions, 5);
      const invoked = await second.lambda.send(
        new InvokeCommand({ FunctionName: 'kept:live', Payload: Buffer.from('{"again":1}') }),
      );
      assert.equal(invoked.ExecutedVersion, '1');
      const lambdaLogs = await second.logs.send(
        new FilterLogEventsCommand({ logGroupName: '/aws/lambda/kept', filterPattern: 'INFO' }),
      );
      assert.equal(lambdaLogs.events?.length, 2);
      const manual = await second.logs.send(new FilterLogEventsCommand({ logGroupName: 'manual' }));
      assert.deepEqual(
        manual.events?.map((e) => e.message),
        ['survives'],
      );
      const object = await second.s3.send(new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'k/1' }));
      assert.equal(await object.Body?.transformToString(), 'overwritten');
      const listing = await second.s3.send(new ListObjectsV2Command({ Bucket: 'kept-bucket' }));
      assert.equal(listing.KeyCount, 1);
    } finally {
      await second.stop(true);
    }
    const objectFiles = readdirSync(join(stateDirectory, 's3', 'buckets', 'kept-bucket', 'objects'));
    assert.equal(objectFiles.filter((name) => name.endsWith('.bin')).length, 1, 'the overwritten data file is gone');
  });

  it('refuses a second local cloud on the same state directory until the first closes', async () => {
    const first = await startHarness({ stateDirectory });
    await assert.rejects(startHarness({ stateDirectory }), (error: unknown) => {
      assert.ok(error instanceof WorkbenchError);
      assert.equal(error.code, 'StateDirectoryInUse');
      return true;
    });
    await first.stop(true);
    // A lock left by a process that is gone (as after kill -9) is taken over.
    writeFileSync(join(stateDirectory, 'localcloud.lock'), '999999999');
    const second = await startHarness({ stateDirectory });
    await second.stop(true);

    // So is one whose owner was killed but never reaped (its parent exited, and the container's init does not
    // reap): a zombie keeps its pid. Here `sleep 0` ends as the unreaped child of a shell that became `sleep 30`.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = Number((await once(parent.stdout, 'data'))[0]);
      while (!readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z ')) await setTimeout(10);
      writeFileSync(join(stateDirectory, 'localcloud.lock'), String(zombie));
      const third = await startHarness({ stateDirectory });
      await third.stop(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('drops a torn last log line and the leftovers of interrupted writes', async () => {
    const first = await startHarness({ stateDirectory });
    await first.logs.send(new CreateLogGroupCommand({ logGroupName: 'torn' }));
    await first.logs.send(new CreateLogStreamCommand({ logGroupName: 'torn', logStreamName: 's' }));
    await first.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'torn',
        logStreamName: 's',
        logEvents: [{ timestamp: Date.now(), message: 'complete' }],
      }),
    );
    await first.s3.send(new CreateBucketCommand({ Bucket: 'torn-bucket' }));
    await first.s3.send(new PutObjectCommand({ Bucket: 'torn-bucket', Key: 'k', Body: 'old' }));
    await first.stop(true);

    // Simulate a kill -9: half an event line, a temp file of an atomic write, a data file without metadata.
    const groupDirectory = join(stateDirectory, 'logs', 'groups', 'n-torn');
    appendFileSync(join(groupDirectory, 'events.jsonl'), '["s",17000000,17000000,"half');
    writeFileSync(join(groupDirectory, 'group.json.tmp-999-0'), '{"logGroupName":');
    const objects = join(stateDirectory, 's3', 'buckets', 'torn-bucket', 'objects');
    writeFileSync(join(objects, `${'0'.repeat(64)}-orphan.bin`), 'orphan');

    const second = await startHarness({ stateDirectory });
    try {
      await second.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'torn',
          logStreamName: 's',
          logEvents: [{ timestamp: Date.now(), message: 'after restart' }],
        }),
      );
      const events = await second.logs.send(new FilterLogEventsCommand({ logGroupName: 'torn' }));
      assert.deepEqual(
        events.events?.map((e) => e.message),
        ['complete', 'after restart'],
      );
      const object = await second.s3.send(new GetObjectCommand({ Bucket: 'torn-bucket', Key: 'k' }));
      assert.equal(await object.Body?.transformToString(), 'old');
    } finally {
      await second.stop(true);
    }
    const lines = readFileSync(join(groupDirectory, 'events.jsonl'), 'utf8').split('\n').filter(Boolean);
    assert.equal(lines.length, 2);
    for (const line of lines) JSON.parse(line);
    assert.deepEqual(readdirSync(groupDirectory).sort(), ['events.jsonl', 'group.json']);
    assert.ok(!readdirSync(objects).some((name) => name.includes('orphan')));
  });
});
