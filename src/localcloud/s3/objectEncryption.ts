// Server-side encryption as S3 reports it (bytes are stored as sent: encryption at rest cannot happen locally):
// SSE-S3 (AES256) unless the upload or the bucket's default encryption asks for KMS; SSE-C uploads echo their
// algorithm and key MD5, and reading them back requires the key headers again, as on S3.
import { AwsError } from '../protocol/awsError';
import type { ObjectMetadata } from './objectStore';

/** What an upload says about encryption. */
export interface EncryptionRequest {
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
  SSECustomerAlgorithm?: string;
  SSECustomerKeyMD5?: string;
}

/** A bucket's default encryption document, as stored. */
export interface BucketEncryption {
  Rules?: {
    ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string };
    BucketKeyEnabled?: boolean;
  }[];
}

type StoredEncryption = NonNullable<ObjectMetadata['encryption']>;

/** The encryption an upload gets; undefined for SSE-S3. */
export function encryptionForUpload(
  request: EncryptionRequest,
  bucketDefault: BucketEncryption | null | undefined,
  kmsDefaultKey: string,
): StoredEncryption | undefined {
  if (request.SSECustomerAlgorithm !== undefined) {
    if (request.SSECustomerAlgorithm !== 'AES256') {
      throw new AwsError(
        'InvalidEncryptionAlgorithmError',
        'The Encryption request you specified is not valid. Supported value: AES256.',
        400,
        {
          ArgumentName: 'x-amz-server-side-encryption-customer-algorithm',
          ArgumentValue: request.SSECustomerAlgorithm,
        },
      );
    }
    return { algorithm: 'SSE-C', customerKeyMd5: request.SSECustomerKeyMD5 };
  }
  const rule = bucketDefault?.Rules?.[0];
  const algorithm = request.ServerSideEncryption ?? rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? 'AES256';
  if (request.SSEKMSKeyId !== undefined && !algorithm.startsWith('aws:kms')) {
    throw new AwsError(
      'InvalidArgument',
      'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
      400,
    );
  }
  if (!algorithm.startsWith('aws:kms')) return undefined;
  const fromBucket =
    request.ServerSideEncryption === undefined ||
    request.ServerSideEncryption === rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm;
  const kmsKeyId =
    request.SSEKMSKeyId ??
    (fromBucket ? rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID : undefined) ??
    kmsDefaultKey;
  const bucketKeyEnabled = request.BucketKeyEnabled ?? (fromBucket ? rule?.BucketKeyEnabled : undefined);
  return { algorithm, kmsKeyId, ...(bucketKeyEnabled !== undefined ? { bucketKeyEnabled } : {}) };
}

/** The encryption members GetObject, HeadObject, PutObject and CopyObject answer. */
export function encryptionMembers(metadata: Pick<ObjectMetadata, 'encryption'>): {
  ServerSideEncryption?: string;
  SSEKMSKeyId?: string;
  BucketKeyEnabled?: boolean;
  SSECustomerAlgorithm?: string;
  SSECustomerKeyMD5?: string;
} {
  const encryption = metadata.encryption;
  if (!encryption) return { ServerSideEncryption: 'AES256' };
  if (encryption.algorithm === 'SSE-C') {
    return {
      SSECustomerAlgorithm: 'AES256',
      ...(encryption.customerKeyMd5 !== undefined ? { SSECustomerKeyMD5: encryption.customerKeyMd5 } : {}),
    };
  }
  return {
    ServerSideEncryption: encryption.algorithm,
    ...(encryption.kmsKeyId !== undefined ? { SSEKMSKeyId: encryption.kmsKeyId } : {}),
    ...(encryption.bucketKeyEnabled !== undefined ? { BucketKeyEnabled: encryption.bucketKeyEnabled } : {}),
  };
}

/** Reading an SSE-C object needs its key headers (the bytes are not encrypted locally; the MD5 is compared). */
export function checkCustomerKey(metadata: ObjectMetadata, request: EncryptionRequest): void {
  if (metadata.encryption?.algorithm !== 'SSE-C') return;
  if (request.SSECustomerAlgorithm === undefined) {
    throw new AwsError(
      'InvalidRequest',
      'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.',
      400,
    );
  }
  const expected = metadata.encryption.customerKeyMd5;
  if (expected !== undefined && request.SSECustomerKeyMD5 !== undefined && expected !== request.SSECustomerKeyMD5) {
    throw new AwsError('AccessDenied', 'Access Denied', 403);
  }
}

/** The ARN of the AWS managed key S3 uses when KMS encryption names no key. */
export function awsManagedKey(region: string, accountId: string): string {
  return `arn:aws:kms:${region}:${accountId}:alias/aws/s3`;
}
