// S3's conditional requests: If-Match / If-Unmodified-Since fail with 412 PreconditionFailed, If-None-Match /
// If-Modified-Since answer 304 Not Modified on reads; the same for CopyObject's x-amz-copy-source-if-* headers.
// Dates compare at whole seconds, the precision of Last-Modified. Also byte ranges (`Range: bytes=a-b`).
import { AwsError } from '../protocol/awsError';
import type { ObjectMetadata } from './objectStore';

/** The conditions a request carries. */
export interface ObjectConditions {
  ifMatch?: string;
  ifNoneMatch?: string;
  ifModifiedSince?: Date;
  ifUnmodifiedSince?: Date;
}

/** Whether a read goes on or answers 304; throws PreconditionFailed (412) for a failed If-Match. */
export function evaluateConditions(
  metadata: ObjectMetadata,
  conditions: ObjectConditions,
  names: { ifMatch: string; ifUnmodifiedSince: string } = {
    ifMatch: 'If-Match',
    ifUnmodifiedSince: 'If-Unmodified-Since',
  },
): 'proceed' | 'notModified' {
  const modified = Math.floor(metadata.lastModified / 1000);
  if (conditions.ifMatch !== undefined) {
    if (!etagListMatches(conditions.ifMatch, metadata.etag)) throw preconditionFailed(names.ifMatch);
  } else if (conditions.ifUnmodifiedSince && modified > seconds(conditions.ifUnmodifiedSince)) {
    throw preconditionFailed(names.ifUnmodifiedSince);
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagListMatches(conditions.ifNoneMatch, metadata.etag)) return 'notModified';
  } else if (conditions.ifModifiedSince && modified <= seconds(conditions.ifModifiedSince)) {
    return 'notModified';
  }
  return 'proceed';
}

/** True when a comma-separated list of entity tags (quoted or not, or `*`) names the object's. */
export function etagListMatches(list: string, etag: string): boolean {
  return list.split(',').some((tag) => {
    const bare = tag.trim().replace(/^W\//, '');
    return bare === '*' || `"${bare.replace(/^"|"$/g, '')}"` === etag;
  });
}

/**
 * Conditional writes (PutObject, CopyObject, CompleteMultipartUpload): If-None-Match (`*`: no object may exist) and
 * If-Match (the current object's ETag; NoSuchKey when there is none) against the key's current object.
 */
export function checkWriteConditions(
  existing: ObjectMetadata | undefined,
  key: string,
  conditions: { IfMatch?: string; IfNoneMatch?: string },
): void {
  if (conditions.IfNoneMatch !== undefined && existing && etagListMatches(conditions.IfNoneMatch, existing.etag)) {
    throw preconditionFailed('If-None-Match');
  }
  if (conditions.IfMatch !== undefined) {
    if (!existing) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
    if (!etagListMatches(conditions.IfMatch, existing.etag)) throw preconditionFailed('If-Match');
  }
}

/** Conditional deletes: the current object's ETag, last-modified time and size must be those named. */
export function checkDeleteConditions(
  existing: ObjectMetadata | undefined,
  key: string,
  conditions: { IfMatch?: string; IfMatchLastModifiedTime?: Date; IfMatchSize?: number },
): void {
  const { IfMatch, IfMatchLastModifiedTime, IfMatchSize } = conditions;
  if (IfMatch === undefined && IfMatchLastModifiedTime === undefined && IfMatchSize === undefined) return;
  if (!existing) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  if (IfMatch !== undefined && !etagListMatches(IfMatch, existing.etag)) throw preconditionFailed('If-Match');
  if (IfMatchLastModifiedTime && Math.floor(existing.lastModified / 1000) !== seconds(IfMatchLastModifiedTime)) {
    throw preconditionFailed('x-amz-if-match-last-modified-time');
  }
  if (IfMatchSize !== undefined && existing.size !== IfMatchSize) throw preconditionFailed('x-amz-if-match-size');
}

export function preconditionFailed(condition: string): AwsError {
  return new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: condition,
  });
}

/** The byte range a `Range` header asks for; undefined for none (or one S3 ignores); 416 when unsatisfiable. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: header ?? '',
      ActualObjectSize: String(size),
    });
  }
  return { start, end };
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * The bytes of part `partNumber` (GetObject/HeadObject `partNumber`): an object not uploaded in parts is one part.
 * S3 refuses a part beyond the last (416 InvalidPartNumber) and a part number with a Range.
 */
export function partRange(
  partNumber: number,
  partSizes: readonly number[] | undefined,
  size: number,
  range: string | undefined,
): { start: number; end: number; count: number } {
  if (range !== undefined) {
    throw new AwsError('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter', 400);
  }
  const sizes = partSizes ?? [size];
  if (partNumber > sizes.length) {
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, {
      PartNumberRequested: String(partNumber),
      ActualPartCount: String(sizes.length),
    });
  }
  const start = sizes.slice(0, partNumber - 1).reduce((total, part) => total + part, 0);
  return { start, end: start + sizes[partNumber - 1]! - 1, count: sizes.length };
}
