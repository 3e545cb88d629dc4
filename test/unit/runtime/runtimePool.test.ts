import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { createRuntimePool } from '../../../src/core/runtime/runtimePool';
import type { RuntimeInstanceEvent, RuntimeLogEvent, RuntimePool } from '../../../src/core/runtime/runtimeTypes';
import { fixtureFunction, payloadOf } from './runtimeFixtures';

/** Resolves when `predicate` holds, checking on each event loop turn (bounded, so a bug fails instead of hanging). */
async function until(predicate: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > limitMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('runtime: the pool', () => {
  const pools: RuntimePool[] = [];
  const newPool = (options: Partial<Parameters<typeof createRuntimePool>[0]> = {}) => {
    const pool = createRuntimePool({ logger: silentLogger, ...options });
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.dispose()));
  });

  it('starts a new environment for each concurrent request and reuses them when warm', async () => {
    const pool = newPool();
    const definition = fixtureFunction('node/cjs', 'app.sleepAndReportPid', { functionName: 'concurrent' });
    const concurrent = await Promise.all([1, 2, 3].map(() => pool.invoke(definition, { payload: '{"ms": 200}' })));
    const pids = new Set(concurrent.map((result) => payloadOf<{ pid: number }>(result).pid));
    assert.equal(pids.size, 3, 'three processes served three concurrent requests');
    assert.ok(concurrent.every((result) => result.coldStart));
    assert.equal(new Set(concurrent.map((result) => result.logStreamName)).size, 3, 'one log stream per environment');
    const warm = await pool.invoke(definition, { payload: '{"ms": 1}' });
    assert.equal(warm.coldStart, false);
    assert.ok(pids.has(payloadOf<{ pid: number }>(warm).pid));
    assert.equal(pool.listInstances().length, 3);
  });

  it('queues requests beyond maxInstancesPerFunction instead of starting more', async () => {
    const pool = newPool({ maxInstancesPerFunction: 1 });
    const definition = fixtureFunction('node/cjs', 'app.sleepAndReportPid', { functionName: 'limited' });
    const results = await Promise.all([1, 2].map(() => pool.invoke(definition, { payload: '{"ms": 50}' })));
    assert.equal(results[0]?.instanceId, results[1]?.instanceId);
    assert.deepEqual(results.map((result) => result.coldStart).sort(), [false, true]);
  });

  it('reaps idle environments and reports why they stopped', async () => {
    const pool = newPool({ idleTimeoutMs: 50 });
    const events: RuntimeInstanceEvent[] = [];
    pool.onInstance((event) => events.push(event));
    const result = await pool.invoke(fixtureFunction('node/cjs', 'app.echo', { functionName: 'reaped' }), {
      payload: '{}',
    });
    await until(() => events.some((event) => event.kind === 'stopped'), 'the idle environment to stop');
    assert.deepEqual(
      events.map((event) => [event.kind, event.instanceId, event.reason]),
      [
        ['started', result.instanceId, undefined],
        ['stopped', result.instanceId, 'idle'],
      ],
    );
    assert.equal(pool.listInstances().length, 0);
  });

  it('streams log lines as they happen with their instance and stream', async () => {
    const pool = newPool();
    const events: RuntimeLogEvent[] = [];
    pool.onLogLine((event) => events.push(event));
    const result = await pool.invoke(fixtureFunction('node/cjs', 'app.logs', { functionName: 'streamed' }), {
      payload: '{}',
    });
    assert.deepEqual(
      events.map((event) => event.line.message),
      result.logLines.map((line) => line.message),
    );
    assert.ok(
      events.every((event) => event.logStreamName === result.logStreamName && event.instanceId === result.instanceId),
    );
    assert.ok(
      events
        .filter((event) => event.line.message.startsWith('START'))
        .every((event) => event.requestId === result.requestId),
    );
  });

  it('replaces a warm environment when the code changes on disk', async () => {
    const pool = newPool();
    const directory = mkdtempSync(join(tmpdir(), 'swb-reload-'));
    writeFileSync(join(directory, 'app.js'), "exports.handler = async () => 'first';\n");
    const definition = {
      ...fixtureFunction('.', 'app.handler', { functionName: 'reloaded' }),
      codeDirectory: directory,
    };
    const first = await pool.invoke(definition, { payload: '{}' });
    assert.equal(payloadOf<string>(first), 'first');
    writeFileSync(join(directory, 'app.js'), "exports.handler = async () => 'second version';\n");
    const second = await pool.invoke(definition, { payload: '{}' });
    assert.equal(payloadOf<string>(second), 'second version');
    assert.ok(second.coldStart);
    const third = await pool.invoke(definition, { payload: '{}' });
    assert.equal(third.coldStart, false);
  });

  it('starts fresh environments when the definition changes (new environment variables)', async () => {
    const pool = newPool();
    const definition = fixtureFunction('node/cjs', 'app.echo', { functionName: 'redefined', environment: { V: '1' } });
    await pool.invoke(definition, { payload: '{}' });
    const changed = await pool.invoke({ ...definition, environment: { V: '2' } }, { payload: '{}' });
    assert.ok(changed.coldStart);
    assert.equal(payloadOf<{ env: Record<string, string> }>(changed).env['V'], '2');
  });

  it('stops one function on request and everything on dispose; later invokes are refused', async () => {
    const pool = newPool();
    const one = fixtureFunction('node/cjs', 'app.echo', { functionName: 'one' });
    const two = fixtureFunction('node/cjs', 'app.echo', { functionName: 'two' });
    await pool.invoke(one, { payload: '{}' });
    await pool.invoke(two, { payload: '{}' });
    await pool.stopFunction('one');
    assert.deepEqual(
      pool.listInstances().map((instance) => instance.functionName),
      ['two'],
    );
    await pool.dispose();
    assert.equal(pool.listInstances().length, 0);
    await assert.rejects(pool.invoke(two, { payload: '{}' }), /shut down/);
  });

  it('aborts an invocation when its signal fires', async () => {
    const pool = newPool();
    const controller = new AbortController();
    const pending = pool.invoke(fixtureFunction('node/cjs', 'app.slow', { functionName: 'aborted' }), {
      payload: '{"ms": 10000}',
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const result = await pending;
    assert.equal(result.errorType, 'Runtime.Aborted');
  });

  it('starts a Node worker under the inspector on request and reports where to attach', async () => {
    const pool = newPool();
    const controller = new AbortController();
    let listening: (port: number) => void = () => undefined;
    const port = new Promise<number>((resolve) => (listening = resolve));
    const pending = pool.invoke(fixtureFunction('node/cjs', 'app.echo', { functionName: 'debugged' }), {
      payload: '{}',
      signal: controller.signal,
      debug: { onListening: (session) => (session.protocol === 'inspector' ? listening(session.port) : undefined) },
    });
    const targets = (await (await fetch(`http://127.0.0.1:${await port}/json/list`)).json()) as Array<{ type: string }>;
    assert.equal(targets[0]?.type, 'node', 'the inspector answers on the reported port');
    controller.abort();
    assert.equal((await pending).functionError, 'Unhandled');
  });
});
