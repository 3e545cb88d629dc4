// Reads an object upload: the body (plain or aws-chunked, checked against Content-MD5) and the headers S3 keeps.
import { createHash } from 'node:crypto';
import type { ServiceRequest } from '../localCloudService';
import { AwsError } from '../protocol/awsError';
import { decodeAwsChunked, isAwsChunked } from './awsChunkedDecoder';
import type { ObjectMetadata } from './objectStore';

const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-language', 'expires'];
/** `x-amz-checksum-*` headers that name settings, not checksum values. */
const NOT_CHECKSUMS = new Set(['x-amz-checksum-mode', 'x-amz-checksum-type', 'x-amz-checksum-algorithm']);

/** The object's bytes and any trailing headers of an aws-chunked body. */
export function readUploadBody(request: ServiceRequest): { data: Buffer; trailers: Record<string, string> } {
  const chunked = isAwsChunked(request.headers);
  const { data, trailers } = chunked ? decodeAwsChunked(request.body) : { data: request.body, trailers: {} };
  const declared = request.headers['x-amz-decoded-content-length'];
  if (chunked && declared !== undefined && Number(declared) !== data.length) {
    throw new AwsError(
      'IncompleteBody',
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
      400,
    );
  }
  const md5 = request.headers['content-md5'];
  if (typeof md5 === 'string' && createHash('md5').update(data).digest('base64') !== md5) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  return { data, trailers };
}

/** Content type, stored headers, user metadata and checksums of an upload (headers and trailers). */
export function objectDetails(
  request: ServiceRequest,
  trailers: Record<string, string>,
): Omit<ObjectMetadata, 'key' | 'size' | 'etag' | 'lastModified' | 'dataFile'> {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const encoding = (request.headers['content-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== 'aws-chunked');
  if (encoding.length > 0) headers['content-encoding'] = encoding.join(', ');
  const userMetadata: Record<string, string> = {};
  const checksums: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...request.headers, ...trailers })) {
    if (typeof value !== 'string') continue;
    if (name.startsWith('x-amz-meta-')) userMetadata[name.slice('x-amz-meta-'.length)] = value;
    if (name.startsWith('x-amz-checksum-') && !NOT_CHECKSUMS.has(name)) {
      checksums[name] = value;
    }
  }
  const contentType =
    typeof request.headers['content-type'] === 'string' ? request.headers['content-type'] : 'binary/octet-stream';
  return { contentType, headers, userMetadata, checksums };
}
