// The S3 Express One Zone and Object Lambda operations a local S3 can still answer: ListDirectoryBuckets (buckets
// named as directory buckets are, `<base>--<zone id>--x-s3`), CreateSession (the session credentials SDKs fetch
// before calling a directory bucket: the local cloud accepts any credentials, so these only need to look right),
// RenameObject (atomic rename inside a bucket, with its destination and source conditions) and
// WriteGetObjectResponse (an Object Lambda function's answer: accepted, though no access point waits for it).
import { randomBytes } from 'node:crypto';
import type { Bucket, S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';

/** Directory bucket names end with the zone and `--x-s3`. */
const DIRECTORY_BUCKET = /--[a-z0-9-]+--x-s3$/;
/** S3 Express session credentials last five minutes. */
const SESSION_SECONDS = 300;
const MAX_DIRECTORY_BUCKETS = 1000;

function preconditionFailed(condition: string): AwsError {
  return new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: condition,
  });
}

/** The rename's source key: `/bucket/key`, `bucket/key` or the key alone, URL-encoded. */
function sourceKeyOf(bucket: string, renameSource: string): string {
  let source = renameSource;
  try {
    source = decodeURIComponent(renameSource);
  } catch {
    // Not encoded: taken as is.
  }
  source = source.replace(/^\//, '');
  return source.startsWith(`${bucket}/`) ? source.slice(bucket.length + 1) : source;
}

/** The handlers. */
export function expressHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    ListDirectoryBuckets: (input) => {
      const limit = input.MaxDirectoryBuckets ?? MAX_DIRECTORY_BUCKETS;
      const after = input.ContinuationToken ? Buffer.from(input.ContinuationToken, 'base64url').toString('utf8') : '';
      const matching = store
        .listBuckets()
        .filter((bucket) => DIRECTORY_BUCKET.test(bucket.name) && bucket.name > after);
      const page = matching.slice(0, limit);
      const buckets: Bucket[] = page.map((bucket) => ({
        Name: bucket.name,
        CreationDate: new Date(bucket.creationDate),
        BucketRegion: bucket.region,
      }));
      const last = page.at(-1);
      return {
        Buckets: buckets,
        ...(matching.length > page.length && last
          ? { ContinuationToken: Buffer.from(last.name, 'utf8').toString('base64url') }
          : {}),
      };
    },
    CreateSession: (input) => {
      store.requireBucket(input.Bucket);
      return {
        Credentials: {
          AccessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
          SecretAccessKey: randomBytes(30).toString('base64'),
          SessionToken: randomBytes(64).toString('base64'),
          Expiration: new Date(Date.now() + SESSION_SECONDS * 1000),
        },
        ServerSideEncryption: input.ServerSideEncryption ?? 'AES256',
        ...(input.SSEKMSKeyId ? { SSEKMSKeyId: input.SSEKMSKeyId } : {}),
      };
    },
    RenameObject: (input) => {
      const sourceKey = sourceKeyOf(input.Bucket, input.RenameSource);
      const source = store.getObject(input.Bucket, sourceKey);
      if (input.SourceIfMatch !== undefined && input.SourceIfMatch !== source.metadata.etag) {
        throw preconditionFailed('x-amz-rename-source-if-match');
      }
      if (input.SourceIfNoneMatch !== undefined && input.SourceIfNoneMatch === source.metadata.etag) {
        throw preconditionFailed('x-amz-rename-source-if-none-match');
      }
      const destination = store.findObject(input.Bucket, input.Key);
      if (input.DestinationIfNoneMatch === '*' && destination) throw preconditionFailed('If-None-Match');
      if (input.DestinationIfMatch !== undefined && destination?.etag !== input.DestinationIfMatch) {
        throw preconditionFailed('If-Match');
      }
      const {
        key: _key,
        size: _size,
        etag,
        lastModified: _modified,
        dataFile: _file,
        versionId: _version,
        ...details
      } = source.metadata;
      store.putObject(input.Bucket, input.Key, source.data, details, etag);
      store.deleteObject(input.Bucket, sourceKey);
      return {};
    },
    WriteGetObjectResponse: storedOnly(() => undefined),
  };
}
