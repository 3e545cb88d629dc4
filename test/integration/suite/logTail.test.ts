// The Serverless Logs panel (issue #12) in a real VS Code: the sample app's UsersFunction deployed to the local
// cloud and invoked 20 times, tailed in the panel (its data model reports what it holds), a filter pattern applied
// by the service, local invokes streaming in, export, replay of a served invocation, the explorer's items and the
// Logs code lens.
import { strict as assert } from 'node:assert';
import { zipSync } from 'fflate';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/core/logs/logTailProtocol';
import type { ExplorerNode } from '../../../src/features/explorer/explorerNode';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

const DEPLOYED = 'hello-sam-UsersFunction-LOGS00TAIL01';

function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

async function snapshotWhen(accept: (snapshot: PanelSnapshot) => boolean, timeoutMs = 40_000): Promise<PanelSnapshot> {
  const api = await activateWorkbench();
  return eventually(() => api.logTail.snapshot(), accept, timeoutMs);
}

/** The child of an explorer node with this label. */
async function childNamed(node: ExplorerNode, label: string): Promise<ExplorerNode> {
  const children = (await node.getChildren?.()) ?? [];
  const labelOf = (candidate: ExplorerNode) => {
    const item = candidate.getTreeItem();
    return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  };
  const found = children.find((candidate) => labelOf(candidate) === label);
  assert.ok(found, `no ${label} under ${labelOf(node)}: ${children.map(labelOf).join(', ')}`);
  return found;
}

describe('Serverless Logs panel (in a real VS Code)', () => {
  let endpoint: string;
  const invoke = async (id: string) => {
    const answer = await fetch(`${endpoint}/2015-03-31/functions/${DEPLOYED}/invocations`, {
      method: 'POST',
      body: JSON.stringify({ pathParameters: { id } }),
    });
    assert.equal(answer.status, 200, await answer.text());
  };

  before(async () => {
    const api = await activateWorkbench();
    endpoint = await api.localCloud.ensureRunning();
    const code = await vscode.workspace.fs.readFile(fileUri('src/users/app.mjs'));
    const created = await fetch(`${endpoint}/2015-03-31/functions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        FunctionName: DEPLOYED,
        Runtime: 'nodejs20.x',
        Handler: 'app.handler',
        Architectures: ['arm64'],
        MemorySize: 256,
        Role: 'arn:aws:iam::123456789012:role/lambda',
        Code: { ZipFile: Buffer.from(zipSync({ 'app.mjs': code })).toString('base64') },
      }),
    });
    assert.equal(created.status, 201, await created.text());
  });
  after(async () => {
    const api = await activateWorkbench();
    api.logTail.stop();
    await fetch(`${endpoint}/2015-03-31/functions/${DEPLOYED}`, { method: 'DELETE' });
    await api.localCloud.stop();
  });

  it('tails a function invoked 20 times: 20 REPORT lines, 1 cold start, and the cost of arm64', async () => {
    const api = await activateWorkbench();
    await api.logTail.tail({ functionName: DEPLOYED });
    // Not invoked yet: the panel follows and waits for the log group to appear.
    await snapshotWhen((snapshot) => snapshot.status.state === 'following');
    for (let index = 0; index < 20; index++) await invoke(String(index));
    const snapshot = await snapshotWhen((current) => current.reportLines === 20);
    assert.equal(snapshot.coldStartLines, 1);
    assert.equal(snapshot.summary.invocations, 20);
    assert.equal(snapshot.summary.coldStarts, 1);
    assert.equal(snapshot.summary.errors, 0);
    assert.equal(snapshot.summary.cost.architecture, 'arm64');
    assert.ok(snapshot.summary.cost.total > 20 * 0.0000002, 'requests and duration are priced');
    assert.ok(snapshot.summary.durationP95Ms! >= snapshot.summary.durationP50Ms!);
    assert.equal(snapshot.status.transport, 'liveTail');
    assert.ok(snapshot.following);
    assert.ok(snapshot.renderedRows.some((row) => /Looking up user 19/.test(row)));
  });

  it('applies a CloudWatch filter pattern on the service and exports what it shows', async () => {
    const api = await activateWorkbench();
    await api.logTail.tail({
      functionName: DEPLOYED,
      filterPattern: '"Looking up user" -"user 1"',
      startTime: '1 hour ago',
    });
    const snapshot = await snapshotWhen((current) => current.status.state === 'following' && current.lines > 0);
    // Users 0..19 minus those whose id starts with 1 (1, 10..19): 0 and 2..9.
    assert.equal(snapshot.lines, 9);
    const target = vscode.Uri.joinPath(workspaceRoot(), 'exported-logs.json');
    await vscode.commands.executeCommand('serverlessWorkbench.logs.export', 'json', target);
    const exported = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target))) as Array<{
      function: string;
      message: string;
    }>;
    await vscode.workspace.fs.delete(target);
    assert.equal(exported.length, 9);
    assert.ok(exported.every((line) => line.function === DEPLOYED && /Looking up user [02-9]/.test(line.message)));
  });

  it('says clearly when a function does not exist, in the panel and in the error', async () => {
    const api = await activateWorkbench();
    await assert.rejects(
      api.logTail.tail({ functionName: 'no-such-function' }),
      /No function no-such-function in the local cloud/,
    );
    const snapshot = await snapshotWhen((current) => current.status.state === 'error');
    assert.match(snapshot.status.text, /No function no-such-function/);
  });

  it('streams local invokes into the panel, marked local', async () => {
    const api = await activateWorkbench();
    await api.logTail.tail({ functionName: DEPLOYED });
    await api.invoke.invokeLocally({ templateUri: fileUri('template.yaml').toString(), logicalId: 'UsersFunction' });
    const snapshot = await snapshotWhen((current) => current.localLines >= 4);
    assert.ok(snapshot.renderedRows.some((row) => /local/.test(row)));
  });

  it('replays an invocation the local cloud served through the local runtime', async () => {
    const api = await activateWorkbench();
    const logs = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.FilterLogEvents' },
      body: JSON.stringify({ logGroupName: `/aws/lambda/${DEPLOYED}`, filterPattern: '"Looking up user 7"' }),
    });
    const [event] = ((await logs.json()) as { events: Array<{ message: string }> }).events;
    const requestId = event!.message.split('\t')[1]!;
    const outcome = (await api.logTail.replay({ requestId, source: DEPLOYED, debug: false })) as { payload: string };
    const body = JSON.parse((JSON.parse(outcome.payload) as { body: string }).body) as { id: string };
    assert.equal(body.id, '7');
  });

  it('tails from the Deployed tree: a function and its $LATEST (their Tail Logs menu item)', async () => {
    const api = await activateWorkbench();
    const extension = vscode.extensions.getExtension('serverless-workbench.serverless-workbench')!;
    const menus = (
      extension.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when: string }>> } }
    ).contributes.menus['view/item/context']!;
    const when = menus.find((entry) => entry.command === 'serverlessWorkbench.deployed.tailLogs')!.when;
    const itemPattern = new RegExp(/viewItem =~ \/(.*)\/$/.exec(when)![1]!);
    api.explorer.deployed.refresh();
    const all = await childNamed(api.explorer.deployed.root, 'All functions');
    const fn = await childNamed(all, DEPLOYED);
    const latest = await childNamed(fn, '$LATEST');
    for (const node of [fn, latest]) {
      assert.match(String(node.getTreeItem().contextValue), itemPattern, 'the item offers Tail Logs');
      await vscode.commands.executeCommand('serverlessWorkbench.deployed.tailLogs', node);
      const snapshot = await snapshotWhen((current) => current.reportLines >= 20);
      assert.equal(snapshot.summary.coldStarts >= 1, true);
    }
    api.logTail.stop();
  });

  it('starts again where it stopped: what was logged meanwhile arrives, and nothing twice', async () => {
    const api = await activateWorkbench();
    await api.logTail.tail({ functionName: DEPLOYED });
    const following = await snapshotWhen(
      (current) => current.status.state === 'following' && current.reportLines >= 20,
    );
    api.logTail.stop();
    await snapshotWhen((current) => current.status.state === 'stopped');
    for (const id of ['gap-0', 'gap-1']) await invoke(id);
    await api.logTail.resume();
    // A warm invocation logs four lines: START, the handler's, END, REPORT. The resumed read overlaps the last
    // seconds already shown; none of those lines may come again.
    const resumed = await snapshotWhen((current) => current.reportLines === following.reportLines + 2);
    assert.equal(resumed.lines, following.lines + 2 * 4);
    assert.equal(resumed.status.state, 'following');
    await invoke('after-resume');
    const later = await snapshotWhen((current) => current.reportLines === following.reportLines + 3);
    assert.equal(later.lines, following.lines + 3 * 4);
    api.logTail.stop();
  });

  it('offers a Logs lens above each function that tails its deployed copy', async () => {
    const api = await activateWorkbench();
    const document = await vscode.workspace.openTextDocument(fileUri('template.yaml'));
    const lenses = await eventually(
      async () =>
        await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
      (found) => found.some((lens) => lens.command?.command === 'serverlessWorkbench.logs.tail'),
    );
    const lens = lenses.find(
      (candidate) =>
        candidate.command?.command === 'serverlessWorkbench.logs.tail' &&
        (candidate.command.arguments?.[0] as { logicalId: string }).logicalId === 'UsersFunction',
    )!;
    await vscode.commands.executeCommand(lens.command!.command, lens.command!.arguments?.[0] as unknown);
    const snapshot = await snapshotWhen((current) => current.reportLines >= 20);
    assert.equal(snapshot.summary.invocations >= 20, true);
    api.logTail.stop();
    await snapshotWhen((current) => current.status.state === 'stopped');
  });
});
