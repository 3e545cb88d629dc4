// The account's concurrency as Lambda shares it: reservations take from the account's 1000, functions without one
// share the rest, and an invocation beyond the shared pool is throttled with Lambda's reason.
import { strict as assert } from 'node:assert';
import {
  CreateFunctionCommand,
  GetAccountSettingsCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import type { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { echoZip, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { rawRequest, signedFor } from '../../support/rawHttp';

describe('local cloud: Lambda account concurrency', () => {
  let harness: LocalCloudHarness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.stop());

  const invoke = (functionName: string, payload: string) =>
    rawRequest(
      harness.cloud.endpoint,
      'POST',
      `/2015-03-31/functions/${functionName}/invocations`,
      { ...signedFor('lambda'), 'Content-Type': 'application/json' },
      payload,
    );

  it('throttles functions without a reservation beyond the unreserved pool (ConcurrentInvocationLimitExceeded)', async () => {
    for (const name of ['reserving', 'shared']) {
      await harness.lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/r',
          Handler: 'index.handler',
          Code: { ZipFile: echoZip() },
        }),
      );
    }
    await harness.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'reserving', ReservedConcurrentExecutions: 900 }),
    );
    const settings = await harness.lambda.send(new GetAccountSettingsCommand({}));
    assert.equal(settings.AccountLimit?.UnreservedConcurrentExecutions, 100);
    const pool = harness.pool as FakeRuntimePool;
    const running = Array.from({ length: 100 }, () => invoke('shared', '{"hold":true}'));
    while (pool.held.length < 100) await new Promise((resolve) => setImmediate(resolve));
    const throttled = await invoke('shared', '{}');
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers['x-amzn-errortype'], 'TooManyRequestsException');
    const body = JSON.parse(throttled.body) as { Reason?: string; message?: string };
    assert.deepEqual([body.Reason, body.message], ['ConcurrentInvocationLimitExceeded', 'Rate Exceeded.']);
    // The reserving function keeps its own concurrency.
    const reserved = await invoke('reserving', '{"id":1}');
    assert.equal(reserved.status, 200);
    for (const release of pool.held.splice(0)) release();
    assert.deepEqual(
      (await Promise.all(running)).map((answer) => answer.status),
      Array.from({ length: 100 }, () => 200),
    );
    assert.equal((await invoke('shared', '{}')).status, 200);
  });
});
