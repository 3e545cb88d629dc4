// The Deployed tree's moving and failing states (issue #11) in a real VS Code: a stack in progress is polled until it
// settles and then no more; a stack expands from its own resources (no scan of the region); a local cloud that
// cannot start, a throttling, expired-token or denying AWS endpoint and a signed-out SSO profile become tree items
// whose click does what fixes them. The AWS endpoint is a stub that answers as AWS does (throttling, expired token,
// denied) and otherwise forwards to the local cloud, recording the calls: only AWS is stubbed.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/features/explorer/explorerNode';
import { activateWorkbench, eventually } from './workbench';

interface Row {
  label: string;
  description: string;
  command: string | undefined;
}

function row(node: ExplorerNode): Row {
  const item = node.getTreeItem();
  return {
    label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
    description: typeof item.description === 'string' ? item.description : '',
    command: item.command?.command,
  };
}

async function rootRows(api: WorkbenchApi): Promise<Row[]> {
  return ((await api.explorer.deployed.root.getChildren?.()) ?? []).map(row);
}

/** What the stub AWS endpoint answers: an AWS error for every call, or the local cloud's own answer. */
type StubMode = 'throttle' | 'expired' | 'denied' | 'forward';

interface AwsStub {
  server: Server;
  url: string;
  mode: { value: StubMode };
  /** The calls forwarded: a query action (`ListStacks`) or a REST method and path (`GET /2015-03-31/functions/`). */
  calls: string[];
}

const STUB_ERRORS: Record<
  Exclude<StubMode, 'forward'>,
  { status: number; query: string; json: string; message: string }
> = {
  throttle: { status: 400, query: 'Throttling', json: 'TooManyRequestsException', message: 'Rate exceeded' },
  expired: {
    status: 403,
    query: 'ExpiredToken',
    json: 'ExpiredTokenException',
    message: 'The security token included in the request is expired',
  },
  denied: {
    status: 403,
    query: 'AccessDenied',
    json: 'AccessDeniedException',
    message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform this action',
  },
};

/** An AWS endpoint as a test needs it: throttling, expired-token or denied errors in each protocol's shape, else forwarding. */
async function startAwsStub(target: () => string): Promise<AwsStub> {
  const mode = { value: 'throttle' as StubMode };
  const calls: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      // CloudFormation speaks the query protocol (POST /, XML errors); Lambda REST JSON (x-amzn-ErrorType).
      const query = (incoming.url ?? '/') === '/' && body.toString().includes('Action=');
      if (mode.value !== 'forward') {
        const error = STUB_ERRORS[mode.value];
        const [status, queryCode, jsonCode, message] = [
          mode.value === 'throttle' && !query ? 429 : error.status,
          error.query,
          error.json,
          error.message,
        ];
        if (query) {
          outgoing.writeHead(status, { 'content-type': 'text/xml' });
          outgoing.end(
            `<ErrorResponse><Error><Type>Sender</Type><Code>${queryCode}</Code><Message>${message}</Message></Error>` +
              `<RequestId>stub</RequestId></ErrorResponse>`,
          );
        } else {
          outgoing.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': jsonCode });
          outgoing.end(JSON.stringify({ message }));
        }
        return;
      }
      calls.push(
        query
          ? (new URLSearchParams(body.toString()).get('Action') ?? '?')
          : `${incoming.method ?? 'GET'} ${(incoming.url ?? '/').split('?')[0]!}`,
      );
      const upstream = new URL(target());
      const forwarded = request(
        { host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (value !== undefined && name !== 'host') forwarded.setHeader(name, value);
      }
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}`, mode, calls };
}

/** A profile whose endpoint_url is the stub, as the person's ~/.aws files would have it; the tree switched to it. */
async function useStubProfile(api: WorkbenchApi, stub: AwsStub): Promise<void> {
  writeFileSync(process.env.AWS_CONFIG_FILE!, `[profile stubbed]\nregion = us-east-1\nendpoint_url = ${stub.url}\n`);
  writeFileSync(
    process.env.AWS_SHARED_CREDENTIALS_FILE!,
    `[stubbed]\naws_access_key_id = test\naws_secret_access_key = test\n`,
  );
  api.backend.sharedConfig.invalidate();
  await api.backend.switchTo({ kind: 'aws', profile: 'stubbed', region: undefined });
}

describe('Deployed tree: stacks in progress and failures (in a real VS Code)', () => {
  let api: WorkbenchApi;

  before(async () => {
    api = await activateWorkbench();
    await api.backend.switchTo({ kind: 'localCloud' });
  });

  after(async () => {
    await api.backend.switchTo({ kind: 'localCloud' });
  });

  it('polls a stack while it is being created, redraws it as it settles, then stops polling', async () => {
    // The view must show: polls pause while it is hidden.
    await vscode.commands.executeCommand('serverlessWorkbench.explorer.focus');
    await eventually(
      () => api.explorer.treeView.visible,
      (visible) => visible,
    );
    const clients = await api.backend.loadClients();
    const cloudFormation = await api.backend.cloudFormation();
    const stackName = `polled-${Date.now()}`;
    // A chain of parameters: each waits for the one before, so the stack stays in progress for a while.
    const resources: Record<string, unknown> = {};
    for (let index = 0; index < 150; index++) {
      resources[`Parameter${index}`] = {
        Type: 'AWS::SSM::Parameter',
        Properties: { Type: 'String', Value: String(index) },
        ...(index > 0 ? { DependsOn: `Parameter${index - 1}` } : {}),
      };
    }
    const redrawn: string[] = [];
    try {
      await cloudFormation.send(
        new clients.cloudformation.CreateStackCommand({
          StackName: stackName,
          TemplateBody: JSON.stringify({ Resources: resources }),
        }),
      );
      api.explorer.deployed.refresh();
      const stack = (await api.explorer.deployed.root.getChildren?.())?.find((node) => row(node).label === stackName);
      assert.ok(stack, 'the stack is listed');
      assert.match(row(stack).description, /^create in progress · /);
      assert.equal(stack.getTreeItem().contextValue, 'deployedStack:moving');
      assert.deepEqual(api.explorer.deployed.watching, [stack.id], 'the stack in progress is polled');

      // No refresh from the test: the poll alone brings the stack to its final state, then stops.
      await eventually(
        () => {
          const description = row(stack).description;
          if (!redrawn.includes(description)) redrawn.push(description);
          return api.explorer.deployed.watching;
        },
        (watching) => watching.length === 0,
        60_000,
      );
      assert.match(row(stack).description, /^create complete · /);
      assert.equal(stack.getTreeItem().contextValue, 'deployedStack');
      assert.deepEqual(api.explorer.deployed.watching, [], 'a settled stack is no longer polled');
      assert.ok(redrawn.length >= 2, `the node changed under the poll: ${redrawn.join(' | ')}`);

      // Deleting it polls again until it is gone, and the root drops it.
      await vscode.commands.executeCommand('serverlessWorkbench.deployed.deleteStack', stack, true);
      await eventually(
        async () => ((await api.explorer.deployed.root.getChildren?.()) ?? []).map((node) => row(node).label),
        (labels) => !labels.includes(stackName) && api.explorer.deployed.watching.length === 0,
        60_000,
      );
    } finally {
      cloudFormation.destroy();
    }
  });

  it('shows a local cloud that cannot start as an item whose click starts it, then loads by itself', async () => {
    const settings = vscode.workspace.getConfiguration('serverlessWorkbench.localCloud');
    const scratch = mkdtempSync(join(tmpdir(), 'sw-unstartable-'));
    const notADirectory = join(scratch, 'file');
    writeFileSync(notADirectory, 'not a directory');
    await api.localCloud.stop();
    try {
      await settings.update('stateDirectory', join(notADirectory, 'state'), vscode.ConfigurationTarget.Global);
      api.explorer.deployed.refresh();
      const failed = (await rootRows(api))[0];
      assert.deepEqual(failed, {
        label: 'The local cloud did not start',
        description: 'Start it',
        command: 'serverlessWorkbench.localCloud.start',
      });
      // The person fixes the cause and clicks the item: the local cloud starts and the tree reloads on its own.
      await settings.update('stateDirectory', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('serverlessWorkbench.localCloud.start');
      assert.equal(api.localCloud.state.kind, 'running');
      const rows = await eventually(
        () => rootRows(api),
        (current) => !current.some((candidate) => candidate.description === 'Start it'),
      );
      assert.equal(rows.at(-1)?.label, 'All functions');
    } finally {
      await settings.update('stateDirectory', undefined, vscode.ConfigurationTarget.Global);
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('explains throttling, expired credentials and denied access with an action, and Retry loads once AWS answers', async () => {
    const endpoint = await api.localCloud.ensureRunning();
    const stub = await startAwsStub(() => endpoint);
    try {
      await useStubProfile(api, stub);

      const [throttled, allFunctions] = await rootRows(api);
      assert.deepEqual(throttled, {
        label: 'Throttled: too many requests',
        description: 'Retry',
        command: 'serverlessWorkbench.deployed.refresh',
      });
      assert.equal(allFunctions?.label, 'All functions', 'a failed list does not hide the rest of the tree');

      stub.mode.value = 'expired';
      api.explorer.deployed.refresh();
      assert.deepEqual((await rootRows(api))[0], {
        label: 'The credentials have expired',
        description: 'Switch backend or profile',
        command: 'serverlessWorkbench.backend.switch',
      });

      stub.mode.value = 'denied';
      api.explorer.deployed.refresh();
      assert.deepEqual((await rootRows(api))[0], {
        label: 'Access denied',
        description: 'Switch backend or profile',
        command: 'serverlessWorkbench.backend.switch',
      });

      // AWS answers again: the throttled item's own command (Retry) reloads the node it stands for.
      stub.mode.value = 'throttle';
      api.explorer.deployed.refresh();
      const retry = (await api.explorer.deployed.root.getChildren?.())![0]!.getTreeItem().command!;
      assert.equal(retry.command, 'serverlessWorkbench.deployed.refresh');
      stub.mode.value = 'forward';
      await vscode.commands.executeCommand(retry.command, ...((retry.arguments ?? []) as unknown[]));
      const rows = await rootRows(api);
      assert.ok(!rows.some((candidate) => candidate.description === 'Retry'), JSON.stringify(rows));
      assert.equal(rows.at(-1)?.label, 'All functions');
    } finally {
      await api.backend.switchTo({ kind: 'localCloud' });
      await new Promise((resolve) => stub.server.close(resolve));
    }
  });

  it("expands a stack from ListStackResources, never a scan of the region's functions (through an endpoint_url profile)", async () => {
    const endpoint = await api.localCloud.ensureRunning();
    const stub = await startAwsStub(() => endpoint);
    stub.mode.value = 'forward';
    const stackName = `scanless-${Date.now()}`;
    const clients = await api.backend.loadClients();
    const cloudFormation = await api.backend.cloudFormation();
    const inlineFunction = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::123456789012:role/scanless',
        Code: { ZipFile: 'exports.handler = async () => 1;' },
      },
    };
    try {
      await cloudFormation.send(
        new clients.cloudformation.CreateStackCommand({
          StackName: stackName,
          TemplateBody: JSON.stringify({
            Resources: { Api: inlineFunction, Worker: inlineFunction, Jobs: { Type: 'AWS::SQS::Queue' } },
          }),
        }),
      );
      await eventually(
        async () =>
          (await cloudFormation.send(new clients.cloudformation.DescribeStacksCommand({ StackName: stackName })))
            .Stacks?.[0]?.StackStatus,
        (status) => status === 'CREATE_COMPLETE' || Boolean(status?.includes('FAILED') || status?.includes('ROLLBACK')),
        60_000,
      ).then((status) => assert.equal(status, 'CREATE_COMPLETE'));
      await useStubProfile(api, stub);
      const stack = ((await api.explorer.deployed.root.getChildren?.()) ?? []).find(
        (node) => row(node).label === stackName,
      );
      assert.ok(stack, 'the stack is listed through the profile');
      assert.ok(stub.calls.includes('ListStacks'), stub.calls.join(', '));
      stub.calls.length = 0;
      const groups = (await stack.getChildren?.()) ?? [];
      assert.deepEqual(
        groups.map((node) => `${row(node).label} ${row(node).description}`),
        ['Functions 2', 'Queues 1'],
      );
      assert.ok(stub.calls.includes('ListStackResources') && stub.calls.includes('DescribeStacks'), stub.calls.join());
      const functions = (await groups[0]!.getChildren?.()) ?? [];
      assert.deepEqual(
        functions.map((node) => row(node).label),
        ['Api', 'Worker'],
      );
      await functions[0]!.getChildren?.();
      const functionName = row(functions[0]!).description;
      assert.ok(stub.calls.includes(`GET /2015-03-31/functions/${functionName}/aliases`), stub.calls.join(', '));
      assert.ok(stub.calls.includes(`GET /2015-03-31/functions/${functionName}/versions`), stub.calls.join(', '));
      assert.ok(
        !stub.calls.some((call) => /^GET \/2015-03-31\/functions\/?$/.test(call)),
        `no ListFunctions: ${stub.calls.join(', ')}`,
      );
    } finally {
      await api.backend.switchTo({ kind: 'localCloud' });
      await cloudFormation
        .send(new clients.cloudformation.DeleteStackCommand({ StackName: stackName }))
        .finally(() => cloudFormation.destroy());
      await new Promise((resolve) => stub.server.close(resolve));
    }
  });

  it('shows a signed-out IAM Identity Center profile as an item whose click signs in', async () => {
    const session = `sw-signed-out-${Date.now()}`;
    writeFileSync(
      process.env.AWS_CONFIG_FILE!,
      `[profile sso-user]\nsso_session = ${session}\nsso_account_id = 123456789012\nsso_role_name = Developer\n` +
        `region = us-east-1\n\n[sso-session ${session}]\nsso_start_url = https://example.awsapps.com/start\n` +
        `sso_region = us-east-1\n`,
    );
    writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE!, '');
    api.backend.sharedConfig.invalidate();
    try {
      await api.backend.switchTo({ kind: 'aws', profile: 'sso-user', region: undefined });
      const [signedOut] = await rootRows(api);
      assert.deepEqual(signedOut, {
        label: 'Signed out of IAM Identity Center',
        description: 'Sign in',
        command: 'serverlessWorkbench.backend.signIn',
      });
    } finally {
      await api.backend.switchTo({ kind: 'localCloud' });
    }
  });
});
