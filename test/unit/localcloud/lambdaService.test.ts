import { strict as assert } from 'node:assert';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand, DescribeLogStreamsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { echoZip, startHarness, zipOf, type LocalCloudHarness } from '../../support/localCloudHarness';

const ROLE = 'arn:aws:iam::123456789012:role/lambda-role';

async function createEcho(lambda: LambdaClient, name: string, extra: Record<string, unknown> = {}) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: echoZip() },
      ...extra,
    }),
  );
}

async function rejectsWith(promise: Promise<unknown>, name: string, status?: number): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    const failure = error as Error & { $metadata?: { httpStatusCode?: number } };
    assert.equal(failure.name, name, failure.message);
    if (status !== undefined) assert.equal(failure.$metadata?.httpStatusCode, status);
    return failure;
  }
  assert.fail(`expected ${name}`);
}

function invokePayload(result: { Payload?: Uint8Array }): unknown {
  return JSON.parse(Buffer.from(result.Payload ?? new Uint8Array()).toString('utf8'));
}

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

  it('manages aliases with AWS validations for routing weights', async () => {
    await createEcho(harness.lambda, 'aliased');
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
    await harness.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'aliased', MemorySize: 512 }));
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'aliased' }));
    const alias = await harness.lambda.send(
      new CreateAliasCommand({
        FunctionName: 'aliased',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.25 } },
      }),
    );
    assert.equal(alias.AliasArn, 'arn:aws:lambda:us-east-1:123456789012:function:aliased:live');
    assert.deepEqual(alias.RoutingConfig?.AdditionalVersionWeights, { '2': 0.25 });
    await rejectsWith(
      harness.lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'live', FunctionVersion: '1' })),
      'ResourceConflictException',
      409,
    );
    // Outside the model's constraints (weight in [0, 1], version digits): the validation layer's error.
    const outside: Record<string, number>[] = [{ '2': 1.5 }, { '2': -0.1 }, { $LATEST: 0.1 }];
    for (const weights of outside) {
      const failure = await rejectsWith(
        harness.lambda.send(
          new UpdateAliasCommand({
            FunctionName: 'aliased',
            Name: 'live',
            RoutingConfig: { AdditionalVersionWeights: weights },
          }),
        ),
        'ValidationException',
        400,
      );
      assert.match(
        failure.message,
        /^1 validation error detected: Value '\{.*\}' at 'routingConfig.additionalVersionWeights'/,
      );
    }
    // Lambda's own rules: weights below 1, the additional version not the primary, at most one.
    const invalid: Record<string, number>[] = [{ '2': 1 }, { '1': 0.5 }, { '2': 0.1, '3': 0.1 }];
    for (const weights of invalid) {
      await rejectsWith(
        harness.lambda.send(
          new UpdateAliasCommand({
            FunctionName: 'aliased',
            Name: 'live',
            RoutingConfig: { AdditionalVersionWeights: weights },
          }),
        ),
        'InvalidParameterValueException',
        400,
      );
    }
    await rejectsWith(
      harness.lambda.send(
        new UpdateAliasCommand({
          FunctionName: 'aliased',
          Name: 'live',
          RoutingConfig: { AdditionalVersionWeights: { '7': 0.5 } },
        }),
      ),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      harness.lambda.send(new CreateAliasCommand({ FunctionName: 'aliased', Name: 'x', FunctionVersion: '9' })),
      'ResourceNotFoundException',
    );
    await rejectsWith(
      harness.lambda.send(new UpdateAliasCommand({ FunctionName: 'aliased', Name: 'live', RevisionId: 'old' })),
      'PreconditionFailedException',
      412,
    );
    const current = await harness.lambda.send(new GetAliasCommand({ FunctionName: 'aliased', Name: 'live' }));
    const flipped = await harness.lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'aliased',
        Name: 'live',
        FunctionVersion: '2',
        RoutingConfig: { AdditionalVersionWeights: {} },
        RevisionId: current.RevisionId,
      }),
    );
    assert.equal(flipped.FunctionVersion, '2');
    assert.equal(flipped.RoutingConfig, undefined);
    await harness.lambda.send(
      new CreateAliasCommand({ FunctionName: 'aliased', Name: 'beta', FunctionVersion: '$LATEST' }),
    );
    const listed = await harness.lambda.send(new ListAliasesCommand({ FunctionName: 'aliased' }));
    assert.deepEqual(
      listed.Aliases?.map((a) => a.Name),
      ['beta', 'live'],
    );
    await rejectsWith(
      harness.lambda.send(new DeleteFunctionCommand({ FunctionName: 'aliased', Qualifier: '2' })),
      'ResourceConflictException',
      409,
    );
    await harness.lambda.send(new DeleteAliasCommand({ FunctionName: 'aliased', Name: 'beta' }));
    await rejectsWith(
      harness.lambda.send(new GetAliasCommand({ FunctionName: 'aliased', Name: 'beta' })),
      'ResourceNotFoundException',
      404,
    );
    await harness.lambda.send(new DeleteFunctionCommand({ FunctionName: 'aliased', Qualifier: '1' }));
    const versions = await harness.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'aliased' }));
    assert.deepEqual(
      versions.Versions?.map((v) => v.Version),
      ['$LATEST', '2'],
    );
  });

  it('routes alias invocations by weight and reports the executed version', async () => {
    await createEcho(harness.lambda, 'weighted');
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'weighted' }));
    await harness.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'weighted', Description: 'v2', Timeout: 5 }),
    );
    await harness.lambda.send(new PublishVersionCommand({ FunctionName: 'weighted' }));
    await harness.lambda.send(
      new CreateAliasCommand({
        FunctionName: 'weighted',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.3 } },
      }),
    );
    const counts = new Map<string, number>();
    const total = 400;
    for (let index = 0; index < total; index++) {
      const result = await harness.lambda.send(
        new InvokeCommand({ FunctionName: 'weighted', Qualifier: 'live', Payload: Buffer.from('{}') }),
      );
      counts.set(result.ExecutedVersion!, (counts.get(result.ExecutedVersion!) ?? 0) + 1);
    }
    const share = (counts.get('2') ?? 0) / total;
    assert.ok(Math.abs(share - 0.3) < 0.06, `version 2 ran ${share * 100}% of the time`);
    assert.equal((counts.get('1') ?? 0) + (counts.get('2') ?? 0), total);
    const pool = harness.pool as FakeRuntimePool;
    assert.equal(
      pool.invocations.at(-1)?.request.invokedFunctionArn,
      'arn:aws:lambda:us-east-1:123456789012:function:weighted:live',
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
