// SQS through boto3, the aws CLI, the SDK v3 and hand-made awsQuery requests (the protocol of boto3 < 1.31 and
// awscli 2 < 2.13) against the local cloud process; state survives a restart.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { repoRoot } from '../support/paths';
import { rawRequest, signedFor } from '../support/rawHttp';
import { awsFailure, clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

function sqsClient(cloud: FidelityCloud, region = 'us-east-1'): SQSClient {
  return new SQSClient({
    endpoint: cloud.endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

describe('fidelity: SQS', () => {
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud();
  });
  after(() => cloud.stop());

  it('boto3: queues, messages, digests, visibility, batches, tags, permissions, FIFO, dead letters, paging', async () => {
    const { stdout } = await run('python3', [join(repoRoot, 'test', 'localcloud', 'sqsScenario.py'), cloud.endpoint], {
      env: clientEnvironment(),
    });
    const report = JSON.parse(stdout) as Record<string, unknown> & { errors: Record<string, string> };
    const { host } = new URL(cloud.endpoint);
    assert.equal(report['url'], `http://${host}/123456789012/b3-jobs`);
    assert.equal(report['sameUrl'], true);
    assert.equal(report['byName'], true);
    assert.deepEqual(report.errors, {
      differentAttributes:
        'QueueAlreadyExists: A queue already exists with the same name and a different value for attribute VisibilityTimeout',
      missingQueue: 'AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist.',
      badAttribute: 'InvalidAttributeValue: Invalid value for the parameter DelaySeconds.',
      tooMany:
        'InvalidParameterValue: Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
      emptyBatch:
        'AWS.SimpleQueueService.EmptyBatchRequest: There should be at least one SendMessageBatchRequestEntry in the request.',
      sameIds: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct: Id x repeated.',
      noGroup: 'MissingParameter: The request must contain the parameter MessageGroupId.',
      purgeAgain:
        'AWS.SimpleQueueService.PurgeQueueInProgress: Only one PurgeQueue operation on b3-jobs is allowed every 60 seconds.',
      deleted: 'AWS.SimpleQueueService.NonExistentQueue: The specified queue does not exist.',
    });
    assert.equal(report['md5Body'], '5d41402abc4b2a76b9719d911017c592');
    assert.equal(report['md5Attributes'], '235c5c510d26fb653d073faed50ae77c');
    assert.deepEqual(report['received'], [['hello', { ApproximateReceiveCount: '1' }, '1493147359900']]);
    assert.equal(report['inFlight'], '1');
    assert.equal(report['queueArn'], 'arn:aws:sqs:us-east-1:123456789012:b3-jobs');
    assert.equal(report['receiveCount'], '2');
    assert.deepEqual(report['afterDelete'], {
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
    assert.deepEqual(report['batchSent'], ['a', 'b']);
    assert.deepEqual(report['delayed'], { ApproximateNumberOfMessagesDelayed: '1' });
    assert.deepEqual(report['batchDeleted'], ['ok']);
    assert.deepEqual(report['batchFailed'], [['bad', 'ReceiptHandleIsInvalid']]);
    assert.deepEqual(report['tags'], { env: 'dev' });
    assert.deepEqual(report['policySids'], ['send']);
    assert.equal(report['deduplicated'], true);
    assert.deepEqual(report['fifoBodies'], ['o1', 'o2']);
    assert.equal(report['fifoGroup'], 'g');
    assert.deepEqual(report['sourceAfterRedrive'], []);
    assert.deepEqual(report['deadLetter'], [['poison', 'arn:aws:sqs:us-east-1:123456789012:b3-source']]);
    assert.deepEqual(report['deadLetterSources'], [`http://${host}/123456789012/b3-source`]);
    assert.deepEqual(report['pages'], [2, 2]);
    assert.deepEqual(report['otherRegion'], []);
  });

  it('awsQuery (older boto3 and awscli 2): form-encoded actions answered in XML with the query error codes', async () => {
    const form = (parameters: Record<string, string>) => ({
      headers: { ...signedFor('sqs'), 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({ Version: '2012-11-05', ...parameters }).toString(),
    });
    const send = async (parameters: Record<string, string>) => {
      const request = form(parameters);
      return rawRequest(cloud.endpoint, 'POST', '/', request.headers, request.body);
    };
    const created = await send({
      Action: 'CreateQueue',
      QueueName: 'query-q',
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '7',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'a',
    });
    assert.equal(created.status, 200);
    const url = /<QueueUrl>([^<]+)<\/QueueUrl>/.exec(created.body)?.[1] ?? '';
    assert.match(
      created.body,
      /^<CreateQueueResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><CreateQueueResult>/,
    );
    assert.ok(url?.endsWith('/123456789012/query-q'));
    const sent = await send({
      Action: 'SendMessage',
      QueueUrl: url,
      MessageBody: 'hi',
      'MessageAttribute.1.Name': 'timestamp',
      'MessageAttribute.1.Value.DataType': 'Number',
      'MessageAttribute.1.Value.StringValue': '1493147359900',
    });
    assert.match(sent.body, /<MD5OfMessageAttributes>235c5c510d26fb653d073faed50ae77c<\/MD5OfMessageAttributes>/);
    const received = await send({
      Action: 'ReceiveMessage',
      QueueUrl: url,
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'All',
    });
    assert.match(received.body, /<ReceiveMessageResult><Message><MessageId>/);
    assert.match(received.body, /<Attribute><Name>ApproximateReceiveCount<\/Name><Value>1<\/Value><\/Attribute>/);
    assert.match(
      received.body,
      /<MessageAttribute><Name>timestamp<\/Name><Value><StringValue>1493147359900<\/StringValue><DataType>Number<\/DataType><\/Value><\/MessageAttribute>/,
    );
    const attributes = await send({
      Action: 'GetQueueAttributes',
      QueueUrl: url,
      'AttributeName.1': 'VisibilityTimeout',
    });
    assert.match(attributes.body, /<Attribute><Name>VisibilityTimeout<\/Name><Value>7<\/Value><\/Attribute>/);
    const missing = await send({ Action: 'GetQueueUrl', QueueName: 'query-missing' });
    assert.equal(missing.status, 400);
    assert.match(missing.body, /<Code>AWS.SimpleQueueService.NonExistentQueue<\/Code>/);
    // The JSON protocol names the same error in x-amzn-query-error (clients map it back to the query code).
    const json = await rawRequest(
      cloud.endpoint,
      'POST',
      '/',
      { ...signedFor('sqs'), 'X-Amz-Target': 'AmazonSQS.GetQueueUrl', 'Content-Type': 'application/x-amz-json-1.0' },
      JSON.stringify({ QueueName: 'query-missing' }),
    );
    assert.equal(json.headers['x-amzn-query-error'], 'AWS.SimpleQueueService.NonExistentQueue;Sender');
    assert.equal((JSON.parse(json.body) as { __type: string }).__type, 'QueueDoesNotExist');
  });

  it('SDK v3: long polling wakes on a send; batch digests; another region is another namespace', async () => {
    const sqs = sqsClient(cloud);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-q' }));
    const started = Date.now();
    const polling = sqs.send(
      new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MessageAttributeNames: ['All'] }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: '{"order":1}',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
      }),
    );
    const received = await polling;
    assert.ok(Date.now() - started < 15_000, 'the long poll ended with the message, not the timeout');
    assert.equal(received.Messages?.[0]?.Body, '{"order":1}');
    assert.equal(received.Messages?.[0]?.MessageAttributes?.kind?.StringValue, 'order');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received.Messages[0].ReceiptHandle }));
    const batch = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'é ☃ 𝄞' },
          { Id: 'b', MessageBody: 'x'.repeat(10) },
        ],
      }),
    );
    assert.deepEqual(batch.Successful?.map((entry) => entry.Id).sort(), ['a', 'b']);
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.equal(attributes.Attributes?.ApproximateNumberOfMessages, '2');
    const elsewhere = sqsClient(cloud, 'eu-central-1');
    const failure = await awsFailure(
      elsewhere.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] })),
    );
    assert.equal(failure.name, 'QueueDoesNotExist');
    const { QueueUrl: euUrl } = await elsewhere.send(new CreateQueueCommand({ QueueName: 'sdk-q' }));
    const euAttributes = await elsewhere.send(
      new GetQueueAttributesCommand({ QueueUrl: euUrl, AttributeNames: ['QueueArn'] }),
    );
    assert.equal(euAttributes.Attributes?.QueueArn, 'arn:aws:sqs:eu-central-1:123456789012:sdk-q');
  });

  it('aws CLI: create, send, receive, delete', async () => {
    const env = clientEnvironment();
    const aws = async (...args: string[]) => {
      const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', 'sqs', ...args], {
        env,
      });
      return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
    };
    const url = (await aws('create-queue', '--queue-name', 'cli-q', '--attributes', 'DelaySeconds=0'))[
      'QueueUrl'
    ] as string;
    await aws('send-message', '--queue-url', url, '--message-body', 'from the cli');
    const received = (await aws('receive-message', '--queue-url', url, '--attribute-names', 'All'))['Messages'] as {
      Body: string;
      ReceiptHandle: string;
    }[];
    assert.equal(received[0]?.Body, 'from the cli');
    await aws('delete-message', '--queue-url', url, '--receipt-handle', received[0].ReceiptHandle);
    const attributes = (await aws('get-queue-attributes', '--queue-url', url, '--attribute-names', 'All'))[
      'Attributes'
    ] as Record<string, string>;
    assert.equal(attributes['ApproximateNumberOfMessages'], '0');
    assert.equal(attributes['ApproximateNumberOfMessagesNotVisible'], '0');
  });
});

describe('fidelity: SQS state survives a restart', () => {
  it('keeps queues, attributes and messages (in flight ones too) across a restart', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'sw-sqs-restart-'));
    try {
      const first = await startFidelityCloud(directory);
      const before = sqsClient(first);
      const { QueueUrl } = await before.send(
        new CreateQueueCommand({
          QueueName: 'durable.fifo',
          Attributes: { FifoQueue: 'true', VisibilityTimeout: '600' },
        }),
      );
      await before.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'kept', MessageGroupId: 'g', MessageDeduplicationId: '1' }),
      );
      await before.send(
        new SendMessageCommand({ QueueUrl, MessageBody: 'second', MessageGroupId: 'g', MessageDeduplicationId: '2' }),
      );
      const received = await before.send(new ReceiveMessageCommand({ QueueUrl }));
      assert.equal(received.Messages?.[0]?.Body, 'kept');
      await first.process.stop();

      const second = await startFidelityCloud(directory);
      const after = sqsClient(second);
      const url = QueueUrl!.replace(new URL(first.endpoint).host, new URL(second.endpoint).host);
      const attributes = await after.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
      assert.equal(attributes.Attributes?.VisibilityTimeout, '600');
      assert.equal(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible, '1');
      assert.equal(attributes.Attributes?.ApproximateNumberOfMessages, '1');
      // The group is still blocked by the message in flight; its old receipt handle still deletes it.
      assert.equal((await after.send(new ReceiveMessageCommand({ QueueUrl: url }))).Messages, undefined);
      await after.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: received.Messages[0].ReceiptHandle }));
      const next = await after.send(new ReceiveMessageCommand({ QueueUrl: url }));
      assert.equal(next.Messages?.[0]?.Body, 'second');
      await second.process.stop();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
