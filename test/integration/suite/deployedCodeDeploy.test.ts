// An alias under a CodeDeploy deployment in the Deployed tree (issue #11), in a real VS Code against the local
// cloud's CodeDeploy: a canary (10 % for 5 minutes, real time) moving `live` from version 1 to 2 shows under the alias
// with its step and status, is polled, and "Stop Deployment and Roll Back" sends all traffic back to version 1.
import { strict as assert } from 'node:assert';
import { zipSync } from 'fflate';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/features/explorer/explorerNode';
import { activateWorkbench, eventually } from './workbench';

function label(node: ExplorerNode): string {
  const item = node.getTreeItem();
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function description(node: ExplorerNode): string {
  const value = node.getTreeItem().description;
  return typeof value === 'string' ? value : '';
}

async function children(node: ExplorerNode): Promise<ExplorerNode[]> {
  return (await node.getChildren?.()) ?? [];
}

async function child(node: ExplorerNode, prefix: string): Promise<ExplorerNode> {
  const all = await children(node);
  const found = all.find((candidate) => label(candidate) === prefix || label(candidate).startsWith(`${prefix} →`));
  assert.ok(found, `no ${prefix} under ${label(node)}: ${all.map(label).join(', ')}`);
  return found;
}

function handler(version: number): Uint8Array {
  return zipSync({ 'index.js': new TextEncoder().encode(`exports.handler = async () => ${version};\n`) });
}

describe('Deployed tree: an alias under a CodeDeploy deployment (in a real VS Code, local cloud)', () => {
  const functionName = `canary-fn-${Date.now()}`;
  let api: WorkbenchApi;
  let deploymentId: string | undefined;

  before(async () => {
    api = await activateWorkbench();
    await api.backend.switchTo({ kind: 'localCloud' });
    // The view shows, so the tree polls the deployment (polls pause while it is hidden).
    await vscode.commands.executeCommand('serverlessWorkbench.explorer.focus');
    const clients = await api.backend.loadClients();
    const lambda = await api.backend.lambda();
    const codeDeploy = await api.backend.codeDeploy();
    try {
      const { lambda: sdk, codedeploy } = clients;
      await lambda.send(
        new sdk.CreateFunctionCommand({
          FunctionName: functionName,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/canary',
          Handler: 'index.handler',
          Code: { ZipFile: handler(1) },
        }),
      );
      await lambda.send(new sdk.PublishVersionCommand({ FunctionName: functionName }));
      await lambda.send(new sdk.UpdateFunctionCodeCommand({ FunctionName: functionName, ZipFile: handler(2) }));
      await lambda.send(new sdk.PublishVersionCommand({ FunctionName: functionName }));
      await lambda.send(new sdk.CreateAliasCommand({ FunctionName: functionName, Name: 'live', FunctionVersion: '1' }));
      const applicationName = `${functionName}-app`;
      await codeDeploy.send(new codedeploy.CreateApplicationCommand({ applicationName, computePlatform: 'Lambda' }));
      await codeDeploy.send(
        new codedeploy.CreateDeploymentGroupCommand({
          applicationName,
          deploymentGroupName: 'live',
          serviceRoleArn: 'arn:aws:iam::123456789012:role/codedeploy',
          deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
          deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
        }),
      );
      const appSpec = {
        version: 0.0,
        Resources: [
          {
            Target: {
              Type: 'AWS::Lambda::Function',
              Properties: { Name: functionName, Alias: 'live', CurrentVersion: '1', TargetVersion: '2' },
            },
          },
        ],
      };
      const created = await codeDeploy.send(
        new codedeploy.CreateDeploymentCommand({
          applicationName,
          deploymentGroupName: 'live',
          revision: { revisionType: 'AppSpecContent', appSpecContent: { content: JSON.stringify(appSpec) } },
        }),
      );
      deploymentId = created.deploymentId;
    } finally {
      lambda.destroy();
      codeDeploy.destroy();
    }
  });

  async function functionNode(): Promise<ExplorerNode> {
    return child(await child(api.explorer.deployed.root, 'All functions'), functionName);
  }

  it('shows the deployment under the alias with its step, share and status, and polls the function', async () => {
    const alias = await eventually(
      async () => {
        api.explorer.deployed.refresh();
        return child(await functionNode(), 'live');
      },
      (node) => label(node) === 'live → 1 (90 %), 2 (10 %)',
    );
    assert.equal(description(alias), 'deploying 1 → 2');
    assert.equal(alias.getTreeItem().collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const [deployment] = await children(alias);
    assert.ok(deployment, 'the deployment shows under the alias');
    assert.equal(label(deployment), 'Deployment 1 → 2');
    assert.match(description(deployment), /^step 1 of 2 · 10 % on the new version · ~\d+ (s|min) left · in progress$/);
    assert.equal(deployment.getTreeItem().contextValue, 'deployedDeployment:active');
    const tooltip = deployment.getTreeItem().tooltip;
    assert.equal(typeof tooltip, 'string');
    assert.match(tooltip as string, new RegExp(`CodeDeploy deployment ${deploymentId!}`));
    assert.match(tooltip as string, /CodeDeployDefault\.LambdaCanary10Percent5Minutes/);
    assert.ok(
      api.explorer.deployed.watching.some((id) => id.endsWith(`/fn:${functionName}`)),
      `the function is polled: ${api.explorer.deployed.watching.join(', ')}`,
    );
    const name = await vscode.commands.executeCommand<string>('serverlessWorkbench.deployed.copyName', deployment);
    assert.equal(name, deploymentId);
  });

  it('stops the deployment with rollback: the alias serves version 1 again and the poll ends', async () => {
    const alias = await child(await functionNode(), 'live');
    const [deployment] = await children(alias);
    const stopped = await vscode.commands.executeCommand<boolean>(
      'serverlessWorkbench.deployed.stopDeployment',
      deployment,
      true,
    );
    assert.equal(stopped, true);
    const rows = await eventually(
      async () => (await children(await functionNode())).map(label),
      (labels) => labels[0] === 'live → 1',
    );
    assert.deepEqual(rows, ['live → 1', '$LATEST', '1', '2']);
    assert.deepEqual(await children(await child(await functionNode(), 'live')), [], 'no deployment under it');
    const clients = await api.backend.loadClients();
    const codeDeploy = await api.backend.codeDeploy();
    try {
      const info = await codeDeploy.send(new clients.codedeploy.GetDeploymentCommand({ deploymentId: deploymentId! }));
      assert.equal(info.deploymentInfo?.status, 'Stopped');
    } finally {
      codeDeploy.destroy();
    }
    await eventually(
      () => api.explorer.deployed.watching.filter((id) => id.endsWith(`/fn:${functionName}`)),
      (watching) => watching.length === 0,
      15_000,
    );
  });
});
