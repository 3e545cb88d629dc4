// Starts the local cloud as a child process and waits for its ready line: what the extension (and the tests)
// use to run it out of process. Pure Node, no editor API.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WorkbenchError } from '../core/errors';
import { silentLogger, type Logger } from '../core/logger';

/** How to start the local cloud process. */
export interface LocalCloudProcessOptions {
  /** The bundled entry (`dist/localcloud.js`) or, with `nodeArguments: ['--import', 'tsx']`, `src/localcloud/main.ts`. */
  entryPoint: string;
  stateDirectory: string;
  /** 0 (the default) lets the server pick a free port. */
  port?: number;
  host?: string;
  region?: string;
  /** Seeds weighted alias routing, for reproducible runs. */
  seed?: number;
  /** Who starts it (e.g. `npm start`), reported by its health endpoint. */
  startedBy?: string;
  /** How much faster CodeDeploy's waits pass (`--time-scale`); 1 (the default) is real time. */
  timeScale?: number;
  /** Defaults to the running Node. */
  nodeExecutable?: string;
  nodeArguments?: string[];
  environment?: NodeJS.ProcessEnv;
  /** How long to wait for the ready line (default 20 s). */
  readyTimeoutMs?: number;
  logger?: Logger;
}

/** A running local cloud process. */
export interface LocalCloudProcess {
  endpoint: string;
  host: string;
  port: number;
  pid: number;
  /** Resolves with the exit code when the process ends (for a status bar that notices crashes). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs` (default 5 s). */
  stop(graceMs?: number): Promise<void>;
}

/** Exit code main.ts uses when the port is taken. */
const PORT_IN_USE_EXIT_CODE = 3;

/** Spawns the server and resolves once it prints its ready line; rejects with a WorkbenchError otherwise. */
export function startLocalCloudProcess(options: LocalCloudProcessOptions): Promise<LocalCloudProcess> {
  const logger = options.logger ?? silentLogger;
  const args = [
    ...(options.nodeArguments ?? []),
    options.entryPoint,
    '--state-dir',
    options.stateDirectory,
    '--port',
    String(options.port ?? 0),
    ...(options.host ? ['--host', options.host] : []),
    ...(options.region ? ['--region', options.region] : []),
    ...(options.seed !== undefined ? ['--seed', String(options.seed)] : []),
    ...(options.startedBy ? ['--started-by', options.startedBy] : []),
    ...(options.timeScale !== undefined && options.timeScale !== 1 ? ['--time-scale', String(options.timeScale)] : []),
  ];
  const child = spawn(options.nodeExecutable ?? process.execPath, args, {
    env: options.environment ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
    logger.info(`[localcloud] ${line}`);
  });

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: WorkbenchError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          new WorkbenchError(`The local cloud did not start within ${options.readyTimeoutMs ?? 20000} ms`, {
            code: 'LocalCloudTimeout',
            hint: stderrTail.join('\n') || undefined,
          }),
        ),
      options.readyTimeoutMs ?? 20000,
    );
    child.once('error', (error) =>
      fail(WorkbenchError.chain(error, 'Cannot start the local cloud', { code: 'LocalCloudSpawnFailed' })),
    );
    void exited.then((code) => {
      if (settled) return;
      const message =
        stderrTail.find((line) => line.startsWith('localcloud:'))?.replace(/^localcloud: /, '') ??
        `exited with code ${String(code)}`;
      fail(
        new WorkbenchError(`The local cloud could not start: ${message}`, {
          code: code === PORT_IN_USE_EXIT_CODE ? 'PortInUse' : 'LocalCloudExited',
          hint:
            code === PORT_IN_USE_EXIT_CODE
              ? 'Choose another port, or use port 0 for a free one.'
              : stderrTail.join('\n') || undefined,
        }),
      );
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (settled) return;
      const ready = parseReadyLine(line);
      if (!ready) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...ready, pid: child.pid!, exited, stop: (graceMs) => stopChild(child, exited, graceMs ?? 5000) });
    });
  });
}

/** The ready line main.ts prints: `{"event":"ready","endpoint":...,"host":...,"port":...}`. */
export function parseReadyLine(line: string): { endpoint: string; host: string; port: number } | undefined {
  try {
    const value = JSON.parse(line) as { event?: unknown; endpoint?: unknown; host?: unknown; port?: unknown };
    if (value.event !== 'ready' || typeof value.endpoint !== 'string' || typeof value.port !== 'number')
      return undefined;
    return {
      endpoint: value.endpoint,
      host: typeof value.host === 'string' ? value.host : '127.0.0.1',
      port: value.port,
    };
  } catch {
    return undefined;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
