import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import type { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { repoRoot } from '../../support/paths';
import { runCliIn } from './cliRunner';

describe('serverless-workbench deploy (against the local cloud)', function () {
  this.timeout(90000);
  let harness: LocalCloudHarness;
  let cloudFormation: CloudFormationClient;
  let project: string;
  before(async () => {
    // hello-sam's UsersFunction deploys with Canary10Percent5Minutes: a code change runs a CodeDeploy deployment,
    // rehearsed 600 times faster (half a second).
    harness = await startHarness({ timeScale: 600 });
    cloudFormation = new CloudFormationClient(clientConfig(harness.cloud.endpoint));
  });
  after(async () => {
    cloudFormation.destroy();
    await harness.stop();
  });
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'sw-deploy-cli-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  const deploy = (...args: string[]) =>
    runCliIn(project, ['deploy', '--endpoint-url', harness.cloud.endpoint, ...args]);

  it('deploys the sample app from samconfig.toml, then finds nothing to deploy, then shows a code change as Modify', async () => {
    const first = await deploy('--stack-name', 'cli-hello');
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /Stack name\s+: cli-hello/);
    assert.match(first.stdout, /Capabilities\s+: \["CAPABILITY_IAM"\]/, 'from samconfig.toml');
    assert.match(first.stdout, /\+ Add\s+UsersFunction\s+AWS::Lambda::Function/);
    assert.match(first.stdout, /\d+\.\d s\s+CREATE_COMPLETE\s+AWS::CloudFormation::Stack\s+cli-hello/);
    assert.match(first.stdout, /UsersApiUrl\s+Invoke URL of the users API \(Prod stage\)\s+https:\/\//);
    // The stack's value is AWS's execute-api URL; the URL that answers on this backend is printed after the table.
    const served = new RegExp(
      `API URLs as this backend serves them[\\s\\S]*UsersApiUrl\\s+(${harness.cloud.endpoint}/_aws/execute-api/\\w+/Prod/users/)\\s`,
    ).exec(first.stdout);
    assert.ok(served?.[1], first.stdout);
    // It reaches UsersFunction (this tier's runtime echoes the event: API Gateway answers 502 to that).
    const calls = (harness.pool as FakeRuntimePool).invocations.length;
    await (await fetch(`${served[1]}7`)).text();
    const reached = (harness.pool as FakeRuntimePool).invocations.slice(calls);
    assert.equal(reached.length, 1);
    assert.match(reached[0]!.definition.functionName, /UsersFunction/);
    assert.equal((JSON.parse(reached[0]!.request.payload) as { path: string }).path, '/users/7');
    assert.match(first.stdout, /Successfully created stack - cli-hello in us-east-1/);
    const stack = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'cli-hello' }));
    assert.equal(stack.Stacks?.[0]?.StackStatus, 'CREATE_COMPLETE');
    assert.deepEqual(stack.Stacks?.[0]?.Parameters?.find((p) => p.ParameterKey === 'Stage')?.ParameterValue, 'dev');

    const again = await deploy('--stack-name', 'cli-hello');
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /No changes to deploy. Stack cli-hello is up to date/);
    assert.doesNotMatch(again.stdout, /Uploaded/);
    const strict = await deploy('--stack-name', 'cli-hello', '--fail-on-empty-changeset');
    assert.equal(strict.code, 1);

    const handler = join(project, 'src', 'users', 'app.mjs');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 200', 'statusCode: 202'));
    const preview = await deploy('--stack-name', 'cli-hello', '--no-execute-changeset');
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, /\* Modify\s+UsersFunction\s+AWS::Lambda::Function\s+False/);
    assert.match(preview.stdout, /Not executing the change set/);
    const updated = await deploy('--stack-name', 'cli-hello', '--parameter-overrides', 'Stage=prod');
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /Successfully updated stack - cli-hello/);
    const after = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'cli-hello' }));
    assert.equal(after.Stacks?.[0]?.Parameters?.find((p) => p.ParameterKey === 'Stage')?.ParameterValue, 'prod');
  });

  it('prints the failing resource, its reason and its template line, exits 1, and recreates the stack next time', async () => {
    const template = readFileSync(join(project, 'template.yaml'), 'utf8');
    // Code that is not in the bucket: CreateFunction fails as on AWS ("Error occurred while GetObject").
    writeFileSync(
      join(project, 'template.yaml'),
      template.replace('CodeUri: src/orders/', 'CodeUri: s3://serverless-workbench-managed-us-east-1/missing.zip'),
    );
    const failed = await deploy('--stack-name', 'cli-broken');
    assert.equal(failed.code, 1, failed.stdout);
    assert.match(failed.stderr, /the deployment failed: the stack is ROLLBACK_COMPLETE/);
    assert.match(failed.stderr, /OrderProcessorFunction \(AWS::Lambda::Function\): .*NoSuchKey/);
    const line = template.split('\n').findIndex((text) => text.startsWith('  OrderProcessorFunction:')) + 1;
    assert.match(failed.stderr, new RegExp(`at .*template\\.yaml:${line}:3`));

    writeFileSync(join(project, 'template.yaml'), template);
    const fixed = await deploy('--stack-name', 'cli-broken');
    assert.equal(fixed.code, 0, fixed.stderr + fixed.stdout);
    assert.match(fixed.stdout, /failed to create earlier \(ROLLBACK_COMPLETE\); deleting it first/);
    assert.match(fixed.stdout, /Successfully created stack - cli-broken/);
  });

  it('explains missing capabilities and a missing stack name', async () => {
    writeFileSync(join(project, 'samconfig.toml'), 'version = 0.1\n');
    const noName = await deploy();
    assert.equal(noName.code, 2);
    assert.match(noName.stderr, /Missing --stack-name/);
    const noCapabilities = await deploy('--stack-name', 'cli-caps');
    assert.equal(noCapabilities.code, 1);
    assert.match(
      noCapabilities.stderr,
      /needs the capabilities CAPABILITY_IAM[\s\S]*Hint: Acknowledge them: --capabilities CAPABILITY_IAM/,
    );
  });

  it('deploys the built template (build, then deploy) with the same resources as the source', async () => {
    const built = await runCliIn(project, ['build']);
    assert.equal(built.code, 0, built.stderr);
    const result = await deploy('--stack-name', 'cli-built');
    assert.equal(result.code, 0, result.stderr);
    const resources = await cloudFormation.send(new ListStackResourcesCommand({ StackName: 'cli-built' }));
    const ids = (resources.StackResourceSummaries ?? []).map((resource) => resource.LogicalResourceId).sort();
    assert.ok(
      ids.includes('UsersFunction') && ids.includes('OrderProcessorFunction') && ids.includes('ServerlessRestApi'),
    );
  });
});

describe('serverless-workbench sync --code (against the local cloud)', function () {
  this.timeout(90000);
  let harness: LocalCloudHarness;
  let project: string;
  before(async () => {
    harness = await startHarness();
    project = mkdtempSync(join(tmpdir(), 'sw-sync-cli-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  after(async () => {
    rmSync(project, { recursive: true, force: true });
    await harness.stop();
  });

  it('updates only the changed function, publishes a version and moves its alias, with the CodeDeploy warning', async () => {
    const endpoint = ['--endpoint-url', harness.cloud.endpoint];
    assert.equal((await runCliIn(project, ['deploy', ...endpoint])).code, 0);
    const unchanged = await runCliIn(project, ['sync', '--code', ...endpoint]);
    assert.equal(unchanged.code, 0, unchanged.stderr);
    assert.match(unchanged.stdout, /UsersFunction\s+hello-sam-UsersFunction-\S+: unchanged/);

    const handler = join(project, 'src', 'users', 'app.mjs');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 200', 'statusCode: 299'));
    const synced = await runCliIn(project, ['sync', '--code', ...endpoint]);
    assert.equal(synced.code, 0, synced.stderr);
    const match =
      /UsersFunction\s+(\S+): updated, version (\d+), alias live \(moved the alias directly: this skips CodeDeploy/.exec(
        synced.stdout,
      );
    assert.ok(match, synced.stdout);
    assert.match(synced.stdout, /OrderProcessorFunction\s+\S+: unchanged/);
    const alias = await harness.lambda.send(new GetAliasCommand({ FunctionName: match[1], Name: 'live' }));
    assert.equal(alias.FunctionVersion, match[2]);

    const notDeployed = await runCliIn(project, ['sync', '--code', '--stack-name', 'nope', ...endpoint]);
    assert.equal(notDeployed.code, 1);
    assert.match(notDeployed.stderr, /The stack nope is not deployed/);
  });
});
