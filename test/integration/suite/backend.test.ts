// Backends (issue #11) in a real VS Code: an AWS profile whose endpoint_url is the local cloud runs the same code as
// AWS would (profile files, region, endpoints, the SDK's credential providers), switching refreshes, and a dead
// endpoint is explained. The harness points AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE at files of the run.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import { activateWorkbench, eventually } from './workbench';

function writeProfiles(config: string, credentials: string): void {
  writeFileSync(process.env.AWS_CONFIG_FILE!, config);
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, credentials);
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('Backends: profiles, endpoints, switching (in a real VS Code)', () => {
  after(async () => {
    const api = await activateWorkbench();
    await api.backend.switchTo({ kind: 'localCloud' });
  });

  it('calls the local cloud through an AWS profile with endpoint_url, and switching back refreshes', async () => {
    const api = await activateWorkbench();
    const endpoint = await api.localCloud.ensureRunning();
    const deadPort = await closedPort();
    writeProfiles(
      `[profile via-profile]\nregion = eu-west-1\nendpoint_url = ${endpoint}\n\n` +
        `[profile dead]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:${deadPort}\n`,
      `[via-profile]\naws_access_key_id = test\naws_secret_access_key = test\n\n[dead]\naws_access_key_id = test\naws_secret_access_key = test\n`,
    );
    api.backend.sharedConfig.invalidate();
    const changes: string[] = [];
    const listener = api.backend.onDidChangeBackend((backend) => changes.push(backend.kind));
    try {
      await api.backend.switchTo({ kind: 'aws', profile: 'via-profile', region: undefined });
      assert.deepEqual(changes, ['aws'], 'one refresh for the switch, not one per setting written');
      const settings = vscode.workspace.getConfiguration('serverlessWorkbench');
      assert.equal(settings.inspect('backend')?.globalValue, 'aws');
      assert.equal(settings.inspect('aws.profile')?.globalValue, 'via-profile');

      const clientSettings = await api.backend.clientSettings('lambda');
      assert.equal(clientSettings.endpoint, endpoint);
      assert.equal(clientSettings.region, 'eu-west-1');
      assert.equal(typeof clientSettings.credentials, 'function', 'credentials come from the profile');
      const clients = await api.backend.loadClients();
      const lambda = await api.backend.lambda();
      try {
        const listed = await lambda.send(new clients.lambda.ListFunctionsCommand({}));
        assert.ok(Array.isArray(listed.Functions));
      } finally {
        lambda.destroy();
      }
      assert.equal(api.backend.describe(), 'AWS profile via-profile in eu-west-1');

      // A dead endpoint is explained, with what to do.
      await api.backend.switchTo({ kind: 'aws', profile: 'dead', region: undefined });
      const dead = await api.backend.lambda();
      const failure = await dead.send(new clients.lambda.ListFunctionsCommand({})).then(
        () => undefined,
        (error: unknown) => error,
      );
      dead.destroy();
      const explained = api.backend.explain(failure, 'Listing functions');
      assert.equal(explained.code, 'EndpointUnreachable');
      assert.match(explained.message, /AWS profile dead in eu-west-1/);

      await api.backend.switchTo({ kind: 'localCloud' });
      assert.deepEqual(changes, ['aws', 'aws', 'localCloud']);
      assert.equal(settings.inspect('backend')?.globalValue, undefined, 'the default is removed, not written');
      assert.equal(settings.inspect('aws.profile')?.globalValue, undefined);
    } finally {
      listener.dispose();
    }
  });

  it('follows settings edited by hand, and picks up profiles edited on disk', async () => {
    const api = await activateWorkbench();
    const endpoint = await api.localCloud.ensureRunning();
    writeProfiles(`[profile edited]\nregion = ap-south-1\nendpoint_url = ${endpoint}\n`, '');
    const settings = vscode.workspace.getConfiguration('serverlessWorkbench');
    await settings.update('aws.profile', 'edited', vscode.ConfigurationTarget.Global);
    await settings.update('backend', 'aws', vscode.ConfigurationTarget.Global);
    await eventually(
      () => api.backend.backend,
      (backend) => backend.kind === 'aws' && backend.profile === 'edited',
    );
    api.backend.sharedConfig.invalidate();
    assert.equal((await api.backend.resolveProfile())?.region, 'ap-south-1');
    writeProfiles(`[profile edited]\nregion = ca-central-1\nendpoint_url = ${endpoint}\n`, '');
    // The file watcher forgets the old text; the next resolution reads the new region.
    await eventually(
      async () => (await api.backend.resolveProfile())?.region,
      (region) => region === 'ca-central-1',
    );
    await settings.update('backend', undefined, vscode.ConfigurationTarget.Global);
    await settings.update('aws.profile', undefined, vscode.ConfigurationTarget.Global);
    await eventually(
      () => api.backend.backend.kind,
      (kind) => kind === 'localCloud',
    );
  });
});
