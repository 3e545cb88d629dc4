// Multipart uploads (what the aws CLI, s3transfer and SAM use for files over 8 MB) and DeleteObjects. Parts are
// kept on disk under `s3/uploads/<upload id>/` until the upload completes or is aborted; an upload in progress
// does not survive a restart (clients start a new one), its part files are removed on the next start.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AwsError } from '../protocol/awsError';
import { escapeXml, xmlElement } from '../protocol/xmlShapes';
import { writeFileAtomic } from '../state/atomicFile';
import type { ObjectMetadata, ObjectStore } from './objectStore';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
/** S3 allows part numbers 1 to 10,000. */
const MAX_PART_NUMBER = 10_000;

type ObjectDetails = Omit<ObjectMetadata, 'key' | 'size' | 'etag' | 'lastModified' | 'dataFile'>;

interface Upload {
  bucket: string;
  key: string;
  details: ObjectDetails;
  /** Part number -> quoted MD5 of the part. */
  parts: Map<number, string>;
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

  /** CreateMultipartUpload: the InitiateMultipartUploadResult document. */
  create(bucket: string, key: string, details: ObjectDetails): string {
    this.store.requireBucket(bucket);
    const uploadId = randomBytes(24).toString('hex');
    this.uploads.set(uploadId, { bucket, key, details, parts: new Map() });
    mkdirSync(join(this.directory, uploadId));
    return `<InitiateMultipartUploadResult xmlns="${S3_NAMESPACE}">${xmlElement('Bucket', bucket)}${xmlElement('Key', key)}${xmlElement('UploadId', uploadId)}</InitiateMultipartUploadResult>`;
  }

  /** UploadPart: stores the part and returns its ETag. */
  uploadPart(bucket: string, key: string, uploadId: string, partNumberText: string, data: Buffer): string {
    const upload = this.require(bucket, key, uploadId);
    const partNumber = Number(partNumberText);
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
      throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400);
    }
    const etag = `"${createHash('md5').update(data).digest('hex')}"`;
    writeFileAtomic(join(this.directory, uploadId, `${partNumber}.part`), data);
    upload.parts.set(partNumber, etag);
    return etag;
  }

  /** CompleteMultipartUpload: joins the listed parts into the object. */
  complete(bucket: string, key: string, uploadId: string, body: Buffer): string {
    const upload = this.require(bucket, key, uploadId);
    const requested = parseCompleteRequest(body.toString('utf8'));
    if (requested.length === 0) throw malformedXml();
    const chunks: Buffer[] = [];
    const digests: Buffer[] = [];
    let previous = 0;
    for (const part of requested) {
      if (part.partNumber <= previous) {
        throw new AwsError(
          'InvalidPartOrder',
          'The list of parts was not in ascending order. The parts list must be specified in order by part number.',
          400,
        );
      }
      previous = part.partNumber;
      const stored = upload.parts.get(part.partNumber);
      if (!stored || (part.etag !== undefined && normalizeEtag(part.etag) !== stored)) {
        throw new AwsError(
          'InvalidPart',
          "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
          400,
        );
      }
      const data = readFileSync(join(this.directory, uploadId, `${part.partNumber}.part`));
      chunks.push(data);
      digests.push(createHash('md5').update(data).digest());
    }
    // S3's multipart ETag: MD5 of the parts' MD5s, then the part count.
    const etag = `"${createHash('md5').update(Buffer.concat(digests)).digest('hex')}-${requested.length}"`;
    this.store.putObject(bucket, key, Buffer.concat(chunks), upload.details, etag);
    this.abort(bucket, key, uploadId);
    return `<CompleteMultipartUploadResult xmlns="${S3_NAMESPACE}">${xmlElement('Location', `/${bucket}/${key}`)}${xmlElement('Bucket', bucket)}${xmlElement('Key', key)}${xmlElement('ETag', etag)}</CompleteMultipartUploadResult>`;
  }

  /** AbortMultipartUpload: drops the parts. */
  abort(bucket: string, key: string, uploadId: string): void {
    this.require(bucket, key, uploadId);
    this.uploads.delete(uploadId);
    rmSync(join(this.directory, uploadId), { recursive: true, force: true });
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

  /** For tests: upload folders on disk. */
  pendingUploadFolders(): string[] {
    return readdirSync(this.directory);
  }
}

/** DeleteObjects (`POST /<bucket>?delete`): deletes each listed key and reports them, unless `<Quiet>`. */
export function deleteObjects(store: ObjectStore, bucket: string, body: Buffer): string {
  store.requireBucket(bucket);
  const text = body.toString('utf8');
  if (!/^\s*(<\?xml[^>]*\?>\s*)?<Delete[\s>][\s\S]*<\/Delete>\s*$/.test(text)) throw malformedXml();
  const keys = [...text.matchAll(/<Object>[\s\S]*?<Key>([\s\S]*?)<\/Key>[\s\S]*?<\/Object>/g)].map((match) =>
    unescapeXml(match[1]!),
  );
  if (keys.length === 0 || keys.length > 1000) throw malformedXml();
  const quiet = /<Quiet>\s*true\s*<\/Quiet>/i.test(text);
  for (const key of keys) store.deleteObject(bucket, key);
  const deleted = quiet ? '' : keys.map((key) => `<Deleted><Key>${escapeXml(key)}</Key></Deleted>`).join('');
  return `<DeleteResult xmlns="${S3_NAMESPACE}">${deleted}</DeleteResult>`;
}

function parseCompleteRequest(text: string): { partNumber: number; etag?: string }[] {
  if (!/^\s*(<\?xml[^>]*\?>\s*)?<CompleteMultipartUpload[\s>][\s\S]*<\/CompleteMultipartUpload>\s*$/.test(text)) {
    throw malformedXml();
  }
  return [...text.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map((match) => {
    const inner = match[1]!;
    const partNumber = Number(/<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(inner)?.[1]);
    if (!Number.isInteger(partNumber)) throw malformedXml();
    const etag = /<ETag>([\s\S]*?)<\/ETag>/.exec(inner)?.[1];
    return etag === undefined ? { partNumber } : { partNumber, etag: unescapeXml(etag) };
  });
}

function normalizeEtag(etag: string): string {
  const bare = etag.trim().replace(/^"|"$/g, '');
  return `"${bare}"`;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_match, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    if (!Number.isInteger(code) || code > 0x10ffff) throw malformedXml();
    return String.fromCodePoint(code);
  });
}

function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema.',
    400,
  );
}
