import assert from 'node:assert/strict';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { createRuntimePool } from '../../../src/core/runtime/runtimePool';
import type { FunctionDefinition, InvokeResult, RuntimePool } from '../../../src/core/runtime/runtimeTypes';
import { fixtureFunction, payloadOf, runtimeFixtures, temporaryCode } from './runtimeFixtures';

interface NodeError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

describe('runtime: Node.js handlers', function () {
  let pool: RuntimePool;
  before(() => {
    pool = createRuntimePool({ logger: silentLogger, idleTimeoutMs: 60_000 });
  });
  after(() => pool.dispose());

  const invoke = (definition: FunctionDefinition, payload = '{}', extra = {}): Promise<InvokeResult> =>
    pool.invoke(definition, { payload, ...extra });
  const cjs = (handler: string, overrides: Partial<FunctionDefinition> = {}) =>
    fixtureFunction('node/cjs', handler, { functionName: `cjs-${handler}`, ...overrides });
  const messages = (result: InvokeResult) => result.logLines.map((line) => line.message);

  describe('module formats and handler names', () => {
    const cases: Array<[string, string, string, Record<string, unknown>]> = [
      ['CommonJS .js', 'node/cjs', 'app.nested.deeper.fn', {}],
      ['.js in a "type": "module" package', 'node/esm-package', 'app.handler', { format: 'esm', helper: 'from lib' }],
      ['.mjs', 'node/mjs', 'app.handler', { format: 'esm', file: 'app.mjs' }],
      ['.cjs', 'node/cjs-extension', 'app.handler', { format: 'cjs', file: 'app.cjs' }],
      ['an extensionless file', 'node/extensionless', 'app.handler', { file: 'app (no extension)' }],
      [
        'a nested path and property',
        'node/nested',
        'src/handlers/app.handlers.get',
        { file: 'src/handlers/app.js', property: 'handlers.get' },
      ],
    ];
    for (const [label, directory, handler, expected] of cases) {
      it(`loads ${label}`, async () => {
        const result = await invoke(fixtureFunction(directory, handler, { functionName: `format-${label}` }));
        assert.equal(result.functionError, undefined, result.payload);
        if (Object.keys(expected).length === 0) assert.equal(payloadOf<string>(result), 'nested property handler');
        else
          assert.deepEqual(
            { ...payloadOf<Record<string, unknown>>(result), event: undefined },
            { ...expected, event: undefined },
          );
      });
    }
  });

  describe('load failures in AWS shapes', () => {
    const failure = async (definition: FunctionDefinition) => {
      const result = await invoke(definition);
      assert.equal(result.functionError, 'Unhandled');
      return { result, error: payloadOf<NodeError>(result) };
    };

    it('a missing file is Runtime.ImportModuleError', async () => {
      const { error, result } = await failure(cjs('nothere.handler'));
      assert.equal(error.errorType, 'Runtime.ImportModuleError');
      assert.match(error.errorMessage, /^Error: Cannot find module 'nothere'/);
      assert.equal(result.errorType, 'Runtime.ImportModuleError');
      assert.ok(
        messages(result).some((line) =>
          /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime\.ImportModuleError"/.test(line),
        ),
      );
      assert.match(messages(result).at(-1) ?? '', /Status: error\tError Type: Runtime\.ImportModuleError\t$/);
    });

    it('a missing dependency is Runtime.ImportModuleError', async () => {
      const { error } = await failure(fixtureFunction('node/missing-dependency', 'app.handler'));
      assert.equal(error.errorType, 'Runtime.ImportModuleError');
      assert.match(error.errorMessage, /a-package-that-is-not-installed/);
    });

    it('a missing export is Runtime.HandlerNotFound', async () => {
      const { error } = await failure(cjs('app.missing'));
      assert.deepEqual(
        [error.errorType, error.errorMessage],
        ['Runtime.HandlerNotFound', 'app.missing is undefined or not exported'],
      );
      const notFunction = await failure(cjs('app.notAFunction'));
      assert.equal(notFunction.error.errorMessage, 'app.notAFunction is not a function');
    });

    it('a syntax error is Runtime.UserCodeSyntaxError', async () => {
      const directory = temporaryCode({ 'app.js': 'exports.handler = async () => { return { broken: true };\n' });
      const { error } = await failure({ ...fixtureFunction('.', 'app.handler'), codeDirectory: directory });
      assert.equal(error.errorType, 'Runtime.UserCodeSyntaxError');
      assert.match(error.errorMessage, /^SyntaxError: /);
    });

    it('".." in the handler is Runtime.MalformedHandlerName, and so is a handler without a dot', async () => {
      assert.equal((await failure(cjs('../cjs/app.echo'))).error.errorType, 'Runtime.MalformedHandlerName');
      assert.equal((await failure(cjs('app'))).error.errorType, 'Runtime.MalformedHandlerName');
    });

    it('an init failure is retried on the next invoke in a new environment', async () => {
      const first = await invoke(cjs('app.missing'));
      const second = await invoke(cjs('app.missing'));
      assert.ok(first.coldStart && second.coldStart);
      assert.notEqual(first.instanceId, second.instanceId);
    });
  });

  describe('invocation outcomes', () => {
    it('passes the event and the full context, with Lambda variables', async () => {
      const definition = cjs('app.echo', { environment: { CUSTOM: 'value' }, memorySizeMb: 256 });
      const result = await invoke(definition, '{"hello":"world"}', {
        qualifier: 'live',
        clientContext: '{"custom":{"k":"v"}}',
        cognitoIdentity: '{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}',
      });
      const body = payloadOf<{
        event: unknown;
        context: Record<string, unknown>;
        env: Record<string, string>;
        cwd: string;
      }>(result);
      assert.deepEqual(body.event, { hello: 'world' });
      const { remaining, ...context } = body.context;
      assert.ok(
        typeof remaining === 'number' && remaining > 2000 && remaining <= 3000,
        `remaining ${String(remaining)}`,
      );
      assert.deepEqual(context, {
        functionName: 'cjs-app.echo',
        functionVersion: '$LATEST',
        invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cjs-app.echo:live',
        memoryLimitInMB: '256',
        awsRequestId: result.requestId,
        logGroupName: '/aws/lambda/cjs-app.echo',
        logStreamName: result.logStreamName,
        callbackWaitsForEmptyEventLoop: true,
        clientContext: { custom: { k: 'v' } },
        identity: { cognitoIdentityId: 'id-1', cognitoIdentityPoolId: 'pool-1' },
      });
      const env = body.env;
      assert.equal(env['CUSTOM'], 'value');
      assert.equal(env['_HANDLER'], 'app.echo');
      assert.equal(env['AWS_EXECUTION_ENV'], 'AWS_Lambda_nodejs20.x');
      assert.equal(env['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'], '256');
      assert.equal(env['AWS_LAMBDA_LOG_STREAM_NAME'], result.logStreamName);
      assert.equal(env['AWS_LAMBDA_INITIALIZATION_TYPE'], 'on-demand');
      assert.equal(env['AWS_REGION'], 'us-east-1');
      assert.equal(env['AWS_DEFAULT_REGION'], 'us-east-1');
      assert.equal(env['LAMBDA_TASK_ROOT'], join(runtimeFixtures, 'node/cjs'));
      assert.equal(env['TZ'], ':UTC');
      assert.match(env['_X_AMZN_TRACE_ID'] ?? '', /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
      assert.equal(body.cwd, join(runtimeFixtures, 'node/cjs'));
      assert.match(result.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    });

    it('writes Lambda log lines: INIT_START on cold starts, START/END/REPORT, console levels, raw output', async () => {
      const definition = cjs('app.logs');
      const cold = await invoke(definition);
      const lines = messages(cold);
      assert.match(
        lines[0] ?? '',
        /^INIT_START Runtime Version: nodejs:20\.v\d+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:/,
      );
      assert.match(
        lines[1] ?? '',
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tundefined\tINFO\tcold start of the cjs fixture$/,
      );
      assert.equal(lines[2], `START RequestId: ${cold.requestId} Version: $LATEST`);
      const application = lines.slice(3, -2).map((line) => line.replace(/^[^\t]+\t/, ''));
      assert.deepEqual(
        application,
        [
          `${cold.requestId}\tINFO\tinfo line { a: 1 }`,
          `${cold.requestId}\tINFO\tinfo via info`,
          `${cold.requestId}\tWARN\ta warning`,
          `${cold.requestId}\tERROR\tan error`,
          `${cold.requestId}\tDEBUG\tdebug detail`,
          `${cold.requestId}\tINFO\ttwo\nlines`,
          'raw stdout',
          'raw stderr without newline',
        ].map((line) => (line.startsWith('raw') ? line.replace(/^[^\t]+\t/, '') : line)),
      );
      assert.equal(lines.at(-2), `END RequestId: ${cold.requestId}`);
      assert.match(
        lines.at(-1) ?? '',
        new RegExp(
          `^REPORT RequestId: ${cold.requestId}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d{2} ms\\t$`,
        ),
      );
      assert.ok(cold.coldStart && cold.initDurationMs !== undefined && cold.maxMemoryUsedMb > 10);
      assert.equal(cold.billedDurationMs, Math.ceil(cold.durationMs));
      const warm = await invoke(definition);
      assert.equal(warm.coldStart, false);
      assert.equal(warm.initDurationMs, undefined);
      assert.equal(warm.instanceId, cold.instanceId);
      assert.ok(!messages(warm).some((line) => line.startsWith('INIT_START') || line.includes('Init Duration')));
    });

    it('supports callbacks, waiting for the empty event loop unless told not to', async () => {
      assert.deepEqual(payloadOf(await invoke(cjs('app.callback'), '{"n":1}')), { viaCallback: true, input: { n: 1 } });
      const definition = cjs('app.waitsForEventLoop', { functionName: 'event-loop' });
      const waited = await invoke(definition);
      assert.ok(waited.durationMs >= 140, `the response waited for the timer (${waited.durationMs} ms)`);
      const timer = await invoke({ ...definition, handler: 'app.timerResult' });
      assert.equal(timer.functionError, undefined);
      const quick = await invoke(cjs('app.doesNotWaitForEventLoop'));
      assert.equal(payloadOf<string>(quick), 'answered at once');
      assert.ok(quick.durationMs < 1000);
      const error = payloadOf<NodeError>(await invoke(cjs('app.callbackError')));
      assert.deepEqual([error.errorType, error.errorMessage], ['TypeError', 'bad callback']);
    });

    it('answers null when the handler neither returns nor calls back', async () => {
      const result = await invoke(cjs('app.neverAnswers'));
      assert.equal(result.payload, 'null');
      assert.equal(result.functionError, undefined);
    });

    it('reports thrown errors and rejections with their trace, and logs them as Invoke Error', async () => {
      const thrown = await invoke(cjs('app.throws'));
      const error = payloadOf<NodeError>(thrown);
      assert.equal(thrown.functionError, 'Unhandled');
      assert.deepEqual([error.errorType, error.errorMessage], ['RangeError', 'thrown on purpose']);
      assert.equal(error.trace[0], 'RangeError: thrown on purpose');
      assert.match(error.trace[1] ?? '', /at .*app\.js:\d+/);
      assert.ok(
        messages(thrown).some((line) =>
          /\tERROR\tInvoke Error \t\{"errorType":"RangeError","errorMessage":"thrown on purpose","stack":\[/.test(line),
        ),
      );
      const rejected = payloadOf<NodeError>(await invoke(cjs('app.rejects')));
      assert.deepEqual([rejected.errorType, rejected.errorMessage], ['Error', 'rejected on purpose']);
      const text = payloadOf<NodeError>(await invoke(cjs('app.throwsString')));
      assert.deepEqual([text.errorType, text.errorMessage], ['string', 'a plain string']);
      const circular = payloadOf<NodeError>(await invoke(cjs('app.circular')));
      assert.equal(circular.errorType, 'TypeError');
    });

    it('times out with Sandbox.Timedout, kills the environment and starts a new one', async () => {
      const definition = cjs('app.slow', { timeoutSeconds: 1 });
      const result = await invoke(definition, '{"ms": 10000}');
      assert.deepEqual(payloadOf(result), {
        errorType: 'Sandbox.Timedout',
        errorMessage: `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds`,
      });
      assert.equal(result.functionError, 'Unhandled');
      assert.equal(result.billedDurationMs, 1000);
      const lines = messages(result);
      assert.match(lines.at(-2) ?? '', /\tMax Memory Used: [1-9]\d+ MB\tInit Duration: [\d.]+ ms\tStatus: timeout\t$/);
      assert.match(lines.at(-1) ?? '', new RegExp(`^\\S+Z ${result.requestId} Task timed out after 1\\.00 seconds$`));
      const next = await invoke(definition, '{"ms": 1}');
      assert.equal(payloadOf<string>(next), 'finished');
      assert.ok(next.coldStart);
      assert.notEqual(next.instanceId, result.instanceId);
    });

    it('answers Runtime.ExitError when the process exits, then recovers', async () => {
      const definition = cjs('app.exits');
      const result = await invoke(definition);
      assert.deepEqual(payloadOf(result), {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 3`,
      });
      assert.ok(
        messages(result).some((line) => line.endsWith('\tINFO\tabout to exit')),
        'output before exit is kept',
      );
      const next = await invoke({ ...definition, handler: 'app.echo' });
      assert.equal(next.functionError, undefined);
      assert.ok(next.coldStart);
    });

    it('reports an uncaught exception as the error and replaces the environment', async () => {
      const result = await invoke(cjs('app.uncaught'));
      const error = payloadOf<NodeError>(result);
      assert.deepEqual([error.errorType, error.errorMessage], ['Error', 'uncaught in a timer']);
      assert.ok(messages(result).some((line) => line.includes('\tERROR\tUncaught Exception \t')));
      assert.ok(pool.listInstances().every((instance) => instance.instanceId !== result.instanceId));
    });

    it('caps memory: a runaway allocation fails the invocation and the next invoke starts fresh', async function () {
      this.timeout(30_000);
      const definition = cjs('app.hog', { memorySizeMb: 128, timeoutSeconds: 20 });
      const result = await invoke(definition);
      assert.equal(result.functionError, 'Unhandled');
      assert.ok(['Runtime.OutOfMemory', 'Runtime.ExitError'].includes(result.errorType ?? ''), result.payload);
      const next = await invoke({ ...definition, handler: 'app.echo' });
      assert.equal(next.functionError, undefined);
    });

    it('makes layer modules importable through NODE_PATH', async () => {
      const definition = fixtureFunction('node/layer-user', 'app.handler', {
        layerDirectories: [join(runtimeFixtures, 'layers', 'greeting-layer')],
      });
      const body = payloadOf<{ greeting: string; nodePath: string }>(await invoke(definition));
      assert.equal(body.greeting, 'hello from the greeting layer');
      assert.ok(body.nodePath.startsWith(join(runtimeFixtures, 'layers', 'greeting-layer', 'nodejs', 'node_modules')));
    });

    it('bundles TypeScript with esbuild and maps stacks back to the .ts source', async () => {
      const definition = fixtureFunction('node/typescript', 'app.handler', {
        functionName: 'typescript',
        build: { method: 'esbuild', entryPoints: ['app.ts'] },
      });
      const result = await invoke(definition, '{"name":"tests"}');
      const body = payloadOf<{ message: string; stack: string }>(result);
      assert.equal(body.message, 'Hello, tests!');
      assert.match(body.stack, /app\.ts:\d+/);
    });

    it('rejects an event that is not JSON, without starting anything', async () => {
      await assert.rejects(invoke(cjs('app.echo'), '{not json'), /not valid JSON/);
    });
  });
});
