// The Deployed tree with a real stack (issue #11): the sample app deployed to the local cloud's CloudFormation, its
// resources grouped, links to the template both ways, and the actions (invoke at a qualifier, publish, shift
// traffic, roll back, create an alias, events, parameters, copy, delete) changing what the tree shows.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { ArtifactUploader } from '../../../src/core/deploy/artifactUploader';
import { packageTemplate } from '../../../src/core/deploy/packageTemplate';
import { createS3ArtifactStore } from '../../../src/core/deploy/s3ArtifactStore';
import { serializeTemplate } from '../../../src/core/deploy/templateFile';
import type { WorkbenchApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/features/explorer/explorerNode';
import type { InvokeOutcome } from '../../../src/features/invoke/invokeFeature';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

const STACK = 'hello-sam';

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

async function child(node: ExplorerNode, name: string): Promise<ExplorerNode> {
  const all = await children(node);
  const found = all.find((candidate) => label(candidate) === name || label(candidate).startsWith(`${name} →`));
  assert.ok(found, `no ${name} under ${label(node)}: ${all.map(label).join(', ')}`);
  return found;
}

/**
 * Packages the sample app into the local S3 and deploys it with a change set, as `sam deploy` would: a CREATE waits
 * for CREATE_COMPLETE; an UPDATE returns once it runs (a gradual deployment keeps it in progress).
 */
async function deploySampleApp(api: WorkbenchApi, type: 'CREATE' | 'UPDATE' = 'CREATE'): Promise<void> {
  const clients = await api.backend.loadClients();
  const settings = await api.backend.clientSettings('s3');
  const s3 = await api.backend.s3();
  const cloudFormation = await api.backend.cloudFormation();
  const bucket = 'sw-deployed-tree-artifacts';
  const changeSet = type === 'CREATE' ? 'initial' : `update-${Date.now()}`;
  try {
    await s3.send(new clients.s3.CreateBucketCommand({ Bucket: bucket })).catch(() => undefined);
    const store = createS3ArtifactStore({ clients, s3, bucket, region: settings.region, endpoint: settings.endpoint });
    const packaged = await packageTemplate(join(workspaceRoot().fsPath, 'template.yaml'), new ArtifactUploader(store));
    const { cloudformation: cfn } = clients;
    await cloudFormation.send(
      new cfn.CreateChangeSetCommand({
        StackName: STACK,
        ChangeSetName: changeSet,
        ChangeSetType: type,
        TemplateBody: serializeTemplate(packaged.template, packaged.format),
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }),
    );
    await eventually(
      async () =>
        (await cloudFormation.send(new cfn.DescribeChangeSetCommand({ StackName: STACK, ChangeSetName: changeSet })))
          .Status,
      (status) => status === 'CREATE_COMPLETE' || status === 'FAILED',
    ).then((status) => assert.equal(status, 'CREATE_COMPLETE'));
    await cloudFormation.send(new cfn.ExecuteChangeSetCommand({ StackName: STACK, ChangeSetName: changeSet }));
    if (type === 'UPDATE') return;
    await eventually(
      async () => stackStatus(api),
      (status) => status === 'CREATE_COMPLETE' || Boolean(status?.endsWith('FAILED')) || status === 'ROLLBACK_COMPLETE',
      60_000,
    ).then((status) => assert.equal(status, 'CREATE_COMPLETE'));
  } finally {
    s3.destroy();
    cloudFormation.destroy();
  }
}

async function stackStatus(api: WorkbenchApi): Promise<string | undefined> {
  const clients = await api.backend.loadClients();
  const cloudFormation = await api.backend.cloudFormation();
  try {
    const answer = await cloudFormation.send(new clients.cloudformation.DescribeStacksCommand({ StackName: STACK }));
    return answer.Stacks?.[0]?.StackStatus;
  } finally {
    cloudFormation.destroy();
  }
}

describe('Deployed tree with a stack (in a real VS Code, local cloud CloudFormation)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = await activateWorkbench();
    await api.backend.switchTo({ kind: 'localCloud' });
    await deploySampleApp(api);
    api.explorer.deployed.refresh();
  });

  after(async () => {
    // The invoke suite expects hello-sam not to be deployed: delete it whatever happened here.
    const clients = await api.backend.loadClients();
    const cloudFormation = await api.backend.cloudFormation();
    await cloudFormation
      .send(new clients.cloudformation.DeleteStackCommand({ StackName: STACK }))
      .finally(() => cloudFormation.destroy());
  });

  async function stackNode(): Promise<ExplorerNode> {
    return child(api.explorer.deployed.root, STACK);
  }

  async function usersFunction(): Promise<ExplorerNode> {
    return child(await child(await stackNode(), 'Functions'), 'UsersFunction');
  }

  it('lists the stack with its status and its resources grouped by kind', async () => {
    const stack = await stackNode();
    assert.match(description(stack), /^create complete · just now$/);
    const groups = (await children(stack)).map((node) => `${label(node)} ${description(node)}`);
    assert.deepEqual(groups.slice(0, 3), ['Functions 2', 'APIs 1', 'Queues 1']);
    assert.match(groups.at(-1) ?? '', /^Other resources \d+$/);
    const functions = await child(stack, 'Functions');
    assert.deepEqual((await children(functions)).map(label), ['OrderProcessorFunction', 'UsersFunction']);
    assert.match(description(await usersFunction()), /^hello-sam-UsersFunction-/);
  });

  it("shows the API's URL where the local cloud serves it, in the tree and in the stack's outputs", async () => {
    const stack = await stackNode();
    const apiNode = (await children(await child(stack, 'APIs')))[0]!;
    // The stack's output says https://{id}.execute-api.us-east-1.amazonaws.com/Prod/users/.
    const url = description(apiNode);
    const match = /^http:\/\/127\.0\.0\.1:(\d+)\/_aws\/execute-api\/(\w+)\/Prod\/users\/$/.exec(url);
    assert.ok(match, url);
    const [, port, apiId] = match;
    assert.equal(new URL(await api.localCloud.ensureRunning()).port, port);
    const tooltip = apiNode.getTreeItem().tooltip;
    assert.equal(typeof tooltip, 'string');
    assert.match(
      tooltip as string,
      new RegExp(`Also: http://${apiId!}\\.execute-api\\.localhost:${port!}/Prod/users/`),
    );
    assert.equal(await vscode.commands.executeCommand('serverlessWorkbench.deployed.copyUrl', apiNode), url);
    const copied = await vscode.commands.executeCommand<string>(
      'serverlessWorkbench.deployed.showOutputs',
      stack,
      'UsersApiUrl',
    );
    assert.equal(copied, url);
    // Outputs that are not API URLs are copied as the stack says them.
    const clients = await api.backend.loadClients();
    const cloudFormation = await api.backend.cloudFormation();
    const outputs = await cloudFormation
      .send(new clients.cloudformation.DescribeStacksCommand({ StackName: STACK }))
      .finally(() => cloudFormation.destroy());
    const queueUrl = outputs.Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === 'OrdersQueueUrl')?.OutputValue;
    assert.match(queueUrl ?? '', /OrdersQueue/);
    assert.equal(
      await vscode.commands.executeCommand('serverlessWorkbench.deployed.showOutputs', stack, 'OrdersQueueUrl'),
      queueUrl,
    );
  });

  it('opens an API URL that answers: the local cloud serves the deployed API, path-style and host-style', async () => {
    const apiNode = (await children(await child(await stackNode(), 'APIs')))[0]!;
    const url = await vscode.commands.executeCommand<string>('serverlessWorkbench.deployed.copyUrl', apiNode);
    const pathStyle = await fetch(`${url}42`);
    assert.equal(pathStyle.status, 200, await pathStyle.clone().text());
    assert.deepEqual(
      { ...((await pathStyle.json()) as Record<string, unknown>), requestId: undefined },
      { id: '42', message: 'Hello, user 42!', stage: 'dev', requestId: undefined },
    );
    // The tooltip's host-style URL: the same API by its Host header (what `*.localhost` resolves to).
    const tooltip = apiNode.getTreeItem().tooltip as string;
    const hostStyle = new URL(/Also: (\S+)/.exec(tooltip)![1]!);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = httpRequest(
        { host: '127.0.0.1', port: hostStyle.port, path: `${hostStyle.pathname}7`, headers: { host: hostStyle.host } },
        (incoming) => {
          let body = '';
          incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end();
    });
    assert.equal(answer.status, 200, answer.body);
    assert.equal((JSON.parse(answer.body) as { id: string }).id, '7');
  });

  it('shows the alias SAM published, $LATEST and version 1', async () => {
    assert.deepEqual((await children(await usersFunction())).map(label), ['live → 1', '$LATEST', '1']);
  });

  it('links the workspace function and the deployed one, both ways', async () => {
    const target = {
      templateUri: vscode.Uri.joinPath(workspaceRoot(), 'template.yaml').toString(),
      logicalId: 'UsersFunction',
    };
    const revealed = await vscode.commands.executeCommand<ExplorerNode>(
      'serverlessWorkbench.deployed.goToDeployed',
      target,
    );
    assert.equal(revealed?.id, (await usersFunction()).id);
    assert.equal(api.explorer.treeView.selection[0]?.id, revealed.id);
    await vscode.commands.executeCommand('serverlessWorkbench.deployed.openInTemplate', await usersFunction());
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.ok(editor.document.uri.path.endsWith('/template.yaml'));
    assert.equal(editor.document.getText(editor.selection), 'UsersFunction');
  });

  it("invokes the live alias with the template function's generated event", async () => {
    const alias = await child(await usersFunction(), 'live');
    const outcome = await vscode.commands.executeCommand<InvokeOutcome>(
      'serverlessWorkbench.deployed.invoke',
      alias,
      undefined,
      { kind: 'generated', name: 'GetUser' },
    );
    assert.ok(outcome, 'the invoke ran');
    assert.equal(outcome.functionError, undefined, outcome.payload);
    assert.equal((JSON.parse(outcome.payload) as { statusCode: number }).statusCode, 200);
    // SAM's live alias routes to version 1, which ran.
    assert.match(outcome.view.subtitle, /^template\.yaml · deployed as hello-sam-UsersFunction-\w+:1$/);
  });

  it('tails the logs of the live alias and of the whole stack from the tree', async () => {
    // The invoke above ran version 1 through live: its REPORT line is in the function's log group.
    let session = (await api.logTail.snapshot()).sessionId;
    for (const node of [await child(await usersFunction(), 'live'), await stackNode()]) {
      await vscode.commands.executeCommand('serverlessWorkbench.deployed.tailLogs', node);
      const previous = session;
      const snapshot = await eventually(
        () => api.logTail.snapshot(),
        (current) => current.sessionId > previous && current.reportLines >= 1,
        40_000,
      );
      session = snapshot.sessionId;
      assert.ok(
        snapshot.renderedRows.some((row) => /Looking up user/.test(row)),
        snapshot.renderedRows.join('\n'),
      );
    }
    api.logTail.stop();
  });

  it('publishes a version, shifts 10 % of live to it, rolls back, and aliases it', async () => {
    const fn = await usersFunction();
    const functionName = description(fn);
    const clients = await api.backend.loadClients();
    const lambda = await api.backend.lambda();
    try {
      await lambda.send(
        new clients.lambda.UpdateFunctionConfigurationCommand({ FunctionName: functionName, Timeout: 11 }),
      );
    } finally {
      lambda.destroy();
    }
    const published = await vscode.commands.executeCommand<{ version: string }>(
      'serverlessWorkbench.deployed.publishVersion',
      fn,
      'second',
    );
    assert.equal(published?.version, '2');
    assert.deepEqual((await children(fn)).map(label), ['live → 1', '$LATEST', '1', '2']);

    await vscode.commands.executeCommand('serverlessWorkbench.deployed.shiftTraffic', await child(fn, 'live'), {
      version: '2',
      percent: 10,
    });
    assert.equal(label(await child(fn, 'live')), 'live → 1 (90 %), 2 (10 %)');
    assert.equal((await child(fn, 'live')).getTreeItem().contextValue, 'deployedAlias:shifting');

    await vscode.commands.executeCommand('serverlessWorkbench.deployed.pointAlias', await child(fn, 'live'), '1');
    assert.equal(label(await child(fn, 'live')), 'live → 1');

    await vscode.commands.executeCommand('serverlessWorkbench.deployed.createAlias', await child(fn, '2'), {
      name: 'beta',
    });
    assert.deepEqual((await children(fn)).map(label).slice(0, 2), ['beta → 2', 'live → 1']);
    const arn = await vscode.commands.executeCommand<string>(
      'serverlessWorkbench.deployed.copyArn',
      await child(fn, 'beta'),
    );
    assert.match(arn ?? '', /^arn:aws:lambda:us-east-1:\d{12}:function:hello-sam-UsersFunction-[^:]+:beta$/);
  });

  it('follows a gradual deployment of a new version under live; Stop Deployment rolls the stack update back', async () => {
    // A code change: SAM's AutoPublishAlias publishes version 3 and its DeploymentPreference (Canary10Percent5Minutes)
    // has CodeDeploy move live from 1 to 3, keeping the stack UPDATE_IN_PROGRESS meanwhile.
    // The view shows, so the tree polls what is moving (polls pause while it is hidden).
    await vscode.commands.executeCommand('serverlessWorkbench.explorer.focus');
    const handler = join(workspaceRoot().fsPath, 'src', 'users', 'app.mjs');
    const original = readFileSync(handler, 'utf8');
    writeFileSync(handler, `${original}\n// a new version\n`);
    try {
      await deploySampleApp(api, 'UPDATE');
    } finally {
      writeFileSync(handler, original);
    }
    const live = await eventually(
      async () => {
        api.explorer.deployed.refresh();
        return child(await usersFunction(), 'live');
      },
      (node) => label(node) === 'live → 1 (90 %), 3 (10 %)',
      60_000,
    );
    assert.match(description(await stackNode()), /^update in progress · /);
    assert.equal(description(live), 'deploying 1 → 3');
    const [deployment] = await children(live);
    assert.ok(deployment, 'the deployment shows under the alias');
    assert.equal(label(deployment), 'Deployment 1 → 3');
    assert.match(description(deployment), /^step 1 of 2 · 10 % on the new version · ~\d+ (s|min) left · in progress$/);
    const functionName = description(await usersFunction());
    const watching = api.explorer.deployed.watching;
    assert.ok(
      watching.some((id) => id.endsWith(`/stack:${STACK}`)) &&
        watching.some((id) => id.endsWith(`/fn:${functionName}`)),
      `the stack and the function are polled: ${watching.join(', ')}`,
    );

    const stopped = await vscode.commands.executeCommand<boolean>(
      'serverlessWorkbench.deployed.stopDeployment',
      deployment,
      true,
    );
    assert.equal(stopped, true);
    // CodeDeploy puts live back on 1 and CloudFormation rolls the update back with its reason.
    await eventually(
      () => stackStatus(api),
      (status) => status === 'UPDATE_ROLLBACK_COMPLETE',
      60_000,
    );
    const rows = await eventually(
      async () => {
        api.explorer.deployed.refresh();
        return (await children(await usersFunction())).map(label);
      },
      (labels) => labels.includes('live → 1'),
    );
    assert.ok(!rows.some((row) => row.includes('(10 %)')), rows.join(', '));
    assert.match(description(await stackNode()), /^update rollback complete · /);
    await eventually(
      () => api.explorer.deployed.watching,
      (ids) => ids.length === 0,
      30_000,
    );
  });

  it('shows the stack events and parameters as documents', async () => {
    const stack = await stackNode();
    const events = await vscode.commands.executeCommand<vscode.Uri>('serverlessWorkbench.deployed.showEvents', stack);
    const eventsText = (await vscode.workspace.openTextDocument(events)).getText();
    assert.match(eventsText, /^# Events of hello-sam/);
    assert.match(eventsText, /\| UsersFunction \| AWS::Lambda::Function \| CREATE_COMPLETE \|/);
    const parameters = await vscode.commands.executeCommand<vscode.Uri>(
      'serverlessWorkbench.deployed.showParameters',
      stack,
    );
    assert.match((await vscode.workspace.openTextDocument(parameters)).getText(), /\| Stage \| dev \|/);
  });

  it('deletes the stack (confirmed), and the tree drops it', async () => {
    const started = await vscode.commands.executeCommand<boolean>(
      'serverlessWorkbench.deployed.deleteStack',
      await stackNode(),
      true,
    );
    assert.equal(started, true);
    // The tree polls while the view shows; the test's window may not show it, so it reloads as a person would.
    await eventually(
      async () => {
        api.explorer.deployed.refresh();
        return (await children(api.explorer.deployed.root)).map(label);
      },
      (labels) => !labels.includes(STACK),
      30_000,
    );
  });
});
