// What the object store keeps per object version (metadata beside the bytes) and per key (its versions), as
// saved on disk; what can change on a version in place (tags, ACL, locks, restores).
import type { AccessControlPolicy } from '../models/generated/s3';
import type { StoredRetention } from './objectLock';

/** What S3 keeps about an object besides its bytes. */
export interface ObjectMetadata {
  key: string;
  size: number;
  /** Quoted MD5 hex, as S3 sends it. */
  etag: string;
  /** Epoch milliseconds. */
  lastModified: number;
  contentType: string;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires as sent. */
  headers: Record<string, string>;
  /** User metadata (`x-amz-meta-*`), keys lower-cased without the prefix. */
  userMetadata: Record<string, string>;
  /** `x-amz-checksum-*` values the client computed, echoed back on request. */
  checksums: Record<string, string>;
  /** The data file's name inside the bucket's objects folder. */
  dataFile: string;
  /** Object tags (x-amz-tagging, PutObjectTagging). */
  tags?: { Key: string; Value: string }[];
  /** The ACL set on upload or by PutObjectAcl (the owner's FULL_CONTROL when absent). */
  acl?: AccessControlPolicy;
  /** Object Lock retention of this version. */
  retention?: StoredRetention;
  /** Object Lock legal hold (ON / OFF). */
  legalHold?: string;
  /** The storage class, when not STANDARD. */
  storageClass?: string;
  /** A restore from an archive storage class: when the restored copy expires (epoch milliseconds). */
  restoredUntil?: number;
  /** Server-side encryption asked for on upload (or the bucket's default), when not SSE-S3. */
  encryption?: { algorithm: string; kmsKeyId?: string; bucketKeyEnabled?: boolean; customerKeyMd5?: string };
  /** The part sizes of an object completed from a multipart upload (GetObject/HeadObject partNumber). */
  partSizes?: number[];
  /** Annotations (PutObjectAnnotation) by name: UTF-8 payloads attached to this version. */
  annotations?: Record<string, StoredAnnotation>;
  /** The version id (`null` for versions written without versioning; absent in objects saved before it). */
  versionId?: string;
  /** A delete marker: a version without data that hides the key. */
  deleteMarker?: boolean;
}

/** One object annotation. */
export interface StoredAnnotation {
  payload: string;
  /** Epoch milliseconds. */
  lastModified: number;
  /** Quoted MD5 hex of the payload. */
  etag: string;
  /** `x-amz-checksum-*` values sent with it. */
  checksums: Record<string, string>;
}

/** One key's file: its versions, newest first. */
export interface KeyRecord {
  key: string;
  versions: ObjectMetadata[];
}

/** The configuration name under which the versioning state is stored. */
export const VERSIONING_CONFIGURATION = 'versioning';

/** What an upload says about its object (everything but what the store computes). */
export type ObjectDetails = Omit<
  ObjectMetadata,
  'key' | 'size' | 'etag' | 'lastModified' | 'dataFile' | 'versionId' | 'deleteMarker'
>;

/** What can change on a stored object without writing it again (tags, ACL, retention...). */
export type ObjectAttributes = Partial<
  Pick<ObjectMetadata, 'tags' | 'acl' | 'retention' | 'legalHold' | 'restoredUntil' | 'annotations' | 'encryption'>
>;
