// Object annotations: named UTF-8 payloads (1 byte to 1 MiB) attached to one version of an object, kept with it
// (a new version starts without any; CopyObject copies them unless its directive says EXCLUDE). Names are 1-512
// bytes and may not start with `aws` or `s3`; an object holds at most 1,000. Writes and deletes can be made
// conditional on the object's ETag (x-amz-object-if-match).
import { createHash } from 'node:crypto';
import type { AnnotationEntry, S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { checksumMembers, checksumsFromInput } from '../objectDetails';
import { etagListMatches, preconditionFailed } from '../objectConditions';
import type { StoredAnnotation } from '../objectMetadata';
import type { ObjectMetadata, ObjectStore } from '../objectStore';
import { versionOf } from './objectHandlers';

const MAX_NAME_BYTES = 512;
const MAX_PAYLOAD_BYTES = 1024 * 1024;
const MAX_ANNOTATIONS = 1000;
const RESERVED_PREFIX = /^(aws|s3)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function checkName(name: string): void {
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) {
    throw new AwsError('AnnotationNameTooLong', 'The annotation name exceeds 512 bytes.', 400);
  }
  if (name === '' || RESERVED_PREFIX.test(name)) {
    throw new AwsError('InvalidAnnotationName', 'The annotation name you provided is invalid.', 400, {
      AnnotationName: name,
    });
  }
}

function payloadText(payload: Uint8Array | undefined): string {
  const bytes = payload ?? new Uint8Array();
  if (bytes.length === 0 || bytes.length > MAX_PAYLOAD_BYTES) {
    throw new AwsError('InvalidRequest', 'The annotation payload must be between 1 byte and 1 MiB.', 400);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new AwsError('UnsupportedMediaType', 'The annotation payload is not valid UTF-8 encoded text.', 415);
  }
}

/** The object's version id as annotation answers name it (x-amz-object-version-id), once versioning is set. */
function objectVersion(store: ObjectStore, bucket: string, object: ObjectMetadata): { ObjectVersionId?: string } {
  const { VersionId } = versionOf(store, bucket, object);
  return VersionId !== undefined ? { ObjectVersionId: VersionId } : {};
}

/** S3 reports annotations encrypted as their object is. */
function encryptionOf(object: ObjectMetadata): string {
  const algorithm = object.encryption?.algorithm;
  return algorithm?.startsWith('aws:kms') ? algorithm : 'AES256';
}

function checkObjectMatch(object: ObjectMetadata, ifMatch: string | undefined): void {
  if (ifMatch !== undefined && !etagListMatches(ifMatch, object.etag)) throw preconditionFailed('If-Match');
}

/** The handlers. */
export function annotationHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    PutObjectAnnotation: (input) => {
      checkName(input.AnnotationName);
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      checkObjectMatch(object, input.ObjectIfMatch);
      const payload = payloadText(input.AnnotationPayload);
      const annotations = { ...object.annotations };
      if (!(input.AnnotationName in annotations) && Object.keys(annotations).length >= MAX_ANNOTATIONS) {
        throw new AwsError(
          'AnnotationLimitExceeded',
          'The request would exceed the maximum number of annotations allowed per object.',
          400,
        );
      }
      const annotation: StoredAnnotation = {
        payload,
        lastModified: store.now(),
        etag: `"${createHash('md5').update(payload, 'utf8').digest('hex')}"`,
        checksums: checksumsFromInput(input),
      };
      annotations[input.AnnotationName] = annotation;
      store.updateObject(input.Bucket, input.Key, input.VersionId, { annotations });
      return {
        Key: input.Key,
        AnnotationName: input.AnnotationName,
        ETag: annotation.etag,
        ServerSideEncryption: encryptionOf(object),
        ...objectVersion(store, input.Bucket, object),
        ...checksumMembers(annotation.checksums),
      };
    },
    GetObjectAnnotation: (input) => {
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      const annotation = object.annotations?.[input.AnnotationName];
      if (!annotation) {
        throw new AwsError('NoSuchAnnotation', 'The specified annotation does not exist on this object.', 404, {
          Key: input.Key,
          AnnotationName: input.AnnotationName,
        });
      }
      const payload = Buffer.from(annotation.payload, 'utf8');
      return {
        AnnotationPayload: payload,
        ContentLength: payload.length,
        ETag: annotation.etag,
        LastModified: new Date(annotation.lastModified),
        ServerSideEncryption: encryptionOf(object),
        ...objectVersion(store, input.Bucket, object),
        ...(input.ChecksumMode === 'ENABLED' ? checksumMembers(annotation.checksums) : {}),
      };
    },
    ListObjectAnnotations: (input) => {
      const prefix = input.AnnotationPrefix ?? '';
      if (Buffer.byteLength(prefix, 'utf8') > MAX_NAME_BYTES) {
        throw new AwsError('InvalidPrefix', 'The annotation prefix you provided is invalid.', 400);
      }
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      const after = startAfter(input.ContinuationToken);
      const limit = input.MaxAnnotationResults ?? MAX_ANNOTATIONS;
      const names = Object.keys(object.annotations ?? {})
        .filter((name) => name.startsWith(prefix) && byBytes(name, after) > 0)
        .sort(byBytes);
      const page = names.slice(0, limit);
      const entries: AnnotationEntry[] = page.map((name) => {
        const annotation = object.annotations![name]!;
        const algorithms = Object.keys(annotation.checksums).map((header) =>
          header.slice('x-amz-checksum-'.length).toUpperCase(),
        );
        return {
          AnnotationName: name,
          LastModified: new Date(annotation.lastModified),
          ETag: annotation.etag,
          Size: Buffer.byteLength(annotation.payload, 'utf8'),
          ...(algorithms.length > 0 ? { ChecksumAlgorithm: algorithms } : {}),
        };
      });
      const last = page.at(-1);
      return {
        Bucket: input.Bucket,
        Key: input.Key,
        ...objectVersion(store, input.Bucket, object),
        ...(entries.length > 0 ? { Annotations: entries } : {}),
        ...(input.AnnotationPrefix !== undefined ? { AnnotationPrefix: input.AnnotationPrefix } : {}),
        MaxAnnotationResults: limit,
        AnnotationCount: entries.length,
        ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
        ...(names.length > page.length && last !== undefined
          ? { NextContinuationToken: Buffer.from(last, 'utf8').toString('base64url') }
          : {}),
      };
    },
    DeleteObjectAnnotation: (input) => {
      const object = store.headObject(input.Bucket, input.Key, input.VersionId);
      checkObjectMatch(object, input.ObjectIfMatch);
      // Deleting an annotation that is not there succeeds, as S3's other deletes do.
      if (object.annotations && input.AnnotationName in object.annotations) {
        const { [input.AnnotationName]: _removed, ...rest } = object.annotations;
        store.updateObject(input.Bucket, input.Key, input.VersionId, { annotations: rest });
      }
      return objectVersion(store, input.Bucket, object);
    },
  };
}

/** The name a continuation token resumes after (the last name of the previous page, base64url). */
function startAfter(token: string | undefined): string {
  if (token === undefined) return '';
  const after = Buffer.from(token, 'base64url').toString('utf8');
  if (token === '' || Buffer.from(after, 'utf8').toString('base64url') !== token) {
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  }
  return after;
}

/** S3 lists names in UTF-8 byte order. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
