// The messages between the pool and a worker process, one JSON object per line on file descriptor 3 (a pipe of
// its own, so the function's stdout and stderr stay pure log output). The bootstraps in ./bootstrap speak it.

/** Pool -> worker: run one invocation. */
export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  /** The event as JSON text. */
  payload: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  clientContext?: string;
  cognitoIdentity?: string;
  /** X-Ray trace header for `_X_AMZN_TRACE_ID`. */
  traceId: string;
}

/** Worker -> pool: the handler is loaded; the environment is warm. */
export interface ReadyMessage {
  type: 'ready';
  /** The interpreter's version, e.g. `20.11.1` or `3.11.7`. */
  interpreterVersion: string;
}

/** Worker -> pool: loading the handler failed (an AWS-shaped error payload). */
export interface InitErrorMessage {
  type: 'initError';
  errorType: string;
  /** AWS's error payload as JSON text. */
  payload: string;
  /** The log line the runtime writes for the failure. */
  logMessage: string;
  interpreterVersion: string;
}

/** Worker -> pool: a debugger waits for a client on this port. */
export interface DebugListeningMessage {
  type: 'debugListening';
  port: number;
}

/** Worker -> pool: debugging was asked for but the debugger cannot start (e.g. debugpy is not installed). */
export interface DebugUnavailableMessage {
  type: 'debugUnavailable';
  message: string;
}

/** Worker -> pool: a log line from the runtime's logging (console.*, Python's logging), already formatted. */
export interface LogMessage {
  type: 'log';
  timestamp: number;
  message: string;
}

/** Worker -> pool: text the function wrote to process.stdout/stderr (Node) or sys.stdout/stderr (Python). */
export interface OutputMessage {
  type: 'output';
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Worker -> pool: one invocation finished (after the stdout/stderr end markers were written). */
export interface ResultMessage {
  type: 'result';
  requestId: string;
  /** The response or AWS's error payload, as JSON text. */
  payload: string;
  /** Set when the handler failed. */
  errorType?: string;
  /** Peak resident memory of the process so far, in KiB. */
  maxRssKb: number;
  /** The worker exits right after this message (uncaught exceptions): the environment must not be reused. */
  fatal?: boolean;
}

export type WorkerToPoolMessage =
  | ReadyMessage
  | InitErrorMessage
  | DebugListeningMessage
  | DebugUnavailableMessage
  | LogMessage
  | OutputMessage
  | ResultMessage;

/**
 * Written by the worker to stdout and stderr after each invocation, before its result: once the pool has read it
 * on both streams, every byte the function printed during the invocation has arrived.
 */
export const OUTPUT_END_MARKER = '\u0000swb-end\u0000';

/** Tells a bootstrap to open a debugger (inspector for Node, debugpy for Python) on this port and wait. */
export const DEBUG_PORT_VARIABLE = 'SERVERLESS_WORKBENCH_DEBUG_PORT';

/**
 * Tells the Node bootstrap where ES modules look for packages after the function's own node_modules: the layers'
 * module folders (and a bundle's source node_modules), as NODE_PATH lists them for require(). Removed before the
 * handler loads, so the function sees Lambda's environment only.
 */
export const MODULE_DIRECTORIES_VARIABLE = 'SERVERLESS_WORKBENCH_MODULE_DIRECTORIES';
