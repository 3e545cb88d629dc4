import { strict as assert } from 'node:assert';
import { findDefinition } from '../../../src/core/template/language/findDefinition';
import { findReferences, prepareRename, renameSymbol } from '../../../src/core/template/language/findReferences';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import type { SourceRange } from '../../../src/core/template/templateTree';
import { APP_TEMPLATE, projectSchema } from './languageFixtures';
import { memoryFileSystem } from './memoryFileSystem';

const document = TemplateDocument.parse(APP_TEMPLATE, projectSchema());

/** The offset of the `occurrence`-th `text` in the template, plus `into` characters. */
function at(text: string, occurrence = 1, into = 1): number {
  let offset = -1;
  for (let count = 0; count < occurrence; count++) offset = APP_TEMPLATE.indexOf(text, offset + 1);
  assert.ok(offset >= 0, `no ${text}`);
  return offset + into;
}

function texts(ranges: SourceRange[], text = APP_TEMPLATE): string[] {
  return ranges.map((range) => text.slice(range.start, range.end));
}

function lineOf(range: SourceRange): string {
  const start = APP_TEMPLATE.lastIndexOf('\n', range.start) + 1;
  return APP_TEMPLATE.slice(start, APP_TEMPLATE.indexOf('\n', range.start)).trim();
}

describe('navigation', () => {
  it('goes from Ref, GetAtt, ${}, conditions and FindInMap to their definitions', async () => {
    const definition = async (offset: number) => {
      const [target] = await findDefinition(document, offset);
      assert.equal(target?.kind, 'template');
      return target?.kind === 'template' ? lineOf(target.range) : '';
    };
    assert.equal(await definition(at('!Ref OrdersQueue', 1, 6)), 'OrdersQueue:');
    assert.equal(await definition(at('!GetAtt OrdersQueue.Arn', 1, 9)), 'OrdersQueue:');
    assert.equal(await definition(at('${Stage}', 1, 3)), 'Stage:');
    assert.equal(await definition(at('!Ref Stage', 1, 6)), 'Stage:');
    assert.equal(await definition(at('Condition: IsProd', 1, 12)), 'IsProd: !Equals [!Ref Stage, prod]');
    assert.equal(await definition(at('!Condition IsProd', 1, 12)), 'IsProd: !Equals [!Ref Stage, prod]');
    assert.equal(await definition(at('[StageSettings', 1, 2)), 'StageSettings:');
    assert.equal(await definition(at('Memory]', 1, 2)), 'Memory: 256');
    // SAM-generated names lead to the resource that generates them.
    assert.equal(await definition(at('${ServerlessRestApi}', 1, 4)), 'UsersFunction:');
    assert.equal(await definition(at('!Ref UsersFunction.Alias', 1, 8)), 'UsersFunction:');
    assert.deepEqual(await findDefinition(document, at('Description: Deployment')), []);
  });

  it('points at the name, not its quotes, in JSON templates (as references and rename do)', async () => {
    const json =
      '{\n  "Parameters": { "Stage": { "Type": "String" } },\n  "Outputs": { "S": { "Value": { "Ref": "Stage" } } }\n}';
    const jsonDocument = TemplateDocument.parse(json, projectSchema());
    const [target] = await findDefinition(jsonDocument, json.indexOf('"Stage" }') + 2);
    assert.equal(target?.kind, 'template');
    if (target?.kind === 'template') assert.equal(json.slice(target.range.start, target.range.end), 'Stage');
    const references = findReferences(jsonDocument, json.indexOf('"Stage" }') + 2);
    assert.ok(references.some((range) => json.slice(range.start, range.end) === 'Stage'));
  });

  it('goes from Handler to the exported function and from CodeUri to its folder', async () => {
    const files = memoryFileSystem({
      'src/users/app.mjs': '// users\nconst x = 1;\nexport const handler = async () => x;\n',
    });
    const [handler] = await findDefinition(document, at('app.handler', 1, 5), files);
    assert.deepEqual(handler, {
      kind: 'file',
      path: 'src/users/app.mjs',
      range: { start: { line: 2, character: 13 }, end: { line: 2, character: 20 } },
    });
    const [folder] = await findDefinition(document, at('src/users/', 1, 3), files);
    assert.deepEqual(folder, { kind: 'folder', path: 'src/users' });
    assert.deepEqual(await findDefinition(document, at('app.handler', 1, 5), memoryFileSystem({})), []);
  });

  it('finds every reference to a resource, parameter, condition or mapping', () => {
    assert.deepEqual(texts(findReferences(document, at('OrdersQueue:'))), [
      'OrdersQueue',
      'OrdersQueue',
      'OrdersQueue',
    ]);
    assert.deepEqual(findReferences(document, at('OrdersQueue:')).map(lineOf), [
      'QUEUE_URL: !Ref OrdersQueue',
      'OrdersQueue:',
      'Value: !GetAtt OrdersQueue.Arn',
    ]);
    assert.deepEqual(findReferences(document, at('!Ref Stage', 1, 6)).map(lineOf), [
      'Stage:',
      'IsProd: !Equals [!Ref Stage, prod]',
      'MemorySize: !FindInMap [StageSettings, !Ref Stage, Memory]',
      "Value: !Sub 'https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/${Stage}'",
    ]);
    assert.equal(findReferences(document, at('IsProd:')).length, 3);
    assert.equal(findReferences(document, at('StageSettings:'), false).length, 1);
    assert.deepEqual(findReferences(document, at('AWSTemplateFormatVersion')), []);
  });

  it('renames with every reference, including the names SAM derives from the resource', () => {
    const result = renameSymbol(document, at('UsersFunction:'), 'AccountsFunction');
    assert.ok('edits' in result);
    let renamed = APP_TEMPLATE;
    for (const edit of [...result.edits].sort((left, right) => right.range.start - left.range.start)) {
      renamed = renamed.slice(0, edit.range.start) + edit.newText + renamed.slice(edit.range.end);
    }
    assert.ok(renamed.includes('  AccountsFunction:\n'));
    assert.ok(renamed.includes('!Ref AccountsFunction.Alias'));
    assert.ok(!renamed.includes('UsersFunction'));
    const again = TemplateDocument.parse(renamed, projectSchema());
    assert.ok(
      again.references.every(
        (reference) =>
          reference.kind !== 'ref' ||
          again.symbols.resources.has(reference.name) ||
          again.symbols.parameters.has(reference.name) ||
          again.symbols.generated.has(reference.name) ||
          reference.name.startsWith('AWS::'),
      ),
    );
  });

  it('refuses renames to invalid or taken names, and outside symbols', () => {
    assert.deepEqual(renameSymbol(document, at('OrdersQueue:'), 'Orders-Queue'), {
      error: "'Orders-Queue' is not a valid name: use letters and digits only.",
    });
    assert.ok('error' in renameSymbol(document, at('OrdersQueue:'), 'Stage'));
    assert.ok('error' in renameSymbol(document, at('AWSTemplateFormatVersion'), 'X'));
    assert.deepEqual(prepareRename(document, at('!Ref OrdersQueue', 1, 6)), {
      range: { start: at('!Ref OrdersQueue', 1, 5), end: at('!Ref OrdersQueue', 1, 16) },
      placeholder: 'OrdersQueue',
    });
    assert.equal(prepareRename(document, at('Description: Deployment')), undefined);
  });
});
