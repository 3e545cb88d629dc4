// Bucket and object ACLs: Put from a canned ACL, grant headers or a document; Get answers the owner and grants
// (the owner's FULL_CONTROL until set). Object ACLs belong to a version, as on S3.
import type { AccessControlPolicy, S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { aclFromRequest, BUCKET_ACL, defaultAcl } from '../accessControl';
import type { ObjectStore } from '../objectStore';
import { bucketOwner } from './bucketHandlers';
import { versionOf } from './objectHandlers';

/** The ACL handlers. */
export function aclHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    PutBucketAcl: (input, context) => {
      store.requireBucket(input.Bucket);
      const acl = aclFromRequest(input, bucketOwner(context.accountId));
      if (!acl) throw missingAcl();
      store.setBucketConfiguration(input.Bucket, BUCKET_ACL, acl);
    },
    GetBucketAcl: (input, context) => {
      const acl =
        store.bucketConfiguration<AccessControlPolicy>(input.Bucket, BUCKET_ACL) ??
        defaultAcl(bucketOwner(context.accountId));
      return { Owner: acl.Owner, Grants: acl.Grants ?? [] };
    },
    PutObjectAcl: (input, context) => {
      const acl = aclFromRequest(input, bucketOwner(context.accountId));
      if (!acl) throw missingAcl();
      store.updateObject(input.Bucket, input.Key, input.VersionId, { acl });
      return {};
    },
    GetObjectAcl: (input, context) => {
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      const acl = object.acl ?? defaultAcl(bucketOwner(context.accountId));
      return { Owner: acl.Owner, Grants: acl.Grants ?? [], ...versionOf(store, input.Bucket, object) };
    },
  };
}

function missingAcl(): AwsError {
  return new AwsError('MissingSecurityHeader', 'Your request was missing a required header', 400, {
    MissingHeaderName: 'x-amz-acl',
  });
}
