import { strict as assert } from 'node:assert';
import { listNodeExports, listPythonFunctions } from '../../../src/core/template/language/handlerSources';
import { parseHandler } from '../../../src/core/template/language/handlerLocation';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { validateCodeLocations } from '../../../src/core/template/language/validateCodeLocations';
import { APP_TEMPLATE, appTemplateWith, projectSchema } from './languageFixtures';
import { memoryFileSystem } from './memoryFileSystem';

function names(exports: { names: { name: string }[] }): string[] {
  return exports.names.map((entry) => entry.name).sort();
}

describe('handler sources', () => {
  it('lists the exports of ES modules, CommonJS and TypeScript', () => {
    const source = [
      'export const handler = async () => {};',
      'export async function named(event) {}',
      'export function* generator() {}',
      'export let later;',
      'export class Service {}',
      'const a = 1, b = 2;',
      'export { a, b as renamed, type Hidden };',
      'export default function () {}',
      '// export const commented = 1;',
      '/* export function alsoCommented() {} */',
      'exports.legacy = () => {};',
      'module.exports.more = () => {};',
      "exports['quoted'] = 1;",
      'export const typed: Handler<APIGatewayProxyEvent> = async (event) => ({ statusCode: 200 });',
    ].join('\n');
    const exports = listNodeExports(source);
    assert.deepEqual(names(exports), [
      'Service',
      'a',
      'default',
      'generator',
      'handler',
      'later',
      'legacy',
      'more',
      'named',
      'quoted',
      'renamed',
      'typed',
    ]);
    assert.equal(exports.complete, true);
    const handler = exports.names.find((entry) => entry.name === 'handler')!;
    assert.equal(source.slice(handler.offset, handler.offset + 7), 'handler');
  });

  it('reads module.exports objects and knows when it cannot be sure', () => {
    assert.deepEqual(names(listNodeExports('module.exports = { handler, other: () => 1, async third() {} };')), [
      'handler',
      'other',
      'third',
    ]);
    assert.equal(listNodeExports("module.exports = require('./impl');").complete, false);
    assert.equal(listNodeExports("export * from './impl';").complete, false);
    assert.equal(listNodeExports('module.exports = { ...base, extra };').complete, false);
  });

  it('lists top-level Python functions, assignments and imports, not nested ones', () => {
    const source = [
      'import json',
      'from helpers import wrap, other as alias',
      '',
      '@decorator',
      'def lambda_handler(event, context):',
      '    def inner():',
      '        pass',
      '    return {}',
      '',
      'async def async_handler(event, context):',
      '    pass',
      '',
      'wrapped = wrap(lambda_handler)',
      'typed: Callable = wrap(async_handler)',
      'class Handler:',
      '    def method(self):',
      '        pass',
    ].join('\n');
    assert.deepEqual(names(listPythonFunctions(source)), [
      'Handler',
      'alias',
      'async_handler',
      'lambda_handler',
      'typed',
      'wrap',
      'wrapped',
    ]);
    assert.equal(listPythonFunctions('from star import *').complete, false);
  });

  it('splits handler strings as the runtimes do', () => {
    assert.deepEqual(parseHandler('node', 'src/', 'nested/app.obj.fn'), {
      candidates: [
        'src/nested/app',
        'src/nested/app.js',
        'src/nested/app.mjs',
        'src/nested/app.cjs',
        'src/nested/app.ts',
        'src/nested/app.mts',
        'src/nested/app.cts',
      ],
      exportName: 'obj',
    });
    assert.deepEqual(parseHandler('python', './fn', 'pkg.module.handler'), {
      candidates: ['fn/pkg/module.py', 'fn/pkg/module/__init__.py'],
      exportName: 'handler',
    });
    assert.deepEqual(parseHandler('python', '.', 'pkg/module.handler')?.candidates[0], 'pkg/module.py');
    assert.equal(parseHandler('node', '.', '../escape.handler'), undefined);
    assert.equal(parseHandler('node', '.', 'noexport'), undefined);
  });
});

describe('validateCodeLocations', () => {
  async function check(
    template: string,
    files: Record<string, string>,
  ): Promise<{ code: string; text: string; message: string }[]> {
    const document = TemplateDocument.parse(template, projectSchema());
    const diagnostics = await validateCodeLocations(document, memoryFileSystem(files));
    assert.ok(diagnostics.every((diagnostic) => diagnostic.severity === 'warning'));
    return diagnostics.map((diagnostic) => ({
      code: diagnostic.code,
      text: template.slice(diagnostic.range.start, diagnostic.range.end),
      message: diagnostic.message,
    }));
  }

  it('is silent when the folder, the file and the export exist', async () => {
    assert.deepEqual(
      await check(APP_TEMPLATE, { 'src/users/app.mjs': 'export const handler = async () => ({});' }),
      [],
    );
  });

  it('warns about a missing CodeUri folder at the CodeUri value', async () => {
    const [warning, ...rest] = await check(APP_TEMPLATE, { 'other/app.js': '' });
    assert.deepEqual(rest, []);
    assert.equal(warning?.code, 'codeuri-missing');
    assert.equal(warning?.text, 'src/users/');
  });

  it('warns about a missing handler file or export at the Handler value', async () => {
    const file = await check(APP_TEMPLATE, { 'src/users/index.js': 'exports.handler = () => {};' });
    assert.deepEqual(
      file.map((warning) => [warning.code, warning.text]),
      [['handler-file-missing', 'app.handler']],
    );
    const exported = await check(APP_TEMPLATE, { 'src/users/app.js': 'exports.main = () => {};' });
    assert.deepEqual(
      exported.map((warning) => [warning.code, warning.text]),
      [['handler-export-missing', 'app.handler']],
    );
    assert.match(exported[0]!.message, /it has main/);
    const unsure = await check(APP_TEMPLATE, { 'src/users/app.js': "module.exports = require('./impl');" });
    assert.deepEqual(unsure, []);
  });

  it('checks Python handlers, Globals settings once, and skips images, inline code and S3 locations', async () => {
    const python = appTemplateWith('    Runtime: nodejs22.x', '    Runtime: python3.12').replace(
      'Handler: app.handler',
      'Handler: app.lambda_handler',
    );
    assert.deepEqual(
      await check(python, { 'src/users/app.py': 'def lambda_handler(event, context):\n    return {}\n' }),
      [],
    );
    const missing = await check(python, { 'src/users/app.py': 'def handler(event, context):\n    return {}\n' });
    assert.deepEqual(
      missing.map((warning) => warning.code),
      ['handler-export-missing'],
    );
    const shared = [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function:',
      '    CodeUri: missing/',
      '    Runtime: nodejs22.x',
      'Resources:',
      '  A:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: a.handler',
      '  B:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: b.handler',
      '  Inline:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      InlineCode: exports.handler = async () => ({})',
      '      Handler: index.handler',
      '  Remote:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: s3://bucket/key.zip',
      '      Handler: index.handler',
      '  Image:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      PackageType: Image',
    ].join('\n');
    assert.deepEqual(
      (await check(shared, {})).map((warning) => [warning.code, warning.text]),
      [['codeuri-missing', 'missing/']],
    );
  });
});
