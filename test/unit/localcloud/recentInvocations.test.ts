import { strict as assert } from 'node:assert';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { RecentInvocations, type RecordedInvocation } from '../../../src/localcloud/lambda/recentInvocations';
import { echoZip, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';

function recorded(requestId: string, payload: string): RecordedInvocation {
  return {
    requestId,
    functionName: 'f',
    executedVersion: '$LATEST',
    payload,
    invokedAt: 0,
    logGroupName: '/aws/lambda/f',
    logStreamName: 's',
  };
}

describe('local cloud: the payloads of recent invocations (for replaying them locally)', () => {
  let harness: LocalCloudHarness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.stop();
  });

  it('answers the event of an invocation named by the request id of its log lines', async () => {
    await harness.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'orders',
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::000000000000:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: echoZip() },
      }),
    );
    const events = [{ orderId: 1 }, { orderId: 2, note: 'second' }];
    for (const event of events) {
      await harness.lambda.send(
        new InvokeCommand({ FunctionName: 'orders', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
      );
    }
    const logs = await harness.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/orders', filterPattern: 'REPORT' }),
    );
    const requestIds = (logs.events ?? []).map((event) => /RequestId: (\S+)/.exec(event.message ?? '')?.[1]);
    assert.equal(requestIds.length, 2);
    for (const [index, requestId] of requestIds.entries()) {
      const answer = await fetch(`${harness.cloud.endpoint}/_localcloud/lambda/invocations/${requestId}`);
      assert.equal(answer.status, 200);
      const invocation = (await answer.json()) as RecordedInvocation;
      assert.equal(invocation.functionName, 'orders');
      assert.equal(invocation.executedVersion, '$LATEST');
      assert.deepEqual(JSON.parse(invocation.payload), events[index]);
      assert.match(invocation.logStreamName, /\[\$LATEST\]/);
    }
    const missing = await fetch(`${harness.cloud.endpoint}/_localcloud/lambda/invocations/no-such-request`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { message: string }).message, /no longer holds/);
    assert.equal((await fetch(`${harness.cloud.endpoint}/_localcloud/lambda/invocations/%E0%A4%A`)).status, 404);
  });

  it('keeps the newest invocations within its count and size caps', () => {
    const recent = new RecentInvocations({ maxInvocations: 3, maxPayloadChars: 100 });
    for (let index = 0; index < 5; index++) recent.record(recorded(`r${index}`, `{"i":${index}}`));
    assert.equal(recent.size, 3);
    assert.equal(recent.get('r1'), undefined);
    assert.equal(recent.get('r4')?.payload, '{"i":4}');
    recent.record(recorded('big', 'x'.repeat(90)));
    assert.equal(recent.get('r3'), undefined);
    assert.equal(recent.get('r4')?.payload, '{"i":4}');
    assert.equal(recent.get('big')?.payload.length, 90);
    recent.record(recorded('too-big', 'x'.repeat(101)));
    assert.equal(recent.get('too-big'), undefined);
    assert.ok(recent.get('big'));
  });
});
