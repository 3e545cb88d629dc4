import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { RuntimeIdentifier } from './runtimeIdentifier';

/** Finds an executable on PATH (with Windows' extensions where they apply), or undefined. */
export function findOnPath(name: string, pathVariable = process.env['PATH'] ?? ''): string | undefined {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const directory of pathVariable.split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(directory, name + extension);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return undefined;
}

/** The interpreters configured for a pool; each may be a path or a command name looked up on PATH. */
export interface InterpreterChoice {
  nodeExecutable?: string;
  pythonExecutable?: string;
}

/**
 * The interpreter for a runtime: the configured one, else for Python the exact `python3.12` when installed, then
 * `python3`; for Node, `node` on PATH, then this process itself when it is plain Node (not the editor's Electron).
 */
export function locateInterpreter(runtime: RuntimeIdentifier, choice: InterpreterChoice): string {
  if (runtime.family === 'nodejs') {
    if (choice.nodeExecutable) return choice.nodeExecutable;
    const found = findOnPath('node') ?? (process.versions['electron'] ? undefined : process.execPath);
    if (found) return found;
    throw new WorkbenchError('Node.js is not installed (no `node` on PATH).', {
      code: 'InterpreterNotFound',
      hint: 'Install Node.js, or set serverlessWorkbench.runtime.nodePath.',
    });
  }
  if (choice.pythonExecutable) return choice.pythonExecutable;
  const candidates = [`python${runtime.version}`, 'python3', 'python'].map((name) => findOnPath(name));
  for (const candidate of candidates) {
    const real = candidate ? realPython(candidate) : undefined;
    if (real) return real;
  }
  throw new WorkbenchError('Python is not installed (no `python3` on PATH).', {
    code: 'InterpreterNotFound',
    hint: 'Install Python 3, or set serverlessWorkbench.runtime.pythonPath.',
  });
}

const realPythons = new Map<string, string | undefined>();

/**
 * The interpreter behind a command, asked once per process: version managers (pyenv) put shims on PATH that
 * cost hundreds of milliseconds per start, and shims of inactive versions fail outright.
 */
function realPython(command: string): string | undefined {
  if (!realPythons.has(command)) {
    let real: string | undefined;
    try {
      real = execFileSync(command, ['-c', 'import sys; print(sys.executable)'], {
        encoding: 'utf8',
        timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      real = undefined;
    }
    realPythons.set(command, real || undefined);
  }
  return realPythons.get(command);
}
