import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAliasCommand } from '@aws-sdk/client-lambda';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { repoRoot } from '../../support/paths';
import { probeLocalCloud } from '../../../src/localcloud/localCloudHealth';
import { freePort, runCliIn, startCliIn, type RunningCli } from './cliRunner';

describe('serverless-workbench sync --code --watch (against the local cloud)', function () {
  this.timeout(120000);
  let harness: LocalCloudHarness;
  let project: string;
  let watch: RunningCli | undefined;
  before(async () => {
    harness = await startHarness();
    project = mkdtempSync(join(tmpdir(), 'sw-sync-watch-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  afterEach(function () {
    // A watch that never printed what a test waited for: its output says why.
    if (this.currentTest?.state === 'failed' && watch) console.error(watch.output());
  });
  after(async () => {
    await watch?.stop('SIGKILL');
    rmSync(project, { recursive: true, force: true });
    await harness.stop();
  });

  it('syncs each code change until Ctrl+C, follows the template, reports a failed sync and goes on', async () => {
    const endpoint = ['--endpoint-url', harness.cloud.endpoint];
    const deployed = await runCliIn(project, ['deploy', '--stack-name', 'watch-hello', ...endpoint]);
    assert.equal(deployed.code, 0, deployed.stderr);
    watch = startCliIn(project, ['sync', '--code', '--watch', '--stack-name', 'watch-hello', ...endpoint]);
    await watch.waitFor(/Watching 3 folders for code changes \(Ctrl\+C to stop\)/);
    assert.match(watch.output().stdout, /UsersFunction\s+\S+: unchanged/, 'one sync first');

    // A handler edit: synced, a version published and the alias moved to it.
    const handler = join(project, 'src', 'users', 'app.mjs');
    let from = watch.output().stdout.length;
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 200', 'statusCode: 298'));
    const updated = await watch.waitFor(/UsersFunction\s+(\S+): updated, version (\d+), alias live/, from);
    assert.match(watch.output().stdout.slice(from), /^Changed: UsersFunction$/m);
    assert.doesNotMatch(watch.output().stdout.slice(from), /OrderProcessorFunction/, 'only the changed function');
    const alias = await harness.lambda.send(new GetAliasCommand({ FunctionName: updated[1], Name: 'live' }));
    assert.equal(alias.FunctionVersion, updated[2]);

    // The template names a function the stack does not have: that sync fails with the reason, the watch goes on.
    const templatePath = join(project, 'template.yaml');
    const template = readFileSync(templatePath, 'utf8');
    from = watch.output().stdout.length;
    const errorsFrom = watch.output().stderr.length;
    writeFileSync(templatePath, template.replace(/^ {2}UsersFunction:/m, '  RenamedFunction:'));
    await watch.waitFor(/The template changed: watching its code folders again/, from);
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 298', 'statusCode: 297'));
    await watch.waitFor(/Error: RenamedFunction is not a function of the stack watch-hello/, errorsFrom, 'stderr');

    writeFileSync(templatePath, template);
    from = watch.output().stdout.length;
    await watch.waitFor(/The template changed/, from);
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 297', 'statusCode: 296'));
    const again = await watch.waitFor(/UsersFunction\s+\S+: updated, version (\d+)/, from);
    assert.ok(Number(again[1]) > Number(updated[2]), 'a newer version');

    const ended = await watch.stop('SIGINT');
    watch = undefined;
    assert.equal(ended.code, 0, ended.stderr);
    assert.match(ended.stdout, /Stopped watching\.\n$/);
  });

  it('starts the local cloud again when it was killed during the watch, and syncs on it', async () => {
    const port = await freePort();
    const state = mkdtempSync(join(tmpdir(), 'sw-sync-watch-cloud-'));
    const own = ['--local-cloud-port', String(port), '--local-cloud-state-dir', state];
    const pids: number[] = [];
    const startedPid = (text: string) =>
      [...text.matchAll(/Started a local cloud .*\(pid (\d+),/g)].map((m) => Number(m[1]));
    try {
      const deployed = await runCliIn(project, ['deploy', '--stack-name', 'killed-hello', ...own]);
      pids.push(...startedPid(deployed.stderr));
      assert.equal(deployed.code, 0, deployed.stderr);
      assert.equal(pids.length, 1, deployed.stderr);
      watch = startCliIn(project, ['sync', '--code', '--watch', '--stack-name', 'killed-hello', ...own]);
      await watch.waitFor(/Watching \d+ folders/);

      process.kill(pids[0]!, 'SIGKILL');
      while (await probeLocalCloud(`http://127.0.0.1:${port}`, 200)) await new Promise((done) => setTimeout(done, 50));
      const from = watch.output().stdout.length;
      const handler = join(project, 'src', 'users', 'app.mjs');
      writeFileSync(handler, readFileSync(handler, 'utf8').replace(/statusCode: \d+/, 'statusCode: 295'));
      await watch.waitFor(new RegExp(`The local cloud at http://127.0.0.1:${port} stopped: starting it again`), from);
      await watch.waitFor(/UsersFunction\s+\S+: updated, version \d+, alias live/, from);
      const ended = await watch.stop('SIGINT');
      watch = undefined;
      pids.push(...startedPid(ended.stderr));
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
