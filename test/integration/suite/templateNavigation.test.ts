// Template IntelliSense (issue #3): definitions, references, rename, outline, folding, and what bad or hostile
// input must not break, through the editor's own commands.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import {
  at,
  complete,
  definitions,
  hover,
  hoverText,
  label,
  open,
  ourDiagnostics,
  ourProperties,
  outline,
  positionOf,
  renameEdits,
  where,
} from './templateQueries';
import { activateWorkbench, eventually, workspaceRoot } from './workbench';

describe('Template navigation, outline and robustness (in a real VS Code)', () => {
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
