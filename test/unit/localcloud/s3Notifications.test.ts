// S3 event notifications: event name patterns and key filters, AWS's record shape (URL-encoded keys, eTag without
// quotes, sequencers), and delivery to a local Lambda function (Event invocations, after the answer) for
// uploads, copies, multipart completions, deletes and delete markers, tagging, and lifecycle expirations on the
// cloud's clock.
import { strict as assert } from 'node:assert';
import { CreateFunctionCommand } from '@aws-sdk/client-lambda';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  type Event,
} from '@aws-sdk/client-s3';
import {
  eventKey,
  eventListed,
  eventRecord,
  keyPassesFilter,
  targetsFor,
} from '../../../src/localcloud/s3/eventNotifications';
import { FakeRuntimePool } from '../../support/fakeRuntimePool';
import { startHarness, zipOf, type LocalCloudHarness } from '../../support/localCloudHarness';
import { ManualClock } from '../../support/manualClock';

const ROLE = 'arn:aws:iam::123456789012:role/lambda';
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:on-upload';
const DAY = 86_400_000;

interface EventRecord {
  eventVersion: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  eventTime: string;
  s3: {
    configurationId: string;
    bucket: { name: string; arn: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
  userIdentity: { principalId: string };
}

describe('local cloud: S3 event notifications', () => {
  it('matches event patterns and prefix/suffix filters', () => {
    assert.ok(eventListed(['s3:ObjectCreated:*'], 'ObjectCreated:CompleteMultipartUpload'));
    assert.ok(eventListed(['s3:ObjectRemoved:DeleteMarkerCreated'], 'ObjectRemoved:DeleteMarkerCreated'));
    assert.ok(!eventListed(['s3:ObjectRemoved:Delete'], 'ObjectRemoved:DeleteMarkerCreated'));
    assert.ok(!eventListed(['s3:ObjectCreated:*'], 'ObjectRemoved:Delete'));
    const rules = [
      { Name: 'Prefix', Value: 'uploads/' },
      { Name: 'suffix', Value: '.jpg' },
    ];
    assert.ok(keyPassesFilter(rules, 'uploads/cat.jpg'));
    assert.ok(!keyPassesFilter(rules, 'uploads/cat.png'));
    assert.ok(!keyPassesFilter(rules, 'other/cat.jpg'));
    assert.deepEqual(
      targetsFor(
        {
          LambdaFunctionConfigurations: [{ Id: 'a', LambdaFunctionArn: FUNCTION, Events: ['s3:ObjectCreated:Put'] }],
          QueueConfigurations: [
            { Id: 'q', QueueArn: 'arn:aws:sqs:us-east-1:123456789012:q', Events: ['s3:ObjectRemoved:*'] },
          ],
        },
        'ObjectCreated:Put',
        'k',
      ).map((target) => [target.kind, target.configurationId]),
      [['lambda', 'a']],
    );
  });

  it('shapes records as AWS does: URL-encoded keys, unquoted ETags, version 2.3 for lifecycle', () => {
    assert.equal(eventKey('photos/my cat (1)+new.jpg'), 'photos/my+cat+%281%29%2Bnew.jpg');
    const base = {
      bucket: 'b',
      key: 'a b',
      time: Date.parse('2026-01-01T00:00:00Z'),
      region: 'eu-west-1',
      requestId: 'r',
      principalId: 'AWS:test',
      bucketOwnerId: 'owner',
    };
    const created = eventRecord({ ...base, eventName: 'ObjectCreated:Put', size: 3, eTag: '"abc"' }, 'cfg', '01');
    assert.deepEqual(
      { ...created, responseElements: undefined },
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-west-1',
        eventTime: '2026-01-01T00:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:test' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: undefined,
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'cfg',
          bucket: { name: 'b', ownerIdentity: { principalId: 'owner' }, arn: 'arn:aws:s3:::b' },
          object: { key: 'a+b', size: 3, eTag: 'abc', sequencer: '01' },
        },
      },
    );
    assert.equal(eventRecord({ ...base, eventName: 'LifecycleExpiration:Delete' }, 'c', '02')['eventVersion'], '2.3');
  });

  describe('delivered to a local function', () => {
    let harness: LocalCloudHarness;
    let pool: FakeRuntimePool;
    let clock: ManualClock;
    beforeEach(async () => {
      pool = new FakeRuntimePool();
      clock = new ManualClock(Date.parse('2026-05-01T12:00:00Z'));
      harness = await startHarness({ runtimePool: pool, clock });
      await harness.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'on-upload',
          Runtime: 'nodejs20.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async () => {};' }) },
        }),
      );
    });
    afterEach(() => harness.stop());

    /** The records the function received so far, once `count` have arrived. */
    async function received(count: number): Promise<EventRecord[]> {
      for (let attempt = 0; attempt < 200 && pool.invocations.length < count; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return pool.invocations.map(
        (invocation) => (JSON.parse(invocation.request.payload) as { Records: EventRecord[] }).Records[0]!,
      );
    }

    it('sends ObjectCreated and ObjectRemoved events that pass the filter, with size, eTag and sequencer', async () => {
      const { s3 } = harness;
      await s3.send(new CreateBucketCommand({ Bucket: 'photos' }));
      const missing = {
        LambdaFunctionConfigurations: [
          { LambdaFunctionArn: `${FUNCTION}-missing`, Events: ['s3:ObjectCreated:*'] as Event[] },
        ],
      };
      await assert.rejects(
        s3.send(
          new PutBucketNotificationConfigurationCommand({ Bucket: 'photos', NotificationConfiguration: missing }),
        ),
        (error: Error & { ArgumentName1?: string }) =>
          error.name === 'InvalidArgument' &&
          error.message === 'Unable to validate the following destination configurations' &&
          error.ArgumentName1 === `${FUNCTION}-missing`,
      );
      await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'photos',
          NotificationConfiguration: missing,
          SkipDestinationValidation: true,
        }),
      );
      await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'photos',
          NotificationConfiguration: {
            LambdaFunctionConfigurations: [
              {
                Id: 'jpegs',
                LambdaFunctionArn: FUNCTION,
                Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'],
                Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.jpg' }] } },
              },
            ],
          },
        }),
      );
      const put = await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'my cat.jpg', Body: 'meow' }));
      await s3.send(new PutObjectCommand({ Bucket: 'photos', Key: 'notes.txt', Body: 'skipped' }));
      await s3.send(new CopyObjectCommand({ Bucket: 'photos', Key: 'copy.jpg', CopySource: 'photos/my cat.jpg' }));
      const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'photos', Key: 'big.jpg' }));
      const part = await s3.send(
        new UploadPartCommand({
          Bucket: 'photos',
          Key: 'big.jpg',
          UploadId: upload.UploadId,
          PartNumber: 1,
          Body: 'x',
        }),
      );
      await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'photos',
          Key: 'big.jpg',
          UploadId: upload.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      );
      await s3.send(new DeleteObjectCommand({ Bucket: 'photos', Key: 'copy.jpg' }));
      const records = await received(4);
      assert.deepEqual(
        records.map((record) => [record.eventName, record.s3.object.key]),
        [
          ['ObjectCreated:Put', 'my+cat.jpg'],
          ['ObjectCreated:Copy', 'copy.jpg'],
          ['ObjectCreated:CompleteMultipartUpload', 'big.jpg'],
          ['ObjectRemoved:Delete', 'copy.jpg'],
        ],
      );
      const first = records[0]!;
      assert.equal(first.eventSource, 'aws:s3');
      assert.equal(first.eventVersion, '2.1');
      assert.equal(first.eventTime, '2026-05-01T12:00:00.000Z');
      assert.equal(first.s3.configurationId, 'jpegs');
      assert.equal(first.s3.bucket.arn, 'arn:aws:s3:::photos');
      assert.equal(first.s3.object.size, 4);
      assert.equal(first.s3.object.eTag, put.ETag!.replace(/"/g, ''));
      assert.equal(records[3]!.s3.object.size, undefined);
      const sequencers = records.map((record) => record.s3.object.sequencer);
      assert.deepEqual([...sequencers].sort(), sequencers);
      assert.equal(pool.invocations[0]!.request.payload.includes('"Records"'), true);
    });

    it('versioned buckets: version ids, delete markers; tagging; lifecycle expirations on the clock', async () => {
      const { s3 } = harness;
      await s3.send(new CreateBucketCommand({ Bucket: 'docs' }));
      await s3.send(new PutBucketVersioningCommand({ Bucket: 'docs', VersioningConfiguration: { Status: 'Enabled' } }));
      await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: 'docs',
          NotificationConfiguration: {
            LambdaFunctionConfigurations: [
              {
                Id: 'all',
                LambdaFunctionArn: FUNCTION,
                Events: ['s3:ObjectRemoved:*', 's3:ObjectTagging:*', 's3:LifecycleExpiration:*'],
              },
            ],
          },
        }),
      );
      const put = await s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a', Body: '1' }));
      await s3.send(
        new PutObjectTaggingCommand({ Bucket: 'docs', Key: 'a', Tagging: { TagSet: [{ Key: 'k', Value: 'v' }] } }),
      );
      const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'docs', Key: 'a' }));
      await s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'b', Body: '2' }));
      await s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: 'docs',
          LifecycleConfiguration: { Rules: [{ ID: 'short', Status: 'Enabled', Filter: {}, Expiration: { Days: 1 } }] },
        }),
      );
      await clock.advance(2 * DAY);
      await s3.send(new PutObjectCommand({ Bucket: 'docs', Key: 'c', Body: '3' }));
      const records = await received(3);
      assert.deepEqual(
        records.map((record) => [record.eventName, record.s3.object.key, record.eventVersion]),
        [
          ['ObjectTagging:Put', 'a', '2.3'],
          ['ObjectRemoved:DeleteMarkerCreated', 'a', '2.1'],
          ['LifecycleExpiration:DeleteMarkerCreated', 'b', '2.3'],
        ],
      );
      assert.equal(records[0]!.s3.object.versionId, put.VersionId);
      assert.equal(records[1]!.s3.object.versionId, deleted.VersionId);
      assert.equal(records[2]!.userIdentity.principalId, 's3.amazonaws.com');
      assert.equal(records[2]!.eventTime, '2026-05-03T12:00:00.000Z');
    });
  });
});
