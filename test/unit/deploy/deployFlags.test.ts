// deploy's SAM CLI flags not covered by the main deploy test: --confirm-changeset (yes, no, and no answer at all),
// --tags, --config-env with the environment's global table, --s3-bucket with --s3-prefix.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListChangeSetsCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { repoRoot } from '../../support/paths';
import { runCliIn } from './cliRunner';

describe('serverless-workbench deploy flags (against the local cloud)', function () {
  this.timeout(90000);
  let harness: LocalCloudHarness;
  let cloudFormation: CloudFormationClient;
  let project: string;
  before(async () => {
    harness = await startHarness();
    cloudFormation = new CloudFormationClient(clientConfig(harness.cloud.endpoint));
  });
  after(async () => {
    cloudFormation.destroy();
    await harness.stop();
  });
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'sw-deploy-flags-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  const deploy = (args: string[], input?: string) =>
    runCliIn(project, ['deploy', '--endpoint-url', harness.cloud.endpoint, ...args], {}, input);
  const stack = async (name: string): Promise<Stack | undefined> =>
    (await cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];

  it('--confirm-changeset: "n" leaves the change set unexecuted, no answer exits 1, "y" deploys', async () => {
    const declined = await deploy(['--stack-name', 'confirm-hello', '--confirm-changeset'], 'n\n');
    assert.equal(declined.code, 0, declined.stderr);
    assert.match(declined.stdout, /\+ Add\s+UsersFunction/);
    assert.match(declined.stdout, /Deploy this changeset\? \[y\/N\]: The change set was not executed\./);
    assert.equal((await stack('confirm-hello'))?.StackStatus, 'REVIEW_IN_PROGRESS', 'created for review, as on AWS');
    const sets = await cloudFormation.send(new ListChangeSetsCommand({ StackName: 'confirm-hello' }));
    assert.deepEqual(sets.Summaries ?? [], [], 'the declined change set is deleted');

    // A script or CI with no terminal: the question cannot be answered, and that is not a success.
    const unanswered = await deploy(['--stack-name', 'confirm-hello', '--confirm-changeset'], '');
    assert.equal(unanswered.code, 1, unanswered.stdout);
    assert.match(unanswered.stdout, /No answer \(standard input is closed\): the change set was not executed/);

    const accepted = await deploy(['--stack-name', 'confirm-hello', '--confirm-changeset'], 'y\n');
    assert.equal(accepted.code, 0, accepted.stderr + accepted.stdout);
    assert.match(accepted.stdout, /Successfully created stack - confirm-hello/);
    assert.equal((await stack('confirm-hello'))?.StackStatus, 'CREATE_COMPLETE');
  });

  it('--tags tag the stack; --config-env reads that environment, its global table filling in the rest', async () => {
    writeFileSync(
      join(project, 'samconfig.toml'),
      [
        'version = 0.1',
        '[default.deploy.parameters]',
        'stack_name = "wrong-env"',
        '[prod.global.parameters]',
        'region = "us-east-1"',
        'parameter_overrides = "Stage=\\"prod\\""',
        '[prod.deploy.parameters]',
        'stack_name = "prod-hello"',
        'capabilities = "CAPABILITY_IAM"',
        'tags = "team=\\"payments\\" cost-center=\\"42\\""',
        '',
      ].join('\n'),
    );
    const result = await deploy(['--config-env', 'prod']);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const deployed = await stack('prod-hello');
    assert.equal(deployed?.StackStatus, 'CREATE_COMPLETE');
    assert.equal(deployed?.Parameters?.find((p) => p.ParameterKey === 'Stage')?.ParameterValue, 'prod');
    assert.deepEqual((deployed?.Tags ?? []).map((tag) => `${tag.Key}=${tag.Value}`).sort(), [
      'cost-center=42',
      'team=payments',
    ]);

    // The command line wins over the file.
    const retagged = await deploy(['--config-env', 'prod', '--stack-name', 'orders-hello', '--tags', 'team=orders']);
    assert.equal(retagged.code, 0, retagged.stderr + retagged.stdout);
    const orders = await stack('orders-hello');
    assert.deepEqual(
      (orders?.Tags ?? []).map((tag) => `${tag.Key}=${tag.Value}`),
      ['team=orders'],
    );
    assert.equal(orders?.Parameters?.find((p) => p.ParameterKey === 'Stage')?.ParameterValue, 'prod');
  });

  it('--s3-bucket and --s3-prefix put the artifacts there instead of the managed bucket', async () => {
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'team-artifacts' }));
    const result = await deploy([
      '--stack-name',
      'bucket-hello',
      '--s3-bucket',
      'team-artifacts',
      '--s3-prefix',
      'hello',
    ]);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    assert.match(result.stdout, /Deployment s3 bucket\s+: team-artifacts/);
    const listed = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'team-artifacts' }));
    const keys = (listed.Contents ?? []).map((object) => object.Key ?? '');
    assert.ok(keys.length >= 2, keys.join(', '));
    assert.ok(
      keys.every((key) => /^hello\/[0-9a-f]{32}(\.template)?$/.test(key)),
      keys.join(', '),
    );
  });
});
