// The Deployed tree (issue #11) in a real VS Code against the local cloud: functions, versions, aliases with their
// routing, paging, and error items for a dead endpoint. Nodes are read through the same provider VS Code renders.
import { strict as assert } from 'node:assert';
import { zipSync } from 'fflate';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/features/explorer/explorerNode';
import { activateWorkbench } from './workbench';

/** A node's label and description as the tree shows them. */
function render(node: ExplorerNode): { label: string; description: string } {
  const item = node.getTreeItem();
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return { label, description: typeof item.description === 'string' ? item.description : '' };
}

async function childrenOf(node: ExplorerNode): Promise<ExplorerNode[]> {
  return (await node.getChildren?.()) ?? [];
}

async function child(node: ExplorerNode, label: string | RegExp): Promise<ExplorerNode> {
  const children = await childrenOf(node);
  const found = children.find((candidate) =>
    typeof label === 'string' ? render(candidate).label === label : label.test(render(candidate).label),
  );
  assert.ok(
    found,
    `no child ${String(label)} under ${render(node).label}: ${children.map((c) => render(c).label).join(', ')}`,
  );
  return found;
}

async function lambdaClient(api: WorkbenchApi) {
  const clients = await api.backend.loadClients();
  return { clients, lambda: await api.backend.lambda() };
}

const echo = zipSync({ 'index.js': new TextEncoder().encode('exports.handler = async (event) => event;\n') });

describe('Deployed tree (in a real VS Code, local cloud)', () => {
  const functionName = `tree-fn-${Date.now()}`;

  before(async () => {
    const api = await activateWorkbench();
    await api.backend.switchTo({ kind: 'localCloud' });
    const { clients, lambda } = await lambdaClient(api);
    const { lambda: sdk } = clients;
    try {
      await lambda.send(
        new sdk.CreateFunctionCommand({
          FunctionName: functionName,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::000000000000:role/tree',
          Handler: 'index.handler',
          Code: { ZipFile: echo },
        }),
      );
      await lambda.send(new sdk.PublishVersionCommand({ FunctionName: functionName, Description: 'first' }));
      await lambda.send(
        new sdk.UpdateFunctionConfigurationCommand({
          FunctionName: functionName,
          Environment: { Variables: { VERSION: '2' } },
        }),
      );
      await lambda.send(new sdk.PublishVersionCommand({ FunctionName: functionName, Description: 'second' }));
      await lambda.send(new sdk.CreateAliasCommand({ FunctionName: functionName, Name: 'live', FunctionVersion: '1' }));
      await lambda.send(
        new sdk.CreateAliasCommand({
          FunctionName: functionName,
          Name: 'canary',
          FunctionVersion: '1',
          RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
        }),
      );
    } finally {
      lambda.destroy();
    }
  });

  it('has a Workspace and a Deployed root; Deployed names the backend', async () => {
    const api = await activateWorkbench();
    await vscode.commands.executeCommand('serverlessWorkbench.deployed.refresh');
    const deployed = api.explorer.deployed.root.getTreeItem();
    assert.equal(deployed.label, 'Deployed');
    assert.equal(deployed.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'nothing fetched until opened');
    assert.match(String(deployed.description), /local cloud/);
  });

  it('lists a function with its aliases (routing included), $LATEST and versions', async () => {
    const api = await activateWorkbench();
    const root = api.explorer.deployed.root;
    api.explorer.deployed.refresh();
    const all = await child(root, 'All functions');
    const fn = await child(all, functionName);
    const rows = (await childrenOf(fn)).map(render);
    assert.deepEqual(
      rows.map((row) => row.label),
      ['canary → 1 (90 %), 2 (10 %)', 'live → 1', '$LATEST', '1', '2'],
    );
    assert.match(rows[3]!.description, /^first · just now · \d+ B$/);
    assert.match(rows[4]!.description, /^second · /);
  });

  it('pages long lists with a "Load more" item', async () => {
    const api = await activateWorkbench();
    const { clients, lambda } = await lambdaClient(api);
    try {
      for (let index = 0; index < 3; index++) {
        await lambda.send(
          new clients.lambda.CreateFunctionCommand({
            FunctionName: `tree-page-${index}-${functionName}`,
            Runtime: 'nodejs20.x',
            Role: 'arn:aws:iam::000000000000:role/tree',
            Handler: 'index.handler',
            Code: { ZipFile: echo },
          }),
        );
      }
    } finally {
      lambda.destroy();
    }
    const context = api.explorer.deployed.nodeContext;
    const pageSize = context.pageSize;
    context.pageSize = 2;
    try {
      api.explorer.deployed.refresh();
      const all = await child(api.explorer.deployed.root, 'All functions');
      const first = await childrenOf(all);
      assert.equal(first.length, 3, 'two functions and Load more');
      const more = first[2]!;
      assert.equal(render(more).label, 'Load more…');
      await vscode.commands.executeCommand('serverlessWorkbench.deployed.loadMore', more);
      const second = await childrenOf(all);
      const labels = second.map((node) => render(node).label).filter((label) => label !== 'Load more…');
      assert.equal(labels.length, 4, 'two more functions');
      assert.equal(new Set(labels).size, 4, 'no function twice');
      assert.deepEqual(second.slice(0, 2), first.slice(0, 2), 'loaded nodes are kept (their expansion too)');
    } finally {
      context.pageSize = pageSize;
    }
  });

  it('shows an error item with an action when the endpoint is dead, never an exception', async () => {
    const api = await activateWorkbench();
    await api.backend.switchTo({ kind: 'endpoint', url: 'http://127.0.0.1:9', region: undefined });
    try {
      const rows = (await childrenOf(api.explorer.deployed.root)).map((node) => ({
        ...render(node),
        command: node.getTreeItem().command?.command,
      }));
      assert.deepEqual(rows[0], {
        label: 'The endpoint does not answer',
        description: 'Switch backend or profile',
        command: 'serverlessWorkbench.backend.switch',
      });
      assert.equal(rows[1]?.label, 'All functions');
    } finally {
      await api.backend.switchTo({ kind: 'localCloud' });
    }
  });
});
