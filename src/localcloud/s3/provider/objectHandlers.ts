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
import { byteRange, etagListMatches, evaluateConditions, preconditionFailed } from '../objectConditions';
import { asBuffer, checksumMembers, detailsFromInput, storedHeaders } from '../objectDetails';
import type { ObjectMetadata, ObjectStore } from '../objectStore';
import { versionIdOf } from '../objectVersions';
import { versioningStatus } from './bucketConfigurationSpecs';

/** S3 encrypts every object at rest with S3-managed keys (SSE-S3) unless told otherwise. */
const DEFAULT_ENCRYPTION = 'AES256';
/** DeleteObjects takes at most 1,000 keys. */
const MAX_DELETE_KEYS = 1000;

/** The object handlers. */
export function objectHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    PutObject: (input) => {
      store.requireBucket(input.Bucket);
      const existing = store.findObject(input.Bucket, input.Key);
      if (input.IfNoneMatch !== undefined && existing && etagListMatches(input.IfNoneMatch, existing.etag)) {
        throw preconditionFailed('If-None-Match');
      }
      if (input.IfMatch !== undefined) {
        if (!existing) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: input.Key });
        if (!etagListMatches(input.IfMatch, existing.etag)) throw preconditionFailed('If-Match');
      }
      const details = detailsFromInput(input);
      const metadata = store.putObject(input.Bucket, input.Key, asBuffer(input.Body), details);
      return {
        ETag: metadata.etag,
        ServerSideEncryption: DEFAULT_ENCRYPTION,
        ...versionOf(store, input.Bucket, metadata),
        ...checksumMembers(details.checksums),
      };
    },
    GetObject: (input, context) => readObject(store, input, context, true),
    HeadObject: (input, context) => readObject(store, input, context, false),
    DeleteObject: (input) => {
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
    CopyObject: (input) => {
      const source = copySourceObject(store, input.CopySource, {
        ifMatch: input.CopySourceIfMatch,
        ifNoneMatch: input.CopySourceIfNoneMatch,
        ifModifiedSince: input.CopySourceIfModifiedSince,
        ifUnmodifiedSince: input.CopySourceIfUnmodifiedSince,
      });
      store.requireBucket(input.Bucket);
      const replace = input.MetadataDirective === 'REPLACE';
      const sameObject = source.bucket === input.Bucket && source.key === input.Key;
      if (sameObject && !replace && input.StorageClass === undefined && input.WebsiteRedirectLocation === undefined) {
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
      const copied = store.putObject(input.Bucket, input.Key, data, details);
      return {
        CopyObjectResult: { ETag: copied.etag, LastModified: new Date(copied.lastModified) },
        ServerSideEncryption: DEFAULT_ENCRYPTION,
        ...versionOf(store, input.Bucket, copied),
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
  const range = byteRange(input.Range, metadata.size);
  const output: GetObjectOutput = {
    ETag: metadata.etag,
    LastModified: lastModified,
    AcceptRanges: 'bytes',
    ContentLength: range ? range.end - range.start + 1 : metadata.size,
    ServerSideEncryption: DEFAULT_ENCRYPTION,
    ...versionOf(store, input.Bucket, metadata),
    ...(Object.keys(metadata.userMetadata).length > 0 ? { Metadata: metadata.userMetadata } : {}),
    ...(metadata.tags && metadata.tags.length > 0 ? { TagCount: metadata.tags.length } : {}),
    // A checksum covers the whole object: none for a range.
    ...(input.ChecksumMode === 'ENABLED' && !range ? checksumMembers(metadata.checksums) : {}),
  };
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
