import assert from 'node:assert/strict';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { resolveTemplate } from '../../../src/core/runtime/resolve/resolveFunctions';
import { createRuntimePool } from '../../../src/core/runtime/runtimePool';
import type { FunctionDefinition, InvokeResult, RuntimePool } from '../../../src/core/runtime/runtimeTypes';
import { payloadOf, runtimeFixtures } from './runtimeFixtures';

const layerImportsTemplate = join(runtimeFixtures, 'layer-imports', 'template.yaml');

describe('runtime: handlers importing packages from layers', function () {
  let pool: RuntimePool;
  let definitions: Map<string, FunctionDefinition>;
  before(() => {
    pool = createRuntimePool({ logger: silentLogger, idleTimeoutMs: 60_000 });
    const resolved = resolveTemplate({ templatePath: layerImportsTemplate, samConfig: false });
    definitions = new Map(
      resolved.functions.flatMap((entry) => (entry.definition ? [[entry.logicalId, entry.definition] as const] : [])),
    );
  });
  after(() => pool.dispose());

  const invoke = (logicalId: string, payload = '{}'): Promise<InvokeResult> => {
    const definition = definitions.get(logicalId);
    assert.ok(definition, `${logicalId} resolves`);
    return pool.invoke(definition, { payload });
  };

  it('resolves both layers of the template, in order', () => {
    assert.deepEqual(definitions.get('EsmFunction')?.layerDirectories, [
      join(runtimeFixtures, 'layer-imports', 'layers', 'first'),
      join(runtimeFixtures, 'layer-imports', 'layers', 'second'),
    ]);
  });

  it('lets an .mjs handler import layer packages: own node_modules first, then the later layer, then the earlier', async () => {
    const result = await invoke('EsmFunction', '{"name":"esm"}');
    assert.equal(result.functionError, undefined, result.payload);
    assert.deepEqual(payloadOf(result), {
      // An ES-only package with an exports map (and a subpath) that itself imports a package of the other layer.
      greeting: 'hello esm, from the first layer (helper: nodejs/node20/node_modules of the second layer)!',
      shared: 'the second layer',
      shadowed: "the function's node_modules",
      versioned: 'nodejs/node20/node_modules of the second layer',
      workbenchVariables: [],
    });
  });

  it('lets a CommonJS handler require layer packages and import() an ES-only one', async () => {
    const result = await invoke('CommonJsFunction');
    assert.equal(result.functionError, undefined, result.payload);
    assert.deepEqual(payloadOf(result), {
      greeting: 'hello commonjs, from the first layer (helper: nodejs/node20/node_modules of the second layer)',
      shared: 'the second layer',
      versioned: 'nodejs/node20/node_modules of the second layer',
    });
  });

  it('still answers Runtime.ImportModuleError for a package that no layer ships', async () => {
    const result = await invoke('MissingPackageFunction');
    assert.equal(result.errorType, 'Runtime.ImportModuleError');
    const error = payloadOf<{ errorType: string; errorMessage: string }>(result);
    assert.equal(error.errorType, 'Runtime.ImportModuleError');
    assert.match(
      error.errorMessage,
      /^Error: Cannot find package 'a-package-in-no-layer' imported from .*functions[/\\]missing[/\\]app\.mjs$/,
    );
  });
});
