// Python functions and layers as SAM CLI's pip workflow builds them: the source copied, and requirements.txt
// installed into the artifact with pip. For another CPU architecture than this machine's (arm64 functions built
// on x86), pip fetches manylinux wheels for Lambda's platform instead of building for this one. Installs are
// cached by the content of requirements.txt, the runtime and the architecture.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../errors';
import { locateInterpreter } from '../../runtime/interpreterLocator';
import { parseRuntimeIdentifier } from '../../runtime/runtimeIdentifier';
import { runBuildTool, type ToolResult } from './buildTool';
import type { DependencySource } from './nodeBuilder';
import { copySourceTree } from './sourceTree';

/** Copies the source into `destination` and installs requirements.txt there. */
export async function buildPythonPackage(options: {
  logicalId: string;
  sourceDirectory: string;
  destination: string;
  cacheDirectory: string;
  runtime: string;
  architecture: 'x86_64' | 'arm64';
  pythonExecutable?: string;
}): Promise<DependencySource> {
  await copySourceTree(options.sourceDirectory, options.destination, ['__pycache__', '.venv', 'venv']);
  const requirementsPath = join(options.sourceDirectory, 'requirements.txt');
  if (!existsSync(requirementsPath)) return 'none';
  const requirements = await readFile(requirementsPath, 'utf8');
  if (!requirements.split('\n').some((line) => line.replace(/#.*/, '').trim())) return 'none';
  const key = createHash('sha256')
    .update([requirements, options.runtime, options.architecture, process.platform, process.arch].join('\0'))
    .digest('hex')
    .slice(0, 24);
  const cached = join(options.cacheDirectory, 'python-deps', key);
  let source: DependencySource = 'cached';
  if (!existsSync(cached)) {
    // Functions sharing a requirements.txt in one build share one install.
    let install = installs.get(cached);
    if (!install) {
      install = installRequirements(options, requirementsPath, cached).finally(() => installs.delete(cached));
      installs.set(cached, install);
      source = 'installed';
    }
    await install;
  }
  await cp(cached, options.destination, { recursive: true, verbatimSymlinks: true });
  return source;
}

const installs = new Map<string, Promise<void>>();

async function installRequirements(
  options: {
    logicalId: string;
    sourceDirectory: string;
    runtime: string;
    architecture: string;
    pythonExecutable?: string;
  },
  requirementsPath: string,
  cached: string,
): Promise<void> {
  const runtime = parseRuntimeIdentifier(options.runtime) ?? { family: 'python' as const, version: '3' };
  const python = locateInterpreter(
    runtime,
    options.pythonExecutable ? { pythonExecutable: options.pythonExecutable } : {},
  );
  const staging = `${cached}.partial-${process.pid}-${randomUUID().slice(0, 8)}`;
  await rm(staging, { recursive: true, force: true });
  const args = [
    '-m',
    'pip',
    'install',
    '--disable-pip-version-check',
    '--no-input',
    '--quiet',
    '-r',
    requirementsPath,
    '-t',
    staging,
    ...platformArguments(options.architecture, runtime.version),
  ];
  // Relative paths in requirements.txt (local wheels) start at the function's folder.
  const result = await runBuildTool(python, args, { cwd: options.sourceDirectory });
  if (result.code !== 0) {
    await rm(staging, { recursive: true, force: true });
    throw explainPipFailure(result, options.logicalId, requirementsPath, python);
  }
  await rename(staging, cached).catch(async (error: NodeJS.ErrnoException) => {
    if (!existsSync(cached)) throw error;
    await rm(staging, { recursive: true, force: true });
  });
}

/** Lambda runs Linux on x86_64 or arm64: wheels for that platform when this machine is another one. */
function platformArguments(architecture: string, pythonVersion: string): string[] {
  const machine = process.arch === 'arm64' ? 'arm64' : 'x86_64';
  if (process.platform === 'linux' && machine === architecture) return [];
  return [
    '--platform',
    `manylinux2014_${architecture === 'arm64' ? 'aarch64' : 'x86_64'}`,
    '--implementation',
    'cp',
    '--python-version',
    pythonVersion,
    '--only-binary=:all:',
  ];
}

/** pip's failure in words: which package, and what to do (network, local wheels, pip itself). */
export function explainPipFailure(
  result: ToolResult,
  logicalId: string,
  requirementsPath: string,
  python: string,
): WorkbenchError {
  const output = result.stderr || result.outputTail;
  if (/No module named pip/.test(output)) {
    return new WorkbenchError(`pip is not installed for ${python}, which ${logicalId} needs for requirements.txt.`, {
      code: 'PipNotFound',
      hint: `Install pip (\`${python} -m ensurepip\`, or your system's python3-pip package).`,
    });
  }
  const missing =
    /No matching distribution found for ([^\s;]+)/.exec(output)?.[1] ??
    /satisfies the requirement ([^\s;(]+)/.exec(output)?.[1];
  const offline =
    /(Failed to establish a new connection|Temporary failure in name resolution|Network is unreachable|ConnectTimeout|NewConnectionError)/.test(
      output,
    );
  if (missing) {
    return new WorkbenchError(
      `pip could not install ${missing} for ${logicalId}${offline ? ': the package index is not reachable (no network?)' : ''}.`,
      {
        code: 'DependencyInstallFailed',
        hint: offline
          ? `Connect to the network, or vendor it: where there is network run \`pip download ${missing} -d wheels\` in ${requirementsPath.replace(/requirements\.txt$/, '')}, then put \`--find-links wheels\` at the top of requirements.txt (or list the wheel's path).`
          : `Check the name and version of ${missing} in ${requirementsPath} (and that a wheel exists for Lambda's platform).`,
      },
    );
  }
  return new WorkbenchError(
    `pip install failed for ${logicalId} (exit ${String(result.code)}):\n${result.outputTail}`,
    {
      code: 'DependencyInstallFailed',
      hint: `Check ${requirementsPath}.`,
    },
  );
}
