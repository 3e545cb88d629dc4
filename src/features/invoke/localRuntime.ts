import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { WorkbenchError } from '../../core/errors';
import { debugConfigurationFor, PYTHON_DEBUG_TYPE } from '../../core/invoke/debugConfiguration';
import type { Logger } from '../../core/logger';
import { locateBootstrap } from '../../core/runtime/bootstrapLocation';
import { createRuntimePool } from '../../core/runtime/runtimePool';
import type {
  DebugSession,
  FunctionDefinition,
  InvokeResult,
  RuntimeLogEvent,
  RuntimePool,
  RuntimePoolOptions,
} from '../../core/runtime/runtimeTypes';
import { Disposable } from '../../platform/disposable';

/** What one local run needs besides the definition. */
export interface LocalRunOptions {
  payload: string;
  requestId?: string;
  /** Each log line of this invocation as it is written. */
  onLog?: (message: string) => void;
  signal?: AbortSignal;
}

/**
 * The window's local runtime: one RuntimePool, created on the first invoke (never at activation) and disposed
 * with the extension, so warm workers are shared by lenses, the result panel and the local API.
 */
export class LocalRuntime extends Disposable {
  private pool: RuntimePool | undefined;
  /** Variables that send the functions' SDK calls to the current backend (see useAwsCallEnvironment). */
  private awsCallEnvironment: Record<string, string> = {};
  private readonly logListeners = new Set<(event: RuntimeLogEvent) => void>();

  /** `poolOptions` is read when the pool is created, so settings changed later apply after `reset()`. */
  constructor(
    private readonly logger: Logger,
    private readonly poolOptions: () => Omit<RuntimePoolOptions, 'logger'> = () => ({}),
  ) {
    super();
    this._register({ dispose: () => void this.pool?.dispose() });
    // A Python worker under the debugger runs debugpy's server (debugpy.listen): the editor connects to it as the
    // debug adapter, the way the Python Debugger extension attaches to `connect`.
    this._register(
      vscode.debug.registerDebugAdapterDescriptorFactory(PYTHON_DEBUG_TYPE, {
        createDebugAdapterDescriptor: (session) => {
          const connect = (session.configuration as { connect?: { host?: string; port?: number } }).connect;
          if (!connect?.port) return undefined;
          return new vscode.DebugAdapterServer(connect.port, connect.host ?? '127.0.0.1');
        },
      }),
    );
  }

  /** The shared pool, created on first use. */
  get runtimePool(): RuntimePool {
    if (!this.pool) {
      const options = this.poolOptions();
      const extraEnvironment = { ...options.extraEnvironment, ...this.awsCallEnvironment };
      this.pool = createRuntimePool({ logger: this.logger, ...options, extraEnvironment });
      this.pool.onLogLine((event) => this.logListeners.forEach((listener) => listener(event)));
    }
    return this.pool;
  }

  /** Sets where the functions' SDK calls go; warm workers started with other variables are replaced. */
  useAwsCallEnvironment(environment: Record<string, string>): void {
    if (JSON.stringify(environment) === JSON.stringify(this.awsCallEnvironment)) return;
    this.awsCallEnvironment = { ...environment };
    this.reset();
  }

  /** Every log line of every run, from this pool and the ones that replace it after a reset. */
  onLogLine(listener: (event: RuntimeLogEvent) => void): vscode.Disposable {
    this.logListeners.add(listener);
    return new vscode.Disposable(() => this.logListeners.delete(listener));
  }

  /** Stops every warm worker; the next invoke creates a pool with the current settings. */
  reset(): void {
    const previous = this.pool;
    this.pool = undefined;
    void previous?.dispose();
  }

  /** Runs one invocation in a warm (or new) worker. */
  run(definition: FunctionDefinition, options: LocalRunOptions): Promise<InvokeResult> {
    return this.invoke(definition, options);
  }

  /**
   * Runs one invocation in a dedicated worker under the editor's debugger: the worker waits for the debugger,
   * which attaches and lets it run, so breakpoints in the handler stop.
   */
  async debug(definition: FunctionDefinition, options: LocalRunOptions & { logicalId: string }): Promise<InvokeResult> {
    const abort = new AbortController();
    options.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    let attachError: Error | undefined;
    const result = await this.invoke(definition, {
      ...options,
      signal: abort.signal,
      debug: {
        onListening: (session) => {
          attachDebugger(session, options.logicalId).catch((error: unknown) => {
            attachError = error instanceof Error ? error : new Error(String(error));
            // Without a debugger the worker would wait forever.
            abort.abort();
          });
        },
      },
    });
    if (attachError !== undefined) throw attachError;
    return result;
  }

  private async invoke(
    definition: FunctionDefinition,
    options: LocalRunOptions & { debug?: Parameters<RuntimePool['invoke']>[1]['debug'] },
  ): Promise<InvokeResult> {
    const requestId = options.requestId ?? randomUUID();
    const pool = this.runtimePool;
    const subscription = options.onLog
      ? pool.onLogLine((event) => {
          if (event.requestId === requestId) options.onLog?.(event.line.message);
        })
      : undefined;
    try {
      return await pool.invoke(definition, {
        payload: options.payload,
        requestId,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.debug ? { debug: options.debug } : {}),
      });
    } finally {
      subscription?.dispose();
    }
  }
}

/** Starts the editor's debugger on the worker's port; resolves once the session has started. */
async function attachDebugger(session: DebugSession, logicalId: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  let runtimeDirectory: string | undefined;
  try {
    runtimeDirectory = locateBootstrap('nodejs').directory;
  } catch {
    runtimeDirectory = undefined;
  }
  const configuration = debugConfigurationFor(session, {
    name: `Debug ${logicalId}`,
    sourceRoots: (vscode.workspace.workspaceFolders ?? []).map((workspaceFolder) => workspaceFolder.uri.fsPath),
    ...(runtimeDirectory ? { runtimeDirectory } : {}),
  });
  const started = await vscode.debug.startDebugging(folder, configuration);
  if (!started) {
    throw new WorkbenchError(`The debugger could not attach to ${logicalId} on port ${session.port}.`, {
      code: 'DebuggerNotStarted',
      hint: 'Check the Debug Console for details.',
    });
  }
}
