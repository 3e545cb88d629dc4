// One Lambda execution environment for Node.js, run by Serverless Workbench's runtime pool (src/core/runtime).
// It loads the handler as Lambda's Node.js runtime interface client does, then serves invocations sent as JSON
// lines on file descriptor 3, answering on the same pipe. The protocol is described in ../workerProtocol.ts.
// Plain CommonJS with no dependencies: it runs as is under whatever `node` the machine has.
'use strict';

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const util = require('node:util');
const { pathToFileURL } = require('node:url');
const { installResponseStreaming, isStreamingHandler, runStreamingHandler } = require(
  path.join(__dirname, 'nodeResponseStream.cjs'),
);

const OUTPUT_END_MARKER = '\u0000swb-end\u0000';
const DEBUG_PORT_VARIABLE = 'SERVERLESS_WORKBENCH_DEBUG_PORT';
const MODULE_DIRECTORIES_VARIABLE = 'SERVERLESS_WORKBENCH_MODULE_DIRECTORIES';

const channel = new net.Socket({ fd: 3, readable: true, writable: true });
// Blocking writes: a console.log right before process.exit() still reaches the pool, as it reaches CloudWatch.
if (channel._handle && typeof channel._handle.setBlocking === 'function') channel._handle.setBlocking(true);

function send(message) {
  channel.write(`${JSON.stringify(message)}\n`);
}

// ---- The function's own stdout/stderr writes travel on the same pipe as everything else, so the log keeps the
// order in which the function wrote (separate pipes could interleave differently). Output of child processes
// still reaches the real stdout/stderr, which the pool reads as well.
const realWrites = {};
for (const name of ['stdout', 'stderr']) {
  const stream = process[name];
  realWrites[name] = stream.write.bind(stream);
  stream.write = (chunk, encoding, callback) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    send({ type: 'output', stream: name, text });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

// ---- Logging as Lambda's Node.js runtime does: `<ISO time>\t<requestId>\t<LEVEL>\t<message>` per console call.
let currentRequestId;
const CONSOLE_LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
  console[method] = (...args) => writeLog(level, util.format(...args));
}
function writeLog(level, text) {
  const now = new Date();
  send({
    type: 'log',
    timestamp: now.getTime(),
    message: `${now.toISOString()}\t${currentRequestId}\t${level}\t${text}`,
  });
}

// ---- Errors in the shapes Lambda answers: {"errorType","errorMessage","trace"}.
class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}
function lambdaError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  let message;
  try {
    message = typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    message = String(error);
  }
  return { errorType: typeof error, errorMessage: message ?? String(error), trace: [] };
}
function errorLogText(label, formatted) {
  // The log line names the stack `stack`; the response payload names it `trace`.
  const { trace, ...rest } = formatted;
  return `${label} \t${JSON.stringify({ ...rest, stack: trace })}`;
}

// ---- Handler loading, following the runtime interface client's UserFunction.js.
async function loadHandler(taskRoot, fullHandler) {
  if (fullHandler.includes('..')) {
    throw new RuntimeError(
      'Runtime.MalformedHandlerName',
      `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const handlerName = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerName));
  const match = /^([^.]*)\.(.*)$/.exec(handlerName);
  if (!match) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const [, moduleName, propertyPath] = match;
  const userModule = await loadUserModule(taskRoot, moduleRoot, moduleName);
  const handler = propertyPath.split('.').reduce((value, key) => (value == null ? undefined : value[key]), userModule);
  if (handler === undefined || handler === null) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${fullHandler} is not a function`);
  }
  return handler;
}

async function loadUserModule(taskRoot, moduleRoot, moduleName) {
  const base = path.resolve(taskRoot, moduleRoot, moduleName);
  try {
    if (isFile(base)) return require(base);
    const isModulePackage = nearestPackageType(base) === 'module';
    if (!isModulePackage && isFile(`${base}.js`)) return require(`${base}.js`);
    if (isModulePackage && isFile(`${base}.js`)) return await import(pathToFileURL(`${base}.js`).href);
    if (isFile(`${base}.mjs`)) return await import(pathToFileURL(`${base}.mjs`).href);
    if (isFile(`${base}.cjs`)) return require(`${base}.cjs`);
    // A handler may name a package installed in node_modules.
    return require(require.resolve(moduleName, { paths: [path.resolve(taskRoot, moduleRoot), taskRoot] }));
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${error.name}: ${error.message}`);
    }
    if (error && (error.code === 'MODULE_NOT_FOUND' || error.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new RuntimeError('Runtime.ImportModuleError', `Error: ${error.message}`);
    }
    throw error;
  }
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function nearestPackageType(file) {
  for (let directory = path.dirname(file); ; directory = path.dirname(directory)) {
    try {
      return JSON.parse(fs.readFileSync(path.join(directory, 'package.json'), 'utf8')).type;
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    if (path.dirname(directory) === directory) return undefined;
  }
}

// ---- ES modules ignore NODE_PATH, through which require() finds layer packages; on Lambda an ES module handler
// imports them all the same, so resolve hooks (./nodeLayerResolveHooks.mjs) search the layers' folders for them.
async function resolveImportsFromLayers() {
  const listed = process.env[MODULE_DIRECTORIES_VARIABLE] || '';
  delete process.env[MODULE_DIRECTORIES_VARIABLE];
  const moduleDirectories = listed.split(path.delimiter).filter((directory) => directory && fs.existsSync(directory));
  // No layers, no hooks: module.register costs a loader thread.
  if (moduleDirectories.length === 0) return;
  const nodeModule = require('node:module');
  const hooksUrl = pathToFileURL(path.join(__dirname, 'nodeLayerResolveHooks.mjs')).href;
  if (typeof nodeModule.registerHooks === 'function') {
    const { createSyncResolve } = await import(hooksUrl);
    nodeModule.registerHooks({ resolve: createSyncResolve(moduleDirectories) });
  } else if (typeof nodeModule.register === 'function') {
    nodeModule.register(hooksUrl, { data: { moduleDirectories } });
  }
  // Older Node (before 20.6) has neither: ES modules then find only the function's own packages.
}

// ---- The v2 SDK (aws-sdk, which Node.js runtimes up to 16 provide) ignores AWS_ENDPOINT_URL, which the v3 SDK and
// boto3 honour. Where the environment sends SDK calls to an endpoint (the local cloud), the v2 SDK's global
// configuration gets it too, the first time the function loads aws-sdk (any copy: its own, a layer's, the provided one).
function sendAwsSdkV2CallsToEndpoint() {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (!endpoint) return;
  const nodeModule = require('node:module');
  const originalLoad = nodeModule._load;
  const configured = new WeakSet();
  nodeModule._load = function load(request, parent) {
    const loaded = originalLoad.apply(this, arguments);
    if (typeof request === 'string' && /^aws-sdk(\/|$)/.test(request)) {
      try {
        const AWS = originalLoad.call(this, 'aws-sdk/global', parent, false);
        if (AWS && AWS.config && !configured.has(AWS.config)) {
          configured.add(AWS.config);
          AWS.config.update({ endpoint, s3ForcePathStyle: true });
        }
      } catch {
        // Not the AWS SDK's layout: leave it alone.
      }
    }
    return loaded;
  };
}

// ---- Invocations.
let handler;
let invocation; // { requestId, outcome?: { payload, errorType? }, context }

function buildContext(message) {
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: message.invokedFunctionArn,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: message.requestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, message.deadlineMs - Date.now()),
    // The legacy completion methods the runtime still offers.
    succeed: (result) => complete(message.requestId, null, result),
    fail: (error) => complete(message.requestId, error ?? 'handled'),
    done: (error, result) => complete(message.requestId, error, result),
  };
  if (message.clientContext) context.clientContext = parseJson(message.clientContext);
  if (message.cognitoIdentity) context.identity = parseJson(message.cognitoIdentity);
  return context;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function runInvocation(message) {
  currentRequestId = message.requestId;
  process.env._X_AMZN_TRACE_ID = message.traceId;
  const context = buildContext(message);
  invocation = { requestId: message.requestId, context };
  // While an invocation runs, the pipe must not keep the process alive: "the event loop is empty" is how a
  // callbackWaitsForEmptyEventLoop invocation knows it is done (see beforeExit below).
  channel.unref();
  let event;
  try {
    event = JSON.parse(message.payload);
  } catch (error) {
    complete(message.requestId, error);
    return;
  }
  if (isStreamingHandler(handler)) {
    // What a streaming handler wrote is the payload as is (not JSON).
    runStreamingHandler(handler, event, context, (error, text) => complete(message.requestId, error, text, true));
    return;
  }
  const callback = (error, result) => complete(message.requestId, error, result);
  let returned;
  try {
    returned = handler(event, context, callback);
  } catch (error) {
    complete(message.requestId, error);
    return;
  }
  if (returned && typeof returned.then === 'function') {
    returned.then(
      (result) => complete(message.requestId, null, result),
      (error) => complete(message.requestId, error ?? 'handled'),
    );
  }
}

/**
 * Records the outcome once; responds now, or when the event loop empties if the handler asked for that. `raw`:
 * the result is the payload's text already (a streamed response).
 */
function complete(requestId, error, result, raw) {
  if (!invocation || invocation.requestId !== requestId || invocation.outcome) return;
  if (error !== undefined && error !== null) {
    const formatted = lambdaError(error);
    writeLog('ERROR', errorLogText('Invoke Error', formatted));
    invocation.outcome = { payload: JSON.stringify(formatted), errorType: formatted.errorType };
  } else if (raw) {
    invocation.outcome = { payload: result };
  } else {
    try {
      invocation.outcome = { payload: JSON.stringify(result === undefined ? null : result) };
    } catch (serializationError) {
      const formatted = lambdaError(serializationError);
      invocation.outcome = { payload: JSON.stringify(formatted), errorType: formatted.errorType };
    }
  }
  if (!invocation.context.callbackWaitsForEmptyEventLoop) finishInvocation();
}

function finishInvocation(fatal) {
  const finished = invocation;
  if (!finished || !finished.outcome) return;
  invocation = undefined;
  // Markers after everything the function printed; the pool waits for them before it closes the invocation.
  realWrites.stdout(OUTPUT_END_MARKER);
  realWrites.stderr(OUTPUT_END_MARKER);
  send({
    type: 'result',
    requestId: finished.requestId,
    payload: finished.outcome.payload,
    errorType: finished.outcome.errorType,
    maxRssKb: process.resourceUsage().maxRSS,
    fatal: fatal === true,
  });
  channel.ref();
}

process.on('beforeExit', () => {
  if (!invocation) {
    channel.ref();
    return;
  }
  // The loop emptied without a callback or a settled promise: Lambda answers null.
  if (!invocation.outcome) complete(invocation.requestId, null, null);
  finishInvocation();
});

function failFatally(label, formatted) {
  writeLog('ERROR', errorLogText(label, formatted));
  if (invocation) {
    invocation.outcome = { payload: JSON.stringify(formatted), errorType: formatted.errorType };
    finishInvocation(true);
  }
  process.exit(129);
}
process.on('uncaughtException', (error) => failFatally('Uncaught Exception', lambdaError(error)));
process.on('unhandledRejection', (reason) => {
  const error = new RuntimeError('Runtime.UnhandledPromiseRejection', String(reason));
  error.stack = `${error.name}: ${error.message}${reason instanceof Error && reason.stack ? `\n${reason.stack.split('\n').slice(1).join('\n')}` : ''}`;
  failFatally('Unhandled Promise Rejection', lambdaError(error));
});

let buffered = '';
channel.setEncoding('utf8');
channel.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    if (line) handleMessage(JSON.parse(line));
  }
});
// The pool closing the pipe means this environment is being shut down.
channel.on('end', () => process.exit(0));
channel.on('error', () => process.exit(0));

function handleMessage(message) {
  if (message.type === 'invoke') runInvocation(message);
}

async function initialize() {
  const debugPort = process.env[DEBUG_PORT_VARIABLE];
  delete process.env[DEBUG_PORT_VARIABLE];
  if (debugPort !== undefined) {
    const inspector = require('node:inspector');
    inspector.open(Number(debugPort), '127.0.0.1', false);
    send({ type: 'debugListening', port: Number(new URL(inspector.url()).port) });
    inspector.waitForDebugger();
  }
  const interpreterVersion = process.versions.node;
  try {
    installResponseStreaming();
    sendAwsSdkV2CallsToEndpoint();
    await resolveImportsFromLayers();
    handler = await loadHandler(process.env.LAMBDA_TASK_ROOT || process.cwd(), process.env._HANDLER || '');
  } catch (error) {
    const formatted = lambdaError(error);
    send({
      type: 'initError',
      errorType: formatted.errorType,
      payload: JSON.stringify(formatted),
      logMessage: `${new Date().toISOString()}\tundefined\tERROR\t${errorLogText('Uncaught Exception', formatted)}`,
      interpreterVersion,
    });
    return;
  }
  send({ type: 'ready', interpreterVersion });
}

initialize().catch((error) => {
  process.stderr.write(`serverless-workbench bootstrap failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
