import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { createLambdaService } from '../../../src/localcloud/lambda/lambdaService';
import { RegionalState } from '../../../src/localcloud/regionalState';
import { LogStore } from '../../../src/localcloud/logs/logStore';
import { AwsError } from '../../../src/localcloud/protocol/awsError';
import { ObjectStore } from '../../../src/localcloud/s3/objectStore';
import { createSeededRandom } from '../../../src/localcloud/seededRandom';
import { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { echoZip } from '../../support/localCloudHarness';

describe('local cloud: Lambda operations without HTTP', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sw-lambda-call-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('creates, publishes, aliases and invokes through call(), as CloudFormation will', async () => {
    const pool = new FakeRuntimePool();
    const logStores = new RegionalState(
      'eu-west-1',
      directory,
      (_region, regionDirectory) => new LogStore(join(regionDirectory, 'logs'), silentLogger),
    );
    const lambda = createLambdaService({
      stateDirectory: directory,
      logStores,
      objectStore: new ObjectStore(join(directory, 's3'), silentLogger),
      region: 'eu-west-1',
      accountId: '123456789012',
      logger: silentLogger,
      random: createSeededRandom(1),
      runtimePool: () => pool,
      endpoint: () => 'http://127.0.0.1:1',
    });
    const created = await lambda.call('CreateFunction', {
      FunctionName: 'internal',
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::123456789012:role/internal',
      Handler: 'index.handler',
      Code: { ZipFile: echoZip() },
    });
    assert.equal(created.FunctionArn, 'arn:aws:lambda:eu-west-1:123456789012:function:internal');
    await lambda.call('PublishVersion', { FunctionName: 'internal' });
    await lambda.call('CreateAlias', { FunctionName: 'internal', Name: 'live', FunctionVersion: '1' });
    const invoked = await lambda.call('Invoke', {
      FunctionName: 'internal',
      Qualifier: 'live',
      Payload: Buffer.from('{"via":"call"}'),
    });
    assert.equal(invoked.ExecutedVersion, '1');
    assert.equal(Buffer.from(invoked.Payload!).toString('utf8'), '{"via":"call"}');
    // The JSON form CloudFormation uses: base64 zips, every member in one document.
    const fromJson = (await lambda.callJson('CreateFunction', {
      FunctionName: 'from-json',
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::123456789012:role/internal',
      Handler: 'index.handler',
      Code: { ZipFile: Buffer.from(echoZip()).toString('base64') },
    })) as { CodeSize: number };
    assert.equal(fromJson.CodeSize, echoZip().length);
    await assert.rejects(lambda.call('GetFunction', { FunctionName: 'missing' }), (error: unknown) => {
      assert.ok(error instanceof AwsError);
      assert.equal(error.code, 'ResourceNotFoundException');
      assert.equal(error.status, 404);
      return true;
    });
    await assert.rejects(
      lambda.call('CreateFunction', { FunctionName: 'bad', Role: 'r', Code: {} }),
      (error: unknown) =>
        error instanceof AwsError &&
        error.code === 'ValidationException' &&
        /Value 'r' at 'role' failed to satisfy constraint/.test(error.message),
    );
    await assert.rejects(
      lambda.callJson('MakeCoffee', {}),
      (error: unknown) => error instanceof AwsError && error.code === 'UnknownOperationException',
    );
    await lambda.close();
    for (const store of logStores.values()) store.close();
  });
});
