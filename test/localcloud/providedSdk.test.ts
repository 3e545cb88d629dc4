// Functions that rely on the SDK their Lambda runtime provides (aws-sdk v2 on nodejs16.x, @aws-sdk/* v3 on
// nodejs18.x and later, boto3 on Python), run locally with their SDK calls going to the local cloud: real
// functions, the real packages from the npm registry (installed on first need into a store, as the extension does),
// Debian's boto3, and a real local cloud process.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callsToEndpoint, functionAwsCallEnvironment } from '../../src/core/aws/functionAwsCalls';
import { silentLogger } from '../../src/core/logger';
import { createProvidedSdk } from '../../src/core/runtime/providedSdk/providedSdk';
import { createRuntimePool } from '../../src/core/runtime/runtimePool';
import type { FunctionDefinition, RuntimePool } from '../../src/core/runtime/runtimeTypes';
import { repoRoot } from '../support/paths';
import { runCli } from '../unit/runtime/cliProcess';
import { startFidelityCloud, type FidelityCloud } from './fidelityScenario';

// Kept between runs (like the extension's global storage): the first run downloads, later ones reuse.
const STORE = join(repoRoot, '.cache', 'test-provided-sdk');

function definition(codeDirectory: string, runtime: string, handler: string): FunctionDefinition {
  const functionName = `provided-sdk-${runtime.replace(/\W/g, '')}`;
  return {
    functionName,
    runtime,
    handler,
    codeDirectory,
    memorySizeMb: 512,
    timeoutSeconds: 60,
    environment: {},
    layerDirectories: [],
    version: '$LATEST',
    architecture: 'x86_64',
    region: 'us-east-1',
    accountId: '123456789012',
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    logGroupName: `/aws/lambda/${functionName}`,
  };
}

describe('runtime-provided SDKs against the local cloud', function () {
  this.timeout(600_000);
  let cloud: FidelityCloud;
  let pool: RuntimePool;
  let code: string;
  const installs: string[] = [];

  before(async () => {
    cloud = await startFidelityCloud();
    // Outside the repository: the repository's own node_modules must not lend the functions an SDK.
    code = mkdtempSync(join(tmpdir(), 'sw-provided-sdk-'));
    cpSync(join(repoRoot, 'test', 'fixtures', 'runtime', 'provided-sdk'), code, { recursive: true });
    pool = createRuntimePool({
      logger: silentLogger,
      extraEnvironment: functionAwsCallEnvironment(callsToEndpoint(cloud.endpoint, 'local cloud')),
      providedSdk: createProvidedSdk({
        storeDirectory: STORE,
        logger: silentLogger,
        onInstall: (description) => installs.push(description),
      }),
    });
  });

  after(async () => {
    await pool?.dispose();
    await cloud?.stop();
    rmSync(code, { recursive: true, force: true });
  });

  it('nodejs16.x: aws-sdk v2 loads without being declared, and its S3 calls reach the local cloud', async () => {
    const result = await pool.invoke(definition(join(code, 'node16'), 'nodejs16.x', 'app.handler'), {
      payload: JSON.stringify({ bucket: 'provided-v2' }),
    });
    assert.equal(result.functionError, undefined, result.payload);
    const answer = JSON.parse(result.payload) as { sdk: string; version: string; body: string };
    assert.equal(answer.body, 'written by aws-sdk v2');
    assert.match(answer.version, /^2\./);
  });

  it('nodejs22.x: @aws-sdk/client-* from an ES module; a service the local cloud lacks answers an AWS-shaped error', async () => {
    const result = await pool.invoke(definition(join(code, 'node22'), 'nodejs22.x', 'app.handler'), {
      payload: JSON.stringify({ bucket: 'provided-v3' }),
    });
    assert.equal(result.functionError, undefined, result.payload);
    const answer = JSON.parse(result.payload) as { body: string; dynamodb: { name: string; message: string } };
    assert.equal(answer.body, 'written by @aws-sdk v3');
    assert.equal(typeof answer.dynamodb, 'object', 'DynamoDB is not served by the local cloud');
    assert.equal(answer.dynamodb.name, 'UnknownOperationException');
    assert.match(answer.dynamodb.message, /The local cloud does not serve "dynamodb"/);
    // Installed into the store on first need (by this run or an earlier one), announced with the runtime's name.
    assert.ok(existsSync(join(STORE, 'nodejs-aws-sdk-v3', 'node_modules', '@aws-sdk', 'client-s3', 'package.json')));
    assert.ok(
      installs.every((line) => /^Installing .* \(provided by the nodejs\d+\.x runtime on Lambda\)$/.test(line)),
    );
  });

  it('a dependency that imports the runtime SDK (unseen by the scan): installed on the failed first run, then run again', async () => {
    // node_modules is written here, not kept in the repository.
    const folder = join(code, 'dependency');
    mkdirSync(join(folder, 'node_modules', 'helper'), { recursive: true });
    writeFileSync(
      join(folder, 'node_modules', 'helper', 'index.js'),
      "const { STSClient } = require('@aws-sdk/client-sts');\nexports.clientName = () => STSClient.name;\n",
    );
    writeFileSync(
      join(folder, 'app.js'),
      "const helper = require('helper');\nexports.handler = async () => ({ client: helper.clientName() });\n",
    );
    const result = await pool.invoke(definition(folder, 'nodejs20.x', 'app.handler'), { payload: '{}' });
    assert.equal(result.functionError, undefined, result.payload);
    assert.deepEqual(JSON.parse(result.payload), { client: 'STSClient' });
  });

  it('python3: boto3 from the interpreter, its S3 calls to the local cloud', async () => {
    const result = await pool.invoke(definition(join(code, 'python'), 'python3.12', 'app.handler'), {
      payload: JSON.stringify({ bucket: 'provided-boto3' }),
    });
    assert.equal(result.functionError, undefined, result.payload);
    assert.equal((JSON.parse(result.payload) as { body: string }).body, 'written by boto3');
  });

  /** A template with one function over a fixture folder. */
  const templateFor = (folder: string, runtime: string): string => {
    const template = join(code, folder, 'template.yaml');
    writeFileSync(
      template,
      `Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: ${runtime}\n` +
        '      Handler: app.handler\n      Code: .\n      Timeout: 60\n',
    );
    return template;
  };

  it('serverless-workbench invoke: the SDK from --sdk-dir, calls to --endpoint-url, and says where they go', async () => {
    const template = templateFor('node22', 'nodejs22.x');
    const event = join(code, 'event.json');
    writeFileSync(event, JSON.stringify({ bucket: 'provided-cli' }));
    const sdkDirectory = join(STORE, 'nodejs-aws-sdk-v3');
    const outcome = await runCli([
      'invoke',
      '-t',
      template,
      '-e',
      event,
      '--endpoint-url',
      cloud.endpoint,
      '--sdk-dir',
      sdkDirectory,
    ]);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal((JSON.parse(outcome.stdout) as { body: string }).body, 'written by @aws-sdk v3');
    assert.match(outcome.stderr, new RegExp(`AWS SDK calls of the functions go to endpoint \\(${cloud.endpoint}\\)`));
  });

  it('serverless-workbench invoke: without the SDK, a clear error naming the runtime, the package and the command', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sw-empty-sdk-'));
    const template = templateFor('node22', 'nodejs22.x');
    const outcome = await runCli(['invoke', '-t', template, '--endpoint-url', cloud.endpoint, '--sdk-dir', empty]);
    rmSync(empty, { recursive: true, force: true });
    assert.equal(outcome.code, 2, outcome.stderr);
    assert.match(
      outcome.stderr,
      /The nodejs22\.x runtime provides @aws-sdk\/client-dynamodb, @aws-sdk\/client-s3 on Lambda/,
    );
    assert.match(
      outcome.stderr,
      /Run: npm install --prefix ".*" @aws-sdk\/client-dynamodb@\^3 @aws-sdk\/client-s3@\^3/,
    );
  });

  it('serverless-workbench invoke: by default, a local cloud for the command when none runs on 127.0.0.1:4566', async () => {
    const template = templateFor('python', 'python3.12');
    const event = join(code, 'event.json');
    writeFileSync(event, JSON.stringify({ bucket: `provided-default-${Date.now()}` }));
    // A port and state of its own, so the local cloud started in the background is this test's to stop.
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const state = mkdtempSync(join(tmpdir(), 'sw-cli-default-'));
    const outcome = await runCli([
      'invoke',
      '-t',
      template,
      '-e',
      event,
      '--local-cloud-port',
      port,
      '--local-cloud-state-dir',
      state,
    ]);
    const pid = /pid (\d+)/.exec(outcome.stderr)?.[1];
    if (pid) process.kill(Number(pid));
    assert.ok(pid, `started a local cloud in the background: ${outcome.stderr}`);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal((JSON.parse(outcome.stdout) as { body: string }).body, 'written by boto3');
    assert.match(outcome.stderr, new RegExp(`go to local cloud \\(http://127\\.0\\.0\\.1:${port}\\)`));
  });

  it('the objects the functions wrote are in the local cloud', async () => {
    const response = await fetch(`${cloud.endpoint}/provided-v3/v3.txt`, {
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request' },
    });
    assert.equal(await response.text(), 'written by @aws-sdk v3');
  });
});
