// Runs first (suites run in file name order): what activation does and, above all, does not do.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateWorkbench, recordMetric } from './workbench';

describe('Activation (in a real VS Code)', () => {
  it('activates because the workspace contains a template', async () => {
    const api = await activateWorkbench();
    assert.ok(api.activationMs > 0);
    recordMetric('activate() in the extension host (ms)', api.activationMs);
    const extension = vscode.extensions.getExtension('serverless-workbench.serverless-workbench');
    assert.equal(extension?.isActive, true);
    // The AWS SDK is a separate bundle loaded by the first remote feature, never at activation.
    const loaded = Object.keys(require.cache).filter((file) => file.includes('serverless-workbench'));
    assert.ok(
      loaded.some((file) => file.endsWith('extension.js')),
      loaded.join(', '),
    );
    assert.ok(!loaded.some((file) => file.endsWith('awsClients.js')), loaded.join(', '));
  });

  it('makes no network call before a remote node is expanded: no SDK, no local cloud', async () => {
    const api = await activateWorkbench();
    // The backend status bar item is rendered; the Serverless view may be open: still nothing remote happened.
    assert.equal(api.localCloud.state.kind, 'stopped');
    const loaded = Object.keys(require.cache).filter((file) => file.endsWith('awsClients.js'));
    assert.deepEqual(loaded, []);
  });
});
