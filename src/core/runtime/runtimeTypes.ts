// The contract of the local Lambda runtime. The invoke feature, the local API and the local cloud (issue #5)
// all run functions through one RuntimePool; keep this file stable: additive changes only.
import type { Logger } from '../logger';
import type { ProvidedSdk } from './providedSdk/providedSdk';

/** The language families the local runtime runs without Docker. */
export type RuntimeFamily = 'nodejs' | 'python';

/** Lambda's instruction set architectures (informational locally: code runs on this machine's CPU). */
export type LambdaArchitecture = 'x86_64' | 'arm64';

/** How to bundle a TypeScript/JavaScript function before running it (SAM's `Metadata: BuildMethod: esbuild`). */
export interface EsbuildSettings {
  method: 'esbuild';
  /** Entry files relative to the code directory; defaults to the handler's module with a .ts or .js extension. */
  entryPoints?: string[];
  /** `esm` or `cjs`; SAM's default is `cjs`. */
  format?: 'esm' | 'cjs';
  /** Node target such as `es2022` or `node20`. */
  target?: string;
  /** Packages left out of the bundle (resolved at run time from the code directory). */
  external?: string[];
  minify?: boolean;
  /** SAM defaults to no source maps; locally they are always written so stacks and breakpoints map to the .ts. */
  sourcemap?: boolean;
}

/** A Lambda function resolved from a template (or created through the local cloud's API), ready to run. */
export interface FunctionDefinition {
  /** The function's name as Lambda would show it: FunctionName, else the logical ID. */
  functionName: string;
  /** The template's logical ID, when the function comes from a template. */
  logicalId?: string;
  /** The template file the function was resolved from, when there is one. */
  templatePath?: string;
  /** Lambda runtime identifier, e.g. `nodejs20.x` or `python3.12`. */
  runtime: string;
  /** Lambda handler string, e.g. `src/app.handler` or `pkg/module.function`. */
  handler: string;
  /** Absolute path of the function's code on disk (CodeUri, or an extracted package). */
  codeDirectory: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  /** The function's own variables after template, shell and env.json precedence (reserved ones are added later). */
  environment: Record<string, string>;
  /** Absolute paths of layer contents (a layer's ContentUri), in the template's order. */
  layerDirectories: string[];
  /** `$LATEST` or a published version number; shown in START lines and log stream names. */
  version: string;
  architecture: LambdaArchitecture;
  region: string;
  accountId: string;
  /** Unqualified ARN: `arn:aws:lambda:<region>:<account>:function:<name>`. */
  functionArn: string;
  /** `/aws/lambda/<name>` unless LoggingConfig.LogGroup says otherwise. */
  logGroupName: string;
  /** Present when the function is bundled before it runs. */
  build?: EsbuildSettings;
}

/** One invocation of a function. */
export interface InvokeRequest {
  /** The event as JSON text (`{}` when the caller has none). */
  payload: string;
  /** A UUID; the pool generates one when omitted. */
  requestId?: string;
  /** The alias or version the caller used; it shapes `invokedFunctionArn`. */
  qualifier?: string;
  /** Overrides the ARN handed to the handler (defaults to the function ARN plus `:qualifier`). */
  invokedFunctionArn?: string;
  /** Client context as the caller sent it: JSON text (Lambda's X-Amz-Client-Context, once base64-decoded). */
  clientContext?: string;
  /** Cognito identity as JSON text (`{"cognitoIdentityId": ..., "cognitoIdentityPoolId": ...}`). */
  cognitoIdentity?: string;
  /** Absolute deadline in epoch milliseconds; defaults to now plus the function's timeout. */
  deadlineMs?: number;
  /** Aborting kills the instance serving the request and answers a `Runtime.Aborted` error. */
  signal?: AbortSignal;
  /** Start a dedicated instance under a debugger instead of using a warm one. */
  debug?: DebugRequest;
}

/** Asks the pool to run an invocation under a debugger. */
export interface DebugRequest {
  /** The port the debugger listens on; 0 or omitted picks a free one. */
  port?: number;
  /** Called once the debugger listens and the worker is waiting for a client to attach. */
  onListening?: (session: DebugSession) => void;
}

/** Where a debugger can attach to an instance. */
export interface DebugSession {
  /** `inspector` for Node (the Chrome DevTools protocol), `debugpy` for Python (DAP). */
  protocol: 'inspector' | 'debugpy';
  host: string;
  port: number;
  pid: number;
  instanceId: string;
  /** The directory the code runs from, for the debugger's source mapping (localRoot/remoteRoot are equal). */
  codeDirectory: string;
}

/** One CloudWatch log event as Lambda would write it. */
export interface RuntimeLogLine {
  /** Epoch milliseconds. */
  timestamp: number;
  /** The message exactly as it would appear in CloudWatch (no trailing newline). */
  message: string;
}

/** The outcome of one invocation. Errors of the function itself are results, never thrown. */
export interface InvokeResult {
  requestId: string;
  /** The response payload text: the handler's JSON result, or AWS's error object. */
  payload: string;
  /** `Unhandled` when the function failed (Lambda's X-Amz-Function-Error); undefined on success. */
  functionError?: 'Unhandled';
  /** The error's type when the function failed, e.g. `Runtime.ImportModuleError` or `Sandbox.Timedout`. */
  errorType?: string;
  /** The invocation's log events in order, including INIT_START (cold only), START, END and REPORT. */
  logLines: RuntimeLogLine[];
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present on cold starts only. */
  initDurationMs?: number;
  coldStart: boolean;
  instanceId: string;
  logGroupName: string;
  logStreamName: string;
  /** The version that ran (`$LATEST` or a number), as in X-Amz-Executed-Version. */
  executedVersion: string;
}

/** A log line as it happens, with the instance it came from. */
export interface RuntimeLogEvent {
  functionName: string;
  version: string;
  instanceId: string;
  logGroupName: string;
  logStreamName: string;
  /** Undefined for lines written outside an invocation (for example while the module initialises). */
  requestId?: string;
  line: RuntimeLogLine;
}

/** An instance (execution environment) starting or stopping. */
export interface RuntimeInstanceEvent {
  kind: 'started' | 'stopped';
  functionName: string;
  version: string;
  instanceId: string;
  logGroupName: string;
  logStreamName: string;
  pid: number | undefined;
  /** Why a stopped instance went away. */
  reason?: 'idle' | 'timeout' | 'crash' | 'disposed' | 'replaced' | 'aborted' | 'debug-finished';
}

/** A registration that can be undone. */
export interface RuntimeSubscription {
  dispose(): void;
}

/** Summary of a live instance, for views and the local cloud. */
export interface RuntimeInstanceInfo {
  functionName: string;
  version: string;
  instanceId: string;
  logStreamName: string;
  pid: number | undefined;
  busy: boolean;
  startedAt: number;
  lastUsedAt: number;
  invocations: number;
}

/** Runs functions in warm worker processes: one request per instance, new instances for concurrent requests. */
export interface RuntimePool {
  /** Runs one invocation. Resolves with the result (function errors included); rejects only on bad input. */
  invoke(definition: FunctionDefinition, request: InvokeRequest): Promise<InvokeResult>;
  /** Log lines as they are written, from every instance. */
  onLogLine(listener: (event: RuntimeLogEvent) => void): RuntimeSubscription;
  /** Instances starting and stopping. */
  onInstance(listener: (event: RuntimeInstanceEvent) => void): RuntimeSubscription;
  /** The live instances. */
  listInstances(): RuntimeInstanceInfo[];
  /** Stops the instances of one function (all versions when version is omitted), e.g. after its code changed. */
  stopFunction(functionName: string, version?: string): Promise<void>;
  /** Stops every instance; later invokes reject. */
  dispose(): Promise<void>;
}

/** Options for creating a RuntimePool. */
export interface RuntimePoolOptions {
  logger: Logger;
  /** An instance idle this long is stopped (default 5 minutes). */
  idleTimeoutMs?: number;
  /** Upper bound of instances per function and version (default 10); further requests wait for a free one. */
  maxInstancesPerFunction?: number;
  /** The `node` executable (default: `node` on PATH). */
  nodeExecutable?: string;
  /** The `python3` executable (default: `python3` on PATH). */
  pythonExecutable?: string;
  /** Extra variables for every instance, e.g. AWS_ENDPOINT_URL pointing at the local cloud. */
  extraEnvironment?: Record<string, string>;
  /** Where bundles of esbuild functions are cached (default: a folder under the OS temp directory). */
  cacheDirectory?: string;
  /**
   * Resolves the SDK each runtime provides on Lambda (aws-sdk, @aws-sdk/*, boto3) for functions that import it
   * without declaring it. Without one, such functions fail with Runtime.ImportModuleError, as a bare Node would.
   */
  providedSdk?: ProvidedSdk;
}
