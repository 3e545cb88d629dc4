// What S3 does to a request before the protocol engine reads it: a virtual-hosted bucket (`<bucket>.s3.<host>` or
// `<bucket>.localhost`) becomes the first path segment, so both addressing styles route alike; aws-chunked bodies
// (SigV4 streaming and flexible-checksum uploads) are decoded, their trailers (`x-amz-checksum-crc32`) becoming
// headers the model binds; the length they declare, any Content-MD5 and flexible checksums are checked against the
// bytes.
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { ServiceRequest, ServiceRequestHead } from '../localCloudService';
import { AwsError } from '../protocol/awsError';
import { decodeAwsChunked, isAwsChunked } from './awsChunkedDecoder';
import { verifyPayloadChecksums } from './payloadChecksums';

/** The bucket a Host header names, for virtual-hosted-style requests; undefined for path-style ones. */
export function virtualHostedBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (name.startsWith('[') || isIP(name) !== 0) return undefined;
  const beforeS3 = /^(.+?)\.s3[.-]/.exec(name);
  if (beforeS3) return beforeS3[1];
  const beforeLocalhost = /^(.+)\.localhost$/.exec(name);
  return beforeLocalhost?.[1];
}

/** A virtual-hosted request as the path-style request it is. */
export function pathStyleHead(head: ServiceRequestHead): ServiceRequestHead {
  const bucket = virtualHostedBucket(head.headers.host);
  if (bucket === undefined) return head;
  return { ...head, path: `/${encodeURIComponent(bucket)}${head.path === '/' ? '' : head.path}` };
}

/** The request with an aws-chunked body decoded and its trailers as headers; checks lengths and Content-MD5. */
export function decodeS3Request(request: ServiceRequest): ServiceRequest {
  let decoded = request;
  if (isAwsChunked(request.headers)) {
    const { data, trailers } = decodeAwsChunked(request.body);
    const declared = request.headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== data.length) throw incompleteBody();
    const encoding = (request.headers['content-encoding'] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '' && part !== 'aws-chunked')
      .join(', ');
    const headers = { ...request.headers, ...trailers };
    if (encoding === '') delete headers['content-encoding'];
    else headers['content-encoding'] = encoding;
    decoded = { ...request, headers, body: data };
  }
  const md5 = decoded.headers['content-md5'];
  if (typeof md5 === 'string') {
    if (Buffer.from(md5, 'base64').length !== 16) {
      throw new AwsError('InvalidDigest', 'The Content-MD5 you specified is not valid.', 400);
    }
    if (createHash('md5').update(decoded.body).digest('base64') !== md5) {
      throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
    }
  }
  // CompleteMultipartUpload's checksum headers are the parts' checksum, not its XML body's.
  const completesUpload = decoded.method === 'POST' && decoded.query.has('uploadId');
  if (!completesUpload) verifyPayloadChecksums(decoded.headers, decoded.body);
  return decoded;
}

function incompleteBody(): AwsError {
  return new AwsError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    400,
  );
}
