// Functions with `Metadata: BuildMethod: esbuild` (TypeScript, usually) are bundled before they run, as
// `sam build` would, but always with source maps so stacks and breakpoints land in the .ts sources. Bundles are
// cached by function and rebuilt only when one of their source files changed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, parse, resolve } from 'node:path';
import { WorkbenchError } from '../errors';
import type { Logger } from '../logger';
import { ensureEsbuild, type EsbuildModule } from './esbuildLocator';
import type { FunctionDefinition } from './runtimeTypes';

/** A ready bundle: the folder to run from and the source files it was built from. */
export interface FunctionBundle {
  directory: string;
  /** Source files outside node_modules with their modification stamps, to tell when a rebuild is due. */
  inputs: Array<[file: string, stamp: string]>;
}

const inFlight = new Map<string, Promise<FunctionBundle>>();

/** Bundles the function (or reuses a fresh cached bundle). Build errors become a WorkbenchError. */
export function bundleFunction(
  definition: FunctionDefinition,
  cacheRoot: string,
  logger: Logger,
): Promise<FunctionBundle> {
  const settings = definition.build ?? { method: 'esbuild' };
  const key = createHash('sha256')
    .update(JSON.stringify([definition.codeDirectory, definition.handler, settings]))
    .digest('hex')
    .slice(0, 20);
  const directory = join(cacheRoot, 'esbuild', key);
  const existing = inFlight.get(directory);
  if (existing) return existing;
  const work = (async () => {
    const cached = readCachedBundle(directory);
    if (cached && !bundleIsStale(cached)) return cached;
    return await build(definition, directory, logger);
  })().finally(() => inFlight.delete(directory));
  inFlight.set(directory, work);
  return work;
}

/** True when a source file of the bundle changed or disappeared since it was built. */
export function bundleIsStale(bundle: FunctionBundle): boolean {
  return bundle.inputs.some(([file, stamp]) => fileStamp(file) !== stamp);
}

async function build(definition: FunctionDefinition, directory: string, logger: Logger): Promise<FunctionBundle> {
  const settings = definition.build ?? { method: 'esbuild' };
  const esbuild = await ensureEsbuild(definition.codeDirectory, logger);
  const entryPoints = (settings.entryPoints ?? [handlerEntryPoint(definition.codeDirectory, definition.handler)]).map(
    (entry) => (isAbsolute(entry) ? entry : resolve(definition.codeDirectory, entry)),
  );
  const started = performance.now();
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  let result: Awaited<ReturnType<EsbuildModule['build']>>;
  try {
    result = await esbuild.build({
      entryPoints,
      outdir: directory,
      bundle: true,
      platform: 'node',
      format: settings.format ?? 'cjs',
      target: settings.target ?? `node${process.versions.node.split('.')[0] ?? '20'}`,
      external: settings.external ?? [],
      minify: settings.minify ?? false,
      // Always on locally: traces and breakpoints map back to the sources.
      sourcemap: 'linked',
      absWorkingDir: definition.codeDirectory,
      outExtension: settings.format === 'esm' ? { '.js': '.mjs' } : { '.js': '.js' },
      metafile: true,
      logLevel: 'silent',
    });
  } catch (error) {
    throw WorkbenchError.chain(
      error,
      `Bundling ${definition.logicalId ?? definition.functionName} with esbuild failed`,
      {
        code: 'BundleFailed',
        hint: 'Fix the error in the source, or check Metadata.BuildProperties in the template.',
      },
    );
  }
  const inputs = Object.keys(result.metafile?.inputs ?? {})
    .map((input) => resolve(definition.codeDirectory, input))
    .filter((file) => !file.includes(`${'node_modules'}`))
    .map((file): [string, string] => [file, fileStamp(file)]);
  const bundle: FunctionBundle = { directory, inputs };
  writeFileSync(join(directory, '.serverless-workbench-bundle.json'), JSON.stringify(bundle));
  logger.info(
    `[runtime] bundled ${definition.functionName} with esbuild in ${(performance.now() - started).toFixed(0)} ms`,
  );
  return bundle;
}

function readCachedBundle(directory: string): FunctionBundle | undefined {
  try {
    const bundle = JSON.parse(
      readFileSync(join(directory, '.serverless-workbench-bundle.json'), 'utf8'),
    ) as FunctionBundle;
    return Array.isArray(bundle.inputs) ? bundle : undefined;
  } catch {
    return undefined;
  }
}

/** SAM's default entry point: the handler's module, as TypeScript when a .ts file exists, else JavaScript. */
export function handlerEntryPoint(codeDirectory: string, handler: string): string {
  const handlerModule = handler.slice(0, handler.lastIndexOf('.'));
  const base = join(codeDirectory, handlerModule);
  const found = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'].map((extension) => base + extension).find(existsSync);
  if (!found) {
    throw new WorkbenchError(`No source file for the handler ${handler} in ${codeDirectory}.`, {
      code: 'BundleEntryNotFound',
      hint: `Create ${parse(base).base}.ts, or list the file in Metadata.BuildProperties.EntryPoints.`,
    });
  }
  return found;
}

function fileStamp(file: string): string {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return 'missing';
  }
}
