// UpdateObjectEncryption: moves an existing object (or the version named) from SSE-S3 to SSE-KMS, or to another
// KMS key or Bucket Key setting, in place: ETag, last-modified time, storage class and checksums stay, as on S3.
// SSE-C and DSSE-KMS objects cannot be changed this way, and the key must belong to the bucket owner's account.
import type { S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';

/** The account in a KMS key ARN (`arn:aws:kms:<region>:<account>:key/<id>`). */
const KEY_ACCOUNT = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:(\d{12}):key\//;

/** The handlers. */
export function objectEncryptionHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    UpdateObjectEncryption: (input, context) => {
      const kms = input.ObjectEncryption.SSEKMS;
      if (!kms) {
        throw new AwsError(
          'InvalidRequest',
          'The UpdateObjectEncryption request must specify SSE-KMS as the new encryption type.',
          400,
        );
      }
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      const algorithm = object.encryption?.algorithm;
      if (algorithm === 'SSE-C' || algorithm === 'aws:kms:dsse') {
        throw new AwsError(
          'InvalidRequest',
          'UpdateObjectEncryption is not supported for objects encrypted with SSE-C or DSSE-KMS.',
          400,
        );
      }
      if (KEY_ACCOUNT.exec(kms.KMSKeyArn)?.[1] !== context.accountId) {
        throw new AwsError('AccessDenied', 'Access Denied', 403);
      }
      store.updateObject(input.Bucket, input.Key, input.VersionId, {
        encryption: {
          algorithm: 'aws:kms',
          kmsKeyId: kms.KMSKeyArn,
          ...(kms.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: kms.BucketKeyEnabled } : {}),
        },
      });
      return {};
    },
  };
}
