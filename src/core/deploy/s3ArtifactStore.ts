// The ArtifactStore over S3 with the AWS SDK v3 (the module is passed in: it is loaded on first use, never at
// activation). Works the same against AWS, the local cloud and other S3-compatible endpoints.
import type { S3Client } from '@aws-sdk/client-s3';
import type * as awsClients from '../aws/awsClients';
import { WorkbenchError } from '../errors';
import type { ArtifactStore } from './artifactUploader';

type AwsClientsModule = typeof awsClients;

/** What an S3 store needs: the SDK module, a client for the backend, and the bucket. */
export interface S3ArtifactStoreOptions {
  clients: AwsClientsModule;
  s3: S3Client;
  bucket: string;
  /** `--kms-key-id`: SSE-KMS with this key instead of SSE-S3. */
  kmsKeyId?: string;
  /** Metadata on every object (`--metadata`). */
  metadata?: Record<string, string>;
  /** The client's endpoint when it is not AWS (for path-style URLs). */
  endpoint?: string;
  region: string;
}

interface SdkError {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Creates the store; S3 errors are rethrown as is, except a missing bucket, which gets a hint. */
export function createS3ArtifactStore(options: S3ArtifactStoreOptions): ArtifactStore {
  const { clients, s3, bucket } = options;
  return {
    bucket,
    async exists(key) {
      try {
        await s3.send(new clients.s3.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        const status = (error as SdkError).$metadata?.httpStatusCode;
        // Not there, or no permission to look (awscli then uploads anyway): either way, upload. A 400 answers HEAD
        // without a body (expired credentials, say): the upload's own error then says what is wrong.
        if (status === 404 || status === 403 || status === 400 || (error as SdkError).name === 'NotFound') return false;
        throw error;
      }
    },
    async put(key, body) {
      try {
        await s3.send(
          new clients.s3.PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentLength: body.length,
            ServerSideEncryption: options.kmsKeyId ? 'aws:kms' : 'AES256',
            ...(options.kmsKeyId ? { SSEKMSKeyId: options.kmsKeyId } : {}),
            ...(options.metadata ? { Metadata: options.metadata } : {}),
          }),
        );
      } catch (error) {
        if ((error as SdkError).name === 'NoSuchBucket') {
          throw WorkbenchError.chain(error, `The S3 bucket ${bucket} does not exist`, {
            code: 'NoSuchBucket',
            hint: 'Create it, or leave out --s3-bucket (or pass --resolve-s3) to use the managed bucket.',
          });
        }
        if ((error as SdkError).name === 'AccessDenied') {
          // S3's message is only "Access Denied": say which bucket and which permission.
          const kms = options.kmsKeyId ? ` and kms:GenerateDataKey on the key ${options.kmsKeyId}` : '';
          throw WorkbenchError.chain(error, `Uploading to the S3 bucket ${bucket} was refused (access denied)`, {
            code: 'AccessDenied',
            hint: `The credentials need s3:PutObject on arn:aws:s3:::${bucket}/*${kms}; or name a bucket they can write to (--s3-bucket), or use the managed bucket (--resolve-s3).`,
          });
        }
        throw error;
      }
    },
    objectUrl(key) {
      const encodedKey = key.split('/').map(encodeURIComponent).join('/');
      return `${s3EndpointUrl(options.region, options.endpoint)}/${bucket}/${encodedKey}`;
    },
  };
}

/** The S3 endpoint for path-style URLs: the custom endpoint, else the region's (China regions end in .cn). */
export function s3EndpointUrl(region: string, endpoint?: string): string {
  if (endpoint) return endpoint.replace(/\/+$/, '');
  return `https://s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}
