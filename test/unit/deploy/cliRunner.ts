import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../support/paths';

/** How a CLI run ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `serverless-workbench <args>` from its sources in `cwd`, as a user's shell would. */
export function runCliIn(
  cwd: string,
  args: string[],
  environment: NodeJS.ProcessEnv = {},
  input?: string,
): Promise<CliResult> {
  return startCliIn(cwd, args, environment, input).ended;
}

/** A CLI run that keeps going (a watch): its output so far, a wait for a line, and a signal to end it. */
export interface RunningCli {
  output(): { stdout: string; stderr: string };
  /** Resolves when the stream (from `from` on) matches, with the match; rejects when the process ends first. */
  waitFor(pattern: RegExp, from?: number, stream?: 'stdout' | 'stderr'): Promise<RegExpExecArray>;
  /** Sends the signal and resolves with how the run ended. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
  /** How the run ended. */
  ended: Promise<CliResult>;
}

/** Starts `serverless-workbench <args>` in `cwd` without waiting for it to end; `input` is its standard input. */
export function startCliIn(
  cwd: string,
  args: string[],
  environment: NodeJS.ProcessEnv = {},
  input?: string,
): RunningCli {
  // The loader is given by path: the command runs in a folder outside the repository.
  const loader = pathToFileURL(join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, join(repoRoot, 'src', 'cli.ts'), ...args], {
    cwd,
    env: { ...process.env, ...environment },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    ended,
    output: () => ({ stdout, stderr }),
    waitFor: (pattern, from = 0, stream = 'stdout') =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec((stream === 'stdout' ? stdout : stderr).slice(from));
          if (match) {
            clearInterval(poll);
            resolve(match);
          }
        };
        const poll = setInterval(check, 25);
        void ended.then(() => {
          check();
          clearInterval(poll);
          reject(new Error(`The command ended before printing ${pattern}:\n${stdout}\n${stderr}`));
        });
      }),
    stop: (signal = 'SIGINT') => {
      child.kill(signal);
      return ended;
    },
  };
}

/** A port nothing listens on now (for a local cloud of the test's own). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
