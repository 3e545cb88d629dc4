// Template IntelliSense (issue #3): completion, hover and diagnostics through the editor's own commands.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  SOURCE,
  at,
  complete,
  hover,
  hoverText,
  label,
  open,
  ourDiagnostics,
  ourProperties,
  positionOf,
  replaceRange,
} from './templateQueries';
import { eventually, workspaceRoot } from './workbench';

describe('Template IntelliSense (in a real VS Code)', () => {
  describe('completion', () => {
    it('proposes the other properties of the resource type at the cursor, replacing the key (YAML)', async () => {
      const document = await open('template.yaml');
      const items = await complete(document, positionOf(document, '      VisibilityTimeout', 6));
      const properties = ourProperties(items);
      assert.deepEqual(properties.map(label), [
        'ContentBasedDeduplication',
        'DeduplicationScope',
        'DelaySeconds',
        'FifoQueue',
        'FifoThroughputLimit',
        'KmsDataKeyReusePeriodSeconds',
        'KmsMasterKeyId',
        'MaximumMessageSize',
        'MessageRetentionPeriod',
        'QueueName',
        'ReceiveMessageWaitTimeSeconds',
        'RedriveAllowPolicy',
        'RedrivePolicy',
        'SqsManagedSseEnabled',
        'Tags',
      ]);
      for (const item of properties) assert.equal(at(replaceRange(item)), '56:6-56:23', label(item));
      const delay = properties.find((item) => label(item) === 'DelaySeconds')!;
      assert.match(delay.detail ?? '', /Integer/);
    });

    it('proposes Ref targets: parameters, resources, what SAM generates and pseudo parameters', async () => {
      const document = await open('template.yaml');
      const items = await complete(document, positionOf(document, 'STAGE: !Ref Stage', 12));
      const labels = items.map(label);
      for (const expected of [
        'Stage',
        'GreetingPrefix',
        'OrdersQueue',
        'UsersFunction',
        'UsersFunctionRole',
        'UsersFunction.Alias',
        'ServerlessRestApi',
        'AWS::Region',
        'AWS::NoValue',
      ]) {
        assert.ok(labels.includes(expected), `${expected} missing from ${labels.join(', ')}`);
      }
      const stage = items.find((item) => label(item) === 'Stage')!;
      assert.equal(stage.kind, vscode.CompletionItemKind.Variable);
      assert.equal(at(replaceRange(stage)), '25:20-25:25');
    });

    it('proposes the GetAtt attributes of the resource before the dot', async () => {
      const document = await open('template.yaml');
      const items = await complete(document, positionOf(document, '!GetAtt OrdersQueue.QueueName', 20));
      const attributes = items.filter((item) => item.kind === vscode.CompletionItemKind.Field);
      assert.deepEqual(attributes.map(label), ['OrdersQueue.Arn', 'OrdersQueue.QueueName', 'OrdersQueue.QueueUrl']);
      for (const item of attributes) assert.equal(at(replaceRange(item)), '45:31-45:52');
    });

    it('proposes allowed values (Lambda runtimes) and intrinsic functions as values', async () => {
      const document = await open('template.yaml');
      const items = await complete(document, positionOf(document, 'Runtime: nodejs22.x', 9));
      const labels = items.map(label);
      assert.ok(labels.includes('nodejs22.x') && labels.includes('python3.12'), labels.join(', '));
      const ref = items.find((item) => label(item) === '!Ref');
      assert.ok(ref?.insertText instanceof vscode.SnippetString);
      assert.equal(ref.insertText.value, '!Ref ${1}');
    });

    it('completes a half-typed key in a template that is being edited (untitled, incomplete)', async () => {
      const sample = await open('template.yaml');
      const text = sample
        .getText()
        .replace('      VisibilityTimeout: 60\n', '      VisibilityTimeout: 60\n      Fif\n');
      const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
      const position = positionOf(document, '      Fif\n', 9);
      const items = await complete(document, position);
      const fifo = items.find((item) => label(item) === 'FifoQueue');
      assert.ok(fifo, `FifoQueue missing from ${items.map(label).join(', ')}`);
      assert.equal(at(replaceRange(fifo)), `${position.line}:6-${position.line}:9`);
    });

    it('proposes properties with JSON snippets in a JSON template', async () => {
      const document = await open('intellisense/json/template.json');
      const items = await complete(document, positionOf(document, '"VisibilityTimeout"', 1));
      const properties = ourProperties(items);
      assert.equal(properties.length, 15, properties.map(label).join(', '));
      const delay = properties.find((item) => label(item) === 'DelaySeconds')!;
      assert.ok(delay.insertText instanceof vscode.SnippetString);
      assert.equal(delay.insertText.value, '"DelaySeconds": $1');
      assert.equal(at(replaceRange(delay)), '10:8-10:27');
      assert.equal(delay.filterText, '"DelaySeconds', 'the editor filters from the opening quote');
    });

    it('proposes Ref targets in a JSON template', async () => {
      const document = await open('intellisense/json/template.json');
      const items = await complete(document, positionOf(document, '{ "Ref": "Stage" }', 10));
      const labels = items.map(label);
      for (const expected of ['Stage', 'JobsQueue', 'JobsFunction', 'JobsFunctionRole', 'AWS::StackName']) {
        assert.ok(labels.includes(expected), `${expected} missing from ${labels.join(', ')}`);
      }
      const stage = items.find((item) => label(item) === 'Stage')!;
      assert.equal(at(replaceRange(stage)), '21:31-21:36');
    });
  });

  describe('hover', () => {
    it('describes a resource type, with what Ref and GetAtt return', async () => {
      const document = await open('template.yaml');
      const hovers = await hover(document, positionOf(document, 'Type: AWS::SQS::Queue', 8));
      const text = hoverText(hovers);
      assert.match(text, /\*\*AWS::SQS::Queue\*\*/);
      assert.match(text, /`Ref` returns the `QueueUrl`/);
      assert.equal(at(hovers.find((entry) => entry.range)?.range), '54:10-54:25');
    });

    it('describes a parameter where it is referenced: type, default, description', async () => {
      const document = await open('template.yaml');
      const hovers = await hover(document, positionOf(document, 'STAGE: !Ref Stage', 13));
      assert.equal(
        hoverText(hovers),
        '**Parameter** `Stage` (String)\n\nDefault: `dev`\n\nDeployment stage, passed to the functions as STAGE.',
      );
      assert.equal(at(hovers[0]?.range), '25:20-25:25');
    });

    it('describes a GetAtt attribute and a property in a JSON template', async () => {
      const document = await open('intellisense/json/template.json');
      const property = await hover(document, positionOf(document, '"VisibilityTimeout"', 3));
      assert.match(hoverText(property), /^\*\*VisibilityTimeout\*\*.*Integer/);
      assert.equal(at(property[0]?.range), '10:8-10:27');
      const reference = await hover(document, positionOf(document, '{ "Ref": "Stage" }', 11));
      assert.match(hoverText(reference), /^\*\*Parameter\*\* `Stage` \(String\)/);
    });
  });

  describe('diagnostics', () => {
    it('reports each error of a YAML template at its exact range, and a missing handler file as a warning', async () => {
      const document = await open('intellisense/errors/template.yaml');
      const found = await eventually(
        () => ourDiagnostics(document.uri),
        (list) => list.length >= 3,
      );
      assert.deepEqual(found, [
        '11:6-11:12 Error unknown-property',
        '14:27-14:39 Error unresolved-ref',
        '20:15-20:29 Warning handler-file-missing',
      ]);
      const unknown = vscode.languages.getDiagnostics(document.uri).find((entry) => entry.code === 'unknown-property');
      assert.match(unknown?.message ?? '', /Did you mean 'Timeout'\?/);
    });

    it('re-validates when the handler file a template points to appears and disappears', async () => {
      const document = await open('intellisense/errors/template.yaml');
      const warning = '20:15-20:29 Warning handler-file-missing';
      await eventually(
        () => ourDiagnostics(document.uri),
        (list) => list.includes(warning),
      );
      const handler = vscode.Uri.joinPath(workspaceRoot(), 'intellisense', 'errors', 'src', 'worker.mjs');
      await vscode.workspace.fs.writeFile(handler, new TextEncoder().encode('export const handler = async () => 1;\n'));
      try {
        await eventually(
          () => ourDiagnostics(document.uri),
          (list) => list.length === 2 && !list.includes(warning),
        );
      } finally {
        await vscode.workspace.fs.delete(handler);
      }
      await eventually(
        () => ourDiagnostics(document.uri),
        (list) => list.includes(warning),
      );
    });

    it('reports an unresolved Ref in a JSON template', async () => {
      const document = await open('intellisense/json/template.json');
      const found = await eventually(
        () => ourDiagnostics(document.uri),
        (list) => list.length > 0,
      );
      assert.deepEqual(found, ['23:33-23:44 Error unresolved-ref']);
    });

    it('re-validates on edit: an error appears as it is typed and goes when it is reverted', async () => {
      const document = await open('template.yaml');
      const editor = await vscode.window.showTextDocument(document);
      const position = positionOf(document, 'STAGE: !Ref Stage', 17);
      await editor.edit((edit) => edit.insert(position, 'x'));
      try {
        const found = await eventually(
          () => ourDiagnostics(document.uri),
          (list) => list.length > 0,
        );
        // The parameter the Ref named is now unused, too.
        assert.deepEqual(found, ['7:2-7:7 Warning unused-parameter', '25:20-25:26 Error unresolved-ref']);
      } finally {
        // Undo the keystroke by an edit and save, not `workbench.action.files.revert`: that command reverts the
        // active editor, which another suite's webview beside it can be (the template then stayed broken for every
        // later suite).
        const undo = new vscode.WorkspaceEdit();
        undo.delete(document.uri, new vscode.Range(position, position.translate(0, 1)));
        await vscode.workspace.applyEdit(undo);
        await document.save();
      }
      await eventually(
        () => ourDiagnostics(document.uri),
        (list) => list.length === 0,
      );
      assert.equal(document.isDirty, false);
    });
    it('reports the SAM translator’s error at the line that causes it once typing stops, and clears it when fixed', async () => {
      // The transform runs off the keystroke path (after the fast diagnostics): its error still arrives by itself.
      const document = await open('template.yaml');
      const editor = await vscode.window.showTextDocument(document);
      const value = positionOf(document, 'AutoPublishAlias: live', 'AutoPublishAlias: '.length);
      const live = new vscode.Range(value, value.translate(0, 'live'.length));
      await editor.edit((edit) => edit.replace(live, "''"));
      try {
        const found = await eventually(
          () => ourDiagnostics(document.uri),
          (list) => list.some((entry) => entry.endsWith('Error sam-transform')),
        );
        assert.deepEqual(found, [
          `${value.line}:${value.character}-${value.line}:${value.character + 2} Error sam-transform`,
        ]);
        const message = vscode.languages.getDiagnostics(document.uri).find((entry) => entry.source === SOURCE)?.message;
        assert.match(message ?? '', /'AutoPublishAlias' cannot be an empty string/);
      } finally {
        const undo = new vscode.WorkspaceEdit();
        undo.replace(document.uri, new vscode.Range(value, value.translate(0, 2)), 'live');
        await vscode.workspace.applyEdit(undo);
        await document.save();
      }
      await eventually(
        () => ourDiagnostics(document.uri),
        (list) => list.length === 0,
      );
      assert.equal(document.isDirty, false);
    });
  });
});
