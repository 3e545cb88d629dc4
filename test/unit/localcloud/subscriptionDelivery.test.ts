// Subscription filters delivering what a log group stores: Lambda destinations get CloudWatch Logs' gzipped, base64
// DATA_MESSAGE for the matching events of each batch; Kinesis and Firehose destinations are kept but, with no such
// service in the local cloud, receive nothing, and the local cloud's log says so once per filter.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { silentLogger, type Logger } from '../../../src/core/logger';
import { LogStore } from '../../../src/localcloud/logs/logStore';
import { deliverSubscriptions } from '../../../src/localcloud/logs/subscriptionDelivery';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:shipper';
const KINESIS = 'arn:aws:kinesis:us-east-1:123456789012:stream/audit';

describe('local cloud: subscription filters delivering events', () => {
  let directory: string;
  let store: LogStore;
  const invoked: Array<{ arn: string; payload: Buffer }> = [];
  const warnings: string[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sw-subscriptions-'));
    store = new LogStore(directory, silentLogger);
    invoked.length = 0;
    warnings.length = 0;
    const logger: Logger = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    deliverSubscriptions(store, {
      region: 'us-east-1',
      accountId: '123456789012',
      logger,
      targets: {
        functionExists: () => Promise.resolve(true),
        invoke: (_region, arn, payload) => {
          invoked.push({ arn, payload });
          return Promise.resolve();
        },
      },
    });
    store.createGroup('/app');
    store.updateSettings('/app', (settings) => {
      settings.subscriptionFilters['errors'] = {
        filterName: 'errors',
        logGroupName: '/app',
        filterPattern: 'ERROR',
        destinationArn: LAMBDA,
        distribution: 'ByLogStream',
      };
      settings.subscriptionFilters['audit'] = {
        filterName: 'audit',
        logGroupName: '/app',
        filterPattern: '',
        destinationArn: KINESIS,
        roleArn: 'arn:aws:iam::123456789012:role/cwl',
        distribution: 'ByLogStream',
      };
    });
    store.createStream('/app', 'stream-1');
  });
  afterEach(() => {
    store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('sends the matching events of a batch to a Lambda destination as one DATA_MESSAGE', () => {
    store.putEvents('/app', 'stream-1', [
      { timestamp: 1000, message: 'ERROR one' },
      { timestamp: 1001, message: 'fine' },
      { timestamp: 1002, message: 'ERROR two' },
    ]);
    assert.equal(invoked.length, 1);
    assert.equal(invoked[0]!.arn, LAMBDA);
    const { awslogs } = JSON.parse(invoked[0]!.payload.toString()) as { awslogs: { data: string } };
    const data = JSON.parse(gunzipSync(Buffer.from(awslogs.data, 'base64')).toString()) as Record<string, unknown>;
    assert.equal(data['messageType'], 'DATA_MESSAGE');
    assert.equal(data['owner'], '123456789012');
    assert.equal(data['logGroup'], '/app');
    assert.equal(data['logStream'], 'stream-1');
    assert.deepEqual(data['subscriptionFilters'], ['errors']);
    const events = data['logEvents'] as Array<{ id: string; timestamp: number; message: string }>;
    assert.deepEqual(
      events.map((event) => [event.timestamp, event.message]),
      [
        [1000, 'ERROR one'],
        [1002, 'ERROR two'],
      ],
    );
    assert.ok(
      events.every((event) => /^\d+$/.test(event.id)),
      JSON.stringify(events),
    );
    store.putEvents('/app', 'stream-1', [{ timestamp: 1003, message: 'nothing to see' }]);
    assert.equal(invoked.length, 1, 'a batch without a match invokes nothing');
  });

  it('keeps a Kinesis destination, delivers it nothing, and says so once', () => {
    store.putEvents('/app', 'stream-1', [{ timestamp: 1000, message: 'first' }]);
    store.putEvents('/app', 'stream-1', [{ timestamp: 1001, message: 'second' }]);
    assert.equal(invoked.length, 0);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0]!,
      /subscription filter audit of \/app: arn:aws:kinesis:.*stream\/audit is not delivered to \(the local cloud has no Kinesis\)/,
    );
  });
});
