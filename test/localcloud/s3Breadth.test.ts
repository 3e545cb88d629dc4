// S3 breadth through boto3, SDK v3 and the aws CLI against the local cloud process: bucket configurations
// (tagging, policy, CORS, lifecycle, encryption, website, ownership, public access block, logging, notifications,
// id-keyed configurations), object tagging, versioning, ACLs, Object Lock, encryption and object attributes.
import { strict as assert } from 'node:assert';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetBucketCorsCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketCorsCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { rawRequest } from '../support/rawHttp';
import { awsFailure, startFidelityCloud, type FidelityCloud } from './fidelityScenario';
import { fidelityS3Client, runScenario, s3api } from './s3FidelityClients';

describe('fidelity: S3 breadth', () => {
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

  it('boto3: every configuration round-trips with AWS validation and its not-found errors', async () => {
    assert.equal((await runScenario(cloud, 's3ConfigurationScenario.py')).length, 9);
  });

  it('boto3: versioning, delete markers, reads and deletes by version id, ListObjectVersions paging', async () => {
    assert.equal((await runScenario(cloud, 's3VersioningScenario.py')).length, 3);
  });

  it('boto3: ACLs, Object Lock, encryption, GetObjectAttributes, storage classes, restores, presigned POST', async () => {
    assert.equal((await runScenario(cloud, 's3ObjectScenario.py')).length, 5);
  });

  it('boto3: checksums verified, listing owners and checksum algorithms, reads by part number', async () => {
    assert.equal((await runScenario(cloud, 's3IntegrityScenario.py')).length, 3);
  });

  it('SDK v3: tagging and CORS documents, x-amz-tagging on upload, NoSuchTagSet', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'sdk-config' }));
    await assert.rejects(s3.send(new GetBucketTaggingCommand({ Bucket: 'sdk-config' })), { name: 'NoSuchTagSet' });
    await s3.send(
      new PutBucketTaggingCommand({ Bucket: 'sdk-config', Tagging: { TagSet: [{ Key: 'stage', Value: 'test' }] } }),
    );
    assert.deepEqual((await s3.send(new GetBucketTaggingCommand({ Bucket: 'sdk-config' }))).TagSet, [
      { Key: 'stage', Value: 'test' },
    ]);
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: 'sdk-config',
        CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], MaxAgeSeconds: 60 }] },
      }),
    );
    const cors = await s3.send(new GetBucketCorsCommand({ Bucket: 'sdk-config' }));
    assert.deepEqual(cors.CORSRules, [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'], MaxAgeSeconds: 60 }]);
    await s3.send(new PutObjectCommand({ Bucket: 'sdk-config', Key: 'k', Body: 'v', Tagging: 'x=1&y=2' }));
    assert.equal((await s3.send(new GetObjectCommand({ Bucket: 'sdk-config', Key: 'k' }))).TagCount, 2);
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'sdk-config', Key: 'k' }));
    assert.deepEqual(tags.TagSet, [
      { Key: 'x', Value: '1' },
      { Key: 'y', Value: '2' },
    ]);
  });

  it('SDK v3: conditional writes and deletes (If-None-Match, If-Match, last-modified time and size)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'conditions' }));
    const first = await s3.send(new PutObjectCommand({ Bucket: 'conditions', Key: 'k', Body: 'one' }));
    const failure = (promise: Promise<unknown>) => awsFailure(promise).then(({ name, status }) => `${name} ${status}`);
    assert.equal(
      await failure(s3.send(new PutObjectCommand({ Bucket: 'conditions', Key: 'k', Body: 'x', IfNoneMatch: '*' }))),
      'PreconditionFailed 412',
    );
    assert.equal(
      await failure(
        s3.send(
          new CopyObjectCommand({ Bucket: 'conditions', Key: 'k', CopySource: 'conditions/k', IfNoneMatch: '*' }),
        ),
      ),
      'PreconditionFailed 412',
    );
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'conditions', Key: 'k' }));
    const part = await s3.send(
      new UploadPartCommand({ Bucket: 'conditions', Key: 'k', UploadId: upload.UploadId, PartNumber: 1, Body: 'p' }),
    );
    const complete = (IfMatch: string) =>
      s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: 'conditions',
          Key: 'k',
          UploadId: upload.UploadId,
          IfMatch,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      );
    assert.equal(await failure(complete('"0000"')), 'PreconditionFailed 412');
    const completed = await complete(first.ETag!);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'conditions', Key: 'k' }));
    assert.equal(head.ETag, completed.ETag);
    assert.equal(
      await failure(s3.send(new DeleteObjectCommand({ Bucket: 'conditions', Key: 'k', IfMatchSize: 99 }))),
      'PreconditionFailed 412',
    );
    assert.equal(
      await failure(s3.send(new DeleteObjectCommand({ Bucket: 'conditions', Key: 'gone', IfMatch: '*' }))),
      'NoSuchKey 404',
    );
    await s3.send(
      new DeleteObjectCommand({
        Bucket: 'conditions',
        Key: 'k',
        IfMatch: completed.ETag,
        IfMatchSize: 1,
        IfMatchLastModifiedTime: head.LastModified,
      }),
    );
    assert.equal(await failure(s3.send(new HeadObjectCommand({ Bucket: 'conditions', Key: 'k' }))), 'NotFound 404');
  });

  it('CORS: preflights answered by the first matching rule, refused otherwise; Access-Control-* on answers', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'cors-bucket' }));
    const preflight = (origin: string, method: string, headers = '') =>
      rawRequest(cloud.endpoint, 'OPTIONS', '/cors-bucket/key', {
        Origin: origin,
        'Access-Control-Request-Method': method,
        ...(headers !== '' ? { 'Access-Control-Request-Headers': headers } : {}),
      });
    const disabled = await preflight('https://app.example.com', 'GET');
    assert.equal(disabled.status, 403);
    assert.match(disabled.body, /<Code>CORSResponse<\/Code><Message>CORS is not enabled for this bucket.<\/Message>/);
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: 'cors-bucket',
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: ['https://*.example.com'],
              AllowedMethods: ['GET', 'PUT'],
              AllowedHeaders: ['content-type', 'x-amz-*'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 600,
            },
          ],
        },
      }),
    );
    const allowed = await preflight('https://app.example.com', 'PUT', 'content-type, x-amz-meta-owner');
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(allowed.headers['access-control-allow-methods'], 'GET, PUT');
    assert.equal(allowed.headers['access-control-allow-headers'], 'content-type, x-amz-meta-owner');
    assert.equal(allowed.headers['access-control-max-age'], '600');
    assert.equal((await preflight('https://evil.test', 'PUT')).status, 403);
    assert.equal((await preflight('https://app.example.com', 'DELETE')).status, 403);
    assert.equal((await preflight('https://app.example.com', 'GET', 'authorization')).status, 403);
    await s3.send(new PutObjectCommand({ Bucket: 'cors-bucket', Key: 'key', Body: 'v' }));
    const read = await rawRequest(cloud.endpoint, 'GET', '/cors-bucket/key', { Origin: 'https://app.example.com' });
    assert.equal(read.body, 'v');
    assert.equal(read.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(read.headers['access-control-expose-headers'], 'ETag');
  });

  it('aws CLI: s3api bucket tagging, policy and encryption', async () => {
    const aws = (...args: string[]) => s3api(cloud, ...args);
    await aws('create-bucket', '--bucket', 'cli-config');
    await aws('put-bucket-tagging', '--bucket', 'cli-config', '--tagging', 'TagSet=[{Key=owner,Value=cli}]');
    assert.deepEqual((await aws('get-bucket-tagging', '--bucket', 'cli-config'))['TagSet'], [
      { Key: 'owner', Value: 'cli' },
    ]);
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: 'arn:aws:s3:::cli-config' }],
    });
    await aws('put-bucket-policy', '--bucket', 'cli-config', '--policy', policy);
    assert.equal((await aws('get-bucket-policy', '--bucket', 'cli-config'))['Policy'], policy);
    assert.deepEqual((await aws('get-bucket-policy-status', '--bucket', 'cli-config'))['PolicyStatus'], {
      IsPublic: false,
    });
    const encryption = (await aws('get-bucket-encryption', '--bucket', 'cli-config'))[
      'ServerSideEncryptionConfiguration'
    ] as { Rules: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: string } }[] };
    assert.equal(encryption.Rules[0]!.ApplyServerSideEncryptionByDefault.SSEAlgorithm, 'AES256');
    await assert.rejects(aws('get-bucket-website', '--bucket', 'cli-config'), /NoSuchWebsiteConfiguration/);
  });
});
