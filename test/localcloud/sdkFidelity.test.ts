// The fidelity scenario through the AWS SDK for JavaScript v3 against the real server and runtime.
import { strict as assert } from 'node:assert';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  StartLiveTailCommand,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { clientConfig } from '../support/localCloudHarness';
import {
  functionZip,
  ROUTED_WEIGHT,
  ROUTING_TOLERANCE,
  startFidelityCloud,
  type FidelityCloud,
} from './fidelityScenario';

async function errorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as Error).name;
  }
}

describe('fidelity: AWS SDK for JavaScript v3', () => {
  let cloud: FidelityCloud;
  let lambda: LambdaClient;
  let logs: CloudWatchLogsClient;
  let s3: S3Client;
  before(async () => {
    cloud = await startFidelityCloud();
    lambda = new LambdaClient(clientConfig(cloud.endpoint));
    logs = new CloudWatchLogsClient({ ...clientConfig(cloud.endpoint), disableHostPrefix: true });
    s3 = new S3Client({ ...clientConfig(cloud.endpoint), forcePathStyle: true });
  });
  after(async () => {
    lambda.destroy();
    logs.destroy();
    s3.destroy();
    await cloud.stop();
  });

  it('creates a function from a zip and invokes it with a log tail', async () => {
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'fidelity',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: functionZip(1) },
      }),
    );
    assert.equal(created.FunctionName, 'fidelity');
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'fidelity', Payload: Buffer.from('{"marker":"sdk-first"}'), LogType: 'Tail' }),
    );
    assert.equal(result.StatusCode, 200);
    assert.deepEqual(JSON.parse(Buffer.from(result.Payload!).toString()), {
      echo: { marker: 'sdk-first' },
      generation: 1,
      version: '$LATEST',
    });
    const tail = Buffer.from(result.LogResult!, 'base64').toString();
    assert.match(tail, /START RequestId: [0-9a-f-]{36} Version: \$LATEST/);
    assert.match(tail, /INFO\tmarker=sdk-first generation=1/);
    assert.match(tail, /REPORT RequestId: .*\tDuration: [\d.]+ ms/);
    const fetched = await lambda.send(new GetFunctionCommand({ FunctionName: 'fidelity' }));
    assert.equal(fetched.Configuration?.CodeSha256, created.CodeSha256);
  });

  it('publishes two versions and routes an alias by weight', async () => {
    const v1 = await lambda.send(new PublishVersionCommand({ FunctionName: 'fidelity' }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'fidelity', ZipFile: functionZip(2) }));
    const v2 = await lambda.send(new PublishVersionCommand({ FunctionName: 'fidelity' }));
    assert.deepEqual([v1.Version, v2.Version], ['1', '2']);
    await lambda.send(
      new CreateAliasCommand({
        FunctionName: 'fidelity',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': ROUTED_WEIGHT } },
      }),
    );
    const total = 300;
    let routed = 0;
    for (let index = 0; index < total; index++) {
      const result = await lambda.send(
        new InvokeCommand({
          FunctionName: 'fidelity',
          Qualifier: 'live',
          Payload: Buffer.from('{"marker":"routing"}'),
        }),
      );
      const body = JSON.parse(Buffer.from(result.Payload!).toString()) as { generation: number; version: string };
      assert.equal(body.version, result.ExecutedVersion);
      assert.equal(body.generation, Number(result.ExecutedVersion));
      if (result.ExecutedVersion === '2') routed++;
    }
    assert.ok(Math.abs(routed / total - ROUTED_WEIGHT) <= ROUTING_TOLERANCE, `version 2 served ${routed} of ${total}`);
  });

  it('filters the function logs by pattern and streams new ones through StartLiveTail', async () => {
    const found = await logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fidelity', filterPattern: '"marker=sdk-first"' }),
    );
    assert.equal(found.events?.length, 1);
    const session = await logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: ['/aws/lambda/fidelity'],
        logEventFilterPattern: 'live-tail-marker',
      }),
    );
    const stream = session.responseStream![Symbol.asyncIterator]();
    const first: IteratorResult<StartLiveTailResponseStream> = await stream.next();
    assert.ok(!first.done && first.value.sessionStart);
    await lambda.send(
      new InvokeCommand({ FunctionName: 'fidelity', Payload: Buffer.from('{"marker":"live-tail-marker"}') }),
    );
    const seen: string[] = [];
    while (seen.length === 0) {
      const next: IteratorResult<StartLiveTailResponseStream> = await stream.next();
      assert.ok(!next.done);
      for (const event of next.value.sessionUpdate?.sessionResults ?? []) seen.push(event.message ?? '');
    }
    assert.match(seen[0]!, /marker=live-tail-marker/);
    await stream.return?.();
  });

  it('runs concurrent invocations on separate instances, each with its own log stream', async () => {
    const source =
      'exports.handler = async (event) => { await new Promise((r) => setTimeout(r, 300)); return event.n; };\n';
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'slow',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: zipSync({ 'index.js': strToU8(source) }) },
      }),
    );
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        lambda.send(new InvokeCommand({ FunctionName: 'slow', Payload: Buffer.from(JSON.stringify({ n })) })),
      ),
    );
    assert.deepEqual(
      results.map((result) => Buffer.from(result.Payload!).toString()),
      ['1', '2', '3'],
    );
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/slow' }));
    assert.equal(streams.logStreams?.length, 3);
    for (const stream of streams.logStreams ?? []) {
      assert.match(stream.logStreamName!, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
      const events = await logs.send(
        new GetLogEventsCommand({
          logGroupName: '/aws/lambda/slow',
          logStreamName: stream.logStreamName,
          startFromHead: true,
        }),
      );
      assert.equal(events.events?.filter((event) => event.message?.startsWith('REPORT')).length, 1);
    }
  });

  it('runs a Python function on the same runtime', async () => {
    const source =
      'def handler(event, context):\n    print("python says", event["name"])\n    return {"hello": event["name"], "request": context.aws_request_id}\n';
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'python-fn',
        Runtime: 'python3.11',
        Role: 'arn:aws:iam::123456789012:role/r',
        Handler: 'app.handler',
        Code: { ZipFile: zipSync({ 'app.py': strToU8(source) }) },
      }),
    );
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'python-fn', Payload: Buffer.from('{"name":"sam"}'), LogType: 'Tail' }),
    );
    const body = JSON.parse(Buffer.from(result.Payload!).toString()) as { hello: string; request: string };
    assert.equal(body.hello, 'sam');
    assert.match(Buffer.from(result.LogResult!, 'base64').toString(), new RegExp(`python says sam`));
    assert.match(Buffer.from(result.LogResult!, 'base64').toString(), new RegExp(`REPORT RequestId: ${body.request}`));
  });

  it('round-trips an S3 object', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'fidelity-sdk' }));
    await s3.send(new PutObjectCommand({ Bucket: 'fidelity-sdk', Key: 'folder/data.json', Body: '{"ok":true}' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'fidelity-sdk', Key: 'folder/data.json' }));
    assert.equal(await got.Body?.transformToString(), '{"ok":true}');
  });

  it('raises the named errors', async () => {
    assert.equal(
      await errorName(lambda.send(new InvokeCommand({ FunctionName: 'missing-function' }))),
      'ResourceNotFoundException',
    );
    assert.equal(
      await errorName(logs.send(new FilterLogEventsCommand({ logGroupName: '/missing/group' }))),
      'ResourceNotFoundException',
    );
    assert.equal(
      await errorName(s3.send(new GetObjectCommand({ Bucket: 'fidelity-sdk', Key: 'missing-key' }))),
      'NoSuchKey',
    );
    assert.equal(
      await errorName(
        lambda.send(
          new UpdateAliasCommand({
            FunctionName: 'fidelity',
            Name: 'live',
            RoutingConfig: { AdditionalVersionWeights: { '2': 1 } },
          }),
        ),
      ),
      'InvalidParameterValueException',
    );
  });
});
