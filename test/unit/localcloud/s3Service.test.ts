import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  UploadPartCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { decodeAwsChunked } from '../../../src/localcloud/s3/awsChunkedDecoder';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { rawRequest, signedFor } from '../../support/rawHttp';

async function rejectsWith(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name, error.message);
    assert.equal(error.$metadata?.httpStatusCode, status);
    return true;
  });
}

describe('local cloud: S3', () => {
  let harness: LocalCloudHarness;
  beforeEach(async () => {
    harness = await startHarness();
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'bucket-one' }));
  });
  afterEach(() => harness.stop());

  it('round-trips objects with metadata, ranges and deletes', async () => {
    const body = Buffer.from('hello, local cloud');
    const put = await harness.s3.send(
      new PutObjectCommand({
        Bucket: 'bucket-one',
        Key: 'dir/hello.txt',
        Body: body,
        ContentType: 'text/plain',
        Metadata: { owner: 'tests' },
      }),
    );
    assert.equal(put.ETag, `"${createHash('md5').update(body).digest('hex')}"`);
    const got = await harness.s3.send(new GetObjectCommand({ Bucket: 'bucket-one', Key: 'dir/hello.txt' }));
    assert.equal(await got.Body?.transformToString(), 'hello, local cloud');
    assert.equal(got.ContentType, 'text/plain');
    assert.deepEqual(got.Metadata, { owner: 'tests' });
    const head = await harness.s3.send(new HeadObjectCommand({ Bucket: 'bucket-one', Key: 'dir/hello.txt' }));
    assert.equal(head.ContentLength, body.length);
    const range = await harness.s3.send(
      new GetObjectCommand({ Bucket: 'bucket-one', Key: 'dir/hello.txt', Range: 'bytes=7-11' }),
    );
    assert.equal(await range.Body?.transformToString(), 'local');
    await harness.s3.send(new DeleteObjectCommand({ Bucket: 'bucket-one', Key: 'dir/hello.txt' }));
    await rejectsWith(
      harness.s3.send(new GetObjectCommand({ Bucket: 'bucket-one', Key: 'dir/hello.txt' })),
      'NoSuchKey',
      404,
    );
    await rejectsWith(
      harness.s3.send(new HeadObjectCommand({ Bucket: 'bucket-one', Key: 'dir/hello.txt' })),
      'NotFound',
      404,
    );
    await harness.s3.send(new DeleteObjectCommand({ Bucket: 'bucket-one', Key: 'never-existed' }));
  });

  it('answers the named bucket errors', async () => {
    await harness.s3.send(new HeadBucketCommand({ Bucket: 'bucket-one' }));
    await rejectsWith(harness.s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })), 'NotFound', 404);
    await rejectsWith(
      harness.s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })),
      'NoSuchBucket',
      404,
    );
    // us-east-1 answers re-creating one's own bucket with 200 (S3's legacy); other regions refuse it.
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'bucket-one' }));
    const west = new S3Client({ ...clientConfig(harness.cloud.endpoint), region: 'eu-west-1', forcePathStyle: true });
    const westBucket = {
      Bucket: 'bucket-west',
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' as const },
    };
    await west.send(new CreateBucketCommand(westBucket));
    await rejectsWith(west.send(new CreateBucketCommand(westBucket)), 'BucketAlreadyOwnedByYou', 409);
    await rejectsWith(harness.s3.send(new CreateBucketCommand(westBucket)), 'BucketAlreadyOwnedByYou', 409);
    // An endpoint other than us-east-1 creates buckets in its own region only, and wants it named (SDK v3 names
    // it by itself: a raw request shows S3's answer).
    const unnamed = await rawRequest(harness.cloud.endpoint, 'PUT', '/bucket-unnamed', {
      Authorization: signedFor('s3').Authorization!.replace('/us-east-1/', '/eu-west-1/'),
    });
    assert.equal(unnamed.status, 400);
    assert.match(
      unnamed.body,
      /<Code>IllegalLocationConstraintException<\/Code><Message>The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.<\/Message>/,
    );
    await rejectsWith(
      harness.s3.send(
        new CreateBucketCommand({
          Bucket: 'b2',
          CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never },
        }),
      ),
      'InvalidLocationConstraint',
      400,
    );
    west.destroy();
    await rejectsWith(harness.s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })), 'InvalidBucketName', 400);
  });

  it('lists with prefixes, delimiters and continuation tokens', async () => {
    const keys = ['a/1.txt', 'a/2.txt', 'a/sub/3.txt', 'b/4.txt', 'c.txt', 'space key+plus.txt'];
    for (const key of keys) await harness.s3.send(new PutObjectCommand({ Bucket: 'bucket-one', Key: key, Body: key }));
    const all = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'bucket-one' }));
    assert.deepEqual(
      all.Contents?.map((o) => o.Key),
      keys,
    );
    assert.equal(all.KeyCount, keys.length);
    // max-keys=0: an empty page, not truncated, no token to follow.
    const none = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'bucket-one', MaxKeys: 0 }));
    assert.deepEqual([none.KeyCount, none.IsTruncated, none.NextContinuationToken], [0, false, undefined]);
    const top = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'bucket-one', Delimiter: '/' }));
    assert.deepEqual(
      top.CommonPrefixes?.map((p) => p.Prefix),
      ['a/', 'b/'],
    );
    assert.deepEqual(
      top.Contents?.map((o) => o.Key),
      ['c.txt', 'space key+plus.txt'],
    );
    const inA = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'bucket-one', Prefix: 'a/', Delimiter: '/' }));
    assert.deepEqual(
      inA.Contents?.map((o) => o.Key),
      ['a/1.txt', 'a/2.txt'],
    );
    assert.deepEqual(
      inA.CommonPrefixes?.map((p) => p.Prefix),
      ['a/sub/'],
    );
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await harness.s3.send(
        new ListObjectsV2Command({ Bucket: 'bucket-one', MaxKeys: 2, ContinuationToken: token, Delimiter: '/' }),
      );
      seen.push(...(page.Contents ?? []).map((o) => o.Key!), ...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
      token = page.NextContinuationToken;
    } while (token);
    assert.deepEqual(seen.sort(), ['a/', 'b/', 'c.txt', 'space key+plus.txt']);
    await rejectsWith(harness.s3.send(new ListObjectsV2Command({ Bucket: 'missing-bucket' })), 'NoSuchBucket', 404);
  });

  it('decodes aws-chunked uploads with signatures and checksum trailers', async () => {
    const data = Buffer.from('0123456789abcdef'.repeat(10));
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(data));
    const framed = Buffer.concat([
      Buffer.from(`64;chunk-signature=${'a'.repeat(64)}\r\n`),
      data.subarray(0, 100),
      Buffer.from('\r\n3c\r\n'),
      data.subarray(100),
      Buffer.from(`\r\n0\r\nx-amz-checksum-crc32:${checksum.toString('base64')}\r\n\r\n`),
    ]);
    const response = await rawRequest(
      harness.cloud.endpoint,
      'PUT',
      '/bucket-one/chunked.bin',
      {
        'Content-Encoding': 'aws-chunked',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        'x-amz-decoded-content-length': data.length,
        'x-amz-trailer': 'x-amz-checksum-crc32',
        'Content-Length': framed.length,
        ...signedFor('s3'),
      },
      framed,
    );
    assert.equal(response.status, 200, response.body);
    const got = await harness.s3.send(
      new GetObjectCommand({ Bucket: 'bucket-one', Key: 'chunked.bin', ChecksumMode: 'ENABLED' }),
    );
    assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), data);
    assert.equal(got.ChecksumCRC32, checksum.toString('base64'));
    assert.equal(got.ContentEncoding, undefined);
    assert.throws(() => decodeAwsChunked(Buffer.from('zz\r\nabc')), /did not provide/);
    assert.throws(() => decodeAwsChunked(Buffer.from('5\r\nab\r\n0\r\n\r\n')), /did not provide/);
  });

  it('stores SDK v3 streaming uploads (flexible checksums) byte for byte', async () => {
    const data = Buffer.alloc(300_000, 7);
    await harness.s3.send(
      new PutObjectCommand({ Bucket: 'bucket-one', Key: 'big.bin', Body: data, ChecksumAlgorithm: 'CRC32' }),
    );
    const got = await harness.s3.send(new GetObjectCommand({ Bucket: 'bucket-one', Key: 'big.bin' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    assert.equal(bytes.length, data.length);
    assert.ok(bytes.equals(data));
  });

  it('assembles multipart uploads and aborts them', async () => {
    const started = await harness.s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'bucket-one', Key: 'multi.bin', ContentType: 'application/zip' }),
    );
    const parts = [Buffer.alloc(5 * 1024 * 1024, 1), Buffer.alloc(1_000, 2)];
    const etags: string[] = [];
    for (const [index, body] of parts.entries()) {
      const uploaded = await harness.s3.send(
        new UploadPartCommand({
          Bucket: 'bucket-one',
          Key: 'multi.bin',
          UploadId: started.UploadId,
          PartNumber: index + 1,
          Body: body,
        }),
      );
      etags.push(uploaded.ETag!);
    }
    await assert.rejects(
      harness.s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'bucket-one',
          Key: 'multi.bin',
          UploadId: started.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"wrong"' }] },
        }),
      ),
      (error: Error) => error.name === 'InvalidPart',
    );
    const completed = await harness.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'bucket-one',
        Key: 'multi.bin',
        UploadId: started.UploadId,
        MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) },
      }),
    );
    assert.match(completed.ETag ?? '', /^"[0-9a-f]{32}-2"$/);
    const got = await harness.s3.send(new GetObjectCommand({ Bucket: 'bucket-one', Key: 'multi.bin' }));
    assert.equal(got.ContentType, 'application/zip');
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts)));
    const aborted = await harness.s3.send(new CreateMultipartUploadCommand({ Bucket: 'bucket-one', Key: 'gone.bin' }));
    await harness.s3.send(
      new AbortMultipartUploadCommand({ Bucket: 'bucket-one', Key: 'gone.bin', UploadId: aborted.UploadId }),
    );
    await rejectsWith(
      harness.s3.send(
        new UploadPartCommand({
          Bucket: 'bucket-one',
          Key: 'gone.bin',
          UploadId: aborted.UploadId,
          PartNumber: 1,
          Body: 'x',
        }),
      ),
      'NoSuchUpload',
      404,
    );
  });

  it('deletes several objects at once', async () => {
    for (const key of ['d/1', 'd/2', 'keep'])
      await harness.s3.send(new PutObjectCommand({ Bucket: 'bucket-one', Key: key, Body: key }));
    const result = await harness.s3.send(
      new DeleteObjectsCommand({
        Bucket: 'bucket-one',
        Delete: { Objects: [{ Key: 'd/1' }, { Key: 'd/2' }, { Key: 'never' }] },
      }),
    );
    assert.deepEqual(
      result.Deleted?.map((item) => item.Key),
      ['d/1', 'd/2', 'never'],
    );
    const left = await harness.s3.send(new ListObjectsV2Command({ Bucket: 'bucket-one' }));
    assert.deepEqual(
      left.Contents?.map((item) => item.Key),
      ['keep'],
    );
  });
});
