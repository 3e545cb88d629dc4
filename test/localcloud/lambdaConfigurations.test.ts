// Lambda's function-level and regional configuration APIs through SDK v3 and boto3 against the local cloud
// process: function URLs, reserved and provisioned concurrency, code signing configs, recursion/runtime settings,
// event source mappings, capacity providers, durable executions, streaming and deprecated async invokes.
import { strict as assert } from 'node:assert';
import {
  CreateAliasCommand,
  CreateCodeSigningConfigCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteAliasCommand,
  DeleteCodeSigningConfigCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionUrlConfigCommand,
  GetEventSourceMappingCommand,
  GetFunctionCodeSigningConfigCommand,
  GetFunctionCommand,
  GetFunctionRecursionConfigCommand,
  GetFunctionUrlConfigCommand,
  GetProvisionedConcurrencyConfigCommand,
  GetRuntimeManagementConfigCommand,
  InvokeWithResponseStreamCommand,
  ListDurableExecutionsByFunctionCommand,
  ListEventSourceMappingsCommand,
  ListFunctionsByCodeSigningConfigCommand,
  ListFunctionUrlConfigsCommand,
  ListProvisionedConcurrencyConfigsCommand,
  PublishVersionCommand,
  PutFunctionCodeSigningConfigCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionRecursionConfigCommand,
  PutProvisionedConcurrencyConfigCommand,
  UpdateEventSourceMappingCommand,
  UpdateFunctionUrlConfigCommand,
} from '@aws-sdk/client-lambda';
import { awsFailure, functionZip, runBoto3Lambda, useFidelityCloud } from './fidelityScenario';

const ACCOUNT = '123456789012';
const ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:configured`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`;
const STREAM = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/clicks`;

describe('fidelity: Lambda configurations', () => {
  const suite = useFidelityCloud();
  before(async () => {
    await suite.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'configured',
        Runtime: 'nodejs20.x',
        Role: `arn:aws:iam::${ACCOUNT}:role/r`,
        Handler: 'index.handler',
        Code: { ZipFile: functionZip(1) },
      }),
    );
    await suite.lambda.send(new PublishVersionCommand({ FunctionName: 'configured' }));
    await suite.lambda.send(new CreateAliasCommand({ FunctionName: 'configured', Name: 'live', FunctionVersion: '1' }));
  });

  it('SDK v3: function URLs per function and alias, with conflicts and missing configs as Lambda answers', async () => {
    const created = await suite.lambda.send(
      new CreateFunctionUrlConfigCommand({
        FunctionName: 'configured',
        AuthType: 'NONE',
        Cors: { AllowOrigins: ['*'], MaxAge: 60 },
      }),
    );
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.FunctionUrl!, new RegExp(`^${suite.cloud.endpoint}/_aws/lambda-url/[a-z0-9]{32}/$`));
    assert.deepEqual(
      [created.FunctionArn, created.AuthType, created.InvokeMode, created.Cors?.MaxAge],
      [ARN, 'NONE', 'BUFFERED', 60],
    );
    const conflict = await awsFailure(
      suite.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'configured', AuthType: 'NONE' })),
    );
    assert.deepEqual([conflict.name, conflict.status], ['ResourceConflictException', 409]);
    await suite.lambda.send(
      new CreateFunctionUrlConfigCommand({ FunctionName: 'configured', Qualifier: 'live', AuthType: 'AWS_IAM' }),
    );
    const updated = await suite.lambda.send(
      new UpdateFunctionUrlConfigCommand({ FunctionName: 'configured', AuthType: 'AWS_IAM' }),
    );
    assert.equal(updated.AuthType, 'AWS_IAM');
    const fetched = await suite.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'configured' }));
    assert.deepEqual([fetched.FunctionUrl, fetched.CreationTime], [created.FunctionUrl, created.CreationTime]);
    assert.ok(fetched.LastModifiedTime! >= fetched.CreationTime!);
    const listed = await suite.lambda.send(new ListFunctionUrlConfigsCommand({ FunctionName: 'configured' }));
    assert.deepEqual(
      listed.FunctionUrlConfigs?.map((config) => config.FunctionArn),
      [ARN, `${ARN}:live`],
    );
    const versionQualifier = await awsFailure(
      suite.lambda.send(
        new CreateFunctionUrlConfigCommand({ FunctionName: 'configured', Qualifier: '1', AuthType: 'NONE' }),
      ),
    );
    assert.equal(versionQualifier.name, 'ValidationException');
    await suite.lambda.send(new DeleteFunctionUrlConfigCommand({ FunctionName: 'configured' }));
    const gone = await awsFailure(suite.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'configured' })));
    assert.deepEqual(
      [gone.name, gone.status, gone.message],
      ['ResourceNotFoundException', 404, 'The resource you requested does not exist.'],
    );
  });

  it('SDK v3: reserved concurrency keeps 100 unreserved; provisioned concurrency per version or alias', async () => {
    const tooMuch = await awsFailure(
      suite.lambda.send(
        new PutFunctionConcurrencyCommand({ FunctionName: 'configured', ReservedConcurrentExecutions: 901 }),
      ),
    );
    assert.equal(tooMuch.name, 'InvalidParameterValueException');
    assert.match(tooMuch.message, /below its minimum value of \[100\]/);
    await suite.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'configured', ReservedConcurrentExecutions: 5 }),
    );
    const fetched = await suite.lambda.send(new GetFunctionCommand({ FunctionName: 'configured' }));
    assert.equal(fetched.Concurrency?.ReservedConcurrentExecutions, 5);

    const put = await suite.lambda.send(
      new PutProvisionedConcurrencyConfigCommand({
        FunctionName: 'configured',
        Qualifier: 'live',
        ProvisionedConcurrentExecutions: 2,
      }),
    );
    assert.deepEqual(
      [put.$metadata.httpStatusCode, put.Status, put.RequestedProvisionedConcurrentExecutions],
      [202, 'IN_PROGRESS', 2],
    );
    const ready = await suite.lambda.send(
      new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'configured', Qualifier: 'live' }),
    );
    assert.deepEqual([ready.Status, ready.AvailableProvisionedConcurrentExecutions], ['READY', 2]);
    const listed = await suite.lambda.send(
      new ListProvisionedConcurrencyConfigsCommand({ FunctionName: 'configured' }),
    );
    assert.deepEqual(
      listed.ProvisionedConcurrencyConfigs?.map((config) => config.FunctionArn),
      [`${ARN}:live`],
    );
    const latest = await awsFailure(
      suite.lambda.send(
        new PutProvisionedConcurrencyConfigCommand({
          FunctionName: 'configured',
          Qualifier: '$LATEST',
          ProvisionedConcurrentExecutions: 1,
        }),
      ),
    );
    assert.equal(latest.name, 'InvalidParameterValueException');
    const none = await awsFailure(
      suite.lambda.send(new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'configured', Qualifier: '1' })),
    );
    assert.deepEqual([none.name, none.status], ['ProvisionedConcurrencyConfigNotFoundException', 404]);
  });

  it('SDK v3: code signing configs attached to functions; recursion and runtime settings', async () => {
    const created = await suite.lambda.send(
      new CreateCodeSigningConfigCommand({
        Description: 'signed',
        AllowedPublishers: {
          SigningProfileVersionArns: [`arn:aws:signer:us-east-1:${ACCOUNT}:/signing-profiles/p/abcdefghij`],
        },
      }),
    );
    const config = created.CodeSigningConfig!;
    assert.match(config.CodeSigningConfigId!, /^csc-[a-z0-9]{17}$/);
    assert.equal(config.CodeSigningPolicies?.UntrustedArtifactOnDeployment, 'Warn');
    const unattached = await suite.lambda.send(new GetFunctionCodeSigningConfigCommand({ FunctionName: 'configured' }));
    assert.equal(unattached.CodeSigningConfigArn, '');
    await suite.lambda.send(
      new PutFunctionCodeSigningConfigCommand({
        FunctionName: 'configured',
        CodeSigningConfigArn: config.CodeSigningConfigArn,
      }),
    );
    const users = await suite.lambda.send(
      new ListFunctionsByCodeSigningConfigCommand({ CodeSigningConfigArn: config.CodeSigningConfigArn }),
    );
    assert.deepEqual(users.FunctionArns, [ARN]);
    const inUse = await awsFailure(
      suite.lambda.send(new DeleteCodeSigningConfigCommand({ CodeSigningConfigArn: config.CodeSigningConfigArn })),
    );
    assert.equal(inUse.name, 'ResourceConflictException');

    assert.equal(
      (await suite.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'configured' }))).RecursiveLoop,
      'Terminate',
    );
    await suite.lambda.send(
      new PutFunctionRecursionConfigCommand({ FunctionName: 'configured', RecursiveLoop: 'Allow' }),
    );
    assert.equal(
      (await suite.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName: 'configured' }))).RecursiveLoop,
      'Allow',
    );
    const runtime = await suite.lambda.send(new GetRuntimeManagementConfigCommand({ FunctionName: 'configured' }));
    assert.deepEqual([runtime.UpdateRuntimeOn, runtime.FunctionArn], ['Auto', ARN]);
    const durable = await suite.lambda.send(new ListDurableExecutionsByFunctionCommand({ FunctionName: 'configured' }));
    assert.deepEqual(durable.DurableExecutions, []);
  });

  it("SDK v3: event source mappings with Lambda's defaults and states", async () => {
    const sqs = await suite.lambda.send(
      new CreateEventSourceMappingCommand({ FunctionName: 'configured', EventSourceArn: QUEUE }),
    );
    assert.equal(sqs.$metadata.httpStatusCode, 202);
    assert.deepEqual(
      [sqs.State, sqs.BatchSize, sqs.FunctionArn, sqs.EventSourceArn, sqs.StateTransitionReason],
      ['Creating', 10, ARN, QUEUE, 'USER_INITIATED'],
    );
    assert.ok(sqs.LastModified instanceof Date);
    assert.equal(sqs.EventSourceMappingArn, `arn:aws:lambda:us-east-1:${ACCOUNT}:event-source-mapping:${sqs.UUID}`);
    const duplicate = await awsFailure(
      suite.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'configured', EventSourceArn: QUEUE })),
    );
    assert.deepEqual([duplicate.name, duplicate.status], ['ResourceConflictException', 409]);
    const bigBatch = await awsFailure(
      suite.lambda.send(
        new CreateEventSourceMappingCommand({ FunctionName: 'configured:live', EventSourceArn: QUEUE, BatchSize: 50 }),
      ),
    );
    assert.equal(bigBatch.name, 'InvalidParameterValueException');
    const stream = await suite.lambda.send(
      new CreateEventSourceMappingCommand({
        FunctionName: 'configured:live',
        EventSourceArn: STREAM,
        StartingPosition: 'LATEST',
      }),
    );
    assert.deepEqual(
      [stream.BatchSize, stream.MaximumRetryAttempts, stream.ParallelizationFactor, stream.FunctionArn],
      [100, -1, 1, `${ARN}:live`],
    );
    const noPosition = await awsFailure(
      suite.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'configured', EventSourceArn: STREAM })),
    );
    assert.equal(noPosition.name, 'InvalidParameterValueException');

    assert.equal((await suite.lambda.send(new GetEventSourceMappingCommand({ UUID: sqs.UUID }))).State, 'Enabled');
    const disabled = await suite.lambda.send(
      new UpdateEventSourceMappingCommand({ UUID: sqs.UUID, Enabled: false, BatchSize: 5 }),
    );
    assert.deepEqual([disabled.State, disabled.BatchSize], ['Updating', 5]);
    assert.equal((await suite.lambda.send(new GetEventSourceMappingCommand({ UUID: sqs.UUID }))).State, 'Disabled');
    const byFunction = await suite.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: 'configured' }));
    assert.equal(byFunction.EventSourceMappings?.length, 2);
    const bySource = await suite.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: STREAM }));
    assert.deepEqual(
      bySource.EventSourceMappings?.map((mapping) => mapping.UUID),
      [stream.UUID],
    );
    const deleted = await suite.lambda.send(new DeleteEventSourceMappingCommand({ UUID: sqs.UUID }));
    assert.equal(deleted.State, 'Deleting');
    const gone = await awsFailure(suite.lambda.send(new GetEventSourceMappingCommand({ UUID: sqs.UUID })));
    assert.deepEqual([gone.name, gone.status], ['ResourceNotFoundException', 404]);
  });

  it('SDK v3: InvokeWithResponseStream answers the payload as an event stream', async () => {
    const streamed = await suite.lambda.send(
      new InvokeWithResponseStreamCommand({ FunctionName: 'configured', Payload: Buffer.from('{"marker":"s"}') }),
    );
    assert.equal(streamed.ExecutedVersion, '$LATEST');
    const chunks: Buffer[] = [];
    let completed = false;
    for await (const event of streamed.EventStream!) {
      if (event.PayloadChunk?.Payload) chunks.push(Buffer.from(event.PayloadChunk.Payload));
      if (event.InvokeComplete) completed = true;
    }
    assert.ok(completed);
    assert.deepEqual(JSON.parse(Buffer.concat(chunks).toString('utf8')), {
      echo: { marker: 's' },
      generation: 1,
      version: '$LATEST',
    });
  });

  it('boto3: URL configs, event source mappings, invoke_async and alias deletion dropping its URL', async () => {
    const scenario = await runBoto3Lambda(suite.cloud, [
      'url = client.get_function_url_config(FunctionName="configured", Qualifier="live")',
      `mapping = client.create_event_source_mapping(FunctionName="configured", EventSourceArn="${QUEUE}",`,
      '    BatchSize=100, MaximumBatchingWindowInSeconds=5)',
      'mappings = client.list_event_source_mappings(FunctionName="configured")["EventSourceMappings"]',
      'status = client.invoke_async(FunctionName="configured", InvokeArgs=b"{}")["Status"]',
      'print(json.dumps({"auth": url["AuthType"], "batch": mapping["BatchSize"], "count": len(mappings),',
      '    "status": status}))',
    ]);
    assert.deepEqual(scenario, { auth: 'AWS_IAM', batch: 100, count: 2, status: 202 });
    await suite.lambda.send(new DeleteAliasCommand({ FunctionName: 'configured', Name: 'live' }));
    await suite.lambda.send(new CreateAliasCommand({ FunctionName: 'configured', Name: 'live', FunctionVersion: '1' }));
    const forgotten = await awsFailure(
      suite.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'configured', Qualifier: 'live' })),
    );
    assert.equal(forgotten.name, 'ResourceNotFoundException');
  });
});
