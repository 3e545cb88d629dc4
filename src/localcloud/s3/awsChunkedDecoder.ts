// Decodes `Content-Encoding: aws-chunked` bodies (SigV4 streaming uploads and flexible-checksum uploads):
// `<hex size>[;chunk-signature=...]\r\n<bytes>\r\n` ... `0[;...]\r\n` then optional trailers and `\r\n`.
import { AwsError } from '../protocol/awsError';

/** The decoded payload and any trailing headers (e.g. `x-amz-checksum-crc32`). */
export interface DecodedChunkedBody {
  data: Buffer;
  trailers: Record<string, string>;
}

/** Decodes the body; a malformed framing is S3's IncompleteBody error. */
export function decodeAwsChunked(body: Buffer): DecodedChunkedBody {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw incomplete();
    const header = body.subarray(offset, lineEnd).toString('latin1');
    const size = Number.parseInt(header.split(';')[0]!.trim(), 16);
    if (!Number.isInteger(size) || size < 0 || !/^[0-9a-fA-F]+$/.test(header.split(';')[0]!.trim())) throw incomplete();
    offset = lineEnd + 2;
    if (size === 0) break;
    if (
      offset + size + 2 > body.length ||
      body.subarray(offset + size, offset + size + 2).toString('latin1') !== '\r\n'
    ) {
      throw incomplete();
    }
    chunks.push(body.subarray(offset, offset + size));
    offset += size + 2;
  }
  const trailers: Record<string, string> = {};
  for (const line of body.subarray(offset).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { data: Buffer.concat(chunks), trailers };
}

/** True when the request body uses aws-chunked framing. */
export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = headers['content-encoding'];
  const sha = headers['x-amz-content-sha256'];
  return (
    (typeof encoding === 'string' && encoding.split(',').some((part) => part.trim() === 'aws-chunked')) ||
    (typeof sha === 'string' && sha.startsWith('STREAMING-'))
  );
}

function incomplete(): AwsError {
  return new AwsError(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    400,
  );
}
