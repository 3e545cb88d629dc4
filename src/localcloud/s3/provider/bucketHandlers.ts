// Buckets: create (in the region its LocationConstraint names, else the one the client signed for, with S3's
// refusals of constraints that do not fit the endpoint's region, and us-east-1's idempotent re-create), head,
// delete, location, and ListBuckets with its prefix, region filter and paging.
import { createHash } from 'node:crypto';
import type { Bucket, Owner, S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { aclFromRequest, BUCKET_ACL } from '../accessControl';
import type { ObjectStore } from '../objectStore';
import { OBJECT_LOCK, OWNERSHIP, VERSIONING } from './bucketConfigurationSpecs';

/** ListBuckets answers at most 10,000 buckets a page. */
const MAX_BUCKETS = 10_000;

/** The bucket owner: S3's canonical user id is 64 hex digits; the local cloud derives it from the account. */
export function bucketOwner(accountId: string): Owner {
  return { ID: createHash('sha256').update(`local-cloud:${accountId}`).digest('hex'), DisplayName: 'local' };
}

/**
 * The region a new bucket goes to. An endpoint other than us-east-1 creates buckets only in its own region, and
 * wants it named (S3's IllegalLocationConstraintException); us-east-1 takes any constraint.
 */
function bucketRegion(constraint: string | undefined, endpointRegion: string): string {
  if (endpointRegion === 'us-east-1' || constraint === endpointRegion) return constraint || endpointRegion;
  throw new AwsError(
    'IllegalLocationConstraintException',
    `The ${constraint ? constraint : 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    400,
  );
}

/** The bucket handlers. */
export function bucketHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    CreateBucket: (input, context) => {
      const region = bucketRegion(input.CreateBucketConfiguration?.LocationConstraint, context.region);
      // us-east-1 keeps S3's legacy answer to re-creating a bucket one owns there: 200, the ACL reset.
      const recreated = region === 'us-east-1' && store.hasBucket(input.Bucket);
      if (!recreated || store.requireBucket(input.Bucket).region !== region) store.createBucket(input.Bucket, region);
      const acl = aclFromRequest(input, bucketOwner(context.accountId));
      if (acl) store.setBucketConfiguration(input.Bucket, BUCKET_ACL, acl);
      if (input.ObjectOwnership !== undefined) {
        store.setBucketConfiguration(input.Bucket, OWNERSHIP, { Rules: [{ ObjectOwnership: input.ObjectOwnership }] });
      }
      if (input.ObjectLockEnabledForBucket) {
        store.setBucketConfiguration(input.Bucket, VERSIONING, { Status: 'Enabled' });
        store.setBucketConfiguration(input.Bucket, OBJECT_LOCK, { ObjectLockEnabled: 'Enabled' });
      }
      return { Location: `/${input.Bucket}`, BucketArn: `arn:aws:s3:::${input.Bucket}` };
    },
    HeadBucket: (input) => {
      const bucket = store.requireBucket(input.Bucket);
      return { BucketRegion: bucket.region, AccessPointAlias: false };
    },
    DeleteBucket: (input) => {
      store.deleteBucket(input.Bucket);
    },
    GetBucketLocation: (input) => {
      const { region } = store.requireBucket(input.Bucket);
      // us-east-1 is the empty constraint, as S3 has always answered it.
      return region === 'us-east-1' ? {} : { LocationConstraint: region };
    },
    ListBuckets: (input, context) => {
      const maxBuckets = input.MaxBuckets ?? MAX_BUCKETS;
      if (maxBuckets < 1 || maxBuckets > MAX_BUCKETS) {
        throw new AwsError('InvalidArgument', 'Argument max-buckets must be an integer between 1 and 10000.', 400, {
          ArgumentName: 'max-buckets',
          ArgumentValue: String(maxBuckets),
        });
      }
      const after = continuationStart(input.ContinuationToken);
      const prefix = input.Prefix ?? '';
      const matching = store
        .listBuckets()
        .filter((bucket) => bucket.name.startsWith(prefix) && bucket.name > after)
        .filter((bucket) => input.BucketRegion === undefined || bucket.region === input.BucketRegion);
      const page = matching.slice(0, maxBuckets);
      const buckets: Bucket[] = page.map((bucket) => ({
        Name: bucket.name,
        CreationDate: new Date(bucket.creationDate),
        BucketRegion: bucket.region,
        BucketArn: `arn:aws:s3:::${bucket.name}`,
      }));
      const truncated = matching.length > page.length;
      return {
        Buckets: buckets,
        Owner: bucketOwner(context.accountId),
        ...(input.Prefix !== undefined ? { Prefix: input.Prefix } : {}),
        ...(truncated ? { ContinuationToken: Buffer.from(page.at(-1)!.name).toString('base64url') } : {}),
      };
    },
  };
}

function continuationStart(token: string | undefined): string {
  if (token === undefined) return '';
  const name = Buffer.from(token, 'base64url').toString('utf8');
  if (token === '' || Buffer.from(name).toString('base64url') !== token) {
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
    });
  }
  return name;
}
