import * as vscode from 'vscode';
import { WorkbenchError } from '../../core/errors';
import { taggedLogger, type Logger } from '../../core/logger';
import { probeLocalCloud, type LocalCloudHealth } from '../../localcloud/localCloudHealth';
import { startLocalCloudProcess, type LocalCloudProcess } from '../../localcloud/localCloudProcess';
import { Disposable } from '../../platform/disposable';

/** What the local cloud is doing, for the status bar and for callers waiting on it. */
export type LocalCloudState =
  | { kind: 'stopped' }
  | { kind: 'starting' }
  | {
      kind: 'running';
      endpoint: string;
      port: number;
      pid: number | undefined;
      /** Started by this window (stopped with it), or found running (e.g. by `npm start`). */
      owned: boolean;
      /** Who started a local cloud found running, as its health endpoint says (e.g. `npm start`). */
      startedBy?: string;
      /** How much faster CodeDeploy's waits pass, when not real time (the demo's and tests' rehearsals). */
      timeScale?: number;
    }
  | { kind: 'failed'; message: string };

export interface LocalCloudManagerOptions {
  logger: Logger;
  /** dist/localcloud.js inside the installed extension. */
  entryPoint: string;
  /** Where the local cloud keeps functions, logs and objects (the workspace's storage). */
  stateDirectory: () => string;
  /** The port to use; 0 picks a free one. When taken by another program, a free port is used instead. */
  port: () => number;
  /** `--time-scale` for a local cloud this window starts (1: real time). */
  timeScale?: () => number;
}

/** How often a local cloud found running (not ours) is checked, so the status bar notices when it stops. */
const FOREIGN_HEALTH_INTERVAL_MS = 5000;

/**
 * Runs the local cloud as a child process, started on demand by the first remote feature that needs it. A local
 * cloud already listening on the configured port (for example the one `npm start` runs) is used as it is.
 */
export class LocalCloudManager extends Disposable {
  private current: LocalCloudState = { kind: 'stopped' };
  private process: LocalCloudProcess | undefined;
  private starting: Promise<string> | undefined;
  private foreignWatch: NodeJS.Timeout | undefined;
  private readonly logger: Logger;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<LocalCloudState>());
  readonly onDidChangeState = this.changeEmitter.event;

  constructor(private readonly options: LocalCloudManagerOptions) {
    super();
    this.logger = taggedLogger(options.logger, 'localcloud');
    this._register({ dispose: () => void this.process?.stop(2000) });
    this._register({ dispose: () => clearInterval(this.foreignWatch) });
  }

  /**
   * Looks for a local cloud already running on the configured port (the one `npm start` runs, say) without
   * starting one, so the status bar shows it before first use. Called after activation and when the port changes.
   */
  async detectRunning(): Promise<void> {
    if (this.process || this.starting || this.current.kind === 'starting') return;
    const port = this.options.port();
    const found = port === 0 ? undefined : await probeLocalCloud(`http://127.0.0.1:${port}`);
    if (this.process || this.starting) return;
    if (found) this.useForeign(port, found);
    else if (this.current.kind === 'running') this.setState({ kind: 'stopped' });
  }

  get state(): LocalCloudState {
    return this.current;
  }

  /** The endpoint of a running local cloud, starting one if needed. */
  ensureRunning(): Promise<string> {
    if (this.current.kind === 'running') return Promise.resolve(this.current.endpoint);
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /**
   * What "Start the local cloud" does when a person asks: like ensureRunning, but a local cloud found running that
   * this window did not start is checked first (it may have stopped since the last health check), and a dead one is
   * replaced at once instead of waiting for that check.
   */
  async startAnswering(): Promise<string> {
    const state = this.current;
    if (state.kind === 'running' && !state.owned && !(await probeLocalCloud(state.endpoint))) {
      if (this.current === state) {
        clearInterval(this.foreignWatch);
        this.logger.warn(`The local cloud at ${state.endpoint} does not answer; starting one`);
        this.setState({ kind: 'stopped' });
      }
    }
    return this.ensureRunning();
  }

  async stop(): Promise<void> {
    const running = this.process;
    this.process = undefined;
    if (running) {
      this.logger.info(`Stopping the local cloud (pid ${running.pid})`);
      await running.stop();
    } else if (this.current.kind === 'running' && !this.current.owned) {
      clearInterval(this.foreignWatch);
      this.logger.info(`Disconnected from the local cloud at ${this.current.endpoint}; it belongs to another process`);
    }
    this.setState({ kind: 'stopped' });
  }

  async restart(): Promise<string> {
    await this.stop();
    return this.ensureRunning();
  }

  private async start(): Promise<string> {
    this.setState({ kind: 'starting' });
    const port = this.options.port();
    try {
      const found = port === 0 ? undefined : await probeLocalCloud(`http://127.0.0.1:${port}`);
      if (found) return this.useForeign(port, found);
      let foreign: LocalCloudHealth | undefined;
      const started = await this.spawn(port).catch(async (error: unknown) => {
        if (!(error instanceof WorkbenchError && error.code === 'PortInUse' && port !== 0)) throw error;
        // Taken: a local cloud too busy to answer the first probe in time (a loaded machine), or another program.
        foreign = await probeLocalCloud(`http://127.0.0.1:${port}`, 10_000);
        if (foreign) return undefined;
        // The configured port belongs to another program (LocalStack, say): run on a free port instead.
        this.logger.warn(`Port ${port} is in use by another program; starting the local cloud on a free port`);
        return this.spawn(0);
      });
      if (!started) return this.useForeign(port, foreign as LocalCloudHealth);
      this.process = started;
      this.logger.info(`Local cloud running at ${started.endpoint} (pid ${started.pid})`);
      this.setState({
        kind: 'running',
        endpoint: started.endpoint,
        port: started.port,
        pid: started.pid,
        owned: true,
        ...(started.timeScale === 1 ? {} : { timeScale: started.timeScale }),
      });
      void started.exited.then((code) => this.onExit(started, code));
      return started.endpoint;
    } catch (error) {
      const failure = WorkbenchError.chain(error, 'The local cloud could not start', {
        code: 'LocalCloudStartFailed',
        hint: 'See the Serverless Workbench log for its output.',
      });
      this.setState({ kind: 'failed', message: failure.message });
      throw failure;
    }
  }

  /** Uses a local cloud this window did not start, and watches that it keeps answering. */
  private useForeign(port: number, health: LocalCloudHealth): string {
    const endpoint = `http://127.0.0.1:${port}`;
    const already = this.current.kind === 'running' && this.current.endpoint === endpoint;
    if (!already) {
      const by = health.startedBy ? `, started by ${health.startedBy}` : '';
      this.logger.info(`Using the local cloud already running at ${endpoint}${by}`);
    }
    this.setState({
      kind: 'running',
      endpoint,
      port,
      pid: health.pid,
      owned: false,
      ...(health.startedBy ? { startedBy: health.startedBy } : {}),
      ...(health.timeScale ? { timeScale: health.timeScale } : {}),
    });
    clearInterval(this.foreignWatch);
    this.foreignWatch = setInterval(() => void this.checkForeign(endpoint, port), FOREIGN_HEALTH_INTERVAL_MS);
    this.foreignWatch.unref?.();
    return endpoint;
  }

  private async checkForeign(endpoint: string, port: number): Promise<void> {
    const state = this.current;
    if (state.kind !== 'running' || state.owned || state.endpoint !== endpoint) {
      clearInterval(this.foreignWatch);
      return;
    }
    if (await probeLocalCloud(`http://127.0.0.1:${port}`)) return;
    if (this.current !== state) return;
    clearInterval(this.foreignWatch);
    this.logger.warn(`The local cloud at ${endpoint} stopped answering; a new one starts on next use`);
    this.setState({ kind: 'stopped' });
  }

  private async spawn(port: number): Promise<LocalCloudProcess & { timeScale: number }> {
    const timeScale = this.options.timeScale?.() ?? 1;
    const started = await startLocalCloudProcess({
      entryPoint: this.options.entryPoint,
      stateDirectory: this.options.stateDirectory(),
      port,
      timeScale,
      logger: this.logger,
      // In desktop VS Code the extension host's executable is Electron; this makes it behave as plain Node.
      environment: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    return Object.assign(started, { timeScale });
  }

  private onExit(exited: LocalCloudProcess, code: number | null): void {
    if (this.process !== exited) return;
    this.process = undefined;
    const message = `The local cloud stopped unexpectedly (exit code ${String(code)}); it restarts on next use.`;
    this.logger.error(message);
    this.setState({ kind: 'failed', message });
  }

  private setState(state: LocalCloudState): void {
    this.current = state;
    this.changeEmitter.fire(state);
  }
}
