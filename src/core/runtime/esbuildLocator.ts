// Finds the esbuild that `Metadata: BuildMethod: esbuild` functions are bundled with, as `sam build` does: the
// project's own first. The extension's package carries no native binaries, so when the project has none, the
// version the extension is built and tested with is installed once from the npm registry into a tool store that
// the editor and the CLI share.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { Logger } from '../logger';
import { npmInstall } from './npmInstall';

/** The subset of esbuild's API the bundlers use. */
export interface EsbuildModule {
  build(options: Record<string, unknown>): Promise<{ metafile?: { inputs: Record<string, unknown> } }>;
}

/** The esbuild version of package-lock.json (a unit test keeps them equal). */
export const TOOL_ESBUILD_VERSION = '0.28.2';

/** Where tools installed on first need live: SW_TOOL_STORE, else the user's cache folder. */
export function toolStoreDirectory(): string {
  const cacheRoot = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return process.env['SW_TOOL_STORE'] || join(cacheRoot, 'serverless-workbench', 'tools');
}

/** Where to look and how to install; the defaults suit the editor and the CLI, tests narrow them. */
export interface EsbuildLookup {
  storeDirectory?: string;
  npmCommand?: string;
  /** Also look beside the extension's own code (true by default; a development checkout has esbuild there). */
  searchExtension?: boolean;
}

/** The project's esbuild, else the extension's own (development checkouts), else the tool store's; or undefined. */
export function findEsbuild(codeDirectory: string, lookup: EsbuildLookup = {}): EsbuildModule | undefined {
  const storeManifest = join(esbuildPrefix(lookup.storeDirectory ?? toolStoreDirectory()), 'package.json');
  const bases = [join(codeDirectory, 'package.json'), ...(lookup.searchExtension === false ? [] : [__filename])];
  for (const base of [...bases, storeManifest]) {
    try {
      return createRequire(base)('esbuild') as EsbuildModule;
    } catch {
      // Not installed there; try the next place.
    }
  }
  return undefined;
}

/** Like findEsbuild, but installs esbuild into the tool store when no place has it. */
export async function ensureEsbuild(
  codeDirectory: string,
  logger: Logger,
  lookup: EsbuildLookup = {},
): Promise<EsbuildModule> {
  const found = findEsbuild(codeDirectory, lookup);
  if (found) return found;
  const prefix = esbuildPrefix(lookup.storeDirectory ?? toolStoreDirectory());
  logger.info(`[runtime] Installing esbuild ${TOOL_ESBUILD_VERSION} for BuildMethod: esbuild into ${prefix}`);
  try {
    await npmInstall(lookup.npmCommand ?? 'npm', prefix, [`esbuild@${TOOL_ESBUILD_VERSION}`]);
  } catch (error) {
    throw notInstalled(codeDirectory, error instanceof Error ? error.message : String(error));
  }
  const installed = findEsbuild(codeDirectory, lookup);
  if (!installed) throw notInstalled(codeDirectory, `npm installed nothing loadable into ${prefix}`);
  return installed;
}

function esbuildPrefix(storeDirectory: string): string {
  return join(storeDirectory, `esbuild-${TOOL_ESBUILD_VERSION}`);
}

function notInstalled(codeDirectory: string, reason: string): WorkbenchError {
  const projectHasManifest = existsSync(join(codeDirectory, 'package.json'));
  return new WorkbenchError(
    `esbuild is not installed, and the function asks for BuildMethod: esbuild (installing it failed: ${reason}).`,
    {
      code: 'EsbuildNotFound',
      hint: projectHasManifest
        ? `Run \`npm install --save-dev esbuild\` in ${codeDirectory}, as sam build also needs.`
        : `Run \`npm install --global esbuild\`, or add esbuild to the project's devDependencies.`,
    },
  );
}
