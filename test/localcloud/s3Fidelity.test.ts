// S3 on the protocol engine through SDK v3 (both addressing styles), the aws CLI and boto3 (presigned URLs too),
// against the local cloud process: bucket regions, ListBuckets filters, copies, conditional requests, multipart
// listings and S3's error documents.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { rawRequest, signedFor } from '../support/rawHttp';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const PART = 5 * 1024 * 1024;

async function failure(promise: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, status: failed.$metadata?.httpStatusCode, message: failed.message };
  }
  return assert.fail('the call succeeded');
}

describe('fidelity: S3 on the protocol engine', () => {
  let cloud: FidelityCloud;
  let workDirectory: string;
  const clients: S3Client[] = [];
  const s3 = (config: Partial<S3ClientConfig> = {}) => {
    const client = new S3Client({
      endpoint: cloud.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      forcePathStyle: true,
      maxAttempts: 1,
      ...config,
    });
    clients.push(client);
    return client;
  };
  before(async () => {
    cloud = await startFidelityCloud();
    workDirectory = mkdtempSync(join(tmpdir(), 'sw-fidelity-s3-'));
  });
  after(async () => {
    for (const client of clients) client.destroy();
    await cloud.stop();
    rmSync(workDirectory, { recursive: true, force: true });
  });

  it('SDK v3: virtual-hosted and path-style buckets, regions, ListBuckets filters', async () => {
    // Virtual-hosted style: the SDK puts the bucket in the host name; every name resolves to the local cloud.
    const port = new URL(cloud.endpoint).port;
    const lookup = (_host: string, _options: unknown, callback: (...args: unknown[]) => void) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const virtual = s3({
      endpoint: `http://s3.localcloud.test:${port}`,
      forcePathStyle: false,
      requestHandler: { httpAgent: new Agent({ lookup } as never) },
    });
    const hosts: string[] = [];
    virtual.middlewareStack.add(
      (next) => async (args) => {
        hosts.push((args.request as { hostname: string }).hostname);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    await virtual.send(new CreateBucketCommand({ Bucket: 'virtual-east' }));
    await virtual.send(new PutObjectCommand({ Bucket: 'virtual-east', Key: 'a/b.txt', Body: 'virtual' }));
    assert.deepEqual(hosts, ['virtual-east.s3.localcloud.test', 'virtual-east.s3.localcloud.test']);
    const pathStyle = s3();
    const got = await pathStyle.send(new GetObjectCommand({ Bucket: 'virtual-east', Key: 'a/b.txt' }));
    assert.equal(await got.Body!.transformToString(), 'virtual');

    const west = s3({ region: 'eu-west-1' });
    await west.send(
      new CreateBucketCommand({
        Bucket: 'bucket-west',
        CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
      }),
    );
    assert.equal(
      (await pathStyle.send(new GetBucketLocationCommand({ Bucket: 'bucket-west' }))).LocationConstraint,
      'eu-west-1',
    );
    assert.equal(
      (await pathStyle.send(new GetBucketLocationCommand({ Bucket: 'virtual-east' }))).LocationConstraint,
      undefined,
    );
    assert.equal((await pathStyle.send(new HeadBucketCommand({ Bucket: 'bucket-west' }))).BucketRegion, 'eu-west-1');
    const all = await pathStyle.send(new ListBucketsCommand({}));
    assert.deepEqual(
      all.Buckets?.map((bucket) => [bucket.Name, bucket.BucketRegion]),
      [
        ['bucket-west', 'eu-west-1'],
        ['virtual-east', 'us-east-1'],
      ],
    );
    assert.match(all.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
    const westOnly = await pathStyle.send(new ListBucketsCommand({ BucketRegion: 'eu-west-1' }));
    assert.deepEqual(
      westOnly.Buckets?.map((bucket) => bucket.Name),
      ['bucket-west'],
    );
    const firstPage = await pathStyle.send(new ListBucketsCommand({ MaxBuckets: 1 }));
    assert.deepEqual(
      firstPage.Buckets?.map((bucket) => bucket.Name),
      ['bucket-west'],
    );
    const secondPage = await pathStyle.send(
      new ListBucketsCommand({ MaxBuckets: 1, ContinuationToken: firstPage.ContinuationToken }),
    );
    assert.deepEqual(
      secondPage.Buckets?.map((bucket) => bucket.Name),
      ['virtual-east'],
    );
    assert.equal(secondPage.ContinuationToken, undefined);
    const prefixed = await pathStyle.send(new ListBucketsCommand({ Prefix: 'virt' }));
    assert.equal(prefixed.Prefix, 'virt');
    assert.deepEqual(
      prefixed.Buckets?.map((bucket) => bucket.Name),
      ['virtual-east'],
    );
  });

  it('SDK v3: copies, conditional reads and writes, multipart listings and copies', async () => {
    const client = s3();
    await client.send(new CreateBucketCommand({ Bucket: 'copies' }));
    const put = await client.send(
      new PutObjectCommand({
        Bucket: 'copies',
        Key: 'source.txt',
        Body: 'original',
        ContentType: 'text/plain',
        Metadata: { kind: 'source' },
      }),
    );
    assert.equal(put.ServerSideEncryption, 'AES256');
    const copied = await client.send(
      new CopyObjectCommand({ Bucket: 'copies', Key: 'copy one.txt', CopySource: 'copies/source.txt' }),
    );
    assert.equal(copied.CopyObjectResult?.ETag, put.ETag);
    const copyHead = await client.send(new HeadObjectCommand({ Bucket: 'copies', Key: 'copy one.txt' }));
    assert.equal(copyHead.ContentType, 'text/plain');
    assert.deepEqual(copyHead.Metadata, { kind: 'source' });
    await client.send(
      new CopyObjectCommand({
        Bucket: 'copies',
        Key: 'replaced.txt',
        CopySource: '/copies/source.txt',
        MetadataDirective: 'REPLACE',
        ContentType: 'application/json',
        Metadata: { kind: 'replaced' },
      }),
    );
    const replaced = await client.send(new HeadObjectCommand({ Bucket: 'copies', Key: 'replaced.txt' }));
    assert.deepEqual([replaced.ContentType, replaced.Metadata], ['application/json', { kind: 'replaced' }]);
    const toItself = await failure(
      client.send(new CopyObjectCommand({ Bucket: 'copies', Key: 'source.txt', CopySource: 'copies/source.txt' })),
    );
    assert.deepEqual([toItself.name, toItself.status], ['InvalidRequest', 400]);
    const missingSource = await failure(
      client.send(new CopyObjectCommand({ Bucket: 'copies', Key: 'x', CopySource: 'copies/none' })),
    );
    assert.deepEqual([missingSource.name, missingSource.status], ['NoSuchKey', 404]);

    const notModified = await failure(
      client.send(new GetObjectCommand({ Bucket: 'copies', Key: 'source.txt', IfNoneMatch: put.ETag })),
    );
    assert.equal(notModified.status, 304);
    const future = new Date(Date.now() + 3_600_000);
    assert.equal(
      (
        await failure(
          client.send(new GetObjectCommand({ Bucket: 'copies', Key: 'source.txt', IfModifiedSince: future })),
        )
      ).status,
      304,
    );
    const past = new Date(Date.now() - 3_600_000);
    const unmodified = await failure(
      client.send(new GetObjectCommand({ Bucket: 'copies', Key: 'source.txt', IfUnmodifiedSince: past })),
    );
    assert.deepEqual([unmodified.name, unmodified.status], ['PreconditionFailed', 412]);
    const ifMatch = await client.send(new GetObjectCommand({ Bucket: 'copies', Key: 'source.txt', IfMatch: put.ETag }));
    assert.equal(await ifMatch.Body!.transformToString(), 'original');
    const createOnly = await failure(
      client.send(new PutObjectCommand({ Bucket: 'copies', Key: 'source.txt', Body: 'again', IfNoneMatch: '*' })),
    );
    assert.deepEqual([createOnly.name, createOnly.status], ['PreconditionFailed', 412]);

    const started = await client.send(new CreateMultipartUploadCommand({ Bucket: 'copies', Key: 'big.bin' }));
    const uploadId = started.UploadId!;
    const first = await client.send(
      new UploadPartCommand({
        Bucket: 'copies',
        Key: 'big.bin',
        UploadId: uploadId,
        PartNumber: 1,
        Body: Buffer.alloc(PART, 1),
      }),
    );
    const second = await client.send(
      new UploadPartCopyCommand({
        Bucket: 'copies',
        Key: 'big.bin',
        UploadId: uploadId,
        PartNumber: 2,
        CopySource: 'copies/source.txt',
        CopySourceRange: 'bytes=0-3',
      }),
    );
    const parts = await client.send(new ListPartsCommand({ Bucket: 'copies', Key: 'big.bin', UploadId: uploadId }));
    assert.deepEqual(
      parts.Parts?.map((part) => [part.PartNumber, part.Size]),
      [
        [1, PART],
        [2, 4],
      ],
    );
    const inProgress = await client.send(new ListMultipartUploadsCommand({ Bucket: 'copies' }));
    assert.deepEqual(
      inProgress.Uploads?.map((upload) => [upload.Key, upload.UploadId]),
      [['big.bin', uploadId]],
    );
    const third = await client.send(
      new UploadPartCommand({ Bucket: 'copies', Key: 'big.bin', UploadId: uploadId, PartNumber: 3, Body: 'x' }),
    );
    const tooSmall = await failure(
      client.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'copies',
          Key: 'big.bin',
          UploadId: uploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 2, ETag: second.CopyPartResult!.ETag },
              { PartNumber: 3, ETag: third.ETag },
            ],
          },
        }),
      ),
    );
    assert.deepEqual([tooSmall.name, tooSmall.status], ['EntityTooSmall', 400]);
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'copies',
        Key: 'big.bin',
        UploadId: uploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.ETag },
            { PartNumber: 2, ETag: second.CopyPartResult!.ETag },
          ],
        },
      }),
    );
    const tail = await client.send(new GetObjectCommand({ Bucket: 'copies', Key: 'big.bin', Range: `bytes=-4` }));
    assert.equal(await tail.Body!.transformToString(), 'orig');
  });

  it('answers S3 error documents, and configurations never set as S3 does', async () => {
    const missingKey = await rawRequest(cloud.endpoint, 'GET', '/copies/no/such/key', signedFor('s3'));
    assert.equal(missingKey.status, 404);
    assert.match(
      missingKey.body,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>no\/such\/key<\/Key><RequestId>[^<]+<\/RequestId><HostId>/,
    );
    const missingBucket = await rawRequest(cloud.endpoint, 'GET', '/no-such-bucket?list-type=2', signedFor('s3'));
    assert.match(missingBucket.body, /<Code>NoSuchBucket<\/Code>.*<BucketName>no-such-bucket<\/BucketName>/);
    const wrongMethod = await rawRequest(cloud.endpoint, 'POST', '/copies/source.txt', signedFor('s3'), 'x');
    assert.equal(wrongMethod.status, 405);
    assert.match(wrongMethod.body, /<Method>POST<\/Method><ResourceType>OBJECT<\/ResourceType>/);
    const listing = await rawRequest(cloud.endpoint, 'GET', '/copies?list-type=2&max-keys=1', signedFor('s3'));
    assert.match(
      listing.body,
      /^<\?xml[^>]*>\n<ListBucketResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><IsTruncated>true<\/IsTruncated><Contents><Key>big.bin<\/Key>/,
    );
    // A configuration never set answers S3's empty document (accelerate) or its not-found error (tagging).
    const accelerate = await rawRequest(cloud.endpoint, 'GET', '/copies?accelerate', signedFor('s3'));
    assert.equal(accelerate.status, 200);
    assert.match(
      accelerate.body,
      /<AccelerateConfiguration xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><\/AccelerateConfiguration>$/,
    );
    const tagging = await rawRequest(cloud.endpoint, 'GET', '/copies?tagging', signedFor('s3'));
    assert.equal(tagging.status, 404);
    assert.match(
      tagging.body,
      /<Code>NoSuchTagSet<\/Code><Message>The TagSet does not exist<\/Message><BucketName>copies</,
    );
  });

  it('aws CLI and boto3: s3api copies and locations, presigned GET and PUT', async () => {
    const aws = async (...args: string[]) => {
      const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], {
        env: clientEnvironment(),
        cwd: workDirectory,
      });
      return stdout;
    };
    const awsJson = async (...args: string[]) => JSON.parse(await aws(...args)) as Record<string, unknown>;
    await aws(
      's3api',
      'create-bucket',
      '--bucket',
      'cli-west',
      '--create-bucket-configuration',
      'LocationConstraint=eu-west-2',
    );
    assert.deepEqual(await awsJson('s3api', 'get-bucket-location', '--bucket', 'cli-west'), {
      LocationConstraint: 'eu-west-2',
    });
    writeFileSync(join(workDirectory, 'note.txt'), 'from the CLI');
    await aws('s3', 'cp', 'note.txt', 's3://cli-west/note.txt');
    await aws(
      's3api',
      'copy-object',
      '--bucket',
      'cli-west',
      '--key',
      'note-copy.txt',
      '--copy-source',
      'cli-west/note.txt',
    );
    await aws('s3', 'cp', 's3://cli-west/note-copy.txt', 'note-copy.txt');
    const listed = (await awsJson('s3api', 'list-buckets')) as { Buckets: { Name: string }[] };
    assert.ok(listed.Buckets.some((bucket) => bucket.Name === 'cli-west'));

    const script = join(workDirectory, 's3_presigned.py');
    writeFileSync(
      script,
      [
        'import json, sys, urllib.request',
        'import boto3',
        'from botocore.config import Config',
        's3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test",',
        '    aws_secret_access_key="test", config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))',
        'put_url = s3.generate_presigned_url("put_object", Params={"Bucket": "cli-west", "Key": "presigned.txt"})',
        'urllib.request.urlopen(urllib.request.Request(put_url, data=b"presigned body", method="PUT")).read()',
        'get_url = s3.generate_presigned_url("get_object", Params={"Bucket": "cli-west", "Key": "presigned.txt"})',
        'body = urllib.request.urlopen(get_url).read().decode()',
        's3.copy_object(Bucket="cli-west", Key="boto3-copy.txt", CopySource={"Bucket": "cli-west", "Key": "presigned.txt"})',
        'copy = s3.get_object(Bucket="cli-west", Key="boto3-copy.txt")["Body"].read().decode()',
        'location = s3.get_bucket_location(Bucket="cli-west")["LocationConstraint"]',
        'try:',
        '    s3.head_object(Bucket="cli-west", Key="nothing")',
        '    head = "found"',
        'except s3.exceptions.ClientError as error:',
        '    head = error.response["Error"]["Code"]',
        'print(json.dumps({"body": body, "copy": copy, "location": location, "head": head}))',
      ].join('\n'),
    );
    const { stdout } = await run('python3', [script, cloud.endpoint], { env: clientEnvironment() });
    assert.deepEqual(JSON.parse(stdout), {
      body: 'presigned body',
      copy: 'presigned body',
      location: 'eu-west-2',
      head: '404',
    });
    const cliCopy = await run('cat', [join(workDirectory, 'note-copy.txt')]);
    assert.equal(cliCopy.stdout, 'from the CLI');
  });
});
