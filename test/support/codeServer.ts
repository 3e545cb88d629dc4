// Runs the extension in a real VS Code: code-server (provisioned by scripts/provisionCodeServer.mjs) on 127.0.0.1,
// with a throwaway profile, our .vsix installed, and optionally headless Chromium attached.
// Shared by `npm start`, the integration tier and the e2e tier. See ../shared/guide/REAL-VSCODE.md.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cacheDir, codeServerEntry, node24Bin } from '../../scripts/codeServerPaths.mjs';

/** A user-data dir and extensions dir pair, isolated from the user's own VS Code. */
export interface CodeServerProfile {
  name: string;
  userDataDir: string;
  extensionsDir: string;
}

/** Settings every profile gets: quiet, trusted, no startup editor. */
const BASE_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
  // The walkthrough would open over the editors the tests drive; its own e2e test and `npm start` turn it on.
  'serverlessWorkbench.walkthrough.openOnFirstActivation': false,
};

/**
 * Creates a fresh profile (deleting any previous one of that name) with the given settings. Test runs add their
 * process id to the name so that concurrent runs on one machine never share a profile.
 */
export function createProfile(name: string, settings: Record<string, unknown> = {}, unique = true): CodeServerProfile {
  const root = join(cacheDir, 'profiles', unique ? `${name}-${process.pid}` : name);
  rmSync(root, { recursive: true, force: true });
  const profile = { name, userDataDir: join(root, 'user-data'), extensionsDir: join(root, 'extensions') };
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  writeFileSync(
    join(profile.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2),
  );
  return profile;
}

/** Deletes a profile created by createProfile. */
export function removeProfile(profile: CodeServerProfile): void {
  rmSync(join(profile.userDataDir, '..'), { recursive: true, force: true });
}

/** Installs .vsix files into the profile (code-server has no --extensionDevelopmentPath). */
export function installExtensions(profile: CodeServerProfile, vsixPaths: string[]): void {
  for (const vsix of vsixPaths) {
    const result = spawnSync(
      node24Bin,
      [
        codeServerEntry,
        '--user-data-dir',
        profile.userDataDir,
        '--extensions-dir',
        profile.extensionsDir,
        '--install-extension',
        vsix,
        '--force',
      ],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) {
      throw new Error(`Installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    }
  }
}

/** Finds a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A running code-server. */
export interface CodeServerInstance {
  port: number;
  /** The workbench URL with the folder open. */
  url: string;
  process: ChildProcess;
  /** Everything code-server printed, for diagnosing failures. */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  profile: CodeServerProfile;
  folder: string;
  port?: number;
  /** Extra environment for code-server; it reaches the extension host's process.env. */
  env?: Record<string, string>;
  /** Print code-server's output as it arrives (for `npm start`). */
  echo?: boolean;
  /** Keep workspace trust on, so an untrusted folder opens in Restricted Mode (default: trust is disabled). */
  workspaceTrust?: boolean;
}

/** Starts code-server on 127.0.0.1 and resolves once it accepts HTTP requests. */
export async function startCodeServer(options: StartOptions): Promise<CodeServerInstance> {
  const port = options.port ?? (await findFreePort());
  const child = spawn(
    node24Bin,
    [
      codeServerEntry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      options.profile.userDataDir,
      '--extensions-dir',
      options.profile.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      options.folder,
    ],
    // A process group of its own, so stop() also ends the extension host code-server leaves behind.
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (options.echo) process.stdout.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const forced = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5000);
    await exited;
    clearTimeout(forced);
  };
  // However this process ends, do not leave code-server (a separate process group) running.
  const killOnExit = (): void => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.folder)}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`code-server exited early:\n${output}`);
      const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      return response?.ok === true;
    }, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url, process: child, output: () => output, stop };
}

/** Polls `condition` until it returns true; never a fixed sleep. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for a condition`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
