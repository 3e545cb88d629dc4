import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

describe('Explorer (in a real VS Code)', () => {
  it('registers every contributed command', async () => {
    await activateWorkbench();
    const commands = await vscode.commands.getCommands(true);
    const extension = vscode.extensions.getExtension('serverless-workbench.serverless-workbench')!;
    const contributed = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes
      .commands;
    for (const { command } of contributed) assert.ok(commands.includes(command), `${command} is not registered`);
  });

  it('finds the sample app template and its functions, and the broken template, but not other YAML', async () => {
    const api = await activateWorkbench();
    const { templates, skippedLarge } = await api.explorer.scan();
    const byLabel = new Map(templates.map((template) => [template.label, template]));
    assert.deepEqual(
      byLabel.get('template.yaml')?.functions.map((fn) => fn.logicalId),
      ['UsersFunction', 'OrderProcessorFunction'],
    );
    const broken = byLabel.get('broken/template.yaml');
    assert.ok(broken, `broken/template.yaml should be listed; found ${[...byLabel.keys()].join(', ')}`);
    assert.ok(broken.syntaxError, 'the malformed template reports its syntax error');
    assert.deepEqual(
      broken.functions.map((fn) => fn.logicalId),
      ['StillListedFunction'],
    );
    assert.ok(!byLabel.has('config/settings.yaml'), 'plain YAML is not a template');
    assert.deepEqual(skippedLarge, ['huge.yaml']);
  });

  it('notices a template created through the editor at once', async () => {
    const api = await activateWorkbench();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'created-in-editor', 'template.yaml');
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, {
      contents: new TextEncoder().encode(
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  EditorFunction:\n    Type: AWS::Serverless::Function\n',
      ),
    });
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const labels = await eventually(
        async () => (await api.explorer.scan()).templates.map((template) => template.label),
        (found) => found.includes('created-in-editor/template.yaml'),
      );
      assert.ok(labels.includes('template.yaml'));
    } finally {
      const removal = new vscode.WorkspaceEdit();
      removal.deleteFile(vscode.Uri.joinPath(workspaceRoot(), 'created-in-editor'), { recursive: true });
      await vscode.workspace.applyEdit(removal);
    }
  });

  it('opens a function in its template with the logical ID selected', async () => {
    const api = await activateWorkbench();
    const template = (await api.explorer.scan()).templates.find((entry) => entry.label === 'template.yaml')!;
    const fn = template.functions.find((entry) => entry.logicalId === 'OrderProcessorFunction')!;
    await vscode.commands.executeCommand('serverlessWorkbench.explorer.openResource', {
      uri: template.uri.toString(),
      start: fn.position,
      end: fn.endPosition,
    });
    const editor = await eventually(
      () => vscode.window.activeTextEditor,
      (active) => active?.document.uri.toString() === template.uri.toString(),
    );
    assert.equal(editor?.document.getText(editor.selection), 'OrderProcessorFunction');
  });

  it('notices a new template without a manual refresh', async () => {
    const api = await activateWorkbench();
    // A person makes the folder, then the template in it.
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(workspaceRoot(), 'added'));
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'added', 'template.yml');
    await vscode.workspace.fs.writeFile(
      uri,
      new TextEncoder().encode(
        'Transform: AWS::Serverless-2016-10-31\nResources:\n  AddedFunction:\n    Type: AWS::Serverless::Function\n',
      ),
    );
    try {
      await eventually(
        async () => (await api.explorer.scan()).templates.map((template) => template.label),
        (labels) => labels.includes('added/template.yml'),
      );
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'added'), { recursive: true });
    }
  });
});
