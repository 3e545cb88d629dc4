// Node.js functions and layers without a bundler, as SAM CLI's npm workflow builds them: the source copied, and
// its production dependencies installed (`npm ci --omit=dev` with a lockfile, else `npm install --omit=dev`).
// Installed dependencies are cached by the content of package.json and the lockfile, so an unchanged manifest
// costs a copy, not an install.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../errors';
import { runBuildTool } from './buildTool';
import { copySourceTree } from './sourceTree';

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Where production dependencies came from, for the progress line. */
export type DependencySource = 'none' | 'installed' | 'cached';

/** Copies the source into `destination` and adds its production dependencies. */
export async function buildNodePackage(options: {
  logicalId: string;
  sourceDirectory: string;
  destination: string;
  cacheDirectory: string;
  architecture: string;
}): Promise<DependencySource> {
  await copySourceTree(options.sourceDirectory, options.destination, ['node_modules']);
  const modules = await productionDependencies(options);
  if (!modules) return 'none';
  // Links are followed: npm links local (file:) dependencies with paths relative to the cache, which would dangle
  // in the build folder and mean nothing in the zip.
  await cp(modules.directory, join(options.destination, 'node_modules'), { recursive: true, dereference: true });
  return modules.source;
}

/**
 * The folder of installed production dependencies for the source's package.json (from the cache, or installed
 * now), or undefined when it declares none. Also used by esbuild builds whose source has no node_modules.
 */
export async function productionDependencies(options: {
  logicalId: string;
  sourceDirectory: string;
  cacheDirectory: string;
  architecture: string;
}): Promise<{ directory: string; source: DependencySource } | undefined> {
  const manifestPath = join(options.sourceDirectory, 'package.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifestText = await readFile(manifestPath, 'utf8');
  let manifest: { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  try {
    manifest = JSON.parse(manifestText) as typeof manifest;
  } catch (error) {
    throw WorkbenchError.chain(error, `${manifestPath} is not valid JSON`, { code: 'InvalidPackageJson' });
  }
  const declared = { ...manifest.dependencies, ...manifest.optionalDependencies };
  if (Object.keys(declared).length === 0) return undefined;
  // Local dependencies (file:../shared) are written relative to the code folder; npm runs elsewhere, so they become
  // absolute, and the lockfile (which repeats the relative paths) is left out for those projects.
  const localDependencies = Object.values(declared).filter((spec) => relativeLocalSpec(spec) !== undefined);
  const lockfile =
    localDependencies.length > 0
      ? undefined
      : LOCKFILES.find((name) => existsSync(join(options.sourceDirectory, name)));
  const lockText = lockfile ? await readFile(join(options.sourceDirectory, lockfile), 'utf8') : '';
  const key = createHash('sha256')
    .update([manifestText, lockfile ?? '', lockText, options.architecture, process.platform].join('\0'))
    .digest('hex')
    .slice(0, 24);
  const cached = join(options.cacheDirectory, 'node-deps', key);
  if (existsSync(join(cached, 'node_modules'))) return { directory: join(cached, 'node_modules'), source: 'cached' };

  // Functions sharing a package.json in one build share one install.
  let install = installs.get(cached);
  if (!install) {
    install = installDependencies(options, { manifestPath, manifestText, lockfile, cached }).finally(() =>
      installs.delete(cached),
    );
    installs.set(cached, install);
    await install;
    return { directory: join(cached, 'node_modules'), source: 'installed' };
  }
  await install;
  return { directory: join(cached, 'node_modules'), source: 'cached' };
}

const installs = new Map<string, Promise<void>>();

async function installDependencies(
  options: { logicalId: string; sourceDirectory: string },
  install: { manifestPath: string; manifestText: string; lockfile: string | undefined; cached: string },
): Promise<void> {
  const { manifestPath, manifestText, lockfile, cached } = install;
  const staging = `${cached}.partial-${process.pid}-${randomUUID().slice(0, 8)}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const name of [...(lockfile ? [lockfile] : []), '.npmrc']) {
      const from = join(options.sourceDirectory, name);
      if (existsSync(from)) await cp(from, join(staging, name));
    }
    await writeFile(join(staging, 'package.json'), stagedManifest(manifestText, options.sourceDirectory));
    const args = lockfile
      ? ['ci', '--omit=dev', '--no-audit', '--no-fund']
      : ['install', '--omit=dev', '--no-package-lock', '--no-audit', '--no-fund'];
    const result = await runBuildTool(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: staging });
    if (result.code !== 0) {
      throw new WorkbenchError(
        `npm ${args[0]} failed for ${options.logicalId} (exit ${String(result.code)}):\n${result.outputTail}`,
        {
          code: 'DependencyInstallFailed',
          hint: lockfile
            ? `Check that ${lockfile} matches package.json (run npm install in ${options.sourceDirectory}) and that the registry is reachable.`
            : `Check the dependencies in ${manifestPath} and that the registry is reachable.`,
        },
      );
    }
    await rename(staging, cached).catch(async (error: NodeJS.ErrnoException) => {
      // Another build installed the same dependencies meanwhile: theirs is as good as ours.
      if (!existsSync(join(cached, 'node_modules'))) throw error;
      await rm(staging, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** `file:../x`, `link:../x` or `../x` as [protocol, relative path]; undefined for anything else. */
function relativeLocalSpec(spec: string): [string, string] | undefined {
  const match = /^(file:|link:)?(\.{1,2}(?:[\\/].*)?)$/.exec(spec) ?? /^(file:|link:)([^/\\].*)$/.exec(spec);
  return match ? [match[1] ?? 'file:', match[2] ?? ''] : undefined;
}

/** package.json for the staging folder: relative local dependencies made absolute, nothing else changed. */
function stagedManifest(text: string, sourceDirectory: string): string {
  const manifest = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
  for (const field of ['dependencies', 'optionalDependencies', 'devDependencies']) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      const local = relativeLocalSpec(spec);
      if (local) manifest[field]![name] = `${local[0]}${resolve(sourceDirectory, local[1])}`;
    }
  }
  return JSON.stringify(manifest, null, 2);
}
