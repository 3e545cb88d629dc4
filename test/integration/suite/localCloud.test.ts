import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startLocalCloudProcess } from '../../../src/localcloud/localCloudProcess';
import { activateWorkbench, eventually, EXTENSION_ID } from './workbench';

describe('Local cloud (in a real VS Code)', () => {
  after(async () => {
    const api = await activateWorkbench();
    await api.localCloud.stop();
  });

  it('starts on demand, answers on 127.0.0.1, and stops', async () => {
    const api = await activateWorkbench();
    const endpoint = await api.localCloud.ensureRunning();
    assert.match(endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const health = (await (await fetch(`${endpoint}/_localcloud/health`)).json()) as { services: string[] };
    assert.ok(health.services.includes('lambda'));
    const state = api.localCloud.state;
    assert.equal(state.kind, 'running');
    await vscode.commands.executeCommand('serverlessWorkbench.localCloud.stop');
    assert.equal(api.localCloud.state.kind, 'stopped');
    await assert.rejects(fetch(`${endpoint}/_localcloud/health`));
  });

  it('notices when the local cloud is killed and starts a new one on next use', async () => {
    const api = await activateWorkbench();
    await api.localCloud.ensureRunning();
    const before = api.localCloud.state;
    assert.ok(before.kind === 'running' && before.pid);
    process.kill(before.pid, 'SIGKILL');
    await eventually(
      () => api.localCloud.state.kind,
      (kind) => kind === 'failed',
    );
    const endpoint = await api.localCloud.ensureRunning();
    const after = api.localCloud.state;
    assert.ok(after.kind === 'running' && after.pid !== before.pid);
    assert.equal((await fetch(`${endpoint}/_localcloud/health`)).status, 200);
  });

  it('shows a local cloud that npm start runs before first use, and notices when it stops', async () => {
    const api = await activateWorkbench();
    await api.localCloud.stop();
    const stateDirectory = mkdtempSync(join(tmpdir(), 'sw-npm-start-cloud-'));
    const external = await startLocalCloudProcess({
      entryPoint: join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'localcloud.js'),
      stateDirectory,
      startedBy: 'npm start',
    });
    const settings = vscode.workspace.getConfiguration('serverlessWorkbench.localCloud');
    try {
      // As npm start does: the profile's settings name the port of the local cloud it runs.
      await settings.update('port', external.port, vscode.ConfigurationTarget.Global);
      const found = await eventually(
        () => api.localCloud.state,
        (state) => state.kind === 'running',
      );
      assert.deepEqual(found, {
        kind: 'running',
        endpoint: external.endpoint,
        port: external.port,
        pid: external.pid,
        owned: false,
        startedBy: 'npm start',
      });
      await external.stop();
      await eventually(
        () => api.localCloud.state.kind,
        (kind) => kind === 'stopped',
      );
    } finally {
      await settings.update('port', undefined, vscode.ConfigurationTarget.Global);
      await external.stop();
      rmSync(stateDirectory, { recursive: true, force: true });
    }
  });
});
