// Buckets and objects on disk. Object files are named by a hash of the key, never by the key itself, so keys like
// `../../etc/passwd` or `a%2F..%2Fb` cannot reach outside the state directory. Each object is a data file plus a
// metadata document written after it (both atomically): a crash between the two leaves the old object intact and
// an orphan data file that loading removes.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { AwsError } from '../protocol/awsError';
import { removeTemporaryFiles, writeFileAtomic } from '../state/atomicFile';
import { pathInside } from '../state/safeFileName';
import {
  VERSIONING_CONFIGURATION,
  type KeyRecord,
  type ObjectAttributes,
  type ObjectDetails,
  type ObjectMetadata,
} from './objectMetadata';
import {
  checkVersionId,
  idForWrite,
  noSuchVersion,
  versionIdOf,
  withNewest,
  withoutVersion,
  type VersioningState,
} from './objectVersions';

export { VERSIONING_CONFIGURATION, type ObjectAttributes, type ObjectDetails, type ObjectMetadata };

interface BucketState {
  name: string;
  creationDate: number;
  /** The bucket's region (its LocationConstraint); buckets from before regions are in the default region. */
  region: string;
  directory: string;
  /** Each key's current version (keys whose newest version is a delete marker are absent). */
  objects: Map<string, ObjectMetadata>;
  /** Each key's versions and delete markers, newest first. */
  versions: Map<string, ObjectMetadata[]>;
  sortedKeys: string[] | undefined;
  /** Bucket-level configurations (tagging, CORS, policy...) by name; `null` when deleted after a default. */
  configuration: Record<string, unknown>;
}

const CONFIGURATION_FILE = 'configuration.json';
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3 keys are at most 1,024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

/** The S3 state of one local cloud. */
export class ObjectStore {
  private readonly buckets = new Map<string, BucketState>();
  private readonly bucketsDirectory: string;

  constructor(
    private readonly directory: string,
    private readonly logger: Logger,
    /** The region of buckets created without one (and of buckets saved before regions). */
    private readonly defaultRegion = 'us-east-1',
    /** The local cloud's time (epoch milliseconds): creation and modification times, lifecycle ages. */
    readonly now: () => number = Date.now,
  ) {
    this.bucketsDirectory = join(directory, 'buckets');
    mkdirSync(this.bucketsDirectory, { recursive: true });
    this.load();
  }

  listBuckets(): { name: string; creationDate: number; region: string }[] {
    return [...this.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  createBucket(name: string, region = this.defaultRegion): void {
    validateBucketName(name);
    if (this.buckets.has(name)) {
      throw new AwsError(
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        409,
        { BucketName: name },
      );
    }
    const directory = pathInside(this.bucketsDirectory, name);
    mkdirSync(join(directory, 'objects'), { recursive: true });
    const bucket: BucketState = {
      name,
      creationDate: this.now(),
      region,
      directory,
      objects: new Map(),
      versions: new Map(),
      sortedKeys: [],
      configuration: {},
    };
    writeFileAtomic(
      join(directory, 'bucket.json'),
      JSON.stringify({ name, creationDate: bucket.creationDate, region }),
    );
    this.buckets.set(name, bucket);
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  deleteBucket(name: string): void {
    const bucket = this.requireBucket(name);
    // Versions and delete markers count: a versioned bucket is empty only when every version is gone.
    if (bucket.versions.size > 0) {
      throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name });
    }
    this.buckets.delete(name);
    const trash = join(this.directory, `trash-${randomUUID()}`);
    renameSync(bucket.directory, trash);
    rmSync(trash, { recursive: true, force: true });
  }

  /**
   * The object (its current version, or the version named); NoSuchKey when the key has none or its current version
   * is a delete marker, NoSuchVersion for an unknown version, 405 for a delete marker named by its id.
   */
  headObject(bucketName: string, key: string, versionId?: string): ObjectMetadata {
    const bucket = this.requireBucket(bucketName);
    if (versionId === undefined) {
      const object = bucket.objects.get(key);
      if (object) return object;
      const marker = bucket.versions.get(key)?.[0];
      throw noSuchKey(key, marker);
    }
    checkVersionId(versionId);
    const version = bucket.versions.get(key)?.find((entry) => versionIdOf(entry) === versionId);
    if (!version) throw noSuchVersion(key, versionId);
    if (version.deleteMarker) {
      throw new AwsError(
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        405,
        { Method: 'GET', ResourceType: 'DeleteMarker' },
        deleteMarkerHeaders(version),
      );
    }
    return version;
  }

  /** The object's current version, or undefined when the bucket has no such key (or it is deleted). */
  findObject(bucketName: string, key: string): ObjectMetadata | undefined {
    return this.requireBucket(bucketName).objects.get(key);
  }

  /** The object's metadata and bytes (its current version, or the version named). */
  getObject(bucketName: string, key: string, versionId?: string): { metadata: ObjectMetadata; data: Buffer } {
    const metadata = this.headObject(bucketName, key, versionId);
    const bucket = this.requireBucket(bucketName);
    return { metadata, data: readFileSync(pathInside(bucket.directory, 'objects', metadata.dataFile)) };
  }

  /** Writes an object: a new version when versioning is enabled, else it replaces the null version. */
  putObject(
    bucketName: string,
    key: string,
    data: Buffer,
    details: ObjectDetails,
    /** Multipart uploads have an ETag of their own; single PUTs use the MD5 of the bytes. */
    etag?: string,
  ): ObjectMetadata {
    const bucket = this.requireBucket(bucketName);
    validateKey(key);
    const metadata: ObjectMetadata = {
      ...details,
      key,
      size: data.length,
      etag: etag ?? `"${createHash('md5').update(data).digest('hex')}"`,
      lastModified: this.now(),
      dataFile: `${hashKey(key)}-${randomUUID()}.bin`,
      versionId: idForWrite(this.versioning(bucket)),
    };
    writeFileAtomic(pathInside(bucket.directory, 'objects', metadata.dataFile), data);
    this.addVersion(bucket, metadata);
    return metadata;
  }

  /** Changes attributes (tags...) of the current version or the one named, in place; bytes and ETag stay. */
  updateObject(
    bucketName: string,
    key: string,
    versionId: string | undefined,
    attributes: ObjectAttributes,
  ): ObjectMetadata {
    const bucket = this.requireBucket(bucketName);
    const current = this.headObject(bucketName, key, versionId);
    const updated = { ...current, ...attributes };
    const versions = bucket.versions.get(key)!.map((version) => (version === current ? updated : version));
    this.saveVersions(bucket, key, versions);
    return updated;
  }

  /**
   * DeleteObject: without a version id, removes the object (never-versioned bucket) or adds a delete marker; with
   * one, removes that version. Deleting what does not exist succeeds, as on S3.
   */
  deleteObject(bucketName: string, key: string, versionId?: string): { deleteMarker?: boolean; versionId?: string } {
    const bucket = this.requireBucket(bucketName);
    const versions = bucket.versions.get(key) ?? [];
    if (versionId !== undefined) {
      checkVersionId(versionId);
      const without = withoutVersion(versions, versionId);
      if (!without) return { versionId };
      this.saveVersions(bucket, key, without.versions, [without.removed]);
      return { versionId, ...(without.removed.deleteMarker ? { deleteMarker: true } : {}) };
    }
    const state = this.versioning(bucket);
    if (state === undefined) {
      if (versions.length > 0) this.saveVersions(bucket, key, [], versions);
      return {};
    }
    const marker: ObjectMetadata = {
      key,
      size: 0,
      etag: '',
      lastModified: this.now(),
      contentType: '',
      headers: {},
      userMetadata: {},
      checksums: {},
      dataFile: '',
      versionId: idForWrite(state),
      deleteMarker: true,
    };
    this.addVersion(bucket, marker);
    return { deleteMarker: true, versionId: marker.versionId! };
  }

  /** Keys with a current object, in ascending order, for listings. */
  sortedKeys(bucketName: string): string[] {
    const bucket = this.requireBucket(bucketName);
    bucket.sortedKeys ??= [...bucket.objects.keys()].sort();
    return bucket.sortedKeys;
  }

  /** Every key with versions (delete markers too), in ascending order, for ListObjectVersions. */
  sortedVersionedKeys(bucketName: string): string[] {
    return [...this.requireBucket(bucketName).versions.keys()].sort();
  }

  /** A key's versions and delete markers, newest first. */
  versionsOf(bucketName: string, key: string): readonly ObjectMetadata[] {
    return this.requireBucket(bucketName).versions.get(key) ?? [];
  }

  private versioning(bucket: BucketState): VersioningState {
    return (bucket.configuration[VERSIONING_CONFIGURATION] as { Status?: VersioningState } | undefined)?.Status;
  }

  private addVersion(bucket: BucketState, entry: ObjectMetadata): void {
    const { versions, removed } = withNewest(bucket.versions.get(entry.key) ?? [], entry);
    this.saveVersions(bucket, entry.key, versions, removed);
  }

  /** Saves a key's versions (its record file goes with the last), then removes the data of versions dropped. */
  private saveVersions(
    bucket: BucketState,
    key: string,
    versions: ObjectMetadata[],
    removed: ObjectMetadata[] = [],
  ): void {
    const objectsDirectory = join(bucket.directory, 'objects');
    const recordFile = pathInside(objectsDirectory, `${hashKey(key)}.json`);
    if (versions.length === 0) rmSync(recordFile, { force: true });
    else writeFileAtomic(recordFile, JSON.stringify({ key, versions } satisfies KeyRecord));
    for (const version of removed) {
      if (version.dataFile !== '') rmSync(pathInside(objectsDirectory, version.dataFile), { force: true });
    }
    this.index(bucket, key, versions);
  }

  /** Updates the in-memory views of a key: its versions and its current object. */
  private index(bucket: BucketState, key: string, versions: ObjectMetadata[]): void {
    const hadCurrent = bucket.objects.has(key);
    if (versions.length === 0) bucket.versions.delete(key);
    else bucket.versions.set(key, versions);
    const current = versions[0];
    if (current && !current.deleteMarker) bucket.objects.set(key, current);
    else bucket.objects.delete(key);
    if (hadCurrent !== bucket.objects.has(key)) bucket.sortedKeys = undefined;
  }

  /** A bucket configuration: undefined when never set, null when deleted (for those with a default). */
  bucketConfiguration<Value>(bucketName: string, name: string): Value | null | undefined {
    return this.requireBucket(bucketName).configuration[name] as Value | null | undefined;
  }

  /** Sets (or with undefined, forgets) a bucket configuration, saved beside bucket.json. */
  setBucketConfiguration(bucketName: string, name: string, value: unknown): void {
    const bucket = this.requireBucket(bucketName);
    if (value === undefined) delete bucket.configuration[name];
    else bucket.configuration[name] = JSON.parse(JSON.stringify(value)) as unknown;
    writeFileAtomic(join(bucket.directory, CONFIGURATION_FILE), JSON.stringify(bucket.configuration));
  }

  requireBucket(name: string): BucketState {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
    return bucket;
  }

  private load(): void {
    for (const name of readdirSync(this.directory)) {
      if (name.startsWith('trash-')) rmSync(join(this.directory, name), { recursive: true, force: true });
    }
    for (const name of readdirSync(this.bucketsDirectory)) {
      const directory = join(this.bucketsDirectory, name);
      const bucketFile = join(directory, 'bucket.json');
      if (!existsSync(bucketFile)) continue;
      try {
        const saved = JSON.parse(readFileSync(bucketFile, 'utf8')) as {
          name: string;
          creationDate: number;
          region?: string;
        };
        const bucket: BucketState = {
          ...saved,
          region: saved.region ?? this.defaultRegion,
          directory,
          objects: new Map(),
          versions: new Map(),
          sortedKeys: undefined,
          configuration: readConfiguration(directory),
        };
        this.loadObjects(bucket);
        this.buckets.set(saved.name, bucket);
      } catch (error) {
        this.logger.warn(`[localcloud] skipping unreadable bucket folder ${name}: ${String(error)}`);
      }
    }
  }

  private loadObjects(bucket: BucketState): void {
    const objectsDirectory = join(bucket.directory, 'objects');
    mkdirSync(objectsDirectory, { recursive: true });
    removeTemporaryFiles(objectsDirectory);
    const names = readdirSync(objectsDirectory);
    const referenced = new Set<string>();
    for (const name of names.filter((file) => file.endsWith('.json'))) {
      const saved = JSON.parse(readFileSync(join(objectsDirectory, name), 'utf8')) as KeyRecord | ObjectMetadata;
      // Objects saved before versioning are one metadata document: the null version.
      const record: KeyRecord = 'versions' in saved ? saved : { key: saved.key, versions: [saved] };
      this.index(bucket, record.key, record.versions);
      for (const version of record.versions) referenced.add(version.dataFile);
    }
    // Data files no metadata points to: a crash between writing the data and its metadata, or an old version.
    for (const name of names.filter((file) => file.endsWith('.bin') && !referenced.has(file))) {
      rmSync(join(objectsDirectory, name), { force: true });
    }
  }
}

function readConfiguration(directory: string): Record<string, unknown> {
  const file = join(directory, CONFIGURATION_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function validateBucketName(name: string): void {
  if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  }
}

function validateKey(key: string): void {
  if (key === '') throw new AwsError('InvalidArgument', 'Object key must not be empty', 400);
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new AwsError('KeyTooLongError', 'Your key is too long', 400);
  }
}

/** NoSuchKey; when a delete marker hides the key, S3 says so in headers. */
function noSuchKey(key: string, marker: ObjectMetadata | undefined): AwsError {
  return new AwsError(
    'NoSuchKey',
    'The specified key does not exist.',
    404,
    { Key: key },
    marker?.deleteMarker ? deleteMarkerHeaders(marker) : {},
  );
}

function deleteMarkerHeaders(marker: ObjectMetadata): Record<string, string> {
  return {
    'x-amz-delete-marker': 'true',
    'x-amz-version-id': versionIdOf(marker),
    'Last-Modified': new Date(marker.lastModified).toUTCString(),
  };
}
