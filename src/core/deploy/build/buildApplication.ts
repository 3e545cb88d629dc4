// `build`: every function and layer with local code built into <build dir>/<LogicalId>, as SAM CLI lays out
// .aws-sam/build, and a built template whose code locations point there (other relative paths rewritten to stay
// valid from the build folder). Incremental: a target whose inputs and settings did not change keeps its build.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { WorkbenchError } from '../../errors';
import { BUILT_FROM_PREFIX, readTemplateFile, serializeTemplate } from '../templateFile';
import { listBuildTargets, type BuildTarget } from './buildTargets';
import { writeBuiltTemplate } from './builtTemplate';
import { buildWithEsbuild } from './esbuildBuilder';
import { buildWithMakefile } from './makefileBuilder';
import { buildNodePackage, type DependencySource } from './nodeBuilder';
import { buildPythonPackage } from './pythonBuilder';
import { copySourceTree, hashFiles, hashSourceTree } from './sourceTree';

/** What to build and where. */
export interface BuildOptions {
  templatePath: string;
  /** Default: .aws-sam/build beside the template. */
  buildDirectory?: string;
  /** Dependency installs and the incremental state; default: .aws-sam/cache beside the build folder. */
  cacheDirectory?: string;
  parameterOverrides?: Record<string, string>;
  /** Build only these resources (the others keep their previous build). */
  only?: readonly string[];
  /** Rebuild even what is up to date. */
  force?: boolean;
  pythonExecutable?: string;
  /** One call per target as it finishes (built, up to date, skipped). */
  onProgress?: (event: BuildProgress) => void;
}

/** How one target's build went. */
export interface BuildProgress {
  logicalId: string;
  method: string;
  status: 'built' | 'up to date' | 'skipped';
  durationMs: number;
  detail?: string;
}

export interface BuildResult {
  builtTemplatePath: string;
  buildDirectory: string;
  progress: BuildProgress[];
}

interface BuildRecord {
  /** The settings and source digest the build was made from. */
  fingerprint: string;
  /** For esbuild: the files the bundle read (outside node_modules). */
  inputs?: string[];
  /** Variables the build adds to the function (esbuild source maps). */
  environment?: Record<string, string>;
}

type BuildState = Record<string, BuildRecord>;
const STATE_FILE = 'serverless-workbench-build.json';
const STATE_VERSION = 1;

/** Builds the template's functions and layers and writes the built template. */
export async function buildApplication(options: BuildOptions): Promise<BuildResult> {
  const templatePath = resolve(options.templatePath);
  const document = await readTemplateFile(templatePath);
  const buildDirectory = resolve(options.buildDirectory ?? join(dirname(templatePath), '.aws-sam', 'build'));
  const cacheDirectory = resolve(options.cacheDirectory ?? join(dirname(buildDirectory), 'cache'));
  const { targets, skipped, images } = listBuildTargets(
    document.template,
    dirname(templatePath),
    options.parameterOverrides,
  );
  const needsDocker = images.filter((image) => image.dockerfile !== undefined);
  if (needsDocker.length > 0) {
    const names = needsDocker.map((image) => image.logicalId).join(', ');
    throw new WorkbenchError(
      `${names} ${needsDocker.length === 1 ? 'is an Image function' : 'are Image functions'} (PackageType: Image with a Dockerfile): building container images needs Docker, which serverless-workbench build does not use.`,
      {
        code: 'ImageBuildUnsupported',
        hint: 'Build and push the image yourself (docker build, docker push to ECR) and set ImageUri without Metadata.Dockerfile, or use zip functions.',
      },
    );
  }
  for (const target of targets) {
    if (!existsSync(target.sourceDirectory)) {
      throw new WorkbenchError(
        `${target.codeProperty} of ${target.logicalId} points at ${target.sourceDirectory}, which does not exist.`,
        { code: 'InvalidLocalPath', hint: 'Fix the path in the template (relative paths start at the template).' },
      );
    }
  }
  await mkdir(buildDirectory, { recursive: true });
  await mkdir(cacheDirectory, { recursive: true });
  const state = await readState(cacheDirectory);
  const progress: BuildProgress[] = [];
  const report = (event: BuildProgress) => {
    progress.push(event);
    options.onProgress?.(event);
  };
  for (const item of [
    ...skipped,
    ...images.map((image) => ({ logicalId: image.logicalId, reason: 'container image: ImageUri used as it is' })),
  ]) {
    report({ logicalId: item.logicalId, method: '-', status: 'skipped', durationMs: 0, detail: item.reason });
  }
  const selected = options.only ? targets.filter((target) => options.only?.includes(target.logicalId)) : targets;
  await runWithConcurrency(selected, Math.max(1, Math.min(4, availableParallelism())), async (target) => {
    const started = performance.now();
    const record = await buildTarget(target, { buildDirectory, cacheDirectory, state, options });
    report({
      logicalId: target.logicalId,
      method: target.method,
      status: record.cached ? 'up to date' : 'built',
      durationMs: performance.now() - started,
      ...(record.detail ? { detail: record.detail } : {}),
    });
  });
  await removeStaleBuilds(buildDirectory, state, new Set(targets.map((target) => target.logicalId)));
  const builtTemplatePath = join(buildDirectory, 'template.yaml');
  const built = writeBuiltTemplate(document.template, {
    templateDirectory: dirname(templatePath),
    buildDirectory,
    targets,
    environment: Object.fromEntries(
      targets.map((target) => [target.logicalId, state[target.logicalId]?.environment ?? {}]),
    ),
  });
  const sourceFromBuild = relative(buildDirectory, templatePath).split(sep).join('/');
  await writeFile(builtTemplatePath, `${BUILT_FROM_PREFIX}${sourceFromBuild}\n${serializeTemplate(built, 'yaml')}`);
  await writeState(cacheDirectory, state);
  return { builtTemplatePath, buildDirectory, progress };
}

async function buildTarget(
  target: BuildTarget,
  context: { buildDirectory: string; cacheDirectory: string; state: BuildState; options: BuildOptions },
): Promise<{ cached: boolean; detail?: string }> {
  const destination = join(context.buildDirectory, target.logicalId);
  const settings = JSON.stringify([
    STATE_VERSION,
    target.method,
    target.runtime,
    target.handler,
    target.architecture,
    target.buildProperties,
    target.environment['NODE_OPTIONS'] ?? null,
    target.kind,
  ]);
  const previous = context.state[target.logicalId];
  if (!context.options.force && previous && existsSync(destination)) {
    const fingerprint = await fingerprintOf(target, settings, previous.inputs);
    if (fingerprint === previous.fingerprint) return { cached: true };
  }
  const staging = `${destination}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let detail: string | undefined;
  let record: Omit<BuildRecord, 'fingerprint'> = {};
  try {
    // Layers keep their runtime folder inside the zip (python/, nodejs/), where Lambda puts it on the path.
    const output =
      target.kind === 'layer' && target.method === 'pip'
        ? join(staging, 'python')
        : target.kind === 'layer' && target.method === 'npm'
          ? join(staging, 'nodejs')
          : staging;
    switch (target.method) {
      case 'npm':
        detail = dependencyDetail(
          await buildNodePackage({ ...target, destination: output, cacheDirectory: context.cacheDirectory }),
        );
        break;
      case 'pip':
        detail = dependencyDetail(
          await buildPythonPackage({
            ...target,
            destination: output,
            cacheDirectory: context.cacheDirectory,
            runtime: target.runtime ?? 'python3',
            ...(context.options.pythonExecutable ? { pythonExecutable: context.options.pythonExecutable } : {}),
          }),
        );
        break;
      case 'esbuild': {
        const outcome = await buildWithEsbuild(target, staging, context.cacheDirectory);
        record = { inputs: outcome.inputs, environment: outcome.environment };
        break;
      }
      case 'makefile':
        await buildWithMakefile(target.logicalId, target.sourceDirectory, staging);
        break;
      case 'copy':
        await rm(staging, { recursive: true, force: true });
        await copySourceTree(target.sourceDirectory, staging, []);
        detail = `no builder for ${target.runtime ?? 'this runtime'}: copied as it is (use BuildMethod: makefile to build it)`;
        break;
    }
    await rm(destination, { recursive: true, force: true });
    await rename(staging, destination);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    delete context.state[target.logicalId];
    throw error;
  }
  context.state[target.logicalId] = { fingerprint: await fingerprintOf(target, settings, record.inputs), ...record };
  return { cached: false, ...(detail ? { detail } : {}) };
}

/** The digest that decides whether a target is up to date: its settings and its inputs' content. */
async function fingerprintOf(target: BuildTarget, settings: string, inputs: string[] | undefined): Promise<string> {
  const hash = createHash('sha256').update(settings);
  if (target.method === 'esbuild') {
    hash.update(await hashFiles(inputs ?? []));
  } else {
    // Installed dependencies are rebuilt from package.json / requirements.txt, so their folders do not count.
    const skipped =
      target.method === 'npm' ? ['node_modules'] : target.method === 'pip' ? ['__pycache__', '.venv', 'venv'] : [];
    hash.update(await hashSourceTree(target.sourceDirectory, skipped));
  }
  return hash.digest('hex');
}

function dependencyDetail(source: DependencySource): string | undefined {
  return source === 'installed'
    ? 'dependencies installed'
    : source === 'cached'
      ? 'dependencies from the cache'
      : undefined;
}

async function readState(cacheDirectory: string): Promise<BuildState> {
  try {
    const parsed = JSON.parse(await readFile(join(cacheDirectory, STATE_FILE), 'utf8')) as {
      version?: number;
      targets?: BuildState;
    };
    return parsed.version === STATE_VERSION && parsed.targets ? parsed.targets : {};
  } catch {
    return {};
  }
}

async function writeState(cacheDirectory: string, state: BuildState): Promise<void> {
  const path = join(cacheDirectory, STATE_FILE);
  await writeFile(`${path}.tmp`, JSON.stringify({ version: STATE_VERSION, targets: state }));
  await rename(`${path}.tmp`, path);
}

/** Builds of resources no longer in the template (only those this build made) are removed. */
async function removeStaleBuilds(
  buildDirectory: string,
  state: BuildState,
  current: ReadonlySet<string>,
): Promise<void> {
  for (const logicalId of Object.keys(state)) {
    if (current.has(logicalId)) continue;
    await rm(join(buildDirectory, logicalId), { recursive: true, force: true });
    delete state[logicalId];
  }
}

async function runWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item).catch((error: unknown) => errors.push(error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
