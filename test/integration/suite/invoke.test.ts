// Run and debug functions from code lenses (issue #4), in a real VS Code: lenses, local invokes of the sample app
// (Node and Python), the result panel, saved events, the debugger, the local API and deployed invokes.
import { strict as assert } from 'node:assert';
import { zipSync } from 'fflate';
import * as vscode from 'vscode';
import type { InvokeOutcome } from '../../../src/features/invoke/invokeFeature';
import { runUntilBreakpoint } from './breakpoints';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

const INVOKE_LOCAL = 'serverlessWorkbench.invoke.local';
const RESULT_VIEW_TYPE = 'serverlessWorkbench.invokeResult';
/** A line of the sample's Python handler that runs once per invocation. */
const PYTHON_BREAKPOINT_LINE = 'return {"processed"';

function fileUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

function target(logicalId: string, template = 'template.yaml') {
  return { templateUri: fileUri(template).toString(), logicalId };
}

async function lensesOf(relativePath: string, expectedCommand = INVOKE_LOCAL): Promise<vscode.CodeLens[]> {
  await activateWorkbench();
  const document = await vscode.workspace.openTextDocument(fileUri(relativePath));
  // Handler lenses appear once the explorer's scan has been resolved into handler files.
  return eventually(
    async () => await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
    (lenses) => lenses.some((lens) => lens.command?.command === expectedCommand),
  );
}

function invokeLenses(lenses: vscode.CodeLens[]): Array<{ line: number; logicalId: string }> {
  return lenses
    .filter((lens) => lens.command?.command === INVOKE_LOCAL)
    .map((lens) => ({
      line: lens.range.start.line,
      logicalId: (lens.command?.arguments?.[0] as { logicalId: string }).logicalId,
    }));
}

function lineOf(document: vscode.TextDocument, needle: string): number {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `'${needle}' is not in ${document.uri.path}`);
  return document.positionAt(index).line;
}

function resultTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(RESULT_VIEW_TYPE));
}

async function writeFile(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(relativePath), new TextEncoder().encode(text));
}

/**
 * Debugs a function with a breakpoint at the line of `needle` in `sourcePath`: waits until the debugger stops
 * there (checking the reported source and line), continues, and resolves with the run's outcome.
 */
async function debugUntilBreakpoint(
  functionTarget: ReturnType<typeof target>,
  sourcePath: string,
  needle: string,
  event?: unknown,
): Promise<InvokeOutcome> {
  await activateWorkbench();
  const source = await vscode.workspace.openTextDocument(fileUri(sourcePath));
  return runUntilBreakpoint(source.uri, lineOf(source, needle), () =>
    vscode.commands.executeCommand<InvokeOutcome>('serverlessWorkbench.invoke.debug', functionTarget, event),
  );
}

describe('Invoke (in a real VS Code)', () => {
  after(async () => {
    // Only this suite's panels: other suites may leave edited documents whose close would prompt to save.
    await vscode.window.tabGroups.close(resultTabs());
    for (const folder of ['missing-handler', 'ts-app']) {
      await vscode.workspace.fs.delete(fileUri(folder), { recursive: true }).then(
        () => undefined,
        () => undefined,
      );
    }
  });

  it('puts Invoke, Debug, event and deployed lenses above every function of the sample template', async () => {
    const lenses = await lensesOf('template.yaml');
    const document = await vscode.workspace.openTextDocument(fileUri('template.yaml'));
    assert.deepEqual(invokeLenses(lenses), [
      { line: lineOf(document, 'UsersFunction:'), logicalId: 'UsersFunction' },
      { line: lineOf(document, 'OrderProcessorFunction:'), logicalId: 'OrderProcessorFunction' },
    ]);
    const usersLine = lineOf(document, 'UsersFunction:');
    const titles = lenses.filter((lens) => lens.range.start.line === usersLine).map((lens) => lens.command?.title);
    assert.deepEqual(titles, [
      '$(play) Invoke locally',
      '$(debug-alt) Debug locally',
      '$(json) Pick event...',
      '$(new-file) New event...',
      '$(cloud) Invoke deployed',
      '$(output) Logs',
    ]);
    const api = lenses.find((lens) => lens.command?.command === 'serverlessWorkbench.localApi.start');
    assert.equal(api?.range.start.line, lineOf(document, 'Resources:'));
  });

  it('puts lenses above the handlers in the JavaScript and Python sources the template references', async () => {
    const users = await vscode.workspace.openTextDocument(fileUri('src/users/app.mjs'));
    assert.deepEqual(invokeLenses(await lensesOf('src/users/app.mjs')), [
      { line: lineOf(users, 'export const handler'), logicalId: 'UsersFunction' },
    ]);
    const orders = await vscode.workspace.openTextDocument(fileUri('src/orders/app.py'));
    assert.deepEqual(invokeLenses(await lensesOf('src/orders/app.py')), [
      { line: lineOf(orders, 'def handler'), logicalId: 'OrderProcessorFunction' },
    ]);
  });

  it('invokes UsersFunction with its generated GetUser event and opens the result view', async () => {
    await activateWorkbench();
    const outcome = await vscode.commands.executeCommand<InvokeOutcome>(INVOKE_LOCAL, target('UsersFunction'), {
      kind: 'generated',
      name: 'GetUser',
    });
    assert.ok(outcome, 'the command resolves with the outcome');
    assert.equal(outcome.functionError, undefined, outcome.payload);
    const response = JSON.parse(outcome.payload) as { statusCode: number; body: string };
    assert.equal(response.statusCode, 200);
    const event = JSON.parse(outcome.view.eventText) as { pathParameters: { id: string } };
    assert.equal((JSON.parse(response.body) as { id: string }).id, event.pathParameters.id);
    assert.equal(outcome.view.eventLabel, 'GetUser (generated)');
    assert.ok(outcome.view.logs.some((line) => line.includes('Looking up user')));
    assert.ok(outcome.view.logs.some((line) => line.startsWith('REPORT RequestId:')));
    assert.deepEqual(
      outcome.view.metrics.map((metric) => metric.label),
      ['Duration', 'Billed duration', 'Memory used / size', 'Start', 'AWS calls'],
    );
    // The function's SDK calls go to the backend: the local cloud by default, which the result names.
    const awsCalls = outcome.view.metrics.find((metric) => metric.label === 'AWS calls')?.value ?? '';
    assert.match(awsCalls, /^local cloud \(http:\/\/127\.0\.0\.1:\d+\)$/);
    const tabs = await eventually(resultTabs, (found) => found.some((tab) => tab.label === 'UsersFunction result'));
    assert.equal(tabs.length, 1);
  });

  it('runs the Python function', async () => {
    await activateWorkbench();
    const outcome = await vscode.commands.executeCommand<InvokeOutcome>(
      INVOKE_LOCAL,
      target('OrderProcessorFunction'),
      { kind: 'generated', name: 'OrdersFromQueue' },
    );
    assert.equal(outcome.functionError, undefined, outcome.payload);
    const response = JSON.parse(outcome.payload) as { processed: unknown[]; requestId: string };
    assert.equal(response.requestId, outcome.view.requestId);
    assert.ok(response.processed.length > 0);
    assert.ok(outcome.view.logs.some((line) => line.includes('Processing order')));
  });

  it('saves a new event under events/<LogicalId>/, runs with it, and runs again with it as the last event', async () => {
    const api = await activateWorkbench();
    const path = await api.invoke.newEvent(target('UsersFunction'), { source: 'GetUser', name: 'user-42' });
    assert.equal(path, fileUri('events/UsersFunction/user-42.json').fsPath);
    const saved = JSON.parse(
      await vscode.workspace.fs.readFile(vscode.Uri.file(path)).then((bytes) => new TextDecoder().decode(bytes)),
    ) as {
      pathParameters: { id: string };
    };
    saved.pathParameters.id = '42';
    await writeFile('events/UsersFunction/user-42.json', JSON.stringify(saved, null, 2));
    const again = await vscode.commands.executeCommand<InvokeOutcome>(
      'serverlessWorkbench.invoke.runAgain',
      target('UsersFunction'),
    );
    assert.equal(again.view.eventLabel, 'user-42 (saved)');
    const body = JSON.parse((JSON.parse(again.payload) as { body: string }).body) as { id: string; message: string };
    assert.equal(body.id, '42');
    assert.equal(body.message, 'Hello, user 42!');
  });

  it('shows a missing handler as a clear error with the runtime error type', async () => {
    await writeFile(
      'missing-handler/template.yaml',
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  NoModuleFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/',
        '      Handler: missing.handler',
        '      Runtime: nodejs20.x',
        '  NoExportFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/',
        '      Handler: app.nothere',
        '      Runtime: nodejs20.x',
        '  ThrowingFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/',
        '      Handler: app.fails',
        '      Runtime: nodejs20.x',
        '',
      ].join('\n'),
    );
    await writeFile(
      'missing-handler/src/app.js',
      'exports.handler = async () => "ok";\nexports.fails = async () => {\n  throw new Error("boom");\n};\n',
    );
    const api = await activateWorkbench();
    const noModule = await api.invoke.invokeLocally(target('NoModuleFunction', 'missing-handler/template.yaml'));
    assert.equal(noModule.functionError, 'Unhandled');
    assert.equal(noModule.view.error?.type, 'Runtime.ImportModuleError');
    assert.match(noModule.view.error?.message ?? '', /missing/);
    const noExport = await api.invoke.invokeLocally(target('NoExportFunction', 'missing-handler/template.yaml'));
    assert.equal(noExport.view.error?.type, 'Runtime.HandlerNotFound');
    assert.match(noExport.view.error?.message ?? '', /app\.nothere is undefined or not exported/);
    const throwing = await api.invoke.invokeLocally(target('ThrowingFunction', 'missing-handler/template.yaml'));
    assert.equal(throwing.view.error?.message, 'boom');
    // The frame in the handler is a link (to src/app.js line 3) the panel opens in the editor.
    const linked = throwing.view.error?.stack.find((line) => line.link !== undefined);
    assert.match(linked?.text ?? '', /missing-handler\/src\/app\.js:3:\d+/);
  });

  it('stops at a breakpoint in a Python handler under debugpy, without any Python extension, then completes', async () => {
    assert.equal(vscode.extensions.getExtension('ms-python.debugpy'), undefined);
    assert.equal(vscode.extensions.getExtension('ms-python.python'), undefined);
    const outcome = await debugUntilBreakpoint(
      target('OrderProcessorFunction'),
      'src/orders/app.py',
      PYTHON_BREAKPOINT_LINE,
      { kind: 'generated', name: 'OrdersFromQueue' },
    );
    assert.equal(outcome.functionError, undefined, outcome.payload);
    assert.equal(outcome.view.mode, 'debug');
    const response = JSON.parse(outcome.payload) as { processed: unknown[] };
    assert.ok(response.processed.length > 0);
  });

  it('stops at a breakpoint in the handler under the debugger, then completes', async () => {
    const outcome = await debugUntilBreakpoint(
      target('UsersFunction'),
      'src/users/app.mjs',
      'const id = event.pathParameters',
      {
        kind: 'generated',
        name: 'GetUser',
      },
    );
    assert.equal((JSON.parse(outcome.payload) as { statusCode: number }).statusCode, 200);
    assert.equal(outcome.view.mode, 'debug');
  });

  it('stops at a breakpoint in a TypeScript handler bundled with esbuild, through source maps', async () => {
    await writeFile(
      'ts-app/template.yaml',
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  TypeScriptFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: src/',
        '      Handler: app.handler',
        '      Runtime: nodejs20.x',
        '    Metadata:',
        '      BuildMethod: esbuild',
        '      BuildProperties:',
        '        EntryPoints: [app.ts]',
        '',
      ].join('\n'),
    );
    await writeFile(
      'ts-app/src/app.ts',
      [
        'interface Greeting {',
        '  name?: string;',
        '}',
        '',
        'export const handler = async (event: Greeting): Promise<{ message: string }> => {',
        "  const name: string = event.name ?? 'TypeScript';",
        '  return { message: `Hello, ${name}!` };',
        '};',
        '',
      ].join('\n'),
    );
    // The explorer suite covers noticing new templates through the file watcher; here, do not wait for it.
    (await activateWorkbench()).explorer.refresh();
    const source = await vscode.workspace.openTextDocument(fileUri('ts-app/src/app.ts'));
    assert.deepEqual(invokeLenses(await lensesOf('ts-app/src/app.ts')), [
      { line: lineOf(source, 'export const handler'), logicalId: 'TypeScriptFunction' },
    ]);
    const outcome = await debugUntilBreakpoint(
      target('TypeScriptFunction', 'ts-app/template.yaml'),
      'ts-app/src/app.ts',
      'const name: string',
    );
    assert.equal(outcome.functionError, undefined, outcome.payload);
    assert.deepEqual(JSON.parse(outcome.payload), { message: 'Hello, TypeScript!' });
  });

  it("serves the template's API locally and answers GET /users/42", async () => {
    await activateWorkbench();
    const templateUri = fileUri('template.yaml').toString();
    const served = await vscode.commands.executeCommand<{ url: string; routes: string[] }>(
      'serverlessWorkbench.localApi.start',
      templateUri,
    );
    try {
      assert.match(served.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.deepEqual(served.routes, ['GET /users/{id}']);
      const response = await fetch(`${served.url}/users/42`);
      assert.equal(response.status, 200);
      const body = (await response.json()) as { id: string; stage: string };
      assert.equal(body.id, '42');
      assert.equal(body.stage, 'dev');
      assert.equal((await fetch(`${served.url}/nothing/here`)).status, 403);
    } finally {
      await vscode.commands.executeCommand('serverlessWorkbench.localApi.stop', templateUri);
    }
    await assert.rejects(fetch(`${served.url}/users/42`));
  });

  it('says clearly when a function is not deployed to the backend, and invokes it once it is', async () => {
    const api = await activateWorkbench();
    await assert.rejects(api.invoke.invokeDeployed(target('UsersFunction')), (error: Error) => {
      assert.match(
        error.message,
        /UsersFunction is not deployed to the local cloud .*hello-sam-UsersFunction-<suffix>/,
      );
      return true;
    });
    const endpoint = await api.localCloud.ensureRunning();
    const code = await vscode.workspace.fs.readFile(fileUri('src/users/app.mjs'));
    const created = await fetch(`${endpoint}/2015-03-31/functions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        FunctionName: 'hello-sam-UsersFunction-A1B2C3D4E5F6',
        Runtime: 'nodejs20.x',
        Handler: 'app.handler',
        Role: 'arn:aws:iam::123456789012:role/lambda',
        Code: { ZipFile: Buffer.from(zipSync({ 'app.mjs': code })).toString('base64') },
      }),
    });
    assert.equal(created.status, 201, await created.text());
    try {
      const outcome = await api.invoke.invokeDeployed(target('UsersFunction'), { kind: 'generated', name: 'GetUser' });
      assert.equal(outcome.view.mode, 'deployed');
      assert.equal(outcome.view.subtitle, 'template.yaml · deployed as hello-sam-UsersFunction-A1B2C3D4E5F6');
      assert.equal((JSON.parse(outcome.payload) as { statusCode: number }).statusCode, 200);
      assert.ok(outcome.view.logs.some((line) => line.startsWith('REPORT RequestId:')));
    } finally {
      await fetch(`${endpoint}/2015-03-31/functions/hello-sam-UsersFunction-A1B2C3D4E5F6`, { method: 'DELETE' });
      await api.localCloud.stop();
    }
  });
});
