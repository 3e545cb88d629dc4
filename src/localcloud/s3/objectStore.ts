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
}

/** What an upload says about its object (everything but what the store computes). */
export type ObjectDetails = Omit<ObjectMetadata, 'key' | 'size' | 'etag' | 'lastModified' | 'dataFile'>;

/** What can change on a stored object without writing it again (tags, ACL, retention...). */
export type ObjectAttributes = Pick<ObjectMetadata, 'tags'>;

interface BucketState {
  name: string;
  creationDate: number;
  /** The bucket's region (its LocationConstraint); buckets from before regions are in the default region. */
  region: string;
  directory: string;
  objects: Map<string, ObjectMetadata>;
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
      creationDate: Date.now(),
      region,
      directory,
      objects: new Map(),
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
    if (bucket.objects.size > 0) {
      throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name });
    }
    this.buckets.delete(name);
    const trash = join(this.directory, `trash-${randomUUID()}`);
    renameSync(bucket.directory, trash);
    rmSync(trash, { recursive: true, force: true });
  }

  headObject(bucketName: string, key: string): ObjectMetadata {
    const object = this.requireBucket(bucketName).objects.get(key);
    if (!object) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
    return object;
  }

  /** The object's metadata, or undefined when the bucket has no such key. */
  findObject(bucketName: string, key: string): ObjectMetadata | undefined {
    return this.requireBucket(bucketName).objects.get(key);
  }

  /** The object's metadata and bytes. */
  getObject(bucketName: string, key: string): { metadata: ObjectMetadata; data: Buffer } {
    const metadata = this.headObject(bucketName, key);
    const bucket = this.requireBucket(bucketName);
    return { metadata, data: readFileSync(pathInside(bucket.directory, 'objects', metadata.dataFile)) };
  }

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
    const keyHash = hashKey(key);
    const metadata: ObjectMetadata = {
      ...details,
      key,
      size: data.length,
      etag: etag ?? `"${createHash('md5').update(data).digest('hex')}"`,
      lastModified: Date.now(),
      dataFile: `${keyHash}-${randomUUID()}.bin`,
    };
    const objectsDirectory = join(bucket.directory, 'objects');
    writeFileAtomic(pathInside(objectsDirectory, metadata.dataFile), data);
    writeFileAtomic(pathInside(objectsDirectory, `${keyHash}.json`), JSON.stringify(metadata));
    const previous = bucket.objects.get(key);
    if (previous) rmSync(pathInside(objectsDirectory, previous.dataFile), { force: true });
    else bucket.sortedKeys = undefined;
    bucket.objects.set(key, metadata);
    return metadata;
  }

  /** Changes an object's attributes (tags...) in place; its bytes and ETag stay. */
  updateObject(bucketName: string, key: string, attributes: ObjectAttributes): ObjectMetadata {
    const bucket = this.requireBucket(bucketName);
    const updated = { ...this.headObject(bucketName, key), ...attributes };
    writeFileAtomic(pathInside(join(bucket.directory, 'objects'), `${hashKey(key)}.json`), JSON.stringify(updated));
    bucket.objects.set(key, updated);
    return updated;
  }

  /** Deletes the object; deleting a missing key succeeds, as on S3. */
  deleteObject(bucketName: string, key: string): void {
    const bucket = this.requireBucket(bucketName);
    const object = bucket.objects.get(key);
    if (!object) return;
    const objectsDirectory = join(bucket.directory, 'objects');
    rmSync(pathInside(objectsDirectory, `${hashKey(key)}.json`), { force: true });
    rmSync(pathInside(objectsDirectory, object.dataFile), { force: true });
    bucket.objects.delete(key);
    bucket.sortedKeys = undefined;
  }

  /** Keys in ascending order, for listings. */
  sortedKeys(bucketName: string): string[] {
    const bucket = this.requireBucket(bucketName);
    bucket.sortedKeys ??= [...bucket.objects.keys()].sort();
    return bucket.sortedKeys;
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
      const metadata = JSON.parse(readFileSync(join(objectsDirectory, name), 'utf8')) as ObjectMetadata;
      bucket.objects.set(metadata.key, metadata);
      referenced.add(metadata.dataFile);
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
