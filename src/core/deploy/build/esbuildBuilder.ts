// `Metadata: BuildMethod: esbuild` as SAM CLI builds it: the handler's module (or BuildProperties.EntryPoints)
// bundled for Node with SAM's defaults (Minify true, Target es2020, Format cjs, no source map unless Sourcemap or
// NODE_OPTIONS --enable-source-maps asks for one). The project's esbuild is used when it has one, else ours (installed once when
// the extension's package has none).
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { WorkbenchError } from '../../errors';
import { silentLogger } from '../../logger';
import { handlerEntryPoint } from '../../runtime/esbuildBundler';
import { ensureEsbuild } from '../../runtime/esbuildLocator';
import type { JsonValue } from '../../template/templateJson';
import type { BuildTarget } from './buildTargets';
import { productionDependencies } from './nodeBuilder';

/** What a bundle produced: the files it read (for incremental builds) and environment variables to add. */
export interface EsbuildOutcome {
  inputs: string[];
  environment: Record<string, string>;
}

/** Bundles the target into `destination`. */
export async function buildWithEsbuild(
  target: BuildTarget,
  destination: string,
  cacheDirectory: string,
): Promise<EsbuildOutcome> {
  const properties = target.buildProperties;
  const source = target.sourceDirectory;
  const entryPoints = listOf(properties['EntryPoints']).map((entry) =>
    isAbsolute(entry) ? entry : resolve(source, entry),
  );
  if (entryPoints.length === 0) {
    if (!target.handler) {
      throw new WorkbenchError(`${target.logicalId} has no Handler to find its entry point from.`, {
        code: 'BundleEntryNotFound',
        hint: 'Set Metadata.BuildProperties.EntryPoints.',
      });
    }
    entryPoints.push(handlerEntryPoint(source, target.handler));
  }
  const nodeOptionsValue = target.environment['NODE_OPTIONS'];
  const nodeOptions = typeof nodeOptionsValue === 'string' ? nodeOptionsValue : '';
  const sourcemapProperty = booleanOf(properties['Sourcemap']);
  // SAM: NODE_OPTIONS --enable-source-maps turns source maps on; an explicit Sourcemap: false wins.
  const sourcemap = sourcemapProperty ?? nodeOptions.includes('--enable-source-maps');
  const format = properties['Format'] === 'esm' ? 'esm' : 'cjs';
  // Without node_modules in the source (a clean checkout), imports resolve from the installed production deps.
  const nodePaths: string[] = [];
  if (!existsSync(join(source, 'node_modules'))) {
    const dependencies = await productionDependencies({
      logicalId: target.logicalId,
      sourceDirectory: source,
      cacheDirectory,
      architecture: target.architecture,
    });
    if (dependencies) nodePaths.push(dependencies.directory);
  }
  const esbuild = await ensureEsbuild(source, silentLogger);
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      entryPoints,
      outdir: destination,
      bundle: true,
      platform: 'node',
      format,
      target: stringOf(properties['Target']) ?? 'es2020',
      minify: booleanOf(properties['Minify']) ?? true,
      sourcemap,
      ...(booleanOf(properties['SourcesContent']) === false ? { sourcesContent: false } : {}),
      external: listOf(properties['External']),
      mainFields: listOf(properties['MainFields'] ?? 'main,module'),
      loader: pairsOf(properties['Loader']),
      ...(properties['Banner'] !== undefined ? { banner: pairsOf(properties['Banner']) } : {}),
      ...(properties['Footer'] !== undefined ? { footer: pairsOf(properties['Footer']) } : {}),
      ...(properties['OutExtension'] !== undefined ? { outExtension: pairsOf(properties['OutExtension']) } : {}),
      ...(nodePaths.length > 0 ? { nodePaths } : {}),
      absWorkingDir: source,
      metafile: true,
      logLevel: 'silent',
    });
  } catch (error) {
    throw WorkbenchError.chain(error, `Bundling ${target.logicalId} with esbuild failed`, {
      code: 'BundleFailed',
      hint: 'Fix the error in the source, or check Metadata.BuildProperties in the template.',
    });
  }
  const inputs = Object.keys(result.metafile?.inputs ?? {})
    .map((input) => resolve(source, input))
    .filter((file) => !file.split(/[\\/]/).includes('node_modules'));
  for (const manifest of ['package.json', 'package-lock.json']) {
    if (existsSync(join(source, manifest))) inputs.push(join(source, manifest));
  }
  return {
    inputs,
    environment:
      sourcemap && !nodeOptions.includes('--enable-source-maps')
        ? { NODE_OPTIONS: `${nodeOptions} --enable-source-maps`.trim() }
        : {},
  };
}

/** A list property: YAML list, or SAM's comma-separated string. */
function listOf(value: JsonValue | undefined): string[] {
  if (Array.isArray(value))
    return value
      .map(String)
      .map((item) => item.trim())
      .filter(Boolean);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  return [];
}

/** `[".png=dataurl"]` or `"js=..."` as esbuild's map. */
function pairsOf(value: JsonValue | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
  for (const item of items) {
    const equals = item.indexOf('=');
    if (equals > 0) pairs[item.slice(0, equals).trim()] = item.slice(equals + 1);
  }
  return pairs;
}

function booleanOf(value: JsonValue | undefined): boolean | undefined {
  if (value === true || value === 'true' || value === 'True') return true;
  if (value === false || value === 'false' || value === 'False') return false;
  return undefined;
}

function stringOf(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
