// S3 Metadata configurations, object annotations and UpdateObjectEncryption (the operations the local cloud
// refused until session 7) through boto3 and SDK v3 against the local cloud process.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  CreateBucketMetadataConfigurationCommand,
  DeleteObjectAnnotationCommand,
  GetBucketMetadataConfigurationCommand,
  GetObjectAnnotationCommand,
  ListObjectAnnotationsCommand,
  PutBucketVersioningCommand,
  PutObjectAnnotationCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { startFidelityCloud, type FidelityCloud } from './fidelityScenario';
import { fidelityS3Client, runScenario } from './s3FidelityClients';

const run = promisify(execFile);

/** An SDK error with S3's code and HTTP status. */
function failsWith(code: string, status: number) {
  return (error: { name?: string; $metadata?: { httpStatusCode?: number } }) =>
    error.name === code && error.$metadata?.httpStatusCode === status;
}

describe('fidelity: S3 metadata configurations, annotations, UpdateObjectEncryption', () => {
  let cloud: FidelityCloud;
  let s3: S3Client;
  before(async () => {
    cloud = await startFidelityCloud();
    s3 = fidelityS3Client(cloud);
  });
  after(async () => {
    s3.destroy();
    await cloud.stop();
  });

  it('boto3: metadata configurations V1 and V2, UpdateObjectEncryption (with a botocore that has them)', async () => {
    const ran = await runScenario(cloud, 's3MetadataScenario.py');
    const { stdout: hasThem } = await run('python3', [
      '-c',
      'import boto3; print(hasattr(boto3.client("s3", region_name="us-east-1"), "update_object_encryption"))',
    ]);
    assert.equal(ran.length, hasThem.trim() === 'True' ? 3 : 0, ran.join(', '));
  });

  it('SDK v3: a V2 metadata configuration answers its tables, not an echo', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-meta' }));
    await assert.rejects(s3.send(new GetBucketMetadataConfigurationCommand({ Bucket: 'sdk-meta' })), {
      name: 'MetadataConfigurationNotFound',
    });
    await s3.send(
      new CreateBucketMetadataConfigurationCommand({
        Bucket: 'sdk-meta',
        MetadataConfiguration: {
          JournalTableConfiguration: { RecordExpiration: { Expiration: 'ENABLED', Days: 7 } },
          InventoryTableConfiguration: { ConfigurationState: 'ENABLED' },
        },
      }),
    );
    const result = (await s3.send(new GetBucketMetadataConfigurationCommand({ Bucket: 'sdk-meta' })))
      .GetBucketMetadataConfigurationResult!.MetadataConfigurationResult!;
    assert.equal(result.DestinationResult?.TableNamespace, 'b_sdk_meta');
    assert.equal(result.JournalTableConfigurationResult?.TableStatus, 'ACTIVE');
    assert.equal(result.InventoryTableConfigurationResult?.TableName, 'inventory');
    assert.match(
      result.InventoryTableConfigurationResult?.TableArn ?? '',
      /^arn:aws:s3tables:us-east-1:\d{12}:bucket\/aws-s3\/table\//,
    );
  });

  it('SDK v3: annotations are put, read, listed by prefix with paging, copied, deleted, per version', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'notes' }));
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket: 'notes', Key: 'photo.jpg', Body: 'bytes' }));
    const put = (name: string, payload: string | Uint8Array, extra: { ObjectIfMatch?: string } = {}) =>
      s3.send(
        new PutObjectAnnotationCommand({
          Bucket: 'notes',
          Key: 'photo.jpg',
          AnnotationName: name,
          AnnotationPayload: typeof payload === 'string' ? new TextEncoder().encode(payload) : payload,
          ...extra,
        }),
      );
    const written = await put('label', '{"kind":"cat"}', { ObjectIfMatch: ETag });
    assert.equal(written.AnnotationName, 'label');
    assert.equal(written.ETag, `"${createHash('md5').update('{"kind":"cat"}').digest('hex')}"`);
    await put('label-2', 'second');
    await put('summary', 'a cat on a mat');
    const read = await s3.send(
      new GetObjectAnnotationCommand({ Bucket: 'notes', Key: 'photo.jpg', AnnotationName: 'label' }),
    );
    assert.equal(await read.AnnotationPayload?.transformToString(), '{"kind":"cat"}');
    assert.equal(read.ContentLength, 14);
    assert.equal(read.ETag, written.ETag);
    await assert.rejects(
      s3.send(new GetObjectAnnotationCommand({ Bucket: 'notes', Key: 'photo.jpg', AnnotationName: 'nope' })),
      failsWith('NoSuchAnnotation', 404),
    );
    await assert.rejects(put('aws-reserved', 'x'), { name: 'InvalidAnnotationName' });
    await assert.rejects(put('n'.repeat(513), 'x'), { name: 'AnnotationNameTooLong' });
    await assert.rejects(put('binary', new Uint8Array([0xff, 0xfe])), failsWith('UnsupportedMediaType', 415));
    await assert.rejects(put('late', 'x', { ObjectIfMatch: '"0000"' }), { name: 'PreconditionFailed' });
    await assert.rejects(
      s3.send(
        new PutObjectAnnotationCommand({
          Bucket: 'notes',
          Key: 'missing',
          AnnotationName: 'a',
          AnnotationPayload: new TextEncoder().encode('x'),
        }),
      ),
      { name: 'NoSuchKey' },
    );

    const first = await s3.send(
      new ListObjectAnnotationsCommand({
        Bucket: 'notes',
        Key: 'photo.jpg',
        AnnotationPrefix: 'label',
        MaxAnnotationResults: 1,
      }),
    );
    assert.deepEqual(
      first.Annotations?.map((entry) => [entry.AnnotationName, entry.Size]),
      [['label', 14]],
    );
    assert.equal(first.AnnotationCount, 1);
    const second = await s3.send(
      new ListObjectAnnotationsCommand({
        Bucket: 'notes',
        Key: 'photo.jpg',
        AnnotationPrefix: 'label',
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    assert.deepEqual(
      second.Annotations?.map((entry) => entry.AnnotationName),
      ['label-2'],
    );
    assert.equal(second.NextContinuationToken, undefined);

    await s3.send(new CopyObjectCommand({ Bucket: 'notes', Key: 'copy.jpg', CopySource: 'notes/photo.jpg' }));
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'notes',
        Key: 'bare.jpg',
        CopySource: 'notes/photo.jpg',
        AnnotationDirective: 'EXCLUDE',
      }),
    );
    const names = async (key: string) =>
      ((await s3.send(new ListObjectAnnotationsCommand({ Bucket: 'notes', Key: key }))).Annotations ?? []).map(
        (entry) => entry.AnnotationName,
      );
    assert.deepEqual(await names('copy.jpg'), ['label', 'label-2', 'summary']);
    assert.deepEqual(await names('bare.jpg'), []);

    await s3.send(new DeleteObjectAnnotationCommand({ Bucket: 'notes', Key: 'photo.jpg', AnnotationName: 'summary' }));
    await s3.send(new DeleteObjectAnnotationCommand({ Bucket: 'notes', Key: 'photo.jpg', AnnotationName: 'summary' }));
    assert.deepEqual(await names('photo.jpg'), ['label', 'label-2']);

    // Annotations belong to a version: a new version starts without them; the old one keeps its own.
    await s3.send(new PutBucketVersioningCommand({ Bucket: 'notes', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'notes', Key: 'doc', Body: 'one' }));
    await s3.send(
      new PutObjectAnnotationCommand({
        Bucket: 'notes',
        Key: 'doc',
        AnnotationName: 'review',
        AnnotationPayload: new TextEncoder().encode('approved'),
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'notes', Key: 'doc', Body: 'two' }));
    assert.deepEqual(await names('doc'), []);
    const old = await s3.send(
      new ListObjectAnnotationsCommand({ Bucket: 'notes', Key: 'doc', VersionId: v1.VersionId }),
    );
    assert.deepEqual(
      old.Annotations?.map((entry) => entry.AnnotationName),
      ['review'],
    );
    assert.equal(old.ObjectVersionId, v1.VersionId);
  });
});
