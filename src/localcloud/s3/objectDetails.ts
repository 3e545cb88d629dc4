// What S3 keeps about an object from the request that wrote it (content type, the stored headers, user metadata,
// checksums) and gives back on GetObject/HeadObject. The stored form (ObjectMetadata) is the one on disk since
// before the protocol engine: headers by lower-case name, checksums by their `x-amz-checksum-*` header.
import type { ObjectDetails, ObjectMetadata } from './objectStore';
import { tagsFromHeader } from './tagSets';

/** The members of PutObject and CreateMultipartUpload requests that describe the object. */
export interface ObjectDescription {
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: Date;
  Metadata?: Record<string, string>;
  /** The `x-amz-tagging` header: URL-encoded tags. */
  Tagging?: string;
  StorageClass?: string;
}

/** Members named `Checksum<ALGORITHM>` that carry a value (not the algorithm, type or mode settings). */
const CHECKSUM_MEMBER = /^Checksum(?!Algorithm$|Type$|Mode$)([A-Z0-9]+)$/;

/** The details to store from a request's input. */
export function detailsFromInput(input: ObjectDescription): ObjectDetails {
  const headers: Record<string, string> = {};
  if (input.CacheControl !== undefined) headers['cache-control'] = input.CacheControl;
  if (input.ContentDisposition !== undefined) headers['content-disposition'] = input.ContentDisposition;
  if (input.ContentLanguage !== undefined) headers['content-language'] = input.ContentLanguage;
  if (input.Expires !== undefined) headers.expires = input.Expires.toUTCString();
  if (input.ContentEncoding !== undefined && input.ContentEncoding !== '') {
    headers['content-encoding'] = input.ContentEncoding;
  }
  const tags = tagsFromHeader(input.Tagging);
  return {
    contentType: input.ContentType ?? 'binary/octet-stream',
    headers,
    userMetadata: { ...input.Metadata },
    checksums: checksumsFromInput(input),
    ...(tags && tags.length > 0 ? { tags } : {}),
    ...(input.StorageClass !== undefined && input.StorageClass !== 'STANDARD'
      ? { storageClass: input.StorageClass }
      : {}),
  };
}

/** The checksums a request's input carries, by their `x-amz-checksum-*` header (`ChecksumCRC32` -> crc32). */
export function checksumsFromInput(input: object): Record<string, string> {
  const checksums: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    const algorithm = CHECKSUM_MEMBER.exec(name)?.[1];
    if (algorithm && typeof value === 'string') checksums[`x-amz-checksum-${algorithm.toLowerCase()}`] = value;
  }
  return checksums;
}

/** A blob member as a Buffer, without copying the one the engine read. */
export function asBuffer(body: Uint8Array | undefined): Buffer {
  if (body === undefined) return Buffer.alloc(0);
  return Buffer.isBuffer(body) ? body : Buffer.from(body);
}

/** Stored checksums as output members (`x-amz-checksum-crc32` -> `ChecksumCRC32`). */
export function checksumMembers(checksums: Record<string, string>): Record<string, string> {
  const members: Record<string, string> = {};
  for (const [header, value] of Object.entries(checksums)) {
    members[`Checksum${header.slice('x-amz-checksum-'.length).toUpperCase()}`] = value;
  }
  return members;
}

/** GetObject's response-* query overrides, by the header each replaces. */
export interface ResponseOverrides {
  ResponseCacheControl?: string;
  ResponseContentDisposition?: string;
  ResponseContentEncoding?: string;
  ResponseContentLanguage?: string;
  ResponseContentType?: string;
  ResponseExpires?: Date;
}

/** The headers GetObject and HeadObject send for an object: stored ones, then the request's overrides. */
export function storedHeaders(metadata: ObjectMetadata, overrides: ResponseOverrides): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': metadata.contentType };
  for (const [name, value] of Object.entries(metadata.headers)) headers[headerCase(name)] = value;
  const replaced: [string, string | undefined][] = [
    ['Cache-Control', overrides.ResponseCacheControl],
    ['Content-Disposition', overrides.ResponseContentDisposition],
    ['Content-Encoding', overrides.ResponseContentEncoding],
    ['Content-Language', overrides.ResponseContentLanguage],
    ['Content-Type', overrides.ResponseContentType],
    ['Expires', overrides.ResponseExpires?.toUTCString()],
  ];
  for (const [name, value] of replaced) if (value !== undefined) headers[name] = value;
  return headers;
}

function headerCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase());
}
