// S3 versioning over one key's versions (newest first), as pure functions the store applies: in a bucket that has
// never had versioning, or has it suspended, a write replaces the `null` version; with versioning enabled each
// write adds a version with a new id. A delete without a version id removes the object outright (never versioned)
// or adds a delete marker (enabled: a new id; suspended: the `null` id, replacing any null version); a delete with
// a version id removes that version, delete marker or not.
import { randomBytes } from 'node:crypto';
import { AwsError } from '../protocol/awsError';

/** A bucket's versioning state: never configured, enabled, or suspended. */
export type VersioningState = 'Enabled' | 'Suspended' | undefined;

/** The id of versions written while versioning was off or suspended. */
export const NULL_VERSION = 'null';

/** What the version logic needs of a stored version. */
export interface VersionEntry {
  versionId?: string;
  deleteMarker?: boolean;
}

/** A new version id: 32 URL-safe characters, as S3's. */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

/** The id of an entry (versions stored before versioning have none: they are the null version). */
export function versionIdOf(entry: VersionEntry): string {
  return entry.versionId ?? NULL_VERSION;
}

/** The id a new write gets. */
export function idForWrite(state: VersioningState): string {
  return state === 'Enabled' ? newVersionId() : NULL_VERSION;
}

/**
 * The versions after adding `entry` on top (a write or a delete marker): entries it replaces (the null version
 * unless versioning is enabled) are returned as removed.
 */
export function withNewest<Entry extends VersionEntry>(
  versions: readonly Entry[],
  entry: Entry,
): { versions: Entry[]; removed: Entry[] } {
  if (versionIdOf(entry) !== NULL_VERSION) return { versions: [entry, ...versions], removed: [] };
  const removed = versions.filter((version) => versionIdOf(version) === NULL_VERSION);
  return { versions: [entry, ...versions.filter((version) => versionIdOf(version) !== NULL_VERSION)], removed };
}

/** The versions without the one named; undefined when there is no such version. */
export function withoutVersion<Entry extends VersionEntry>(
  versions: readonly Entry[],
  versionId: string,
): { versions: Entry[]; removed: Entry } | undefined {
  const index = versions.findIndex((version) => versionIdOf(version) === versionId);
  if (index < 0) return undefined;
  return { versions: versions.filter((_, at) => at !== index), removed: versions[index]! };
}

/** Checks the form of a version id a request names (S3 answers InvalidArgument for ids it could not have made). */
export function checkVersionId(versionId: string): void {
  if (versionId === NULL_VERSION) return;
  if (versionId === '' || !/^[A-Za-z0-9._\-+/=]{1,1024}$/.test(versionId)) {
    throw new AwsError('InvalidArgument', 'Invalid version id specified', 400, {
      ArgumentName: 'versionId',
      ArgumentValue: versionId,
    });
  }
}

/** NoSuchVersion, as S3 words it. */
export function noSuchVersion(key: string, versionId: string): AwsError {
  return new AwsError('NoSuchVersion', 'The specified version does not exist.', 404, {
    Key: key,
    VersionId: versionId,
  });
}
