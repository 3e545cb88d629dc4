// Template IntelliSense (issue #3) through the editor's own commands, as other extensions and the UI reach it.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

const SOURCE = 'Serverless Workbench';

async function open(relativePath: string): Promise<vscode.TextDocument> {
  await activateWorkbench();
  return vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/')));
}

/** The position `delta` characters into the first occurrence of `needle`. */
function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `'${needle}' is not in ${document.uri.path}`);
  return document.positionAt(index + delta);
}

/** A range as `line:character-line:character`, so a failing assertion shows where. */
function at(range: vscode.Range | undefined): string {
  return range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : 'none';
}

async function complete(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    position,
  );
  return list.items;
}

/**
 * Our property items. The editor adds word-based items (kind Text) and, in JSON, its own language service's
 * keys seen elsewhere in the document (without documentation); ours document the property they insert.
 */
function ourProperties(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items.filter(
    (item) =>
      item.kind === vscode.CompletionItemKind.Property &&
      item.documentation instanceof vscode.MarkdownString &&
      item.documentation.value.startsWith(`**${label(item)}**`),
  );
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function replaceRange(item: vscode.CompletionItem): vscode.Range | undefined {
  return item.range instanceof vscode.Range ? item.range : item.range?.replacing;
}

async function hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((entry) => entry.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Our diagnostics on a document as `range severity code`, in order. */
function ourDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === SOURCE)
    .map(
      (diagnostic) =>
        `${at(diagnostic.range)} ${vscode.DiagnosticSeverity[diagnostic.severity]} ${typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code)}`,
    );
}

/** A definition or reference as `path line:character-line:character`, the path relative to the workspace. */
function where(location: vscode.Location | vscode.LocationLink): string {
  const [uri, range] =
    location instanceof vscode.Location ? [location.uri, location.range] : [location.targetUri, location.targetRange];
  const root = workspaceRoot().path;
  return `${uri.path.startsWith(`${root}/`) ? uri.path.slice(root.length + 1) : uri.path} ${at(range)}`;
}

async function definitions(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    document.uri,
    position,
  );
  return found.map(where);
}

async function renameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string) {
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
    'vscode.executeDocumentRenameProvider',
    document.uri,
    position,
    newName,
  );
  return edit
    .entries()
    .flatMap(([uri, edits]) =>
      edits.map((change) => `${where(new vscode.Location(uri, change.range))}=${change.newText}`),
    );
}

async function outline(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  return (
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    )) ?? []
  );
}

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

  describe('go to definition', () => {
    it('goes from Ref, GetAtt and ${} to the logical ID, and from a SAM-generated name to the resource behind it', async () => {
      const document = await open('template.yaml');
      const queue = ['template.yaml 53:2-53:13'];
      assert.deepEqual(
        await definitions(document, positionOf(document, 'ORDERS_QUEUE_URL: !Ref OrdersQueue', 25)),
        queue,
      );
      assert.deepEqual(await definitions(document, positionOf(document, '!GetAtt OrdersQueue.Arn', 10)), queue);
      assert.deepEqual(await definitions(document, positionOf(document, '${ServerlessRestApi}', 4)), [
        'template.yaml 29:2-29:15',
      ]);
      assert.deepEqual(await definitions(document, positionOf(document, 'STAGE: !Ref Stage', 13)), [
        'template.yaml 7:2-7:7',
      ]);
    });

    it('goes from Handler to the exported function in its source file, and from CodeUri to the folder', async () => {
      const document = await open('template.yaml');
      assert.deepEqual(await definitions(document, positionOf(document, 'Handler: app.handler', 11)), [
        'src/users/app.mjs 3:13-3:20',
      ]);
      assert.deepEqual(await definitions(document, positionOf(document, 'CodeUri: src/users/', 11)), [
        'src/users 0:0-0:0',
      ]);
    });

    it('goes to definitions in a JSON template, handler included', async () => {
      const document = await open('intellisense/json/template.json');
      assert.deepEqual(await definitions(document, positionOf(document, '"Ref": "Stage"', 10)), [
        'intellisense/json/template.json 4:5-4:10',
      ]);
      assert.deepEqual(await definitions(document, positionOf(document, '["JobsQueue", "Arn"]', 3)), [
        'intellisense/json/template.json 7:5-7:14',
      ]);
      assert.deepEqual(await definitions(document, positionOf(document, '"index.handler"', 3)), [
        'intellisense/json/src/index.js 0:8-0:15',
      ]);
    });
  });

  describe('references and rename', () => {
    it('finds every reference of a logical ID, from its definition', async () => {
      const document = await open('template.yaml');
      const found = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        document.uri,
        positionOf(document, '  OrdersQueue:', 4),
      );
      assert.deepEqual(found.map(where), [
        'template.yaml 42:33-42:44',
        'template.yaml 45:31-45:42',
        'template.yaml 53:2-53:13',
        'template.yaml 70:27-70:38',
        'template.yaml 87:16-87:27',
      ]);
    });

    it('renames a parameter where it is defined and everywhere it is referenced', async () => {
      const document = await open('template.yaml');
      assert.deepEqual(await renameEdits(document, positionOf(document, 'STAGE: !Ref Stage', 13), 'DeploymentStage'), [
        'template.yaml 7:2-7:7=DeploymentStage',
        'template.yaml 25:20-25:25=DeploymentStage',
      ]);
      assert.equal(document.isDirty, false, 'computing the edits changes nothing');
    });

    it('refuses a rename to a name the template already uses, saying why', async () => {
      const document = await open('template.yaml');
      await assert.rejects(
        renameEdits(document, positionOf(document, 'STAGE: !Ref Stage', 13), 'OrdersQueue'),
        /'OrdersQueue' is already defined in this template/,
      );
    });

    it('renames a resource in a JSON template, inside a GetAtt list too', async () => {
      const document = await open('intellisense/json/template.json');
      assert.deepEqual(await renameEdits(document, positionOf(document, '"JobsQueue": {', 3), 'WorkQueue'), [
        'intellisense/json/template.json 7:5-7:14=WorkQueue',
        'intellisense/json/template.json 22:43-22:52=WorkQueue',
      ]);
    });
  });

  describe('outline and folding', () => {
    it('outlines a YAML template by section, with resources and their types', async () => {
      const document = await open('template.yaml');
      const symbols = await outline(document);
      assert.deepEqual(
        symbols.map((symbol) => symbol.name),
        ['AWSTemplateFormatVersion', 'Transform', 'Description', 'Parameters', 'Globals', 'Resources', 'Outputs'],
      );
      const resources = symbols.find((symbol) => symbol.name === 'Resources')!;
      assert.deepEqual(
        resources.children.map((child) => `${child.name} ${child.detail} ${at(child.selectionRange)}`),
        [
          'UsersFunction AWS::Serverless::Function 29:2-29:15',
          'OrdersQueue AWS::SQS::Queue 53:2-53:13',
          'OrderProcessorFunction AWS::Serverless::Function 58:2-58:24',
        ],
      );
      assert.equal(resources.children[1]?.kind, vscode.SymbolKind.Class);
      assert.equal(at(resources.range), '28:0-78:0');
    });

    it('outlines a JSON template beside the JSON language service', async () => {
      const document = await open('intellisense/json/template.json');
      const resources = (await outline(document)).filter(
        (symbol) => symbol.name === 'Resources' && symbol.children.some((child) => child.detail === 'AWS::SQS::Queue'),
      );
      assert.equal(resources.length, 1, 'our outline is there, with resource types as details');
      assert.deepEqual(
        resources[0]!.children.map((child) => `${child.name} ${child.detail}`),
        ['JobsQueue AWS::SQS::Queue', 'JobsFunction AWS::Serverless::Function'],
      );
    });

    it('folds each multi-line entry', async () => {
      const document = await open('template.yaml');
      const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
        'vscode.executeFoldingRangeProvider',
        document.uri,
      );
      const spans = ranges.map((range) => `${range.start}-${range.end}`);
      for (const expected of ['6-15', '28-77', '29-51', '53-56', '79-87']) {
        assert.ok(spans.includes(expected), `${expected} is not among ${spans.join(', ')}`);
      }
    });
  });

  describe('settings', () => {
    // The yaml.customTags default itself only shows once the Red Hat YAML extension registers the setting (not
    // installed here); test/unit/intellisense/contributions.test.ts checks the contribution.
    it('writes no yaml.customTags into user or workspace settings', async () => {
      await activateWorkbench();
      const inspected = vscode.workspace.getConfiguration('yaml').inspect<string[]>('customTags');
      assert.equal(inspected?.globalValue, undefined);
      assert.equal(inspected?.workspaceValue, undefined);
      assert.equal(inspected?.workspaceFolderValue, undefined);
    });
  });

  describe('bad input', () => {
    it('reports a malformed template and an alias bomb, and every provider still answers', async () => {
      const api = await activateWorkbench();
      const failuresBefore = api.intellisense.providerFailures.length;
      const broken = await open('broken/template.yaml');
      await eventually(
        () => ourDiagnostics(broken.uri),
        (list) => ['12:0-12:1 Error syntax', '14:0-14:0 Error syntax'].every((entry) => list.includes(entry)),
      );
      // What parsed before the syntax error still gets answers: hover, completion, outline, folding.
      const typeHover = hoverText(await hover(broken, positionOf(broken, 'Type: AWS::Serverless::Function', 8)));
      assert.match(typeHover, /^\*\*AWS::Serverless::Function\*\*/);
      const properties = ourProperties(await complete(broken, positionOf(broken, '      Handler: app.handler', 6)));
      assert.ok(['MemorySize', 'Timeout', 'Layers'].every((name) => properties.map(label).includes(name)));
      const resources = (await outline(broken)).find((symbol) => symbol.name === 'Resources');
      assert.deepEqual(
        resources?.children.map((child) => child.name),
        ['StillListedFunction', 'Orphan'],
      );
      const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>(
        'vscode.executeFoldingRangeProvider',
        broken.uri,
      );
      assert.ok(
        folds.some((range) => range.start === 4 && range.end >= 10),
        folds.map((range) => `${range.start}-${range.end}`).join(),
      );
      assert.deepEqual(await definitions(broken, positionOf(broken, 'app.handler')), []);

      // The alias bomb is reported, never expanded: the providers answer nothing, quickly, and do not fail.
      const bomb = await open('intellisense/alias-bomb/template.yaml');
      await eventually(
        () => ourDiagnostics(bomb.uri),
        (list) => list.includes('0:0-0:0 Error alias-bomb'),
      );
      const middle = bomb.positionAt(Math.floor(bomb.getText().length / 2));
      assert.deepEqual(ourProperties(await complete(bomb, middle)), []);
      assert.equal(hoverText(await hover(bomb, positionOf(bomb, 'Type: AWS::SQS::Queue', 8))), '');
      assert.deepEqual(await definitions(bomb, middle), []);
      assert.deepEqual(await outline(bomb), []);
      await vscode.commands.executeCommand('vscode.executeFoldingRangeProvider', bomb.uri);
      // A provider that threw was answered with nothing by the guard: that must not have happened.
      assert.deepEqual(api.intellisense.providerFailures.slice(failuresBefore), []);
    });
  });

  describe('hostile content', () => {
    const HOSTILE_DESCRIPTION =
      '<img src=x onerror="alert(1)"> <script>alert(2)</script> [Open a terminal](command:workbench.action.terminal.new) \u001b[31mRED\u001b[0m';
    after(async () => {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'hostile'), { recursive: true }).then(
        () => undefined,
        () => undefined,
      );
    });

    it('shows a Description with HTML, a command: link and ANSI escapes as inert text in the hover', async () => {
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'hostile', 'template.yaml');
      const text = [
        'AWSTemplateFormatVersion: "2010-09-09"',
        'Parameters:',
        '  Stage:',
        '    Type: String',
        '    Default: "`dev` <b>x</b>"',
        `    Description: ${JSON.stringify(HOSTILE_DESCRIPTION)}`,
        'Resources:',
        '  Topic:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      TopicName: !Ref Stage',
        '',
      ].join('\n');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const document = await vscode.workspace.openTextDocument(uri);
      const hovers = await eventually(
        () => hover(document, positionOf(document, '!Ref Stage', 6)),
        (found) => hoverText(found).includes('Parameter'),
      );
      const contents = hovers.flatMap((entry) => entry.contents);
      for (const content of contents) {
        // Untrusted Markdown without HTML: the editor runs no command: link and renders no tag.
        if (content instanceof vscode.MarkdownString) {
          assert.ok(!content.isTrusted, 'the hover Markdown is not trusted');
          assert.ok(!content.supportHtml, 'the hover Markdown does not render HTML');
        }
      }
      assert.equal(
        hoverText(hovers),
        '**Parameter** `Stage` (String)\n\nDefault: `` `dev` <b>x</b> ``\n\n' +
          '\\<img src=x onerror="alert(1)"\\> \\<script\\>alert(2)\\</script\\> ' +
          '\\[Open a terminal\\](command:workbench.action.terminal.new) RED',
      );
    });
  });

  describe('documents that are not templates', () => {
    it('leaves plain YAML alone: no completion, hover, outline, definition or diagnostics of ours', async () => {
      const document = await open('config/settings.yaml');
      const items = await complete(document, new vscode.Position(0, 0));
      assert.deepEqual(items.filter((item) => item.kind !== vscode.CompletionItemKind.Text).map(label), []);
      assert.deepEqual(hoverText(await hover(document, new vscode.Position(0, 1))), '');
      assert.deepEqual(await outline(document), []);
      assert.deepEqual(await definitions(document, new vscode.Position(1, 2)), []);
      // Give validation a template to finish first, so "nothing" means "checked and found nothing".
      const template = await open('intellisense/json/template.json');
      await eventually(
        () => ourDiagnostics(template.uri),
        (list) => list.length > 0,
      );
      assert.deepEqual(ourDiagnostics(document.uri), []);
    });
  });
});
