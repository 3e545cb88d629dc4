import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateWorkbench, eventually } from './workbench';

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
});
