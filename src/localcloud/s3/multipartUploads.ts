// Multipart uploads (what the aws CLI, s3transfer and SAM use for files over 8 MB). Parts are kept on disk under
// `s3/uploads/<upload id>/` until the upload completes or is aborted; an upload in progress does not survive a
// restart (clients start a new one), its part files are removed on the next start.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AwsError } from '../protocol/awsError';
import { writeFileAtomic } from '../state/atomicFile';
import type { ObjectDetails, ObjectMetadata, ObjectStore } from './objectStore';

/** S3 allows part numbers 1 to 10,000. */
const MAX_PART_NUMBER = 10_000;
/** Every part but the last must be at least 5 MiB. */
export const MIN_PART_BYTES = 5 * 1024 * 1024;

/** One uploaded part. */
export interface UploadedPart {
  partNumber: number;
  /** Quoted MD5 of the part. */
  etag: string;
  size: number;
  lastModified: number;
}

/** An upload in progress. */
export interface Upload {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  details: ObjectDetails;
  parts: Map<number, UploadedPart>;
}

/** The multipart uploads in progress. */
export class MultipartUploads {
  private readonly uploads = new Map<string, Upload>();
  private readonly directory: string;

  constructor(
    s3Directory: string,
    private readonly store: ObjectStore,
  ) {
    this.directory = join(s3Directory, 'uploads');
    rmSync(this.directory, { recursive: true, force: true });
    mkdirSync(this.directory, { recursive: true });
  }

  /** CreateMultipartUpload: the new upload's id. */
  create(bucket: string, key: string, details: ObjectDetails): string {
    this.store.requireBucket(bucket);
    const uploadId = randomBytes(24).toString('hex');
    this.uploads.set(uploadId, { uploadId, bucket, key, initiated: this.store.now(), details, parts: new Map() });
    mkdirSync(join(this.directory, uploadId));
    return uploadId;
  }

  /** UploadPart: stores the part and returns its ETag. */
  uploadPart(bucket: string, key: string, uploadId: string, partNumber: number, data: Buffer): string {
    const upload = this.require(bucket, key, uploadId);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400, {
        ArgumentName: 'partNumber',
        ArgumentValue: String(partNumber),
      });
    }
    const etag = `"${createHash('md5').update(data).digest('hex')}"`;
    writeFileAtomic(join(this.directory, uploadId, `${partNumber}.part`), data);
    upload.parts.set(partNumber, { partNumber, etag, size: data.length, lastModified: this.store.now() });
    return etag;
  }

  /** CompleteMultipartUpload: joins the listed parts into the object. */
  complete(
    bucket: string,
    key: string,
    uploadId: string,
    requested: readonly { PartNumber?: number; ETag?: string }[],
  ): ObjectMetadata {
    const upload = this.require(bucket, key, uploadId);
    if (requested.length === 0) {
      throw new AwsError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema.',
        400,
      );
    }
    const chunks: Buffer[] = [];
    const digests: Buffer[] = [];
    let previous = 0;
    for (const [index, part] of requested.entries()) {
      const partNumber = part.PartNumber ?? 0;
      if (partNumber <= previous) {
        throw new AwsError(
          'InvalidPartOrder',
          'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
          400,
        );
      }
      previous = partNumber;
      const stored = upload.parts.get(partNumber);
      if (!stored || (part.ETag !== undefined && normalizeEtag(part.ETag) !== stored.etag)) {
        throw new AwsError(
          'InvalidPart',
          "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
          400,
          { UploadId: uploadId, PartNumber: String(partNumber), ETag: part.ETag ?? '' },
        );
      }
      if (index < requested.length - 1 && stored.size < MIN_PART_BYTES) {
        throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
          ProposedSize: String(stored.size),
          MinSizeAllowed: String(MIN_PART_BYTES),
          PartNumber: String(partNumber),
          ETag: stored.etag.replace(/"/g, ''),
        });
      }
      const data = readFileSync(join(this.directory, uploadId, `${partNumber}.part`));
      chunks.push(data);
      digests.push(createHash('md5').update(data).digest());
    }
    // S3's multipart ETag: MD5 of the parts' MD5s, then the part count.
    const etag = `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${requested.length}"`;
    const partSizes = chunks.map((chunk) => chunk.length);
    const metadata = this.store.putObject(bucket, key, Buffer.concat(chunks), { ...upload.details, partSizes }, etag);
    this.abort(bucket, key, uploadId);
    return metadata;
  }

  /** AbortMultipartUpload: drops the parts. */
  abort(bucket: string, key: string, uploadId: string): void {
    this.require(bucket, key, uploadId);
    this.uploads.delete(uploadId);
    rmSync(join(this.directory, uploadId), { recursive: true, force: true });
  }

  /** The upload, for ListParts. */
  get(bucket: string, key: string, uploadId: string): Upload {
    return this.require(bucket, key, uploadId);
  }

  /** The uploads in progress in a bucket, by key then initiation. */
  inBucket(bucket: string): Upload[] {
    this.store.requireBucket(bucket);
    return [...this.uploads.values()]
      .filter((upload) => upload.bucket === bucket)
      .sort((a, b) => (a.key === b.key ? a.initiated - b.initiated : a.key < b.key ? -1 : 1));
  }

  private require(bucket: string, key: string, uploadId: string): Upload {
    const upload = /^[0-9a-f]{48}$/.test(uploadId) ? this.uploads.get(uploadId) : undefined;
    if (!upload || upload.bucket !== bucket || upload.key !== key) {
      throw new AwsError(
        'NoSuchUpload',
        'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
        404,
        { UploadId: uploadId },
      );
    }
    return upload;
  }
}

function normalizeEtag(etag: string): string {
  const bare = etag.trim().replace(/^"|"$/g, '');
  return `"${bare}"`;
}
