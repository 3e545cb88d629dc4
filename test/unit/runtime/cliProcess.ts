import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { startLocalCloud, type RunningLocalCloud } from '../../../src/localcloud/localCloudServer';
import { repoRoot } from '../../support/paths';

/** How a CLI process ended, with everything it printed. */
export interface CliOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A CLI process still running: its output so far, and a promise of how it ends. */
export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<CliOutcome>;
  /** Resolves with the first match of `pattern` in stdout; rejects if the process ends first. */
  waitForStdout(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Variables every CLI process of the test run gets (e.g. SW_LOCAL_CLOUD_PORT of a local cloud the suite runs). */
const sharedEnvironment: Record<string, string> = {};

/** Sets variables for the CLI processes started from now on. */
export function setCliEnvironment(variables: Record<string, string>): void {
  Object.assign(sharedEnvironment, variables);
}

/** Starts the CLI from its TypeScript sources, as a user's shell would run the bin. */
export function startCli(args: string[], environment: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli.ts'), ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
    // The CLI's cache (provided SDKs, the local cloud it starts) stays out of the user's home.
    env: { ...process.env, XDG_CACHE_HOME: join(tmpdir(), 'sw-cli-test-cache'), ...sharedEnvironment, ...environment },
  });
  let stdout = '';
  let stderr = '';
  const stdoutListeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of stdoutListeners) listener();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<CliOutcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const waitForStdout = (pattern: RegExp): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = pattern.exec(stdout);
        if (!match) return;
        stdoutListeners.delete(check);
        resolve(match);
      };
      stdoutListeners.add(check);
      check();
      void exited.then((outcome) => {
        stdoutListeners.delete(check);
        reject(new Error(`the CLI exited (${outcome.code ?? outcome.signal}) before printing ${pattern}:\n${stderr}`));
      }, reject);
    });
  return { child, stdout: () => stdout, stderr: () => stderr, exited, waitForStdout };
}

/** Runs the CLI to completion, with `stdin` as its input. */
export function runCli(args: string[], stdin?: string): Promise<CliOutcome> {
  const running = startCli(args);
  running.child.stdin.end(stdin ?? '');
  return running.exited;
}

/**
 * Runs a local cloud in this process for the suite and points the CLI processes at it (SW_LOCAL_CLOUD_PORT), so
 * commands whose functions' SDK calls go to the local cloud by default never start one in the background.
 */
export function useSuiteLocalCloud(): void {
  let cloud: RunningLocalCloud | undefined;
  let stateDirectory = '';
  before(async () => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-cli-localcloud-'));
    cloud = await startLocalCloud({ stateDirectory, port: 0, logger: silentLogger });
    setCliEnvironment({ SW_LOCAL_CLOUD_PORT: String(cloud.port) });
  });
  after(async () => {
    await cloud?.close();
    rmSync(stateDirectory, { recursive: true, force: true });
  });
}
