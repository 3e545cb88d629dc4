// The Serverless Logs panel (issue #12), what it tails and where its lines lead, in a real VS Code with the local
// cloud: an alias and a version from the Deployed tree (only their instances' lines), every function of a stack, a
// template function's explorer item, the panel opening for a local invoke, a real stack frame opening the workspace
// file, and an event logged by Powertools' log_event replayed under the debugger.
import { strict as assert } from 'node:assert';
import { zipSync } from 'fflate';
import * as vscode from 'vscode';
import type { PanelSnapshot } from '../../../src/core/logs/logTailProtocol';
import { findStackFrames, loggedInvocationEvent } from '../../../src/core/logs/logLineLinks';
import { readLineFields } from '../../../src/core/logs/logLineFields';
import type { ExplorerNode } from '../../../src/features/explorer/explorerNode';
import { openStackFrame } from '../../../src/features/logTail/frameOpener';
import { runUntilBreakpoint } from './breakpoints';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

/** Named as CloudFormation names the sample's UsersFunction, so the workspace function is found for it. */
const USERS = 'hello-sam-UsersFunction-LOGS00SRCS01';
const STACK = 'logs-pair';
const USERS_SOURCE = 'src/users/app.mjs';

function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

function labelOf(node: ExplorerNode): string {
  const item = node.getTreeItem();
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

async function childNamed(node: ExplorerNode, label: string): Promise<ExplorerNode> {
  const children = (await node.getChildren?.()) ?? [];
  const found = children.find(
    (candidate) => labelOf(candidate) === label || labelOf(candidate).startsWith(`${label} →`),
  );
  assert.ok(found, `no ${label} under ${labelOf(node)}: ${children.map(labelOf).join(', ')}`);
  return found;
}

async function snapshotWhen(accept: (snapshot: PanelSnapshot) => boolean, timeoutMs = 40_000): Promise<PanelSnapshot> {
  const api = await activateWorkbench();
  return eventually(() => api.logTail.snapshot(), accept, timeoutMs);
}

/** The sample's users handler, which also logs its event as Powertools' logger.logEventIfEnabled does. */
async function usersCodeLoggingEvents(): Promise<Uint8Array> {
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri(USERS_SOURCE)));
  const logged = source.replace(
    "console.log('Looking up user', id);",
    "console.log('Looking up user', id);\n  console.log(JSON.stringify({ level: 'INFO', message: 'Lambda invocation event', service: 'users', event }));",
  );
  assert.notEqual(logged, source, 'the sample handler still logs "Looking up user"');
  return new TextEncoder().encode(logged);
}

describe('Serverless Logs panel: what it tails and where lines lead (in a real VS Code)', () => {
  let endpoint: string;
  const lambdaCall = async (path: string, init: { method: string; body?: unknown }, expected: number) => {
    const answer = await fetch(`${endpoint}/2015-03-31/functions${path}`, {
      method: init.method,
      headers: { 'content-type': 'application/json' },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await answer.text();
    assert.equal(answer.status, expected, text);
    return text;
  };
  const invoke = (qualifier: string | undefined, event: unknown) =>
    lambdaCall(
      `/${USERS}/invocations${qualifier ? `?Qualifier=${qualifier}` : ''}`,
      { method: 'POST', body: event },
      200,
    );

  before(async () => {
    const api = await activateWorkbench();
    await api.backend.switchTo({ kind: 'localCloud' });
    endpoint = await api.localCloud.ensureRunning();
    await lambdaCall(
      '',
      {
        method: 'POST',
        body: {
          FunctionName: USERS,
          Runtime: 'nodejs20.x',
          Handler: 'app.handler',
          Role: 'arn:aws:iam::123456789012:role/lambda',
          Code: { ZipFile: Buffer.from(zipSync({ 'app.mjs': await usersCodeLoggingEvents() })).toString('base64') },
        },
      },
      201,
    );
    for (const id of ['latest-0', 'latest-1']) await invoke(undefined, { pathParameters: { id } });
    await lambdaCall(`/${USERS}/versions`, { method: 'POST', body: {} }, 201);
    await lambdaCall(`/${USERS}/aliases`, { method: 'POST', body: { Name: 'live', FunctionVersion: '1' } }, 201);
    for (const id of ['live-0', 'live-1', 'live-2']) await invoke('live', { pathParameters: { id } });
    // A stack of two functions, created by the local cloud's CloudFormation and invoked once each.
    const clients = await api.backend.loadClients();
    const cloudFormation = await api.backend.cloudFormation();
    const lambdaFunction = (word: string) => ({
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/lambda',
        Code: { ZipFile: `exports.handler = async () => { console.log('${word} says hello'); return '${word}'; };` },
      },
    });
    try {
      const { cloudformation: cfn } = clients;
      await cloudFormation.send(
        new cfn.CreateStackCommand({
          StackName: STACK,
          TemplateBody: JSON.stringify({ Resources: { Alpha: lambdaFunction('alpha'), Beta: lambdaFunction('beta') } }),
        }),
      );
      const status = await eventually(
        async () => (await cloudFormation.send(new cfn.DescribeStacksCommand({ StackName: STACK }))).Stacks?.[0],
        (stack) => !stack?.StackStatus?.endsWith('IN_PROGRESS'),
        60_000,
      );
      assert.equal(status?.StackStatus, 'CREATE_COMPLETE', status?.StackStatusReason);
      const resources = await cloudFormation.send(new cfn.DescribeStackResourcesCommand({ StackName: STACK }));
      for (const resource of resources.StackResources ?? []) {
        const answer = await fetch(`${endpoint}/2015-03-31/functions/${resource.PhysicalResourceId}/invocations`, {
          method: 'POST',
          body: '{}',
        });
        assert.equal(answer.status, 200, await answer.text());
      }
    } finally {
      cloudFormation.destroy();
    }
    api.explorer.deployed.refresh();
  });

  after(async () => {
    const api = await activateWorkbench();
    api.logTail.stop();
    await fetch(`${endpoint}/2015-03-31/functions/${USERS}`, { method: 'DELETE' });
    const clients = await api.backend.loadClients();
    const cloudFormation = await api.backend.cloudFormation();
    await cloudFormation
      .send(new clients.cloudformation.DeleteStackCommand({ StackName: STACK }))
      .finally(() => cloudFormation.destroy());
    await api.localCloud.stop();
  });

  it("tails an alias and a version from the Deployed tree: only their instances' lines", async () => {
    const api = await activateWorkbench();
    const fn = await childNamed(await childNamed(api.explorer.deployed.root, 'All functions'), USERS);
    for (const label of ['live', '1']) {
      await vscode.commands.executeCommand('serverlessWorkbench.deployed.tailLogs', await childNamed(fn, label));
      const snapshot = await snapshotWhen((current) => current.sessionId > 0 && current.reportLines === 3);
      const looked = snapshot.renderedRows.filter((row) => row.includes('Looking up user'));
      assert.deepEqual(
        looked.map((row) => /Looking up user (\S+)/.exec(row)![1]),
        ['live-0', 'live-1', 'live-2'],
        `${label}: only the lines of version 1's instances`,
      );
      assert.equal(snapshot.summary.invocations, 3);
    }
  });

  it('tails every function of a stack from its Deployed tree item', async () => {
    const api = await activateWorkbench();
    const stack = await childNamed(api.explorer.deployed.root, STACK);
    await vscode.commands.executeCommand('serverlessWorkbench.deployed.tailLogs', stack);
    const snapshot = await snapshotWhen((current) => current.reportLines === 2);
    assert.ok(snapshot.renderedRows.some((row) => row.includes('alpha says hello')));
    assert.ok(snapshot.renderedRows.some((row) => row.includes('beta says hello')));
    assert.equal(snapshot.summary.coldStarts, 2);
  });

  it("tails a template function from its explorer item's Tail Logs… (its deployed copy)", async () => {
    const extension = vscode.extensions.getExtension('serverless-workbench.serverless-workbench')!;
    const menus = (
      extension.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when: string }>> } }
    ).contributes.menus['view/item/context']!;
    assert.ok(
      menus.some(
        (entry) => entry.command === 'serverlessWorkbench.logs.tail' && /viewItem == function/.test(entry.when),
      ),
      'template function items offer Tail Logs…',
    );
    // The argument VS Code passes is the explorer node, whose `target` names the template function.
    const node = { target: { templateUri: fileUri('template.yaml').toString(), logicalId: 'UsersFunction' } };
    await vscode.commands.executeCommand('serverlessWorkbench.logs.tail', node);
    const snapshot = await snapshotWhen((current) => current.reportLines === 5);
    assert.equal(snapshot.summary.invocations, 5);
  });

  it('opens itself when a local invoke starts, if hidden', async () => {
    const api = await activateWorkbench();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await eventually(
      () => api.logTail.visible,
      (visible) => !visible,
    );
    await api.invoke.invokeLocally({ templateUri: fileUri('template.yaml').toString(), logicalId: 'UsersFunction' });
    await eventually(
      () => api.logTail.visible,
      (visible) => visible,
    );
  });

  it("opens the workspace file a real stack frame names (the local cloud's copy matched by path suffix)", async () => {
    await invoke(undefined, null).catch(() => undefined);
    const answer = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.FilterLogEvents' },
      body: JSON.stringify({ logGroupName: `/aws/lambda/${USERS}`, filterPattern: '"Invoke Error"' }),
    });
    const events = ((await answer.json()) as { events: Array<{ message: string }> }).events;
    assert.ok(events.length > 0, 'the failing invoke logged its error');
    const [frame] = findStackFrames(events.at(-1)!.message);
    assert.ok(frame, `a frame in ${events.at(-1)!.message}`);
    assert.ok(!frame.file.startsWith(workspaceRoot().fsPath), `the deployed copy's path: ${frame.file}`);
    assert.equal(await openStackFrame(frame.file, frame.line, frame.column), true);
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith(`/${USERS_SOURCE}`), editor.document.uri.path);
    assert.equal(editor.selection.active.line, frame.line - 1);
    assert.match(editor.document.lineAt(frame.line - 1).text, /event\.pathParameters/);
    // A path neither in the workspace nor ending like a workspace file is never opened.
    assert.equal(await openStackFrame('/etc/hostname', 1, 1), false);
  });

  it("replays the event a Powertools log_event line holds, under the debugger, with the workspace's code", async () => {
    const api = await activateWorkbench();
    const answer = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.FilterLogEvents' },
      body: JSON.stringify({ logGroupName: `/aws/lambda/${USERS}`, filterPattern: '"live-1"' }),
    });
    const events = ((await answer.json()) as { events: Array<{ message: string }> }).events;
    const line = events.find((event) => event.message.includes('Lambda invocation event'))!;
    assert.ok(line, 'the function logged its event');
    const event = loggedInvocationEvent(line.message.slice(readLineFields(line.message).bodyStart));
    assert.equal(event, '{"pathParameters":{"id":"live-1"}}');
    const source = await vscode.workspace.openTextDocument(fileUri(USERS_SOURCE));
    const breakpointLine = source
      .getText()
      .split('\n')
      .findIndex((text) => text.includes('Looking up user'));
    const outcome = (await runUntilBreakpoint(source.uri, breakpointLine, () =>
      api.logTail.replay({ event, source: USERS, debug: true }),
    )) as { payload: string };
    const body = JSON.parse((JSON.parse(outcome.payload) as { body: string }).body) as { id: string };
    assert.equal(body.id, 'live-1');
  });
});
