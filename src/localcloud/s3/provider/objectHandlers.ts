// Objects: put (with If-None-Match / If-Match conditional writes), get and head (ranges, conditions, response-*
// overrides, checksums on request), delete one or many, and copy (metadata copied or replaced).
import type {
  DeletedObject,
  Error as S3Error,
  GetObjectOutput,
  HeadObjectRequest,
  S3Operations,
} from '../../models/generated/s3';
import { AwsError, isAwsError } from '../../protocol/awsError';
import type { RequestContext, ServiceProvider } from '../../protocol/modelService';
import { copySourceObject } from '../copySource';
import { expirationMember } from '../lifecycleSweep';
import {
  byteRange,
  checkDeleteConditions,
  checkWriteConditions,
  evaluateConditions,
  partRange,
} from '../objectConditions';
import { asBuffer, checksumMembers, detailsFromInput, storedHeaders, type ObjectDescription } from '../objectDetails';
import {
  awsManagedKey,
  checkCustomerKey,
  encryptionForUpload,
  encryptionMembers,
  type BucketEncryption,
  type EncryptionRequest,
} from '../objectEncryption';
import { checkUnlocked, lockForUpload, lockMembers, OBJECT_LOCK_CONFIGURATION, type LockRequest } from '../objectLock';
import { aclFromRequest, type AclRequest } from '../accessControl';
import type { ObjectDetails, ObjectMetadata, ObjectStore } from '../objectStore';
import { versionIdOf } from '../objectVersions';
import { versioningStatus } from './bucketConfigurationSpecs';
import { bucketOwner } from './bucketHandlers';
import { checkReadable, restoreHeader } from './objectAttributesHandlers';

/** DeleteObjects takes at most 1,000 keys. */
const MAX_DELETE_KEYS = 1000;

/** The object handlers. */
export function objectHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    PutObject: (input, context) => {
      store.requireBucket(input.Bucket);
      checkWriteConditions(store.findObject(input.Bucket, input.Key), input.Key, input);
      const details = uploadDetails(store, input, context);
      const metadata = store.putObject(input.Bucket, input.Key, asBuffer(input.Body), details);
      return {
        ETag: metadata.etag,
        ...encryptionMembers(metadata),
        ...versionOf(store, input.Bucket, metadata),
        ...expirationMember(store, input.Bucket, metadata),
        ...checksumMembers(details.checksums),
      };
    },
    GetObject: (input, context) => readObject(store, input, context, true),
    HeadObject: (input, context) => readObject(store, input, context, false),
    DeleteObject: (input) => {
      if (input.VersionId === undefined)
        checkDeleteConditions(store.findObject(input.Bucket, input.Key), input.Key, input);
      guardVersion(store, input.Bucket, input.Key, input.VersionId, input.BypassGovernanceRetention === true);
      const deleted = store.deleteObject(input.Bucket, input.Key, input.VersionId);
      return {
        ...(deleted.deleteMarker ? { DeleteMarker: true } : {}),
        ...(deleted.versionId !== undefined ? { VersionId: deleted.versionId } : {}),
      };
    },
    DeleteObjects: (input) => {
      store.requireBucket(input.Bucket);
      const objects = input.Delete.Objects ?? [];
      if (objects.length === 0 || objects.length > MAX_DELETE_KEYS) {
        throw new AwsError(
          'MalformedXML',
          'The XML you provided was not well-formed or did not validate against our published schema.',
          400,
        );
      }
      const deleted: DeletedObject[] = [];
      const errors: S3Error[] = [];
      for (const object of objects) {
        try {
          if (object.VersionId === undefined) {
            checkDeleteConditions(store.findObject(input.Bucket, object.Key), object.Key, {
              IfMatch: object.ETag,
              IfMatchLastModifiedTime: object.LastModifiedTime,
              IfMatchSize: object.Size,
            });
          }
          guardVersion(store, input.Bucket, object.Key, object.VersionId, input.BypassGovernanceRetention === true);
          const outcome = store.deleteObject(input.Bucket, object.Key, object.VersionId);
          deleted.push({
            Key: object.Key,
            ...(object.VersionId !== undefined ? { VersionId: object.VersionId } : {}),
            ...(outcome.deleteMarker ? { DeleteMarker: true } : {}),
            ...(outcome.deleteMarker ? { DeleteMarkerVersionId: outcome.versionId } : {}),
          });
        } catch (error) {
          if (!isAwsError(error)) throw error;
          errors.push({ Key: object.Key, VersionId: object.VersionId, Code: error.code, Message: error.message });
        }
      }
      return {
        ...(input.Delete.Quiet || deleted.length === 0 ? {} : { Deleted: deleted }),
        ...(errors.length > 0 ? { Errors: errors } : {}),
      };
    },
    CopyObject: (input, context) => {
      const source = copySourceObject(store, input.CopySource, {
        ifMatch: input.CopySourceIfMatch,
        ifNoneMatch: input.CopySourceIfNoneMatch,
        ifModifiedSince: input.CopySourceIfModifiedSince,
        ifUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
      });
      store.requireBucket(input.Bucket);
      checkWriteConditions(store.findObject(input.Bucket, input.Key), input.Key, input);
      const replace = input.MetadataDirective === 'REPLACE';
      const sameObject = source.bucket === input.Bucket && source.key === input.Key;
      const changesNothing =
        !replace &&
        input.StorageClass === undefined &&
        input.WebsiteRedirectLocation === undefined &&
        input.ServerSideEncryption === undefined &&
        input.SSECustomerAlgorithm === undefined;
      if (sameObject && changesNothing) {
        throw new AwsError(
          'InvalidRequest',
          "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
          400,
        );
      }
      const { metadata, data } = source;
      const { tags: replacedTags, ...replaced } = detailsFromInput(input);
      const details = replace
        ? replaced
        : {
            contentType: metadata.contentType,
            headers: { ...metadata.headers },
            userMetadata: { ...metadata.userMetadata },
            checksums: { ...metadata.checksums },
          };
      // Tags follow their own directive: copied unless TaggingDirective is REPLACE.
      const tags = input.TaggingDirective === 'REPLACE' ? replacedTags : metadata.tags;
      if (tags && tags.length > 0) Object.assign(details, { tags });
      // Annotations are copied unless the directive says EXCLUDE.
      if (input.AnnotationDirective !== 'EXCLUDE' && metadata.annotations) {
        Object.assign(details, { annotations: metadata.annotations });
      }
      checkReadable(metadata);
      checkCustomerKey(metadata, {
        SSECustomerAlgorithm: input.CopySourceSSECustomerAlgorithm,
        SSECustomerKeyMD5: input.CopySourceSSECustomerKeyMD5,
      });
      const { storageClass: _copiedClass, ...kept } = details;
      const copied = store.putObject(input.Bucket, input.Key, data, {
        ...withAcl(kept, input, context),
        ...protection(store, input, context),
        ...(input.StorageClass !== undefined && input.StorageClass !== 'STANDARD'
          ? { storageClass: input.StorageClass }
          : {}),
      });
      return {
        CopyObjectResult: { ETag: copied.etag, LastModified: new Date(copied.lastModified) },
        ...encryptionMembers(copied),
        ...versionOf(store, input.Bucket, copied),
        ...expirationMember(store, input.Bucket, copied),
        ...(source.versionId !== undefined ? { CopySourceVersionId: source.versionId } : {}),
      };
    },
  };
}

/** GetObject and HeadObject: the same headers; GET sends the bytes (or the range) too. */
function readObject(
  store: ObjectStore,
  input: HeadObjectRequest,
  context: RequestContext,
  withBody: boolean,
): GetObjectOutput {
  const metadata = store.headObject(input.Bucket, input.Key, input.VersionId);
  checkCustomerKey(metadata, input);
  if (withBody) checkReadable(metadata);
  const conditions = evaluateConditions(metadata, {
    ifMatch: input.IfMatch,
    ifNoneMatch: input.IfNoneMatch,
    ifModifiedSince: input.IfModifiedSince,
    ifUnmodifiedSince: input.IfUnmodifiedSince,
  });
  const lastModified = new Date(metadata.lastModified);
  if (conditions === 'notModified') {
    context.reply.status = 304;
    return { ETag: metadata.etag, LastModified: lastModified, ...versionOf(store, input.Bucket, metadata) };
  }
  Object.assign(context.reply.headers, storedHeaders(metadata, input));
  const part =
    input.PartNumber !== undefined
      ? partRange(input.PartNumber, metadata.partSizes, metadata.size, input.Range)
      : undefined;
  const range = part ?? byteRange(input.Range, metadata.size);
  const output: GetObjectOutput = {
    ETag: metadata.etag,
    LastModified: lastModified,
    AcceptRanges: 'bytes',
    ContentLength: range ? range.end - range.start + 1 : metadata.size,
    ...encryptionMembers(metadata),
    ...(metadata.storageClass !== undefined ? { StorageClass: metadata.storageClass } : {}),
    ...(metadata.restoredUntil !== undefined ? { Restore: restoreHeader(metadata) } : {}),
    ...versionOf(store, input.Bucket, metadata),
    ...expirationMember(store, input.Bucket, metadata),
    ...lockMembers(metadata),
    ...(Object.keys(metadata.userMetadata).length > 0 ? { Metadata: metadata.userMetadata } : {}),
    ...(metadata.tags && metadata.tags.length > 0 ? { TagCount: metadata.tags.length } : {}),
    // A checksum covers the whole object: none for a range.
    ...(input.ChecksumMode === 'ENABLED' && !range ? checksumMembers(metadata.checksums) : {}),
  };
  if (part && metadata.partSizes) output.PartsCount = part.count;
  if (range) {
    output.ContentRange = `bytes ${range.start}-${range.end}/${metadata.size}`;
    context.reply.status = 206;
  }
  if (withBody) {
    const { data } = store.getObject(input.Bucket, input.Key, input.VersionId);
    output.Body = range ? data.subarray(range.start, range.end + 1) : data;
  }
  return output;
}

/** The VersionId member S3 answers once a bucket has had versioning configured (`null` for unversioned writes). */
export function versionOf(store: ObjectStore, bucket: string, object: ObjectMetadata): { VersionId?: string } {
  return versioningStatus(store, bucket) === undefined ? {} : { VersionId: versionIdOf(object) };
}

/** The details with the ACL the request sets (canned, grant headers), if any. */
export function withAcl(details: ObjectDetails, request: AclRequest, context: RequestContext): ObjectDetails {
  const acl = aclFromRequest(request, bucketOwner(context.accountId));
  return acl ? { ...details, acl } : details;
}

/** What an upload (PutObject, CreateMultipartUpload) stores besides its bytes: details, ACL, Object Lock. */
export function uploadDetails(
  store: ObjectStore,
  input: ObjectDescription & AclRequest & LockRequest & EncryptionRequest & { Bucket: string },
  context: RequestContext,
): ObjectDetails {
  return { ...withAcl(detailsFromInput(input), input, context), ...protection(store, input, context) };
}

/** An upload's Object Lock and encryption (its headers, else the bucket's defaults). */
function protection(
  store: ObjectStore,
  input: LockRequest & EncryptionRequest & { Bucket: string },
  context: RequestContext,
): Pick<ObjectDetails, 'retention' | 'legalHold' | 'encryption'> {
  const encryption = encryptionForUpload(
    input,
    store.bucketConfiguration<BucketEncryption>(input.Bucket, 'encryption'),
    awsManagedKey(context.region, context.accountId),
  );
  return {
    ...lockForUpload(input, store.bucketConfiguration(input.Bucket, OBJECT_LOCK_CONFIGURATION)),
    ...(encryption ? { encryption } : {}),
  };
}

/** A version under retention or legal hold cannot be deleted by id (AccessDenied). */
function guardVersion(
  store: ObjectStore,
  bucket: string,
  key: string,
  versionId: string | undefined,
  bypassGovernance: boolean,
): void {
  if (versionId === undefined) return;
  const version = store.versionsOf(bucket, key).find((entry) => versionIdOf(entry) === versionId);
  if (version) checkUnlocked(version, bypassGovernance);
}
