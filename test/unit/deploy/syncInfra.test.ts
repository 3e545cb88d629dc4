// `sync` without --code (as `sam sync`): an infrastructure sync through CloudFormation, once or with --watch
// (template and layer changes deployed, code changes synced directly), against the local cloud.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { repoRoot } from '../../support/paths';
import { setTimeout } from 'node:timers/promises';
import { probeLocalCloud } from '../../../src/localcloud/localCloudHealth';
import { freePort, runCliIn, startCliIn, type RunningCli } from './cliRunner';

describe('serverless-workbench sync (infrastructure, against the local cloud)', function () {
  this.timeout(120000);
  let harness: LocalCloudHarness;
  let cloudFormation: CloudFormationClient;
  let project: string;
  let watch: RunningCli | undefined;
  before(async () => {
    // A code change deployed through CloudFormation runs UsersFunction's canary: rehearsed 3000 times faster.
    harness = await startHarness({ timeScale: 3000 });
    cloudFormation = new CloudFormationClient(clientConfig(harness.cloud.endpoint));
  });
  after(async () => {
    await watch?.stop('SIGKILL');
    cloudFormation.destroy();
    await harness.stop();
  });
  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'sw-sync-infra-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  const endpoint = () => ['--endpoint-url', harness.cloud.endpoint];
  const outputs = async (stackName: string): Promise<Record<string, string | undefined>> => {
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    return Object.fromEntries((stack?.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue]));
  };

  it('creates the stack without asking, with sync capabilities, then finds nothing to change', async () => {
    const first = await runCliIn(project, ['sync', '--stack-name', 'infra-once', ...endpoint()]);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    assert.match(first.stdout, /Infrastructure sync of infra-once: \d+ to add, 0 to modify, 0 to remove/);
    assert.match(first.stdout, /CREATE_COMPLETE\s+AWS::CloudFormation::Stack\s+infra-once/);
    assert.match(first.stdout, /Infrastructure sync of infra-once done: CREATE_COMPLETE/);
    const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'infra-once' }))).Stacks?.[0];
    assert.deepEqual(stack?.Capabilities?.sort(), ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_NAMED_IAM']);

    const again = await runCliIn(project, ['sync', '--stack-name', 'infra-once', ...endpoint()]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Infrastructure sync of infra-once: no changes/);

    const refused = await runCliIn(project, ['sync', '--stack-name', 'infra-once', '--resource-id', 'UsersFunction']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--resource-id needs --code/);
  });

  it('--watch: deploys first, syncs code directly, deploys template changes, reports a failed sync and goes on', async () => {
    watch = startCliIn(project, ['sync', '--watch', '--stack-name', 'infra-watch', ...endpoint()]);
    await watch.waitFor(/Watching \d+ folders for code and template changes \(Ctrl\+C to stop\)/);
    assert.match(watch.output().stdout, /Infrastructure sync of infra-watch done: CREATE_COMPLETE/, 'deployed first');

    // A handler edit: the code path (no CloudFormation), as in `sync --code`.
    const handler = join(project, 'src', 'users', 'app.mjs');
    let from = watch.output().stdout.length;
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 200', 'statusCode: 294'));
    const synced = await watch.waitFor(/UsersFunction\s+(\S+): updated, version (\d+), alias live/, from);
    assert.doesNotMatch(watch.output().stdout.slice(from), /Infrastructure sync/);
    const alias = await harness.lambda.send(new GetAliasCommand({ FunctionName: synced[1], Name: 'live' }));
    assert.equal(alias.FunctionVersion, synced[2]);

    // A template edit (a new output): deployed through CloudFormation.
    const templatePath = join(project, 'template.yaml');
    const template = readFileSync(templatePath, 'utf8');
    from = watch.output().stdout.length;
    writeFileSync(templatePath, template.replace(/^Outputs:\n/m, 'Outputs:\n  SyncMarker:\n    Value: synced-1\n'));
    await watch.waitFor(/Changed: the template: syncing the infrastructure/, from);
    await watch.waitFor(/Infrastructure sync of infra-watch done: UPDATE_COMPLETE/, from);
    assert.equal((await outputs('infra-watch'))['SyncMarker'], 'synced-1');

    // A template CloudFormation refuses: the failed sync is printed with the resource, the watch goes on.
    from = watch.output().stdout.length;
    const errorsFrom = watch.output().stderr.length;
    writeFileSync(
      templatePath,
      template.replace(/^Outputs:\n/m, 'Outputs:\n  SyncMarker:\n    Value: !GetAtt NoSuchResource.Arn\n'),
    );
    await watch.waitFor(/^Error: .*NoSuchResource/m, errorsFrom, 'stderr');
    writeFileSync(templatePath, template.replace(/^Outputs:\n/m, 'Outputs:\n  SyncMarker:\n    Value: synced-2\n'));
    await watch.waitFor(/Infrastructure sync of infra-watch done: UPDATE_COMPLETE/, from);
    assert.equal((await outputs('infra-watch'))['SyncMarker'], 'synced-2');

    const ended = await watch.stop('SIGINT');
    watch = undefined;
    assert.equal(ended.code, 0, ended.stderr);
    assert.match(ended.stdout, /Stopped watching\.\n$/);
  });

  it('--watch starts the local cloud again when it was killed, and deploys the next template change on it', async () => {
    const port = await freePort();
    const state = mkdtempSync(join(tmpdir(), 'sw-sync-infra-cloud-'));
    const own = ['--local-cloud-port', String(port), '--local-cloud-state-dir', state];
    const startedPids = (text: string) =>
      [...text.matchAll(/Started a local cloud .*\(pid (\d+),/g)].map((match) => Number(match[1]));
    const pids: number[] = [];
    try {
      watch = startCliIn(project, ['sync', '--watch', '--stack-name', 'infra-killed', ...own]);
      await watch.waitFor(/Watching \d+ folders for code and template changes/);
      pids.push(...startedPids(watch.output().stderr));
      assert.equal(pids.length, 1, watch.output().stderr);
      process.kill(pids[0]!, 'SIGKILL');
      while (await probeLocalCloud(`http://127.0.0.1:${port}`, 200)) await setTimeout(50);

      const templatePath = join(project, 'template.yaml');
      const from = watch.output().stdout.length;
      writeFileSync(
        templatePath,
        readFileSync(templatePath, 'utf8').replace(
          /^Outputs:\n/m,
          'Outputs:\n  SyncMarker:\n    Value: after-restart\n',
        ),
      );
      await watch.waitFor(new RegExp(`The local cloud at http://127.0.0.1:${port} stopped: starting it again`), from);
      await watch.waitFor(/Infrastructure sync of infra-killed done: UPDATE_COMPLETE/, from);
      const ended = await watch.stop('SIGINT');
      watch = undefined;
      pids.splice(0, pids.length, ...startedPids(ended.stderr));
      assert.equal(ended.code, 0, ended.stderr);
      assert.equal(pids.length, 2, 'one started again');
    } finally {
      for (const pid of pids) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // Already gone (the killed one).
        }
      }
      rmSync(state, { recursive: true, force: true });
    }
  });
});
