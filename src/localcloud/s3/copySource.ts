// The object an `x-amz-copy-source` header names (CopyObject, UploadPartCopy): `bucket/key` or `/bucket/key`,
// URL-encoded, optionally `?versionId=`; its copy-source conditions are checked against it.
import { AwsError } from '../protocol/awsError';
import { evaluateConditions, preconditionFailed, type ObjectConditions } from './objectConditions';
import type { ObjectMetadata, ObjectStore } from './objectStore';

/** The source object with its bytes. */
export interface CopySource {
  bucket: string;
  key: string;
  metadata: ObjectMetadata;
  data: Buffer;
  /** The version the header named. */
  versionId?: string;
}

/** Reads the copy source; NoSuchBucket/NoSuchKey when it is missing, 412 when a condition fails. */
export function copySourceObject(store: ObjectStore, header: string, conditions: ObjectConditions): CopySource {
  const versionMatch = /\?versionId=([^&]*)$/.exec(header);
  const versionId = versionMatch ? decodeURIComponent(versionMatch[1]!) : undefined;
  const withoutVersion = versionMatch ? header.slice(0, versionMatch.index) : header;
  const trimmed = withoutVersion.startsWith('/') ? withoutVersion.slice(1) : withoutVersion;
  const slash = trimmed.indexOf('/');
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(trimmed.slice(0, slash));
    key = decodeURIComponent(trimmed.slice(slash + 1));
  } catch {
    bucket = '';
    key = '';
  }
  if (slash <= 0 || bucket === '' || key === '') {
    throw new AwsError('InvalidArgument', 'Invalid copy source object key', 400, {
      ArgumentName: 'x-amz-copy-source',
      ArgumentValue: header,
    });
  }
  const { metadata, data } = store.getObject(bucket, key, versionId);
  const outcome = evaluateConditions(metadata, conditions, {
    ifMatch: 'x-amz-copy-source-If-Match',
    ifUnmodifiedSince: 'x-amz-copy-source-If-Unmodified-Since',
  });
  // On a copy, a source that has not changed is a failed precondition too (there is nothing to answer 304 to).
  if (outcome === 'notModified') {
    throw preconditionFailed(
      conditions.ifNoneMatch !== undefined ? 'x-amz-copy-source-If-None-Match' : 'x-amz-copy-source-If-Modified-Since',
    );
  }
  return { bucket, key, metadata, data, ...(versionId !== undefined ? { versionId } : {}) };
}
