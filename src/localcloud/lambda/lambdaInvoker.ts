// Runs invocations on the shared local runtime (one RuntimePool, the same one local invoke uses) and writes each
// invocation's log lines to its instance's stream in the Logs service.
import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import type {
  FunctionDefinition,
  InvokeResult,
  LambdaArchitecture,
  RuntimePool,
} from '../../core/runtime/runtimeTypes';
import type { LogStore } from '../logs/logStore';
import { AwsError } from '../protocol/awsError';
import { MINIMUM_UNRESERVED } from './accountConcurrency';
import type { CodePackageStore } from './codePackage';
import { functionArn, logGroupOf, type ArnContext, type FunctionConfig, type FunctionRecord } from './functionRecords';
import type { RecentInvocations } from './recentInvocations';

/** What the invoker needs. */
export interface LambdaInvokerOptions extends ArnContext {
  pool: () => RuntimePool | undefined;
  logStore: LogStore;
  code: CodePackageStore;
  logger: Logger;
  /** Where invocations are remembered (one list for every region's invoker). */
  recent: RecentInvocations;
  /** The unreserved pool functions without a reservation share (the account's concurrency minus reservations). */
  unreservedConcurrency: () => number;
}

/** One invocation to run. */
export interface InvocationInput {
  payload: string;
  /** The qualifier the caller used (alias or version), for the invoked ARN. */
  qualifier?: string;
  /** Base64 X-Amz-Client-Context as sent. */
  clientContext?: string;
  /** The request id the function sees (an Event invoke's is the one its 202 answered); fresh when absent. */
  requestId?: string;
}

/** Lambda returns the last 4 KB of the log with `LogType: Tail`. */
const LOG_TAIL_BYTES = 4096;

/** Runs functions and records their logs. */
export class LambdaInvoker {
  private readonly inFlight = new Map<string, number>();
  /** Invocations in flight of functions without reserved concurrency (they share the unreserved pool). */
  private unreservedInFlight = 0;
  /** The last invocations' payloads, for replaying one locally from a log view. */
  readonly recent: RecentInvocations;

  constructor(private readonly options: LambdaInvokerOptions) {
    this.recent = options.recent;
  }

  /** Runs one invocation and waits for it; function errors are results, not exceptions. */
  async invoke(record: FunctionRecord, config: FunctionConfig, input: InvocationInput): Promise<InvokeResult> {
    LambdaInvoker.requireRunnable(config);
    const pool = this.options.pool();
    if (!pool) throw new AwsError('ServiceException', 'The local runtime is not available in this local cloud', 500);
    const running = this.inFlight.get(record.name) ?? 0;
    const reserved = record.reservedConcurrency !== undefined;
    if (reserved && running >= record.reservedConcurrency!) {
      throw throttled('ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    // The pool is never below MINIMUM_UNRESERVED: count reservations only when that many run.
    if (
      !reserved &&
      this.unreservedInFlight >= MINIMUM_UNRESERVED &&
      this.unreservedInFlight >= this.options.unreservedConcurrency()
    ) {
      throw throttled('ConcurrentInvocationLimitExceeded');
    }
    this.inFlight.set(record.name, running + 1);
    if (!reserved) this.unreservedInFlight += 1;
    try {
      let result: InvokeResult;
      const requestId = input.requestId ?? randomUUID();
      const invokedAt = Date.now();
      try {
        result = await pool.invoke(this.definitionOf(record, config), {
          payload: input.payload,
          requestId,
          qualifier: input.qualifier,
          invokedFunctionArn: functionArn(this.options, record.name, input.qualifier),
          clientContext: decodeClientContext(input.clientContext),
        });
      } catch (error) {
        throw runtimeFailure(error);
      }
      this.recordLogs(result);
      this.recent.record({
        requestId: result.requestId,
        functionName: record.name,
        ...(input.qualifier !== undefined ? { qualifier: input.qualifier } : {}),
        executedVersion: result.executedVersion,
        payload: input.payload,
        invokedAt,
        logGroupName: result.logGroupName,
        logStreamName: result.logStreamName,
      });
      return result;
    } finally {
      if (!reserved) this.unreservedInFlight -= 1;
      const left = (this.inFlight.get(record.name) ?? 1) - 1;
      if (left > 0) this.inFlight.set(record.name, left);
      else this.inFlight.delete(record.name);
    }
  }

  /** Stops warm instances after code or configuration changed (all versions when none is given). */
  async stopInstances(functionName: string, version?: string): Promise<void> {
    await this.options.pool()?.stopFunction(functionName, version);
  }

  /** Container image functions are stored, not run: say so as Invoke's error. */
  static requireRunnable(config: FunctionConfig): void {
    if (!config.image) return;
    throw new AwsError(
      'InvalidParameterValueException',
      `The local cloud stores container image functions but cannot run them (image ${config.image.uri}): deploy the function as a zip package to run it locally.`,
    );
  }

  /** X-Amz-Log-Result: base64 of the last 4 KB of the invocation's log. */
  static logTail(result: InvokeResult): string {
    const text = Buffer.from(result.logLines.map((line) => `${line.message}\n`).join(''), 'utf8');
    return text.subarray(Math.max(0, text.length - LOG_TAIL_BYTES)).toString('base64');
  }

  private definitionOf(record: FunctionRecord, config: FunctionConfig): FunctionDefinition {
    return {
      functionName: record.name,
      runtime: config.runtime,
      handler: config.handler,
      codeDirectory: this.options.code.extractedDirectory(config.codeHash),
      memorySizeMb: config.memorySize,
      timeoutSeconds: config.timeout,
      environment: config.environment,
      // Layers of other accounts have no content locally; this account's are extracted like function code.
      layerDirectories: (config.layers ?? []).flatMap((layer) =>
        layer.codeHash ? [this.options.code.extractedDirectory(layer.codeHash)] : [],
      ),
      version: config.version,
      architecture: (config.architectures[0] ?? 'x86_64') as LambdaArchitecture,
      region: this.options.region,
      accountId: this.options.accountId,
      functionArn: functionArn(this.options, record.name),
      logGroupName: logGroupOf(record.name, config),
    };
  }

  private recordLogs(result: InvokeResult): void {
    if (result.logLines.length === 0) return;
    try {
      this.options.logStore.ensureStream(result.logGroupName, result.logStreamName);
      const events = [...result.logLines].sort((a, b) => a.timestamp - b.timestamp);
      this.options.logStore.putEvents(result.logGroupName, result.logStreamName, events);
    } catch (error) {
      this.options.logger.warn(`[localcloud] could not record the logs of ${result.requestId}: ${String(error)}`);
    }
  }
}

/** Lambda's throttle: 429 with the limit that was reached as the Reason. */
function throttled(reason: string): AwsError {
  return new AwsError('TooManyRequestsException', 'Rate Exceeded.', 429, { Reason: reason });
}

/** The pool rejects only when it cannot run the function at all; say so in Lambda's terms. */
function runtimeFailure(error: unknown): AwsError {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof WorkbenchError && error.code === 'UnsupportedRuntime') {
    return new AwsError('InvalidRuntimeException', message, 502);
  }
  return new AwsError('ServiceException', `The local runtime could not run the function: ${message}`, 500);
}

function decodeClientContext(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  try {
    return Buffer.from(header, 'base64').toString('utf8');
  } catch {
    throw new AwsError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  }
}
