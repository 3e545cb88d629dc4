// The pool of execution environments behind every local invoke: warm environments are reused per function and
// version, a concurrent request gets an environment of its own (as on Lambda), idle ones are reaped, and an
// environment whose code changed on disk is replaced so edits take effect on the next invoke.
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';
import { taggedLogger, type Logger } from '../logger';
import { ExecutionEnvironment, type PreparedInvocation } from './executionEnvironment';
import { comparableVersion, parseRuntimeIdentifier, type RuntimeIdentifier } from './runtimeIdentifier';
import type {
  FunctionDefinition,
  InvokeRequest,
  InvokeResult,
  RuntimeInstanceEvent,
  RuntimeInstanceInfo,
  RuntimeLogEvent,
  RuntimePool,
  RuntimePoolOptions,
  RuntimeSubscription,
} from './runtimeTypes';

const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60 * 1000;
const DEFAULT_MAX_INSTANCES = 10;

/** Creates the pool that runs functions locally. Dispose it to stop every worker process. */
export function createRuntimePool(options: RuntimePoolOptions): RuntimePool {
  return new LocalRuntimePool(options);
}

/** The environments of one function version, all built from the same definition. */
interface FunctionSlot {
  fingerprint: string;
  environments: ExecutionEnvironment[];
  waiters: Array<() => void>;
}

class LocalRuntimePool implements RuntimePool {
  private readonly logger: Logger;
  private readonly slots = new Map<string, FunctionSlot>();
  private readonly debugEnvironments = new Set<ExecutionEnvironment>();
  private readonly idleTimers = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private readonly logListeners = new Set<(event: RuntimeLogEvent) => void>();
  private readonly instanceListeners = new Set<(event: RuntimeInstanceEvent) => void>();
  private readonly versionWarnings = new Set<string>();
  private disposed = false;

  constructor(private readonly options: RuntimePoolOptions) {
    this.logger = taggedLogger(options.logger, 'runtime');
  }

  async invoke(definition: FunctionDefinition, request: InvokeRequest): Promise<InvokeResult> {
    if (this.disposed) throw new WorkbenchError('The local runtime has been shut down.', { code: 'PoolDisposed' });
    const runtime = parseRuntimeIdentifier(definition.runtime);
    if (!runtime) {
      throw new WorkbenchError(`The runtime ${definition.runtime} cannot run locally.`, {
        code: 'UnsupportedRuntime',
        hint: 'Local runs support nodejs* and python3.* runtimes.',
      });
    }
    const invocation = this.prepare(definition, request);
    if (request.debug) {
      const environment = this.createEnvironment(definition, runtime, request.debug);
      this.debugEnvironments.add(environment);
      environment.onStopped(() => this.debugEnvironments.delete(environment));
      environment.busy = true;
      try {
        return await environment.invoke(invocation);
      } finally {
        environment.stop('debug-finished');
      }
    }
    const result = await this.invokeInSlot(definition, runtime, invocation);
    // A package the runtime provides that the sources' scan did not see (imported by a dependency): provide it,
    // then run again in a fresh environment, as the first run on Lambda would have succeeded.
    if (result.errorType === 'Runtime.ImportModuleError' && this.options.providedSdk) {
      const request = { definition, runtime, executable: '', moduleDirectories: [] };
      if (await this.options.providedSdk.provideMissing(request, result.payload)) {
        return this.invokeInSlot(definition, runtime, invocation);
      }
    }
    return result;
  }

  private async invokeInSlot(
    definition: FunctionDefinition,
    runtime: RuntimeIdentifier,
    invocation: PreparedInvocation,
  ): Promise<InvokeResult> {
    const key = slotKey(definition.functionName, definition.version);
    const slot = this.slotFor(key, definition);
    const environment = await this.acquire(slot, definition, runtime);
    try {
      return await environment.invoke(invocation);
    } finally {
      this.release(key, slot, environment);
    }
  }

  onLogLine(listener: (event: RuntimeLogEvent) => void): RuntimeSubscription {
    this.logListeners.add(listener);
    return { dispose: () => this.logListeners.delete(listener) };
  }

  onInstance(listener: (event: RuntimeInstanceEvent) => void): RuntimeSubscription {
    this.instanceListeners.add(listener);
    return { dispose: () => this.instanceListeners.delete(listener) };
  }

  listInstances(): RuntimeInstanceInfo[] {
    const environments = [...[...this.slots.values()].flatMap((slot) => slot.environments), ...this.debugEnvironments];
    return environments
      .filter((environment) => environment.usable)
      .map((environment) => ({
        functionName: environment.definition.functionName,
        version: environment.definition.version,
        instanceId: environment.instanceId,
        logStreamName: environment.logStreamName,
        pid: environment.pid,
        busy: environment.busy,
        startedAt: environment.startedAt,
        lastUsedAt: environment.lastUsedAt,
        invocations: environment.invocations,
      }));
  }

  async stopFunction(functionName: string, version?: string): Promise<void> {
    const stopping: Array<Promise<void>> = [];
    for (const [key, slot] of this.slots) {
      const [name, slotVersion] = key.split('\0');
      if (name !== functionName || (version !== undefined && slotVersion !== version)) continue;
      // Requests in flight finish on their environment, which is stopped when released (the slot is gone).
      this.slots.delete(key);
      for (const environment of slot.environments.filter((candidate) => !candidate.busy)) {
        stopping.push(this.stopEnvironment(environment, 'replaced'));
      }
      for (const waiter of slot.waiters.splice(0)) waiter();
    }
    await Promise.all(stopping);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const environments = [...[...this.slots.values()].flatMap((slot) => slot.environments), ...this.debugEnvironments];
    this.slots.clear();
    await Promise.all(environments.map((environment) => this.stopEnvironment(environment, 'disposed')));
  }

  private prepare(definition: FunctionDefinition, request: InvokeRequest): PreparedInvocation {
    try {
      JSON.parse(request.payload);
    } catch (error) {
      throw WorkbenchError.chain(error, 'The event is not valid JSON', {
        code: 'InvalidRequestContent',
        hint: 'An event is a JSON document, such as {} or {"key": "value"}.',
      });
    }
    const invocation: PreparedInvocation = {
      requestId: request.requestId ?? randomUUID(),
      payload: request.payload,
      deadlineMs: request.deadlineMs ?? Date.now() + definition.timeoutSeconds * 1000,
      invokedFunctionArn:
        request.invokedFunctionArn ??
        (request.qualifier ? `${definition.functionArn}:${request.qualifier}` : definition.functionArn),
    };
    if (request.clientContext !== undefined) invocation.clientContext = request.clientContext;
    if (request.cognitoIdentity !== undefined) invocation.cognitoIdentity = request.cognitoIdentity;
    if (request.signal) invocation.signal = request.signal;
    return invocation;
  }

  /** The slot of a function version; a changed definition (new env vars, memory...) starts a fresh slot. */
  private slotFor(key: string, definition: FunctionDefinition): FunctionSlot {
    const fingerprint = JSON.stringify(definition);
    const existing = this.slots.get(key);
    if (existing?.fingerprint === fingerprint) return existing;
    if (existing) {
      for (const environment of existing.environments.filter((candidate) => !candidate.busy)) {
        void this.stopEnvironment(environment, 'replaced');
      }
      for (const waiter of existing.waiters.splice(0)) waiter();
    }
    const slot: FunctionSlot = { fingerprint, environments: [], waiters: [] };
    this.slots.set(key, slot);
    return slot;
  }

  private async acquire(
    slot: FunctionSlot,
    definition: FunctionDefinition,
    runtime: RuntimeIdentifier,
  ): Promise<ExecutionEnvironment> {
    const limit = this.options.maxInstancesPerFunction ?? DEFAULT_MAX_INSTANCES;
    for (;;) {
      if (this.disposed) throw new WorkbenchError('The local runtime has been shut down.', { code: 'PoolDisposed' });
      const idle = slot.environments.find((environment) => !environment.busy && environment.usable);
      if (idle) {
        clearTimeout(this.idleTimers.get(idle));
        this.idleTimers.delete(idle);
        if (idle.codeChanged()) {
          this.logger.info(`${definition.functionName}: code changed on disk; starting a fresh environment`);
          this.removeEnvironment(slot, idle);
          void this.stopEnvironment(idle, 'replaced');
          continue;
        }
        idle.busy = true;
        return idle;
      }
      const live = slot.environments.filter((environment) => environment.usable);
      if (live.length < limit) {
        const environment = this.createEnvironment(definition, runtime);
        environment.busy = true;
        slot.environments.push(environment);
        environment.onStopped(() => {
          this.removeEnvironment(slot, environment);
          clearTimeout(this.idleTimers.get(environment));
          this.idleTimers.delete(environment);
          slot.waiters.shift()?.();
        });
        return environment;
      }
      await new Promise<void>((resolve) => slot.waiters.push(resolve));
    }
  }

  private release(key: string, slot: FunctionSlot, environment: ExecutionEnvironment): void {
    environment.busy = false;
    if (!environment.usable) return;
    if (this.slots.get(key) !== slot || this.disposed) {
      void this.stopEnvironment(environment, 'replaced');
      return;
    }
    const idleTimeout = this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    const timer = setTimeout(() => {
      this.idleTimers.delete(environment);
      if (!environment.busy) void this.stopEnvironment(environment, 'idle');
    }, idleTimeout);
    // Idle environments never keep the editor's or the CLI's process alive.
    timer.unref();
    this.idleTimers.set(environment, timer);
    slot.waiters.shift()?.();
  }

  private createEnvironment(
    definition: FunctionDefinition,
    runtime: RuntimeIdentifier,
    debug?: InvokeRequest['debug'],
  ): ExecutionEnvironment {
    return new ExecutionEnvironment({
      definition,
      runtime,
      logger: this.options.logger,
      interpreters: { nodeExecutable: this.options.nodeExecutable, pythonExecutable: this.options.pythonExecutable },
      hostEnvironment: process.env,
      ...(this.options.extraEnvironment ? { extraEnvironment: this.options.extraEnvironment } : {}),
      ...(this.options.providedSdk ? { providedSdk: this.options.providedSdk } : {}),
      cacheDirectory: this.options.cacheDirectory ?? join(tmpdir(), 'serverless-workbench', 'runtime-cache'),
      ...(debug ? { debug } : {}),
      onLogLine: (event) => this.broadcast(this.logListeners, event),
      onInstance: (event) => this.broadcast(this.instanceListeners, event),
      onInterpreterVersion: (version) => this.checkInterpreterVersion(definition, runtime, version),
    });
  }

  /** Says once per function when the local interpreter is not the version the template asks for, then runs. */
  private checkInterpreterVersion(definition: FunctionDefinition, runtime: RuntimeIdentifier, version: string): void {
    const local = comparableVersion(runtime.family, version);
    if (local === runtime.version || this.versionWarnings.has(definition.functionName)) return;
    this.versionWarnings.add(definition.functionName);
    const name = runtime.family === 'nodejs' ? 'Node.js' : 'Python';
    this.logger.warn(
      `${definition.functionName} declares ${definition.runtime}, but the local ${name} is ${version}; running it with ${name} ${local}.`,
    );
  }

  private stopEnvironment(environment: ExecutionEnvironment, reason: Parameters<ExecutionEnvironment['stop']>[0]) {
    return new Promise<void>((resolve) => {
      environment.onStopped(resolve);
      environment.stop(reason);
    });
  }

  private removeEnvironment(slot: FunctionSlot, environment: ExecutionEnvironment): void {
    const index = slot.environments.indexOf(environment);
    if (index >= 0) slot.environments.splice(index, 1);
  }

  private broadcast<T>(listeners: Set<(event: T) => void>, event: T): void {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error(error instanceof Error ? error : String(error));
      }
    }
  }
}

function slotKey(functionName: string, version: string): string {
  return `${functionName}\0${version}`;
}
