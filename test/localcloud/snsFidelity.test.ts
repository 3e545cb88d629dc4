// SNS through boto3 (awsQuery) against the local cloud process: topics, subscriptions delivering to SQS queues
// (JSON envelope, raw delivery, filter policies), FIFO topics into FIFO queues, batches, tags and errors.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/paths';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);

describe('fidelity: SNS', () => {
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud();
  });
  after(() => cloud.stop());

  it('boto3: topics, SQS subscriptions (envelope, raw, filter policy), FIFO, batches, tags, errors', async () => {
    const { stdout } = await run('python3', [join(repoRoot, 'test', 'localcloud', 'snsScenario.py'), cloud.endpoint], {
      env: clientEnvironment(),
    });
    const report = JSON.parse(stdout) as Record<string, unknown> & { errors: Record<string, string> };
    const topic = 'arn:aws:sns:us-east-1:123456789012:orders';
    assert.equal(report['topic'], topic);
    assert.equal(report['sameTopic'], true);
    assert.deepEqual(report['topicAttributes'], {
      TopicArn: topic,
      Owner: '123456789012',
      SubscriptionsConfirmed: '0',
    });
    assert.equal(report['subscriptionAttributes'], 'sqs');
    assert.deepEqual(report['listed'], [
      'arn:aws:sqs:us-east-1:123456789012:all-orders',
      'arn:aws:sqs:us-east-1:123456789012:big-orders',
    ]);
    assert.deepEqual(report['envelopes'], [
      ['Notification', 'big order', null, topic, '50'],
      ['Notification', 'small order', 'new order', topic, '3'],
    ]);
    // The filter policy (size > 10) lets only the big order through, raw.
    assert.deepEqual(report['raw'], [['big order', '50']]);
    assert.equal(report['fifoDeduplicated'], true);
    assert.deepEqual(report['fifoBodies'], ['e1', 'e2']);
    assert.deepEqual(report['batch'], ['1', '2']);
    assert.deepEqual(report['tags'], [{ Key: 'env', Value: 'dev' }]);
    assert.deepEqual(report.errors, {
      noGroup: 'InvalidParameter: Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
      missingTopic: 'NotFound: Topic does not exist',
      emptyMessage: 'InvalidParameter: Invalid parameter: Empty message',
      badProtocol:
        'InvalidParameter: Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon',
    });
    assert.equal(report['afterUnsubscribe'], 1);
    assert.deepEqual(report['topicsLeft'], ['arn:aws:sns:us-east-1:123456789012:events.fifo']);
  });
});
