import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CreateAliasCommand, CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { echoZip, startHarness, zipOf, type LocalCloudHarness } from '../../support/localCloudHarness';
import { rawRequest, signedFor } from '../../support/rawHttp';

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = join(directory, entry.name);
    return entry.isDirectory() ? [full, ...listFiles(full)] : [full];
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('local cloud: security', () => {
  let parent: string;
  let harness: LocalCloudHarness;
  beforeEach(async () => {
    parent = mkdtempSync(join(tmpdir(), 'sw-localcloud-jail-'));
    const stateDirectory = join(parent, 'state');
    mkdirSync(stateDirectory);
    harness = await startHarness({ stateDirectory, s3MaxObjectBytes: 1024 * 1024 });
  });
  afterEach(async () => {
    await harness.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('never writes outside the state directory, whatever the names', async () => {
    const lambdaNames = ['../escape', '..%2F..%2Fescape', 'a/../../escape', '%2e%2e'];
    for (const name of lambdaNames) {
      await assert.rejects(
        harness.lambda.send(
          new CreateFunctionCommand({
            FunctionName: name,
            Runtime: 'nodejs20.x',
            Role: 'arn:aws:iam::123456789012:role/r',
            Handler: 'index.handler',
            Code: { ZipFile: echoZip() },
          }),
        ),
        (error: Error) => error.name === 'ValidationException',
      );
    }
    const encodedPath = await rawRequest(
      harness.cloud.endpoint,
      'GET',
      '/2015-03-31/functions/..%2F..%2F..%2Fetc%2Fpasswd',
      signedFor('lambda'),
    );
    assert.equal(encodedPath.headers['x-amzn-errortype'], 'ValidationException');
    await harness.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'safe',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip() },
      }),
    );
    await assert.rejects(
      harness.lambda.send(
        new CreateAliasCommand({ FunctionName: 'safe', Name: '../../escape', FunctionVersion: '$LATEST' }),
      ),
      (error: Error) => error.name === 'ValidationException',
    );
    await assert.rejects(
      harness.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'zip-slip',
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/r',
          Handler: 'index.handler',
          Code: { ZipFile: zipOf({ '../../escape.js': 'x' }) },
        }),
      ),
      (error: Error) => error.name === 'InvalidParameterValueException',
    );

    await harness.s3.send(new CreateBucketCommand({ Bucket: 'jail' }));
    const keys = [
      '../../escape.txt',
      '../../../escape.txt',
      'a/../../../escape.txt',
      '..\\..\\escape.txt',
      '%2e%2e/%2e%2e/escape.txt',
    ];
    for (const key of keys) await harness.s3.send(new PutObjectCommand({ Bucket: 'jail', Key: key, Body: key }));
    const rawTraversal = await rawRequest(
      harness.cloud.endpoint,
      'PUT',
      '/jail/../../../raw-escape.txt',
      signedFor('s3'),
      'raw',
    );
    assert.equal(rawTraversal.status, 200);
    const encodedTraversal = await rawRequest(
      harness.cloud.endpoint,
      'PUT',
      '/jail/..%2F..%2F..%2Fencoded-escape.txt',
      signedFor('s3'),
      'enc',
    );
    assert.equal(encodedTraversal.status, 200);
    for (const key of keys) {
      const got = await harness.s3.send(new GetObjectCommand({ Bucket: 'jail', Key: key }));
      assert.equal(await got.Body?.transformToString(), key);
    }
    const badBucket = await rawRequest(harness.cloud.endpoint, 'PUT', '/..', signedFor('s3'));
    assert.notEqual(badBucket.status, 200);
    const encodedBucket = await rawRequest(harness.cloud.endpoint, 'PUT', '/%2e%2e%2fescape', signedFor('s3'));
    assert.match(encodedBucket.body, /InvalidBucketName/);

    await harness.logs.send(new CreateLogGroupCommand({ logGroupName: '../../escape' }));
    await harness.logs.send(
      new CreateLogStreamCommand({ logGroupName: '../../escape', logStreamName: '../../escape' }),
    );
    await harness.logs.send(
      new PutLogEventsCommand({
        logGroupName: '../../escape',
        logStreamName: '../../escape',
        logEvents: [{ timestamp: Date.now(), message: 'x' }],
      }),
    );

    const outside = readdirSync(parent);
    assert.deepEqual(outside, ['state']);
    const inside = listFiles(join(parent, 'state')).map((file) => relative(join(parent, 'state'), file));
    assert.ok(inside.length > 0);
    assert.ok(
      inside.every((file) => !file.split('/').includes('..') && !file.includes('escape')),
      inside.join('\n'),
    );
  });

  it('rejects oversized bodies with the AWS errors', async () => {
    await harness.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'big',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip() },
      }),
    );
    const payload = Buffer.from(JSON.stringify({ data: 'x'.repeat(6 * 1024 * 1024) }));
    await assert.rejects(
      harness.lambda.send(new InvokeCommand({ FunctionName: 'big', Payload: payload })),
      (error: Error & { $metadata: { httpStatusCode: number } }) => {
        assert.equal(error.name, 'RequestTooLargeException');
        assert.equal(error.$metadata.httpStatusCode, 413);
        return true;
      },
    );
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'limits' }));
    await assert.rejects(
      harness.s3.send(new PutObjectCommand({ Bucket: 'limits', Key: 'huge', Body: Buffer.alloc(2 * 1024 * 1024) })),
      (error: Error) => {
        assert.equal(error.name, 'EntityTooLarge');
        return true;
      },
    );
    const logs = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/',
      {
        ...signedFor('logs'),
        'X-Amz-Target': 'Logs_20140328.PutLogEvents',
        'Content-Type': 'application/x-amz-json-1.1',
      },
      JSON.stringify({
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [{ timestamp: 1, message: 'x'.repeat(3 * 1024 * 1024) }],
      }),
    );
    assert.equal(logs.status, 413);
    assert.equal((JSON.parse(logs.body) as { __type?: string }).__type, 'InvalidParameterException');
    // The server still answers afterwards.
    const health = await rawRequest(harness.cloud.endpoint, 'GET', '/_localcloud/health');
    assert.equal(health.status, 200);
  });

  it('listens on 127.0.0.1 only by default', async () => {
    assert.equal(harness.cloud.host, '127.0.0.1');
    const port = harness.cloud.port;
    assert.equal(await canConnect('127.0.0.1', port), true);
    // Another loopback address reaches a socket bound to all interfaces, but not one bound to 127.0.0.1.
    assert.equal(await canConnect('127.0.0.2', port), false);
    const open = await startHarness({ host: '0.0.0.0' });
    try {
      assert.equal(await canConnect('127.0.0.2', open.cloud.port), true);
    } finally {
      await open.stop();
    }
  });
});
