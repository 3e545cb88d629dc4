// The queue logic without HTTP: digests as AWS computes them, visibility, delays, FIFO groups and deduplication,
// dead-letter moves, queue URLs and attribute validation.
import { strict as assert } from 'node:assert';
import type { AwsError } from '../../../../src/localcloud/protocol/awsError';
import { attributesMd5, md5Hex } from '../../../../src/localcloud/sqs/messageDigest';
import { defaultAttributes, validateAttributes } from '../../../../src/localcloud/sqs/queueAttributes';
import { readQueueArn, readQueueUrl } from '../../../../src/localcloud/sqs/queueUrls';
import { readReceiptHandle } from '../../../../src/localcloud/sqs/sqsMessage';
import { SqsQueue, type QueueRecord } from '../../../../src/localcloud/sqs/sqsQueue';

function queue(name: string, attributes: Record<string, string> = {}): SqsQueue {
  const record: QueueRecord = {
    name,
    accountId: '123456789012',
    region: 'us-east-1',
    createdAt: 0,
    lastModifiedAt: 0,
    attributes: { ...defaultAttributes(name.endsWith('.fifo')), ...attributes },
    tags: {},
    messages: [],
    sequence: 0,
    deduplication: {},
  };
  return new SqsQueue(record, () => undefined);
}

const never = () => false;

describe('local cloud SQS: queue logic', () => {
  it('digests bodies and message attributes as AWS does', () => {
    assert.equal(md5Hex('hello'), '5d41402abc4b2a76b9719d911017c592');
    // The digest AWS answers for this attribute (as in AWS's and moto's examples).
    assert.equal(
      attributesMd5({ timestamp: { DataType: 'Number', StringValue: '1493147359900' } }),
      '235c5c510d26fb653d073faed50ae77c',
    );
    assert.equal(attributesMd5({}), undefined);
    // Order of names does not matter; binary values count as bytes.
    const a = attributesMd5({
      b: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1]) },
      a: { DataType: 'String', StringValue: 'x' },
    });
    const b = attributesMd5({
      a: { DataType: 'String', StringValue: 'x' },
      b: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1]) },
    });
    assert.equal(a, b);
  });

  it('hides a received message for the visibility timeout, and delays new messages', () => {
    const q = queue('q', { VisibilityTimeout: '30', DelaySeconds: '0' });
    q.send({ body: 'one', senderId: 'me' }, 1000);
    q.send({ body: 'late', senderId: 'me', delaySeconds: 10 }, 1000);
    assert.deepEqual(q.counts(1000), { visible: 1, inflight: 0, delayed: 1 });
    const [first] = q.receive(10, 30, 1000, never);
    assert.equal(first!.message.body, 'one');
    assert.deepEqual(q.counts(1000), { visible: 0, inflight: 1, delayed: 1 });
    assert.equal(q.receive(10, 30, 2000, never).length, 0);
    assert.equal(q.nextVisibleAt(2000), 11_000);
    const again = q
      .receive(10, 30, 31_000, never)
      .map((item) => item.message.body)
      .sort();
    assert.deepEqual(again, ['late', 'one']);
    assert.equal(q.record.messages.find((message) => message.body === 'one')!.receiveCount, 2);
  });

  it('deletes only with the latest receipt handle, and changes visibility of messages in flight', () => {
    const q = queue('q');
    q.send({ body: 'm', senderId: 'me' }, 0);
    const [old] = q.receive(1, 0, 0, never);
    const [latest] = q.receive(1, 30, 0, never);
    q.delete(readReceiptHandle(old!.receiptHandle));
    assert.equal(q.record.messages.length, 1);
    q.changeVisibility(readReceiptHandle(latest!.receiptHandle), 0, 1);
    assert.equal(q.counts(1).visible, 1);
    assert.throws(
      () => q.changeVisibility(readReceiptHandle(latest!.receiptHandle), 10, 2),
      (error: AwsError) => error.code === 'MessageNotInflight',
    );
    q.delete(readReceiptHandle(latest!.receiptHandle));
    assert.equal(q.record.messages.length, 0);
    assert.throws(
      () => readReceiptHandle('garbage!'),
      (error: AwsError) => error.code === 'ReceiptHandleIsInvalid',
    );
  });

  it('FIFO: keeps order within a group, blocks a group with a message in flight, deduplicates for five minutes', () => {
    const q = queue('f.fifo');
    const first = q.send({ body: 'a1', groupId: 'a', deduplicationId: '1', senderId: 'me' }, 0);
    q.send({ body: 'a2', groupId: 'a', deduplicationId: '2', senderId: 'me' }, 0);
    q.send({ body: 'b1', groupId: 'b', deduplicationId: '3', senderId: 'me' }, 0);
    const duplicate = q.send({ body: 'other', groupId: 'a', deduplicationId: '1', senderId: 'me' }, 1000);
    assert.equal(duplicate.messageId, first.messageId);
    assert.equal(duplicate.sequenceNumber, first.sequenceNumber);
    assert.equal(q.record.messages.length, 3);
    const [a1] = q.receive(1, 30, 0, never);
    assert.equal(a1!.message.body, 'a1');
    // Group a is blocked while a1 is in flight; b1 is free.
    assert.deepEqual(
      q.receive(10, 30, 0, never).map((item) => item.message.body),
      ['b1'],
    );
    q.delete(readReceiptHandle(a1!.receiptHandle));
    assert.deepEqual(
      q.receive(10, 30, 0, never).map((item) => item.message.body),
      ['a2'],
    );
    // After the window the id is new again.
    const later = q.send({ body: 'again', groupId: 'a', deduplicationId: '1', senderId: 'me' }, 6 * 60 * 1000);
    assert.notEqual(later.messageId, first.messageId);
    assert.ok(BigInt(later.sequenceNumber!) > BigInt(first.sequenceNumber!));
  });

  it('offers a message received maxReceiveCount times to the dead-letter queue', () => {
    const redrive = JSON.stringify({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq',
      maxReceiveCount: 2,
    });
    const q = queue('q', { RedrivePolicy: redrive });
    q.send({ body: 'poison', senderId: 'me' }, 0);
    assert.equal(q.receive(1, 0, 0, never).length, 1);
    assert.equal(q.receive(1, 0, 0, never).length, 1);
    const moved: string[] = [];
    assert.equal(q.receive(1, 0, 0, (message) => moved.push(message.body) > 0).length, 0);
    assert.deepEqual(moved, ['poison']);
    assert.equal(q.record.messages.length, 0);
  });

  it('drops messages older than the retention period', () => {
    const q = queue('q', { MessageRetentionPeriod: '60' });
    q.send({ body: 'old', senderId: 'me' }, 0);
    assert.equal(q.counts(59_000).visible, 1);
    assert.equal(q.counts(60_000).visible, 0);
  });

  it('reads local and AWS-style queue URLs and ARNs', () => {
    assert.deepEqual(readQueueUrl('http://127.0.0.1:4566/123456789012/q'), {
      accountId: '123456789012',
      name: 'q',
      region: undefined,
    });
    assert.equal(readQueueUrl('https://sqs.eu-west-1.amazonaws.com/123456789012/q').region, 'eu-west-1');
    assert.equal(readQueueUrl('https://eu-west-2.queue.amazonaws.com/123456789012/q').region, 'eu-west-2');
    assert.throws(
      () => readQueueUrl('q'),
      (error: AwsError) => error.code === 'InvalidAddress',
    );
    assert.deepEqual(readQueueArn('arn:aws:sqs:us-west-2:123456789012:f.fifo'), {
      region: 'us-west-2',
      accountId: '123456789012',
      name: 'f.fifo',
    });
    assert.equal(readQueueArn('arn:aws:sns:us-west-2:123456789012:t'), undefined);
  });

  it('validates attributes with SQS errors and normalises values', () => {
    assert.deepEqual(validateAttributes({ VisibilityTimeout: '007', SqsManagedSseEnabled: 'TRUE' }, false, true), {
      VisibilityTimeout: '7',
      SqsManagedSseEnabled: 'true',
    });
    const code = (attributes: Record<string, string>, fifo = false, creating = true) => {
      try {
        validateAttributes(attributes, fifo, creating);
        return 'ok';
      } catch (error) {
        return `${(error as AwsError).code}: ${(error as AwsError).message}`;
      }
    };
    assert.equal(code({ DelaySeconds: '901' }), 'InvalidAttributeValue: Invalid value for the parameter DelaySeconds.');
    assert.equal(code({ Nope: '1' }), 'InvalidAttributeName: Unknown Attribute Nope.');
    assert.equal(code({ QueueArn: 'x' }), 'InvalidAttributeName: Unknown Attribute QueueArn.');
    assert.equal(
      code({ ContentBasedDeduplication: 'true' }),
      'InvalidAttributeName: Unknown Attribute ContentBasedDeduplication.',
    );
    assert.equal(code({ ContentBasedDeduplication: 'true' }, true), 'ok');
    assert.equal(code({ FifoQueue: 'true' }, true, false), 'InvalidAttributeName: Unknown Attribute FifoQueue.');
    assert.match(
      code({ RedrivePolicy: '{"deadLetterTargetArn":"arn:x","maxReceiveCount":0}' }),
      /^InvalidParameterValue: Value .* maxReceiveCount/,
    );
  });
});
