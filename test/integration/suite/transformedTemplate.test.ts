// "Serverless: Show Transformed Template" (issue #8) in the real editor: a read-only document beside the template
// that follows its edits, through the command as the palette, title bar and context menu run it.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

const COMMAND = 'serverlessWorkbench.template.showTransformed';
const SWITCH_FORMAT = 'serverlessWorkbench.template.switchTransformedFormat';
const SCHEME = 'serverless-workbench-transformed';

function transformedEditors(): vscode.TextEditor[] {
  return vscode.window.visibleTextEditors.filter((editor) => editor.document.uri.scheme === SCHEME);
}

async function openTemplate(relativePath: string): Promise<vscode.TextEditor> {
  await activateWorkbench();
  const document = await vscode.workspace.openTextDocument(
    vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/')),
  );
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

async function replaceInEditor(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const text = editor.document.getText();
  const index = text.indexOf(from);
  assert.ok(index >= 0, `'${from}' is not in ${editor.document.uri.path}`);
  const range = new vscode.Range(editor.document.positionAt(index), editor.document.positionAt(index + from.length));
  assert.ok(await editor.edit((builder) => builder.replace(range, to)));
}

function replacing(uri: vscode.Uri, range: vscode.Range, text: string): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, range, text);
  return edit;
}

describe('Show Transformed Template', () => {
  afterEach(async () => {
    // Editors other suites left dirty (an untitled template) stay: closing them would ask whether to save.
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => !tab.isDirty);
    await vscode.window.tabGroups.close(tabs);
  });

  it('opens what SAM generates beside the template, read-only, and follows its edits', async () => {
    const editor = await openTemplate('template.yaml');
    const original = editor.document.getText();
    await vscode.commands.executeCommand(COMMAND);
    const [shown] = await eventually(transformedEditors, (editors) => editors.length === 1);
    const transformed = shown!.document;
    assert.equal(transformed.uri.path.endsWith('/template.transformed.yaml'), true, transformed.uri.toString());
    assert.equal(transformed.languageId, 'yaml');
    assert.notEqual(shown!.viewColumn, editor.viewColumn, 'beside the template');
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'the template keeps the focus');
    const text = transformed.getText();
    for (const expected of [
      'UsersFunction:\n    Type: AWS::Lambda::Function',
      'UsersFunctionRole:\n    Type: AWS::IAM::Role',
      'UsersFunctionAliaslive:\n    Type: AWS::Lambda::Alias',
      'ServerlessRestApi:\n    Type: AWS::ApiGateway::RestApi',
      'OrderProcessorFunctionOrdersFromQueue:\n    Type: AWS::Lambda::EventSourceMapping',
      'S3Key: src/users/',
    ]) {
      assert.ok(text.includes(expected), `no '${expected}' in:\n${text.slice(0, 2000)}`);
    }
    assert.ok(!/^Transform:/m.test(text) && !/^Globals:/m.test(text));

    try {
      // An unsaved edit of the template shows at once (after the edit delay).
      await replaceInEditor(editor, 'AutoPublishAlias: live', 'AutoPublishAlias: blue');
      await eventually(
        () => transformed.getText(),
        (current) => current.includes('UsersFunctionAliasblue:') && !current.includes('UsersFunctionAliaslive:'),
      );
      // A template SAM refuses: AWS's message and the line, in place of the template.
      await replaceInEditor(editor, 'AutoPublishAlias: blue', "AutoPublishAlias: ''");
      const refused = await eventually(
        () => transformed.getText(),
        (current) => current.startsWith('# The SAM transform refuses template.yaml:'),
      );
      assert.match(
        refused,
        /^# template\.yaml:37:25: Resource with id \[UsersFunction\] is invalid\. 'AutoPublishAlias' cannot be an empty string\.$/m,
      );
      // The location is a link to that line of the template.
      const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>(
        'vscode.executeLinkProvider',
        transformed.uri,
      );
      assert.deepEqual(
        links.map((link) => [link.range.start.line, link.target?.path, link.target?.fragment]),
        [
          [
            refused.split('\n').findIndex((line) => line.startsWith('# template.yaml:37:25')),
            editor.document.uri.path,
            'L37,25',
          ],
        ],
      );
    } finally {
      // The template as it was, saved, so later suites find it clean.
      const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
      await vscode.workspace.applyEdit(replacing(editor.document.uri, whole, original));
      await editor.document.save();
    }
    await eventually(
      () => transformed.getText(),
      (current) => current.includes('UsersFunctionAliaslive:'),
    );
  });

  it('is offered by a lens on the Transform line and switches between YAML and JSON in place', async () => {
    const editor = await openTemplate('template.yaml');
    const lenses = await eventually(
      async () =>
        await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri),
      (found) => found.some((lens) => lens.command?.command === COMMAND),
    );
    const lens = lenses.find((found) => found.command?.command === COMMAND)!;
    assert.equal(editor.document.lineAt(lens.range.start.line).text, 'Transform: AWS::Serverless-2016-10-31');
    await vscode.commands.executeCommand(COMMAND, ...((lens.command!.arguments ?? []) as unknown[]));
    const [yaml] = await eventually(transformedEditors, (editors) => editors.length === 1);
    assert.equal(yaml!.document.languageId, 'yaml');
    const column = yaml!.viewColumn;

    await vscode.commands.executeCommand(SWITCH_FORMAT, yaml!.document.uri);
    const [json] = await eventually(
      transformedEditors,
      (editors) => editors.length === 1 && editors[0]!.document.languageId === 'json',
    );
    assert.equal(json!.viewColumn, column, 'in place of the YAML view');
    assert.ok(json!.document.uri.path.endsWith('/template.transformed.json'));
    const template = JSON.parse(json!.document.getText()) as { Resources: Record<string, { Type: string }> };
    assert.equal(template.Resources.UsersFunctionAliaslive?.Type, 'AWS::Lambda::Alias');
    const openTabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    assert.ok(!openTabs.some((tab) => tab.label === 'template.transformed.yaml'), 'the YAML tab is closed');

    // The choice holds when the template is shown again.
    await vscode.window.showTextDocument(editor.document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand(COMMAND);
    assert.equal(
      vscode.window.visibleTextEditors.find((shown) => shown.document.uri.scheme === SCHEME)?.document.languageId,
      'json',
    );
    await vscode.commands.executeCommand(SWITCH_FORMAT, json!.document.uri);
    await eventually(
      transformedEditors,
      (editors) => editors.length === 1 && editors[0]!.document.languageId === 'yaml',
    );
  });

  it('writes JSON for a JSON template', async () => {
    const editor = await openTemplate('intellisense/json/template.json');
    await vscode.commands.executeCommand(COMMAND, editor.document.uri);
    const [shown] = await eventually(transformedEditors, (editors) => editors.length === 1);
    assert.equal(shown!.document.languageId, 'json');
    const template = JSON.parse(shown!.document.getText()) as { Resources: Record<string, { Type: string }> };
    assert.ok(Object.values(template.Resources).some((resource) => resource.Type === 'AWS::Lambda::Function'));
    assert.ok(Object.values(template.Resources).every((resource) => !resource.Type.startsWith('AWS::Serverless::')));
  });

  it('refuses a file that is not a template, without opening anything', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'name: not a template\n' });
    await vscode.window.showTextDocument(document);
    // executeCommand settles when the handler has: it failed behind the error boundary (a message, no exception).
    assert.equal(await vscode.commands.executeCommand(COMMAND), undefined);
    assert.deepEqual(transformedEditors(), []);
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    assert.ok(!tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === SCHEME));
    // An unsaved untitled document would make closing all editors ask whether to save it.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
