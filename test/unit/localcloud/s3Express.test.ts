// S3 Express One Zone and Object Lambda operations on the local S3 through SDK v3: directory buckets are listed
// apart, the SDK's CreateSession gets credentials, RenameObject moves a key atomically with its conditions, and
// WriteGetObjectResponse is accepted.
import { strict as assert } from 'node:assert';
import {
  CreateBucketCommand,
  CreateSessionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListDirectoryBucketsCommand,
  PutObjectCommand,
  RenameObjectCommand,
} from '@aws-sdk/client-s3';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { rawRequest, signedFor } from '../../support/rawHttp';

const DIRECTORY = 'fast--use1-az4--x-s3';

describe('local cloud: S3 Express and Object Lambda operations', () => {
  let harness: LocalCloudHarness;
  before(async () => {
    harness = await startHarness();
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'general' }));
    // A directory bucket's name, created path-style (SDK v3 would route the name to an S3 Express endpoint).
    const created = await rawRequest(harness.cloud.endpoint, 'PUT', `/${DIRECTORY}`, signedFor('s3'));
    assert.equal(created.status, 200, created.body);
  });
  after(() => harness.stop());

  it('lists directory buckets only, and hands out session credentials for a bucket', async () => {
    const listed = await harness.s3.send(new ListDirectoryBucketsCommand({}));
    assert.deepEqual(
      listed.Buckets?.map((bucket) => [bucket.Name, bucket.BucketRegion]),
      [[DIRECTORY, 'us-east-1']],
    );
    const session = await harness.s3.send(new CreateSessionCommand({ Bucket: 'general' }));
    assert.match(session.Credentials?.AccessKeyId ?? '', /^ASIA[0-9A-F]{16}$/);
    assert.ok(session.Credentials!.Expiration! > new Date());
    assert.equal(session.ServerSideEncryption, 'AES256');
    await assert.rejects(harness.s3.send(new CreateSessionCommand({ Bucket: 'nowhere' })), { name: 'NoSuchBucket' });
  });

  it('renames an object with its metadata, honouring source and destination conditions', async () => {
    const put = await harness.s3.send(
      new PutObjectCommand({ Bucket: 'general', Key: 'draft.txt', Body: 'text', Metadata: { owner: 'me' } }),
    );
    const refused = await harness.s3
      .send(
        new RenameObjectCommand({
          Bucket: 'general',
          Key: 'final.txt',
          RenameSource: 'general/draft.txt',
          SourceIfMatch: '"other"',
        }),
      )
      .catch((error: Error & { $metadata: { httpStatusCode: number } }) => error);
    assert.deepEqual(
      [(refused as Error).name, (refused as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode],
      ['PreconditionFailed', 412],
    );
    await harness.s3.send(
      new RenameObjectCommand({
        Bucket: 'general',
        Key: 'final.txt',
        RenameSource: 'general/draft.txt',
        SourceIfMatch: put.ETag,
      }),
    );
    const moved = await harness.s3.send(new GetObjectCommand({ Bucket: 'general', Key: 'final.txt' }));
    assert.deepEqual(
      [await moved.Body!.transformToString(), moved.Metadata, moved.ETag],
      ['text', { owner: 'me' }, put.ETag],
    );
    await assert.rejects(harness.s3.send(new HeadObjectCommand({ Bucket: 'general', Key: 'draft.txt' })), {
      name: 'NotFound',
    });
    await assert.rejects(
      harness.s3.send(
        new RenameObjectCommand({
          Bucket: 'general',
          Key: 'final.txt',
          RenameSource: 'general/final.txt',
          DestinationIfNoneMatch: '*',
        }),
      ),
      { name: 'PreconditionFailed' },
    );
  });

  it("accepts an Object Lambda function's WriteGetObjectResponse", async () => {
    const answer = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/WriteGetObjectResponse',
      { ...signedFor('s3'), 'x-amz-request-route': 'route', 'x-amz-request-token': 'token', 'x-amz-fwd-status': '200' },
      'transformed',
    );
    assert.equal(answer.status, 200, answer.body);
  });
});
