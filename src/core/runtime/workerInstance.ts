// One worker process: an execution environment that loads the handler once and serves invocations one at a time.
// The pool decides when to start, reuse and stop instances; this class only speaks to the process.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../logger';
import { OutputLineSplitter } from './outputLineSplitter';
import type { InvokeMessage, WorkerToPoolMessage } from './workerProtocol';

/** How to start a worker process. */
export interface WorkerInstanceOptions {
  executable: string;
  args: string[];
  environment: Record<string, string>;
  cwd: string;
  logger: Logger;
  /** Every log line the process writes (stdout, stderr, the runtime's logging), as it arrives. */
  onLine: (message: string, timestamp: number) => void;
  /** Drop the inspector's own chatter ("Debugger listening on...") from the function's log. */
  hideDebuggerOutput?: boolean;
}

/** How starting a worker ended. */
export type StartOutcome =
  | { kind: 'ready'; interpreterVersion: string }
  | { kind: 'initError'; errorType: string; payload: string; logMessage: string; interpreterVersion: string }
  | { kind: 'debugUnavailable'; message: string }
  | { kind: 'exit'; code: number | null; signal: string | null }
  | { kind: 'spawnError'; error: Error };

/** How one invocation ended, as seen from the process. */
export type InvocationOutcome =
  | { kind: 'result'; payload: string; errorType?: string; maxRssKb: number; fatal: boolean }
  | { kind: 'exit'; code: number | null; signal: string | null };

const DEBUGGER_CHATTER = [
  /^Debugger listening on ws:/,
  /^For help, see: https:\/\/nodejs\.org/,
  /^Debugger attached\.$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];
/** How long to wait for output still in flight after a result, should a marker never come (closed stdout). */
const MARKER_GRACE_MS = 250;
const EXIT_GRACE_MS = 200;

export class WorkerInstance {
  private readonly child: ChildProcess;
  private readonly channel: Writable & Readable;
  private channelBuffer = '';
  private exitInfo: { code: number | null; signal: string | null } | undefined;
  private spawnError: Error | undefined;
  private startWaiter: ((outcome: StartOutcome) => void) | undefined;
  private invocationWaiter: ((outcome: InvocationOutcome) => void) | undefined;
  private pendingResult: Extract<InvocationOutcome, { kind: 'result' }> | undefined;
  private markersSeen = 0;
  private markerTimer: NodeJS.Timeout | undefined;
  private debugListener: ((port: number) => void) | undefined;
  private readonly exitListeners: Array<() => void> = [];
  private exitGraceTimer: NodeJS.Timeout | undefined;
  private knownPeakKb: number | undefined;
  private readonly channelOutput = {
    stdout: this.lineSplitter(),
    stderr: this.lineSplitter(),
  };

  constructor(private readonly options: WorkerInstanceOptions) {
    this.child = spawn(options.executable, options.args, {
      cwd: options.cwd,
      env: options.environment,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.channel = this.child.stdio[3] as Writable & Readable;
    this.channel.setDefaultEncoding?.('utf8');
    this.channel.on('data', (chunk: Buffer) => this.onChannelData(chunk));
    this.channel.on('error', () => undefined); // the exit handler reports what matters
    this.attachOutput(this.child.stdout);
    this.attachOutput(this.child.stderr);
    this.child.on('error', (error) => {
      this.spawnError = error;
      this.onExit(null, null);
    });
    // 'close' comes once stdout and stderr are drained too, so the last lines make it into the invocation;
    // 'exit' alone is trusted after a grace period (a grandchild may hold the pipes open).
    this.child.on('exit', (code, signal) => {
      this.exitGraceTimer = setTimeout(() => this.onExit(code, signal), EXIT_GRACE_MS);
    });
    this.child.on('close', (code: number | null, signal: string | null) => this.onExit(code, signal));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Waits until the handler is loaded (or loading failed); `onDebugListening` hears the debugger's port. */
  start(onDebugListening?: (port: number) => void): Promise<StartOutcome> {
    this.debugListener = onDebugListening;
    if (this.exitInfo) return Promise.resolve(this.exitOutcome());
    return new Promise((resolve) => {
      this.startWaiter = resolve;
    });
  }

  /** Sends one invocation; resolves when the result and all output printed before it have arrived. */
  invoke(message: InvokeMessage): Promise<InvocationOutcome> {
    if (this.exitInfo) return Promise.resolve({ kind: 'exit', ...this.exitInfo });
    this.markersSeen = 0;
    this.pendingResult = undefined;
    return new Promise((resolve) => {
      this.invocationWaiter = resolve;
      this.channel.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Stops the process at once (timeouts, crashes, reaping); pending waits resolve with an exit. */
  kill(): void {
    if (this.exitInfo) return;
    this.child.kill('SIGKILL');
  }

  /** Calls `listener` when the process has exited (at once if it already has). */
  onExited(listener: () => void): void {
    if (this.exitInfo) listener();
    else this.exitListeners.push(listener);
  }

  /** The highest peak resident memory seen so far in KiB (reported by the worker or read from /proc). */
  peakMemoryKb(): number | undefined {
    this.readProcessStatus();
    return this.knownPeakKb;
  }

  /** Current resident memory in KiB from /proc (Linux), for the memory watchdog; also updates the known peak. */
  residentMemoryKb(): number | undefined {
    return this.readProcessStatus();
  }

  private readProcessStatus(): number | undefined {
    if (!this.child.pid || process.platform !== 'linux' || this.exitInfo) return undefined;
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const peak = /^VmHWM:\s+(\d+) kB/m.exec(status);
      if (peak) this.knownPeakKb = Math.max(this.knownPeakKb ?? 0, Number(peak[1]));
      const resident = /^VmRSS:\s+(\d+) kB/m.exec(status);
      return resident ? Number(resident[1]) : undefined;
    } catch {
      return undefined;
    }
  }

  private attachOutput(stream: Readable | null): void {
    if (!stream) return;
    const splitter = this.lineSplitter();
    stream.on('data', (chunk: Buffer) => splitter.push(chunk));
    stream.on('end', () => splitter.flush());
  }

  private lineSplitter(): OutputLineSplitter {
    return new OutputLineSplitter(
      (line) => {
        if (this.options.hideDebuggerOutput && DEBUGGER_CHATTER.some((pattern) => pattern.test(line))) {
          this.options.logger.debug(`[runtime] ${line}`);
          return;
        }
        this.options.onLine(line, Date.now());
      },
      () => this.onMarker(),
    );
  }

  private onChannelData(chunk: Buffer | string): void {
    this.channelBuffer += chunk.toString();
    let newline: number;
    while ((newline = this.channelBuffer.indexOf('\n')) >= 0) {
      const line = this.channelBuffer.slice(0, newline);
      this.channelBuffer = this.channelBuffer.slice(newline + 1);
      if (!line) continue;
      let message: WorkerToPoolMessage;
      try {
        message = JSON.parse(line) as WorkerToPoolMessage;
      } catch {
        this.options.logger.warn(`[runtime] unreadable message from worker ${this.pid}: ${line.slice(0, 200)}`);
        continue;
      }
      this.onMessage(message);
    }
  }

  private onMessage(message: WorkerToPoolMessage): void {
    switch (message.type) {
      case 'log':
        this.options.onLine(message.message, message.timestamp);
        return;
      case 'output':
        this.channelOutput[message.stream].push(Buffer.from(message.text, 'utf8'));
        return;
      case 'debugListening':
        this.debugListener?.(message.port);
        return;
      case 'ready':
        this.resolveStart({ kind: 'ready', interpreterVersion: message.interpreterVersion });
        return;
      case 'initError':
        this.resolveStart({
          kind: 'initError',
          errorType: message.errorType,
          payload: message.payload,
          logMessage: message.logMessage,
          interpreterVersion: message.interpreterVersion,
        });
        return;
      case 'debugUnavailable':
        this.resolveStart({ kind: 'debugUnavailable', message: message.message });
        return;
      case 'result':
        // Output without a final newline is a line of its own once the invocation ends.
        this.channelOutput.stdout.flush();
        this.channelOutput.stderr.flush();
        this.knownPeakKb = Math.max(this.knownPeakKb ?? 0, message.maxRssKb);
        this.pendingResult = {
          kind: 'result',
          payload: message.payload,
          maxRssKb: message.maxRssKb,
          fatal: message.fatal === true,
          ...(message.errorType ? { errorType: message.errorType } : {}),
        };
        this.settleInvocationIfComplete();
        if (this.pendingResult && !this.markerTimer) {
          this.markerTimer = setTimeout(() => this.settleInvocation(), MARKER_GRACE_MS);
        }
        return;
    }
  }

  private onMarker(): void {
    this.markersSeen++;
    this.settleInvocationIfComplete();
  }

  private settleInvocationIfComplete(): void {
    if (this.pendingResult && this.markersSeen >= 2) this.settleInvocation();
  }

  private settleInvocation(): void {
    clearTimeout(this.markerTimer);
    this.markerTimer = undefined;
    const result = this.pendingResult;
    const waiter = this.invocationWaiter;
    if (!result || !waiter) return;
    this.pendingResult = undefined;
    this.invocationWaiter = undefined;
    waiter(result);
  }

  private resolveStart(outcome: StartOutcome): void {
    const waiter = this.startWaiter;
    this.startWaiter = undefined;
    waiter?.(outcome);
  }

  private exitOutcome(): StartOutcome {
    if (this.spawnError) return { kind: 'spawnError', error: this.spawnError };
    return { kind: 'exit', code: this.exitInfo?.code ?? null, signal: this.exitInfo?.signal ?? null };
  }

  private onExit(code: number | null, signal: string | null): void {
    clearTimeout(this.exitGraceTimer);
    if (this.exitInfo) return;
    this.exitInfo = { code, signal };
    this.channel.destroy();
    this.resolveStart(this.exitOutcome());
    // A result already received (e.g. an uncaught exception reported just before exiting) still counts.
    if (this.pendingResult) this.settleInvocation();
    const waiter = this.invocationWaiter;
    this.invocationWaiter = undefined;
    waiter?.({ kind: 'exit', code, signal });
    for (const listener of this.exitListeners.splice(0)) listener();
  }
}
