import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError, type WorkbenchError as WorkbenchErrorType } from '../../../src/core/errors';
import type { Logger } from '../../../src/core/logger';
import { silentLogger } from '../../../src/core/logger';
import { findOnPath } from '../../../src/core/runtime/interpreterLocator';
import { createRuntimePool } from '../../../src/core/runtime/runtimePool';
import type { FunctionDefinition, InvokeResult, RuntimePool } from '../../../src/core/runtime/runtimeTypes';
import { fixtureFunction, payloadOf, runtimeFixtures, temporaryCode } from './runtimeFixtures';

interface PythonError {
  errorMessage: string;
  errorType: string;
  requestId: string;
  stackTrace: string[];
}

const python = findOnPath('python3');
const localPythonVersion = python
  ? execFileSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).trim()
  : '';

describe('runtime: Python handlers', function () {
  let pool: RuntimePool;
  const warnings: string[] = [];
  const recordingLogger: Logger = { ...silentLogger, warn: (message) => warnings.push(message) };

  before(function () {
    // The runtime needs python3; the machines this project runs on have it, others report why nothing ran.
    assert.ok(python, 'python3 must be on PATH for the Python runtime tests');
    pool = createRuntimePool({ logger: recordingLogger, pythonExecutable: python });
  });
  after(() => pool?.dispose());

  const basic = (handler: string, overrides: Partial<FunctionDefinition> = {}) =>
    fixtureFunction('python/basic', handler, {
      functionName: `py-${handler}`,
      runtime: `python${localPythonVersion}`,
      ...overrides,
    });
  const messages = (result: InvokeResult) => result.logLines.map((line) => line.message);

  it('runs module.function with the snake_case context and Lambda variables', async () => {
    // A minute's timeout: get_remaining_time_in_millis counts down from it, and a starved machine may spend
    // seconds starting Python before the handler reads it.
    const result = await pool.invoke(basic('app.echo', { environment: { CUSTOM: 'py' }, timeoutSeconds: 60 }), {
      payload: '{"x": [1, 2]}',
    });
    assert.equal(result.functionError, undefined, result.payload);
    const body = payloadOf<{
      event: unknown;
      context: Record<string, unknown>;
      env: Record<string, string>;
      cwd: string;
    }>(result);
    assert.deepEqual(body.event, { x: [1, 2] });
    const { remaining, ...context } = body.context;
    assert.ok(
      typeof remaining === 'number' && remaining > 30_000 && remaining <= 60_000,
      `remaining ${String(remaining)}`,
    );
    assert.deepEqual(context, {
      function_name: 'py-app.echo',
      function_version: '$LATEST',
      invoked_function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:py-app.echo',
      memory_limit_in_mb: '128',
      aws_request_id: result.requestId,
      log_group_name: '/aws/lambda/py-app.echo',
      log_stream_name: result.logStreamName,
    });
    assert.equal(body.env['CUSTOM'], 'py');
    assert.equal(body.env['_HANDLER'], 'app.echo');
    assert.equal(body.env['AWS_EXECUTION_ENV'], `AWS_Lambda_python${localPythonVersion}`);
    assert.equal(body.env['LAMBDA_TASK_ROOT'], join(runtimeFixtures, 'python/basic'));
    assert.equal(body.cwd, join(runtimeFixtures, 'python/basic'));
  });

  it('loads nested modules (pkg/module.function)', async () => {
    const result = await pool.invoke(basic('pkg/module.handler'), { payload: '{}' });
    assert.deepEqual(payloadOf(result), { module: 'pkg.module' });
  });

  it('formats logging as [LEVEL] lines, print output raw, with platform lines around', async () => {
    const cold = await pool.invoke(basic('app.logs'), { payload: '{}' });
    const lines = messages(cold);
    assert.match(lines[0] ?? '', /^INIT_START Runtime Version: python:3\.\d+\.v\d+\t/);
    assert.equal(lines[1], 'cold start of the python fixture');
    assert.equal(lines[2], `START RequestId: ${cold.requestId} Version: $LATEST`);
    const application = lines.slice(3, -2);
    assert.match(
      application[0] ?? '',
      new RegExp(
        `^\\[INFO\\]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${cold.requestId}\\tinfo via logging$`,
      ),
    );
    assert.match(application[1] ?? '', /^\[WARNING\]\t\S+Z\t\S+\ta warning$/);
    assert.deepEqual(application.slice(2).sort(), ['printed line', 'second printed line']);
    assert.match(lines.at(-1) ?? '', /^REPORT RequestId: .*\tInit Duration: [\d.]+ ms\t$/);
    assert.ok(cold.maxMemoryUsedMb > 1);
  });

  it('reports exceptions in the Python shape with a stack trace', async () => {
    const result = await pool.invoke(basic('app.fails'), { payload: '{}' });
    const error = payloadOf<PythonError>(result);
    assert.equal(result.functionError, 'Unhandled');
    assert.deepEqual(
      [error.errorType, error.errorMessage, error.requestId],
      ['ValueError', 'python failure', result.requestId],
    );
    assert.match(error.stackTrace[0] ?? '', /File ".*app\.py", line \d+, in fails/);
    assert.ok(
      messages(result).some((line) =>
        line.startsWith('[ERROR] ValueError: python failure\nTraceback (most recent call last):'),
      ),
    );
  });

  it('answers Runtime.MarshalError for results that are not JSON', async () => {
    const error = payloadOf<PythonError>(await pool.invoke(basic('app.unserialisable'), { payload: '{}' }));
    assert.equal(error.errorType, 'Runtime.MarshalError');
    assert.match(error.errorMessage, /^Unable to marshal response: Object of type object is not JSON serializable/);
  });

  it('reports load failures with awslambdaric types', async () => {
    const failure = async (definition: FunctionDefinition) =>
      payloadOf<PythonError>(await pool.invoke(definition, { payload: '{}' }));
    const missingModule = await failure(basic('nothere.handler'));
    assert.deepEqual(
      [missingModule.errorType, missingModule.errorMessage],
      ['Runtime.ImportModuleError', "Unable to import module 'nothere': No module named 'nothere'"],
    );
    const missingFunction = await failure(basic('app.nothere'));
    assert.deepEqual(
      [missingFunction.errorType, missingFunction.errorMessage],
      ['Runtime.HandlerNotFound', "Handler 'nothere' missing on module 'app'"],
    );
    assert.equal((await failure(basic('nodot'))).errorType, 'Runtime.MalformedHandlerName');
    const broken = temporaryCode({ 'broken.py': 'def handler(event, context)\n    return 1\n' });
    const syntax = await failure(basic('broken.handler', { codeDirectory: broken }));
    assert.equal(syntax.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(syntax.errorMessage, /^Syntax error in module 'broken'/);
  });

  it('times out with Sandbox.Timedout', async () => {
    const result = await pool.invoke(basic('app.slow', { timeoutSeconds: 1 }), { payload: '{"seconds": 10}' });
    assert.equal(result.errorType, 'Sandbox.Timedout');
    assert.equal(
      payloadOf<{ errorMessage: string }>(result).errorMessage,
      `RequestId: ${result.requestId} Error: Task timed out after 1.00 seconds`,
    );
  });

  it('puts layers on the import path', async () => {
    const definition = fixtureFunction('python/layer-user', 'app.handler', {
      runtime: `python${localPythonVersion}`,
      layerDirectories: [join(runtimeFixtures, 'layers', 'python-layer')],
    });
    assert.deepEqual(payloadOf(await pool.invoke(definition, { payload: '{}' })), {
      greeting: 'hello from the python layer',
    });
  });

  it('says once per function when the local Python differs from the template runtime, and runs anyway', async () => {
    const definition = basic('app.echo', { functionName: 'py-mismatch', runtime: 'python3.99' });
    warnings.length = 0;
    const first = await pool.invoke(definition, { payload: '{}' });
    await pool.invoke({ ...definition, handler: 'app.logs' }, { payload: '{}' });
    assert.equal(first.functionError, undefined);
    const mismatch = warnings.filter((warning) => warning.includes('py-mismatch'));
    assert.equal(mismatch.length, 1, warnings.join('\n'));
    assert.match(mismatch[0] ?? '', /declares python3\.99, but the local Python is 3\.\d+\.\d+/);
  });

  it('debugs with a Python that has debugpy: the one on PATH, else the next that has it (Debian python3-debugpy)', async () => {
    // No interpreter configured: pyenv's python3 may come first on PATH without debugpy; /usr/bin/python3 has it.
    const debugPool = createRuntimePool({ logger: recordingLogger });
    try {
      const controller = new AbortController();
      let listening: (port: number) => void = () => undefined;
      const port = new Promise<number>((resolve) => (listening = resolve));
      const pending = debugPool.invoke(basic('app.echo', { functionName: 'py-debug' }), {
        payload: '{}',
        signal: controller.signal,
        debug: { onListening: (session) => listening(session.port) },
      });
      assert.ok((await port) > 0);
      controller.abort();
      assert.equal((await pending).functionError, 'Unhandled');
    } finally {
      await debugPool.dispose();
    }
  });

  it('says which Python lacks debugpy and how to install it when the configured one has none', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sw-nodebugpy-'));
    // A Python without site-packages: it cannot import debugpy.
    const bare = join(directory, 'python3-bare');
    writeFileSync(bare, `#!/bin/sh\nexec ${python} -S "$@"\n`);
    chmodSync(bare, 0o755);
    const barePool = createRuntimePool({ logger: silentLogger, pythonExecutable: bare });
    try {
      await assert.rejects(
        barePool.invoke(basic('app.echo', { functionName: 'py-debug-bare' }), { payload: '{}', debug: {} }),
        (error: WorkbenchErrorType) => {
          assert.ok(error instanceof WorkbenchError);
          assert.equal(error.code, 'DebuggerUnavailable');
          assert.equal(error.message, `Cannot debug Python: debugpy is not installed for ${bare}.`);
          assert.match(error.hint ?? '', new RegExp(`${bare} -m pip install debugpy`));
          assert.match(error.hint ?? '', /serverlessWorkbench\.runtime\.pythonPath/);
          assert.match(error.hint ?? '', /apt-get install python3-debugpy/);
          return true;
        },
      );
    } finally {
      await barePool.dispose();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
