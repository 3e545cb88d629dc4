// The local cloud for terminal commands (deploy, package, logs...). A local cloud already answering on the port
// (started by the extension, `npm start`, `serverless-workbench localcloud` or an earlier command) is used as it
// is. Otherwise one is started in the background and left running, so what a deploy created stays invokable and
// its logs can be tailed after the command exits; its state lives in one folder per user (below), its output in
// localcloud.log there. Stop it with `kill <pid>` (the pid is printed when it starts).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkbenchError } from '../core/errors';
import type { Logger } from '../core/logger';
import { probeLocalCloud, type LocalCloudHealth } from '../localcloud/localCloudHealth';

/** The port the extension also uses by default (serverlessWorkbench.localCloud.port). */
export const DEFAULT_LOCAL_CLOUD_PORT = 4566;

/** A local cloud the command can talk to. */
export interface CliLocalCloud {
  endpoint: string;
  health: LocalCloudHealth;
  /** Set when this command started it (in the background). */
  startedPid?: number;
}

/**
 * Where a local cloud started from a terminal keeps its state: SW_LOCAL_CLOUD_STATE_DIR, else
 * $XDG_STATE_HOME/serverless-workbench/localcloud (~/.local/state/... by default). One folder per user, as there is
 * one local cloud per port on the machine.
 */
export function defaultLocalCloudStateDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  if (environment['SW_LOCAL_CLOUD_STATE_DIR']) return environment['SW_LOCAL_CLOUD_STATE_DIR'];
  const stateHome = environment['XDG_STATE_HOME'] || join(homedir(), '.local', 'state');
  return join(stateHome, 'serverless-workbench', 'localcloud');
}

/** Finds the local cloud on 127.0.0.1:port, or starts one in the background and waits until it answers. */
export async function findOrStartLocalCloud(options: {
  port: number;
  stateDirectory: string;
  logger: Logger;
  readyTimeoutMs?: number;
}): Promise<CliLocalCloud> {
  const endpoint = `http://127.0.0.1:${options.port}`;
  const running = await probeLocalCloud(endpoint);
  if (running) {
    options.logger.info(`Using the local cloud at ${endpoint}`);
    return { endpoint, health: running };
  }
  try {
    const started = await startInBackground(options, endpoint);
    return { endpoint, ...started };
  } catch (error) {
    // Another command may have started one at the same moment: use it.
    const raced = await probeLocalCloud(endpoint);
    if (raced) return { endpoint, health: raced };
    throw error;
  }
}

async function startInBackground(
  options: { port: number; stateDirectory: string; logger: Logger; readyTimeoutMs?: number },
  endpoint: string,
): Promise<{ health: LocalCloudHealth; startedPid: number }> {
  mkdirSync(options.stateDirectory, { recursive: true });
  const logFile = join(options.stateDirectory, 'localcloud.log');
  const output = openSync(logFile, 'a');
  const { entryPoint, nodeArguments } = localCloudEntryPoint();
  const child = spawn(
    process.execPath,
    [...nodeArguments, entryPoint, '--state-dir', options.stateDirectory, '--port', String(options.port)],
    { detached: true, stdio: ['ignore', output, output], env: process.env },
  );
  closeSync(output);
  child.unref();
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code ?? -1));
  child.once('error', () => (exitCode = -1));
  const deadline = Date.now() + (options.readyTimeoutMs ?? 20000);
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw startFailure(exitCode, logFile, options.port);
    const health = await probeLocalCloud(endpoint, 500);
    if (health && child.pid !== undefined) {
      options.logger.warn(
        `Started a local cloud at ${endpoint} in the background (pid ${child.pid}, state in ${options.stateDirectory}); stop it with \`kill ${child.pid}\`.`,
      );
      return { health, startedPid: child.pid };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill();
  throw new WorkbenchError(`The local cloud did not start within ${options.readyTimeoutMs ?? 20000} ms.`, {
    code: 'LocalCloudTimeout',
    hint: `See ${logFile}.`,
  });
}

function startFailure(code: number | null, logFile: string, port: number): WorkbenchError {
  if (code === 3) {
    return new WorkbenchError(`Port ${port} is used by another program, not by a local cloud.`, {
      code: 'PortInUse',
      hint: 'Pass --endpoint-url to use that program (LocalStack, say), or --local-cloud-port for another port.',
    });
  }
  const lastLine = readLastLines(logFile)
    .reverse()
    .find((line) => line.startsWith('localcloud:'));
  return new WorkbenchError(`The local cloud could not start${lastLine ? `: ${lastLine.slice(12)}` : ''}`, {
    code: 'LocalCloudExited',
    hint: `See ${logFile}.`,
  });
}

function readLastLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20);
  } catch {
    return [];
  }
}

/** dist/localcloud.js beside dist/cli.js; when running from the sources (tests), main.ts under tsx's loader. */
function localCloudEntryPoint(): { entryPoint: string; nodeArguments: string[] } {
  const bundled = join(__dirname, 'localcloud.js');
  if (existsSync(bundled)) return { entryPoint: bundled, nodeArguments: [] };
  const loader = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;
  return { entryPoint: join(__dirname, '..', 'localcloud', 'main.ts'), nodeArguments: ['--import', loader] };
}
