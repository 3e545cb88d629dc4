// The local cloud killed in the middle of a deploy (the stack updating, UsersFunction's alias under its canary): the
// deploy says what happened and exits 1; started again, the local cloud rolls the interrupted update back, the old
// code still answers, and the next deploy finds the uploaded code and the same change to make.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { startLocalCloudProcess, type LocalCloudProcess } from '../../../src/localcloud/localCloudProcess';
import { clientConfig } from '../../support/localCloudHarness';
import { repoRoot } from '../../support/paths';
import { freePort, runCliIn, startCliIn } from './cliRunner';

describe('serverless-workbench deploy when the local cloud is killed mid-deploy', function () {
  this.timeout(180000);
  let project: string;
  let state: string;
  let cloud: LocalCloudProcess | undefined;
  const start = async (port: number) =>
    startLocalCloudProcess({
      entryPoint: join(repoRoot, 'src', 'localcloud', 'main.ts'),
      nodeArguments: ['--import', pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href],
      stateDirectory: state,
      port,
      readyTimeoutMs: 60000,
    });
  before(() => {
    project = mkdtempSync(join(tmpdir(), 'sw-deploy-killed-'));
    state = mkdtempSync(join(tmpdir(), 'sw-deploy-killed-cloud-'));
    cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
    rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  });
  after(async () => {
    await cloud?.stop();
    rmSync(project, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  });

  it('says the local cloud stopped, exits 1, and loses nothing: rolled back on restart, old code serving, upload kept', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    cloud = await start(port);
    // The local cloud's own flags: the deploy finds the one started here (as it finds the extension's).
    const flags = [
      '--stack-name',
      'killed-mid-deploy',
      '--local-cloud-port',
      String(port),
      '--local-cloud-state-dir',
      state,
    ];
    const created = await runCliIn(project, ['deploy', ...flags]);
    assert.equal(created.code, 0, created.stderr + created.stdout);
    const servedUrl = /API URLs as this backend serves them[\s\S]*UsersApiUrl\s+(\S+)/.exec(created.stdout)?.[1];
    assert.ok(servedUrl, created.stdout);
    const before = await (await fetch(`${servedUrl}1`)).text();

    // A handler change: UsersFunction's alias moves under Canary10Percent5Minutes (real time: five minutes), so the
    // stack is still updating when the local cloud is killed.
    const handler = join(project, 'src', 'users', 'app.mjs');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 200', 'statusCode: 200, changed: 1'));
    const update = startCliIn(project, ['deploy', ...flags]);
    await update.waitFor(/UPDATE_IN_PROGRESS\s+AWS::Lambda::Alias\s+UsersFunctionAliaslive/);
    const uploaded = /Uploaded (\S+) \(/.exec(update.output().stdout)?.[1];
    assert.ok(uploaded, update.output().stdout);
    process.kill(cloud.pid, 'SIGKILL');
    await cloud.exited;
    cloud = undefined;
    const ended = await update.ended;
    assert.equal(ended.code, 1, ended.stdout + ended.stderr);
    assert.match(
      ended.stderr,
      new RegExp(
        `^Error: The deploy of killed-mid-deploy was cut off: local cloud \\(${endpoint}\\) stopped answering ` +
          `while the stack was being updated \\(ECONN\\w+\\)$`,
        'm',
      ),
    );
    assert.match(
      ended.stderr,
      /^Hint: The local cloud keeps its state: .* rolls the interrupted change of killed-mid-deploy back/m,
    );

    // Started again on its state: the interrupted update rolls back, the stack keeps serving the old code.
    cloud = await start(port);
    const cloudFormation = new CloudFormationClient(clientConfig(endpoint));
    try {
      let status: string | undefined;
      for (let attempt = 0; attempt < 600; attempt++) {
        const stacks = await cloudFormation.send(new DescribeStacksCommand({ StackName: 'killed-mid-deploy' }));
        status = stacks.Stacks?.[0]?.StackStatus;
        if (status && !status.endsWith('_IN_PROGRESS')) break;
        await new Promise((done) => setTimeout(done, 100));
      }
      assert.equal(status, 'UPDATE_ROLLBACK_COMPLETE');
    } finally {
      cloudFormation.destroy();
    }
    assert.equal(
      await (await fetch(`${servedUrl}1`)).text().then((text) => text.replace(/"requestId":"[^"]+"/, '')),
      before.replace(/"requestId":"[^"]+"/, ''),
    );

    // The next deploy finds the code it uploaded and the same change to make.
    const again = await runCliIn(project, ['deploy', ...flags, '--no-execute-changeset']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /\* Modify\s+UsersFunction\s+AWS::Lambda::Function/);
    assert.ok(again.stdout.includes(`: ${uploaded}, skipping upload`), again.stdout);
  });
});
