import { strict as assert } from 'node:assert';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { echoZip, startHarness, zipOf, type LocalCloudHarness } from '../../support/localCloudHarness';

import { createEcho, invokePayload, LAMBDA_ROLE as ROLE, rejectsWith } from '../../support/lambdaFixtures';

describe('local cloud: Lambda', () => {
  let harness: LocalCloudHarness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(() => harness.stop());

  it('creates a function from an inline zip and describes it as Lambda does', async () => {
    const created = await createEcho(harness.lambda, 'echo', {
      MemorySize: 256,
      Environment: { Variables: { STAGE: 'dev' } },
    });
    assert.equal(created.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:echo');
    assert.equal(created.Version, '$LATEST');
    assert.equal(created.MemorySize, 256);
    // Lambda answers a create while it applies it; reads afterwards see the function active.
    assert.deepEqual([created.State, created.StateReasonCode], ['Pending', 'Creating']);
    assert.match(created.LastModified ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.equal(created.CodeSha256?.length, 44);
    const fetched = await harness.lambda.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    assert.deepEqual(fetched.Configuration?.Environment?.Variables, { STAGE: 'dev' });
    assert.deepEqual([fetched.Configuration?.State, fetched.Configuration?.LastUpdateStatus], ['Active', 'Successful']);
    const download = await fetch(fetched.Code!.Location!);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), Buffer.from(echoZip()));
    await rejectsWith(createEcho(harness.lambda, 'echo'), 'ResourceConflictException', 409);
  });

  it('creates a function from a zip in the local S3 and refuses a missing key', async () => {
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
    await harness.s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'echo.zip', Body: echoZip() }));
    const created = await harness.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'from-s3',
        Runtime: 'python3.12',
        Role: ROLE,
        Handler: 'app.handler',
        Code: { S3Bucket: 'artifacts', S3Key: 'echo.zip' },
      }),
    );
    assert.equal(created.CodeSize, echoZip().length);
    await rejectsWith(
      harness.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'missing',
          Runtime: 'python3.12',
          Role: ROLE,
          Handler: 'a.b',
          Code: { S3Bucket: 'artifacts', S3Key: 'nope.zip' },
        }),
      ),
      'InvalidParameterValueException',
    );
    await rejectsWith(
      harness.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'bad-zip',
          Runtime: 'python3.12',
          Role: ROLE,
          Handler: 'a.b',
          Code: { ZipFile: Buffer.from('not a zip') },
        }),
      ),
      'InvalidParameterValueException',
    );
  });

  it('stores container image functions as Lambda describes them, and says they do not run locally', async () => {
    const imageUri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest';
    const created = await harness.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'from-image',
        PackageType: 'Image',
        Role: ROLE,
        Code: { ImageUri: imageUri },
        ImageConfig: { Command: ['app.handler'] },
      }),
    );
    assert.deepEqual(
      [created.PackageType, created.Runtime, created.Handler, created.ImageConfigResponse?.ImageConfig?.Command],
      ['Image', undefined, undefined, ['app.handler']],
    );
    const fetched = await harness.lambda.send(new GetFunctionCommand({ FunctionName: 'from-image' }));
    assert.equal(fetched.Code?.RepositoryType, 'ECR');
    assert.equal(fetched.Code?.ImageUri, imageUri);
    assert.match(fetched.Code?.ResolvedImageUri ?? '', /dkr\.ecr\.us-east-1\.amazonaws\.com\/app@sha256:[0-9a-f]{64}$/);
    await rejectsWith(
      harness.lambda.send(new InvokeCommand({ FunctionName: 'from-image' })),
      'InvalidParameterValueException',
      400,
    );
    await rejectsWith(
      harness.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'no-uri',
          PackageType: 'Image',
          Role: ROLE,
          Code: { ZipFile: echoZip() },
        }),
      ),
      'InvalidParameterValueException',
      400,
    );
  });

  it('pages ListFunctions with MaxItems and NextMarker', async () => {
    const names = Array.from({ length: 23 }, (_, index) => `fn-${String(index).padStart(2, '0')}`);
    for (const name of names) await createEcho(harness.lambda, name);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page = await harness.lambda.send(new ListFunctionsCommand({ MaxItems: 10, Marker: marker }));
      seen.push(...(page.Functions ?? []).map((fn) => fn.FunctionName!));
      marker = page.NextMarker;
      pages++;
    } while (marker);
    assert.deepEqual(seen, names);
    assert.equal(pages, 3);
  });

  it('publishes versions only when something changed, and lists them', async () => {
    await createEcho(harness.lambda, 'versioned');
    const first = await harness.lambda.send(
      new PublishVersionCommand({ FunctionName: 'versioned', Description: 'first' }),
    );
    assert.equal(first.Version, '1');
    assert.equal(first.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:versioned:1');
    const again = await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    assert.equal(again.Version, '1');
    await harness.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'versioned', Timeout: 10 }));
    const second = await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    assert.equal(second.Version, '2');
    // A change inside a nested setting counts too.
    await harness.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'versioned',
        Environment: { Variables: { VERSION: '2' } },
      }),
    );
    const third = await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'versioned' }));
    assert.equal(third.Version, '3');
    await harness.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'versioned', Environment: { Variables: {} } }),
    );
    const code = await harness.lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'versioned',
        ZipFile: zipOf({ 'index.js': 'exports.handler = async () => 2;' }),
        Publish: true,
      }),
    );
    assert.equal(code.Version, '4');
    // Published by UpdateFunctionCode: the qualified ARN; by CreateFunction: version 1 under the unqualified ARN.
    assert.equal(code.FunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:versioned:4');
    const created = await createEcho(harness.lambda, 'published', { Publish: true });
    assert.deepEqual(
      [created.Version, created.FunctionArn],
      ['1', 'arn:aws:lambda:us-east-1:123456789012:function:published'],
    );
    const versions = await harness.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'versioned' }));
    assert.deepEqual(
      versions.Versions?.map((v) => v.Version),
      ['$LATEST', '1', '2', '3', '4'],
    );
    const v1 = await harness.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'versioned', Qualifier: '1' }),
    );
    assert.equal(v1.Timeout, 3);
    assert.equal(v1.Description, 'first');
    await rejectsWith(
      harness.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'versioned:9' })),
      'ResourceNotFoundException',
      404,
    );
    await rejectsWith(
      harness.lambda.send(new PublishVersionCommand({ FunctionName: 'versioned', RevisionId: 'stale' })),
      'PreconditionFailedException',
      412,
    );
  });

  it('invokes with RequestResponse, Event and DryRun, qualifiers and a log tail', async () => {
    await createEcho(harness.lambda, 'invoked');
    const result = await harness.lambda.send(
      new InvokeCommand({ FunctionName: 'invoked', Payload: Buffer.from('{"n":1}'), LogType: 'Tail' }),
    );
    assert.equal(result.StatusCode, 200);
    assert.equal(result.ExecutedVersion, '$LATEST');
    assert.deepEqual(invokePayload(result), { n: 1 });
    const tail = Buffer.from(result.LogResult!, 'base64').toString('utf8');
    assert.match(tail, /^INIT_START/m);
    assert.match(tail, /^REPORT RequestId: [0-9a-f-]{36}\tDuration/m);
    const failed = await harness.lambda.send(
      new InvokeCommand({ FunctionName: 'invoked', Payload: Buffer.from('{"fail":"boom"}') }),
    );
    assert.equal(failed.FunctionError, 'Unhandled');
    assert.deepEqual(invokePayload(failed), { errorType: 'Error', errorMessage: 'boom', trace: [] });
    const event = await harness.lambda.send(
      new InvokeCommand({ FunctionName: 'invoked', InvocationType: 'Event', Payload: Buffer.from('{}') }),
    );
    assert.equal(event.StatusCode, 202);
    const dry = await harness.lambda.send(new InvokeCommand({ FunctionName: 'invoked', InvocationType: 'DryRun' }));
    assert.equal(dry.StatusCode, 204);
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'invoked' }));
    const qualified = await harness.lambda.send(
      new InvokeCommand({ FunctionName: 'invoked:1', Payload: Buffer.from('{}') }),
    );
    assert.equal(qualified.ExecutedVersion, '1');
    const byArn = await harness.lambda.send(
      new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:invoked', Qualifier: '1' }),
    );
    assert.equal(byArn.ExecutedVersion, '1');
    await rejectsWith(
      harness.lambda.send(new InvokeCommand({ FunctionName: 'invoked', Payload: Buffer.from('{not json') })),
      'InvalidRequestContentException',
      400,
    );
    await rejectsWith(
      harness.lambda.send(new InvokeCommand({ FunctionName: 'ghost' })),
      'ResourceNotFoundException',
      404,
    );
  });

  it('gives concurrent invocations their own instances and log streams', async () => {
    await createEcho(harness.lambda, 'parallel');
    const pool = harness.pool as FakeRuntimePool;
    const first = harness.lambda.send(
      new InvokeCommand({ FunctionName: 'parallel', Payload: Buffer.from('{"hold":true}') }),
    );
    const second = harness.lambda.send(
      new InvokeCommand({ FunctionName: 'parallel', Payload: Buffer.from('{"hold":true}') }),
    );
    while (pool.held.length < 2) await new Promise((resolve) => setImmediate(resolve));
    for (const release of pool.held.splice(0)) release();
    await Promise.all([first, second]);
    const streams = await harness.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/parallel' }));
    assert.equal(streams.logStreams?.length, 2);
    for (const stream of streams.logStreams ?? [])
      assert.match(stream.logStreamName!, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    const reports = await harness.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/parallel', filterPattern: 'REPORT' }),
    );
    assert.equal(reports.events?.length, 2);
  });

  it('throttles beyond reserved concurrency and reports it', async () => {
    await createEcho(harness.lambda, 'limited');
    await harness.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'limited', ReservedConcurrentExecutions: 0 }),
    );
    const concurrency = await harness.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'limited' }));
    assert.equal(concurrency.ReservedConcurrentExecutions, 0);
    await rejectsWith(
      harness.lambda.send(new InvokeCommand({ FunctionName: 'limited' })),
      'TooManyRequestsException',
      429,
    );
  });

  it('stops warm instances when code or configuration changes, and on delete', async () => {
    await createEcho(harness.lambda, 'changing');
    const pool = harness.pool as FakeRuntimePool;
    await harness.lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'changing',
        ZipFile: zipOf({ 'index.js': 'exports.handler = async () => 1;' }),
      }),
    );
    await harness.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'changing', Handler: 'index.other' }),
    );
    const config = await harness.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'changing' }));
    assert.equal(config.Handler, 'index.other');
    await harness.lambda.send(new DeleteFunctionCommand({ FunctionName: 'changing' }));
    assert.deepEqual(pool.stopped, ['changing:$LATEST', 'changing:$LATEST', 'changing']);
    await rejectsWith(
      harness.lambda.send(new GetFunctionCommand({ FunctionName: 'changing' })),
      'ResourceNotFoundException',
      404,
    );
  });

  it('answers ValidationException for malformed function names', async () => {
    await rejectsWith(
      harness.lambda.send(new GetFunctionCommand({ FunctionName: 'bad name!' })),
      'ValidationException',
      400,
    );
  });
});
