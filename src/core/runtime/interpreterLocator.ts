import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { RuntimeIdentifier } from './runtimeIdentifier';

/** Finds an executable on PATH (with Windows' extensions where they apply), or undefined. */
export function findOnPath(name: string, pathVariable = process.env['PATH'] ?? ''): string | undefined {
  return findAllOnPath(name, pathVariable)[0];
}

/** Every executable of that name on PATH, in PATH order (a version manager's shim first, the system's after). */
export function findAllOnPath(name: string, pathVariable = process.env['PATH'] ?? ''): string[] {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  const found: string[] = [];
  for (const directory of pathVariable.split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(directory, name + extension);
      try {
        accessSync(candidate, constants.X_OK);
        found.push(candidate);
        break;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return found;
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

/** The Python that debugs a function, and why it is not the one plain runs use, when it is not. */
export interface DebugInterpreter {
  executable: string;
  /** Set when another interpreter than the usual one was chosen because only it has debugpy. */
  note?: string;
}

/**
 * The Python to debug a function with: it must import debugpy. The configured interpreter when it can; with none
 * configured, the first Python on PATH that has debugpy (pyenv's python3 may not, Debian's /usr/bin/python3 with
 * python3-debugpy does). Otherwise a WorkbenchError naming the interpreter and the fix.
 */
export function locateDebugInterpreter(runtime: RuntimeIdentifier, choice: InterpreterChoice): DebugInterpreter {
  const usual = locateInterpreter(runtime, choice);
  if (hasDebugpy(usual)) return { executable: usual };
  if (!choice.pythonExecutable) {
    const names = [`python${runtime.version}`, 'python3', 'python'];
    const candidates = names.flatMap((name) => findAllOnPath(name)).map((candidate) => realPython(candidate));
    const withDebugpy = [...new Set(candidates)].find(
      (candidate): candidate is string => candidate !== undefined && hasDebugpy(candidate),
    );
    if (withDebugpy) {
      return {
        executable: withDebugpy,
        note: `Debugging with ${withDebugpy}: it has debugpy, ${usual} (used for plain runs) does not.`,
      };
    }
  }
  const system = usual === '/usr/bin/python3' || usual.startsWith('/usr/bin/python3.');
  throw new WorkbenchError(`Cannot debug Python: debugpy is not installed for ${usual}.`, {
    code: 'DebuggerUnavailable',
    hint: system
      ? `Install it with \`sudo apt-get install python3-debugpy\` (or \`${usual} -m pip install debugpy\`), then debug again.`
      : `Install it with \`${usual} -m pip install debugpy\`, or set serverlessWorkbench.runtime.pythonPath to a Python that has debugpy (Debian: \`sudo apt-get install python3-debugpy\` for /usr/bin/python3), then debug again.`,
  });
}

const debugpyCheck = new Map<string, boolean>();

/** Whether the interpreter can import debugpy, asked once per process. */
function hasDebugpy(executable: string): boolean {
  if (!debugpyCheck.has(executable)) {
    let found: boolean;
    try {
      execFileSync(executable, ['-c', 'import debugpy'], { timeout: 10_000, stdio: 'ignore' });
      found = true;
    } catch {
      found = false;
    }
    debugpyCheck.set(executable, found);
  }
  return debugpyCheck.get(executable)!;
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
