import assert from 'node:assert/strict';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { startLocalApi } from '../../../src/core/runtime/localApi/localApiServer';
import { resolveFunction } from '../../../src/core/runtime/resolve/resolveFunctions';
import { createRuntimePool } from '../../../src/core/runtime/runtimePool';
import type { RuntimePool } from '../../../src/core/runtime/runtimeTypes';
import { repoRoot } from '../../support/paths';
import { payloadOf } from './runtimeFixtures';

const templatePath = join(repoRoot, 'samples', 'hello-sam', 'template.yaml');

describe('runtime: the sample app (samples/hello-sam)', () => {
  let pool: RuntimePool;
  before(() => {
    pool = createRuntimePool({ logger: silentLogger });
  });
  after(() => pool.dispose());

  it('resolves UsersFunction with its Globals, parameters and queue placeholder', () => {
    const users = resolveFunction({ templatePath, logicalId: 'UsersFunction' });
    assert.equal(users.runtime, 'nodejs22.x');
    assert.equal(users.memorySizeMb, 256);
    assert.equal(users.timeoutSeconds, 10);
    assert.equal(users.architecture, 'arm64');
    assert.equal(users.environment['STAGE'], 'dev');
    assert.equal(users.environment['GREETING_PREFIX'], 'Hello');
    assert.match(
      users.environment['ORDERS_QUEUE_URL'] ?? '',
      /^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/hello-sam-OrdersQueue-/,
    );
  });

  it('runs UsersFunction (ES module) with an API event', async () => {
    const users = resolveFunction({
      templatePath,
      logicalId: 'UsersFunction',
      parameterOverrides: { GreetingPrefix: 'Hi' },
    });
    const result = await pool.invoke(users, { payload: JSON.stringify({ pathParameters: { id: '9' } }) });
    const response = payloadOf<{ statusCode: number; body: string }>(result);
    assert.equal(response.statusCode, 200);
    assert.deepEqual(JSON.parse(response.body), {
      id: '9',
      message: 'Hi, user 9!',
      stage: 'dev',
      requestId: result.requestId,
    });
  });

  it('runs OrderProcessorFunction (Python) with SQS records and with the schedule input', async () => {
    const orders = resolveFunction({ templatePath, logicalId: 'OrderProcessorFunction' });
    const records = {
      Records: [1, 2].map((n) => ({ body: JSON.stringify({ orderId: `o-${n}` }), eventSourceARN: 'arn:q' })),
    };
    const processed = await pool.invoke(orders, { payload: JSON.stringify(records) });
    assert.deepEqual(payloadOf(processed), { processed: ['o-1', 'o-2'], requestId: processed.requestId });
    assert.deepEqual(
      processed.logLines.map((line) => line.message).filter((message) => message.startsWith('Processing')),
      ['Processing order o-1 from arn:q', 'Processing order o-2 from arn:q'],
    );
    const summary = await pool.invoke(orders, { payload: '{"summary": true}' });
    assert.deepEqual(payloadOf(summary), { summary: true, stage: 'dev' });
    assert.equal(summary.coldStart, false);
  });

  it('serves GET /users/{id} through the local API', async () => {
    const api = await startLocalApi({ resolution: { templatePath }, pool, logger: silentLogger, port: 0 });
    try {
      const response = await fetch(`${api.url}/users/31`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json');
      const body = (await response.json()) as { message: string; id: string };
      assert.deepEqual([body.id, body.message], ['31', 'Hello, user 31!']);
      assert.equal((await fetch(`${api.url}/users`)).status, 403);
    } finally {
      await api.close();
    }
  });
});
