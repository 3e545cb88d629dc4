import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findExportOffset, functionsInFile, handlerFileTarget } from '../../../src/core/invoke/handlerFiles';
import { resolveTemplate } from '../../../src/core/runtime/resolve/resolveFunctions';
import type { FunctionDefinition } from '../../../src/core/runtime/runtimeTypes';
import { repoRoot } from '../../support/paths';

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

describe('handler files of resolved functions', () => {
  it('maps the sample app handlers to their functions', () => {
    const templatePath = join(repoRoot, 'samples', 'hello-sam', 'template.yaml');
    const resolved = resolveTemplate({ templatePath });
    const functions = resolved.functions.map((entry) => ({
      templatePath,
      logicalId: entry.logicalId,
      target: handlerFileTarget(entry.definition!)!,
    }));
    const users = join(repoRoot, 'samples', 'hello-sam', 'src', 'users', 'app.mjs');
    const orders = join(repoRoot, 'samples', 'hello-sam', 'src', 'orders', 'app.py');
    assert.deepEqual(functionsInFile(functions, users, isFile), [
      { templatePath, logicalId: 'UsersFunction', exportName: 'handler', language: 'node' },
    ]);
    assert.deepEqual(
      functionsInFile(functions, orders, isFile).map((binding) => binding.logicalId),
      ['OrderProcessorFunction'],
    );
    assert.deepEqual(functionsInFile(functions, join(repoRoot, 'samples', 'hello-sam', 'template.yaml'), isFile), []);
  });

  it('binds a handler to the first candidate that exists, as the runtime loads it', () => {
    const target = handlerFileTarget(definition({ handler: 'app.handler' }))!;
    const functions = [{ templatePath: '/t.yaml', logicalId: 'F', target }];
    const existing = new Set(['/code/app.js', '/code/app.mjs']);
    const has = (path: string) => existing.has(path);
    assert.equal(functionsInFile(functions, '/code/app.js', has).length, 1);
    assert.equal(functionsInFile(functions, '/code/app.mjs', has).length, 0);
    assert.equal(functionsInFile(functions, '/code/app.cjs', has).length, 0);
  });

  const definition = (overrides: Partial<FunctionDefinition>) =>
    ({ runtime: 'nodejs20.x', handler: 'app.handler', codeDirectory: '/code', ...overrides }) as FunctionDefinition;

  it('tries the extensions the runtime tries, in order, and nested folders', () => {
    const target = handlerFileTarget(definition({ handler: 'src/nested/app.obj.fn' }));
    assert.equal(target?.exportName, 'obj');
    assert.deepEqual(target?.candidates.slice(0, 4), [
      '/code/src/nested/app',
      '/code/src/nested/app.js',
      '/code/src/nested/app.mjs',
      '/code/src/nested/app.cjs',
    ]);
  });

  it('puts esbuild entry points first and maps Python packages', () => {
    const built = handlerFileTarget(
      definition({ handler: 'app.handler', build: { method: 'esbuild', entryPoints: ['src/app.ts'] } }),
    );
    assert.equal(built?.candidates[0], '/code/src/app.ts');
    const python = handlerFileTarget(definition({ runtime: 'python3.12', handler: 'pkg.module.function' }));
    assert.deepEqual(python, {
      language: 'python',
      candidates: ['/code/pkg/module.py', '/code/pkg/module/__init__.py'],
      exportName: 'function',
    });
    assert.equal(handlerFileTarget(definition({ runtime: 'java21' })), undefined);
    assert.equal(handlerFileTarget(definition({ handler: '../escape.handler' })), undefined);
  });

  it('finds where the handler export is written', () => {
    const source = readFileSync(join(repoRoot, 'samples', 'hello-sam', 'src', 'users', 'app.mjs'), 'utf8');
    const offset = findExportOffset(source, 'node', 'handler');
    assert.ok(offset !== undefined && source.slice(offset).startsWith('handler = async'));
    const python = 'import json\n\n\ndef handler(event, context):\n    return 1\n';
    assert.equal(findExportOffset(python, 'python', 'handler'), python.indexOf('handler('));
    assert.equal(findExportOffset(python, 'python', 'missing'), undefined);
  });
});
