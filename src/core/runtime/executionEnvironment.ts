// One execution environment of one function: a worker process, its log stream, and the Lambda semantics around
// each invocation (INIT_START/START/END/REPORT lines, timeouts, the memory cap, crashes).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { Logger } from '../logger';
import { locateBootstrap } from './bootstrapLocation';
import { codeChangedSince, takeCodeSnapshot, type CodeSnapshot } from './codeSnapshot';
import { bundleFunction, bundleIsStale, type FunctionBundle } from './esbuildBundler';
import { locateDebugInterpreter, locateInterpreter, type InterpreterChoice } from './interpreterLocator';
import { buildInstanceEnvironment, layerModuleDirectories } from './lambdaEnvironment';
import type { ProvidedSdk } from './providedSdk/providedSdk';
import {
  billedDuration,
  createLogStreamName,
  endLine,
  exitErrorPayload,
  describeExit,
  initStartLine,
  reportLine,
  startLine,
  timeoutLogLine,
  timeoutPayload,
} from './lambdaLogFormat';
import type { RuntimeIdentifier } from './runtimeIdentifier';
import type {
  DebugRequest,
  FunctionDefinition,
  InvokeResult,
  RuntimeInstanceEvent,
  RuntimeLogEvent,
  RuntimeLogLine,
} from './runtimeTypes';
import { WorkerInstance, type InvocationOutcome } from './workerInstance';
import { DEBUG_PORT_VARIABLE } from './workerProtocol';
import { traceHeader, watchInvocation, type WatchEnding } from './invocationWatch';

/** What an environment needs from its pool. */
export interface EnvironmentSettings {
  definition: FunctionDefinition;
  runtime: RuntimeIdentifier;
  logger: Logger;
  interpreters: InterpreterChoice;
  hostEnvironment: Readonly<Record<string, string | undefined>>;
  extraEnvironment?: Readonly<Record<string, string>>;
  cacheDirectory: string;
  /** Resolves the SDK the runtime provides on Lambda (aws-sdk, @aws-sdk/*, boto3); none when omitted. */
  providedSdk?: ProvidedSdk;
  debug?: DebugRequest;
  onLogLine: (event: RuntimeLogEvent) => void;
  onInstance: (event: RuntimeInstanceEvent) => void;
  /** Called with the interpreter's version once it is known (the pool warns once per function on a mismatch). */
  onInterpreterVersion: (version: string) => void;
}

/** An invocation with every default filled in by the pool. */
export interface PreparedInvocation {
  requestId: string;
  payload: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  clientContext?: string;
  cognitoIdentity?: string;
  signal?: AbortSignal;
}

type StopReason = NonNullable<RuntimeInstanceEvent['reason']>;

/** Node's heap is capped below the function's memory, leaving room for the rest of the process, as on Lambda. */
const HEAP_SHARE_OF_MEMORY = 0.9;

export class ExecutionEnvironment {
  readonly instanceId = randomUUID();
  readonly logStreamName: string;
  readonly startedAt = Date.now();
  lastUsedAt = Date.now();
  invocations = 0;
  busy = false;
  private worker: WorkerInstance | undefined;
  private collector: RuntimeLogLine[] | undefined;
  private currentRequestId: string | undefined;
  private snapshot: CodeSnapshot | undefined;
  private bundle: FunctionBundle | undefined;
  private stopReason: StopReason | undefined;
  private stopped = false;
  private spawnedAt = 0;
  private readonly stoppedListeners: Array<() => void> = [];

  constructor(private readonly settings: EnvironmentSettings) {
    this.logStreamName = createLogStreamName(settings.definition.version);
  }

  get definition(): FunctionDefinition {
    return this.settings.definition;
  }

  get pid(): number | undefined {
    return this.worker?.pid;
  }

  /** False once the process is gone or was asked to stop: the pool must not hand it another request. */
  get usable(): boolean {
    return this.stopReason === undefined && !(this.worker?.hasExited ?? false);
  }

  /** True when the function's files changed since this environment loaded them. */
  codeChanged(): boolean {
    if (this.bundle) return bundleIsStale(this.bundle);
    return this.snapshot !== undefined && codeChangedSince(this.snapshot, this.watchedDirectories());
  }

  /** Calls `listener` once the environment has stopped for good. */
  onStopped(listener: () => void): void {
    if (this.stopped) listener();
    else this.stoppedListeners.push(listener);
  }

  /** Stops the process; the reason is reported in the instance event. */
  stop(reason: StopReason): void {
    this.stopReason ??= reason;
    if (this.worker) this.worker.kill();
    else this.notifyStopped();
  }

  /** Runs one invocation, starting the process first on a cold start. Throws WorkbenchError only for setup failures. */
  async invoke(invocation: PreparedInvocation): Promise<InvokeResult> {
    const { definition } = this.settings;
    const lines: RuntimeLogLine[] = [];
    this.collector = lines;
    this.currentRequestId = invocation.requestId;
    this.invocations++;
    try {
      const coldStart = this.worker === undefined;
      let initDurationMs: number | undefined;
      if (coldStart) {
        const failure = await this.startWorker(invocation);
        // Init covers the process start and the handler's import, as on Lambda; bundling and finding the
        // interpreter are build-time work and stay out of it.
        initDurationMs = performance.now() - this.spawnedAt;
        if (failure) return this.finish(invocation, lines, { ...failure, durationMs: 0, initDurationMs });
      }
      this.emit(startLine(invocation.requestId, definition.version));
      const started = performance.now();
      const watch = watchInvocation(this.worker as WorkerInstance, {
        // Under a debugger, time stands still at breakpoints; SAM CLI also lifts the timeout when debugging.
        deadlineMs: this.settings.debug ? undefined : invocation.deadlineMs,
        memoryLimitKb: definition.memorySizeMb * 1024,
        signal: invocation.signal,
        onEnd: (reason) => this.stop(reason === 'timeout' ? 'timeout' : reason === 'aborted' ? 'aborted' : 'crash'),
      });
      const outcome = await (this.worker as WorkerInstance).invoke({
        type: 'invoke',
        requestId: invocation.requestId,
        payload: invocation.payload,
        deadlineMs: invocation.deadlineMs,
        invokedFunctionArn: invocation.invokedFunctionArn,
        traceId: traceHeader(),
        ...(invocation.clientContext ? { clientContext: invocation.clientContext } : {}),
        ...(invocation.cognitoIdentity ? { cognitoIdentity: invocation.cognitoIdentity } : {}),
      });
      const ending = watch.stop();
      const durationMs = performance.now() - started;
      return this.finish(invocation, lines, {
        ...this.interpret(invocation, outcome, ending),
        durationMs,
        initDurationMs,
      });
    } finally {
      this.collector = undefined;
      this.lastUsedAt = Date.now();
    }
  }

  /** The interpreter: under the debugger, a Python must have debugpy (another one on PATH may, said in the log). */
  private interpreterFor(runtime: RuntimeIdentifier): string {
    if (!this.settings.debug || runtime.family !== 'python')
      return locateInterpreter(runtime, this.settings.interpreters);
    const chosen = locateDebugInterpreter(runtime, this.settings.interpreters);
    if (chosen.note) this.settings.logger.info(`[runtime] ${chosen.note}`);
    return chosen.executable;
  }

  private async startWorker(invocation: PreparedInvocation): Promise<Failure | undefined> {
    const { definition, runtime, debug } = this.settings;
    let taskRoot = definition.codeDirectory;
    const extraModuleDirectories: string[] = [];
    if (definition.build) {
      this.bundle = await bundleFunction(definition, this.settings.cacheDirectory, this.settings.logger);
      taskRoot = this.bundle.directory;
      // Externals stay in the sources' node_modules.
      extraModuleDirectories.push(join(definition.codeDirectory, 'node_modules'));
    } else {
      this.snapshot = takeCodeSnapshot(this.watchedDirectories());
    }
    const bootstrap = locateBootstrap(runtime.family);
    const executable = this.interpreterFor(runtime);
    const providedSdkDirectories =
      (await this.settings.providedSdk?.prepare({
        definition,
        runtime,
        executable,
        moduleDirectories: [...layerModuleDirectories(definition.layerDirectories, runtime), ...extraModuleDirectories],
      })) ?? [];
    const environment = buildInstanceEnvironment(definition, {
      providedSdkDirectories,
      runtime,
      logStreamName: this.logStreamName,
      taskRoot,
      runtimeDirectory: bootstrap.directory,
      hostEnvironment: this.settings.hostEnvironment,
      extraEnvironment: this.settings.extraEnvironment,
      extraModuleDirectories,
    });
    if (debug) environment[DEBUG_PORT_VARIABLE] = String(debug.port ?? 0);
    const args =
      runtime.family === 'nodejs'
        ? [
            `--max-old-space-size=${Math.max(16, Math.floor(definition.memorySizeMb * HEAP_SHARE_OF_MEMORY))}`,
            ...(definition.build ? ['--enable-source-maps'] : []),
            bootstrap.file,
          ]
        : [bootstrap.file];
    this.emit(initStartLine(definition.runtime, definition.region));
    this.spawnedAt = performance.now();
    const worker = new WorkerInstance({
      executable,
      args,
      environment,
      cwd: taskRoot,
      logger: this.settings.logger,
      hideDebuggerOutput: debug !== undefined,
      onLine: (message, timestamp) => this.emit(message, timestamp),
    });
    this.worker = worker;
    worker.onExited(() => this.notifyStopped());
    this.settings.onInstance(this.instanceEvent('started'));
    // A debug session may wait for a client forever: aborting the request is the way out.
    const onAbort = (): void => this.stop('aborted');
    invocation.signal?.addEventListener('abort', onAbort, { once: true });
    const outcome = await worker.start((port) => {
      debug?.onListening?.({
        protocol: runtime.family === 'nodejs' ? 'inspector' : 'debugpy',
        host: '127.0.0.1',
        port,
        pid: worker.pid ?? 0,
        instanceId: this.instanceId,
        codeDirectory: taskRoot,
      });
    });
    invocation.signal?.removeEventListener('abort', onAbort);
    if (outcome.kind === 'ready') {
      this.settings.onInterpreterVersion(outcome.interpreterVersion);
      return undefined;
    }
    this.stop('crash');
    switch (outcome.kind) {
      case 'spawnError':
        throw new WorkbenchError(
          `Cannot start ${executable} for ${definition.functionName}: ${outcome.error.message}`,
          {
            code: 'InterpreterNotFound',
            hint: `Install ${runtime.family === 'nodejs' ? 'Node.js' : 'Python 3'} or configure its path.`,
            cause: outcome.error,
          },
        );
      case 'debugUnavailable':
        throw new WorkbenchError(`Cannot debug ${definition.functionName}: ${outcome.message}.`, {
          code: 'DebuggerUnavailable',
          hint: `Install it with \`${executable} -m pip install debugpy\`, then debug again.`,
        });
      case 'initError':
        this.settings.onInterpreterVersion(outcome.interpreterVersion);
        this.emit(outcome.logMessage);
        this.emit(startLine(invocation.requestId, definition.version));
        return { payload: outcome.payload, errorType: outcome.errorType, status: 'error' };
      case 'exit':
        this.emit(startLine(invocation.requestId, definition.version));
        if (this.stopReason === 'aborted') return this.abortedFailure(invocation);
        return {
          payload: exitErrorPayload(invocation.requestId, outcome),
          errorType: 'Runtime.ExitError',
          status: 'error',
          detail: `the runtime exited during init (${describeExit(outcome)})`,
        };
    }
  }

  private abortedFailure(invocation: PreparedInvocation): Failure {
    const payload = JSON.stringify({
      errorType: 'Runtime.Aborted',
      errorMessage: `RequestId: ${invocation.requestId} Error: the invocation was cancelled`,
    });
    return { payload, errorType: 'Runtime.Aborted', status: 'error' };
  }

  private interpret(invocation: PreparedInvocation, outcome: InvocationOutcome, ending: WatchEnding): Failure {
    const { definition } = this.settings;
    const killedFor = (message: string): string =>
      JSON.stringify({
        errorType: message,
        errorMessage: `RequestId: ${invocation.requestId} Error: Runtime exited with error: signal: killed`,
      });
    if (ending === 'timeout') {
      return {
        payload: timeoutPayload(invocation.requestId, definition.timeoutSeconds),
        errorType: 'Sandbox.Timedout',
        status: 'timeout',
      };
    }
    if (ending === 'outOfMemory') {
      return { payload: killedFor('Runtime.OutOfMemory'), errorType: 'Runtime.OutOfMemory', status: 'error' };
    }
    if (ending === 'aborted') return this.abortedFailure(invocation);
    if (outcome.kind === 'exit') {
      return {
        payload: exitErrorPayload(invocation.requestId, outcome),
        errorType: 'Runtime.ExitError',
        status: 'error',
      };
    }
    if (outcome.fatal) this.stop('crash');
    const result: Failure = { payload: outcome.payload, maxRssKb: outcome.maxRssKb };
    if (outcome.errorType) result.errorType = outcome.errorType;
    return result;
  }

  private finish(
    invocation: PreparedInvocation,
    lines: RuntimeLogLine[],
    outcome: Failure & { durationMs: number; initDurationMs: number | undefined },
  ): InvokeResult {
    const { definition } = this.settings;
    const peakKb = outcome.maxRssKb ?? this.worker?.peakMemoryKb() ?? 0;
    const maxMemoryUsedMb = Math.min(definition.memorySizeMb, Math.max(1, Math.ceil(peakKb / 1024)));
    const timedOut = outcome.status === 'timeout';
    const durationMs = timedOut ? Math.max(outcome.durationMs, definition.timeoutSeconds * 1000) : outcome.durationMs;
    const billedDurationMs = timedOut ? definition.timeoutSeconds * 1000 : billedDuration(durationMs);
    this.emit(endLine(invocation.requestId));
    this.emit(
      reportLine({
        requestId: invocation.requestId,
        durationMs,
        billedDurationMs,
        memorySizeMb: definition.memorySizeMb,
        maxMemoryUsedMb: outcome.errorType === 'Runtime.OutOfMemory' ? definition.memorySizeMb : maxMemoryUsedMb,
        ...(outcome.initDurationMs !== undefined ? { initDurationMs: outcome.initDurationMs } : {}),
        ...(outcome.status ? { status: outcome.status, errorType: outcome.errorType } : {}),
      }),
    );
    if (timedOut) this.emit(timeoutLogLine(invocation.requestId, definition.timeoutSeconds));
    if (outcome.detail) this.settings.logger.warn(`[runtime] ${definition.functionName}: ${outcome.detail}`);
    const result: InvokeResult = {
      requestId: invocation.requestId,
      payload: outcome.payload,
      logLines: [...lines],
      durationMs,
      billedDurationMs,
      memorySizeMb: definition.memorySizeMb,
      maxMemoryUsedMb,
      coldStart: outcome.initDurationMs !== undefined,
      instanceId: this.instanceId,
      logGroupName: definition.logGroupName,
      logStreamName: this.logStreamName,
      executedVersion: definition.version,
    };
    if (outcome.initDurationMs !== undefined) result.initDurationMs = outcome.initDurationMs;
    if (outcome.errorType) {
      result.functionError = 'Unhandled';
      result.errorType = outcome.errorType;
    }
    // An environment whose init failed is not reused: the next request starts afresh, as Lambda retries init.
    if (outcome.status === 'error' && this.usable) this.stop('crash');
    return result;
  }

  private emit(message: string, timestamp = Date.now()): void {
    const line: RuntimeLogLine = { timestamp, message };
    this.collector?.push(line);
    const { definition } = this.settings;
    const event: RuntimeLogEvent = {
      functionName: definition.functionName,
      version: definition.version,
      instanceId: this.instanceId,
      logGroupName: definition.logGroupName,
      logStreamName: this.logStreamName,
      line,
    };
    if (this.collector && this.currentRequestId) event.requestId = this.currentRequestId;
    this.settings.onLogLine(event);
  }

  private watchedDirectories(): string[] {
    const { definition } = this.settings;
    // A Python handler `pkg/module.fn` or a Node `src/app.fn` lives under the code directory: watch all of it.
    return [definition.codeDirectory, ...definition.layerDirectories];
  }

  private instanceEvent(kind: RuntimeInstanceEvent['kind']): RuntimeInstanceEvent {
    const { definition } = this.settings;
    const event: RuntimeInstanceEvent = {
      kind,
      functionName: definition.functionName,
      version: definition.version,
      instanceId: this.instanceId,
      logGroupName: definition.logGroupName,
      logStreamName: this.logStreamName,
      pid: this.worker?.pid,
    };
    if (kind === 'stopped') event.reason = this.stopReason ?? 'crash';
    return event;
  }

  private notifyStopped(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopReason ??= 'crash';
    if (this.worker) this.settings.onInstance(this.instanceEvent('stopped'));
    for (const listener of this.stoppedListeners.splice(0)) listener();
  }
}

/** The payload side of an invocation's outcome, before the platform lines are written. */
interface Failure {
  payload: string;
  errorType?: string;
  status?: 'timeout' | 'error';
  maxRssKb?: number;
  /** Extra context for the extension's log. */
  detail?: string;
}
