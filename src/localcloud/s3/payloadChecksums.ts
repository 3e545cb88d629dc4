// The flexible checksums S3 verifies on uploads (x-amz-checksum-crc32, -crc32c, -crc64nvme, -sha1, -sha256, as a
// header or an aws-chunked trailer): a value that does not match the bytes is BadDigest, a value that is not the
// base64 of the algorithm's digest is InvalidRequest, in AWS's words. CRC32C and CRC64/NVME are computed here
// (Node has CRC32 only); both are reflected CRCs, one table lookup per byte.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsError } from '../protocol/awsError';

const CRC32C_TABLE = reflectedTable32(0x82f63b78);
const CRC64NVME_TABLE = reflectedTable64(0x9a6c9329ac4bc9b5n);

function reflectedTable32(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let value = byte;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? (value >>> 1) ^ polynomial : value >>> 1;
    table[byte] = value >>> 0;
  }
  return table;
}

/** CRC64 tables as high and low 32-bit halves, so the per-byte loop avoids BigInt. */
function reflectedTable64(polynomial: bigint): { high: Uint32Array; low: Uint32Array } {
  const high = new Uint32Array(256);
  const low = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let value = BigInt(byte);
    for (let bit = 0; bit < 8; bit++) value = value & 1n ? (value >> 1n) ^ polynomial : value >> 1n;
    high[byte] = Number(value >> 32n);
    low[byte] = Number(value & 0xffffffffn);
  }
  return { high, low };
}

function crc32c(data: Uint8Array): Buffer {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC32C_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE((crc ^ 0xffffffff) >>> 0);
  return digest;
}

function crc64nvme(data: Uint8Array): Buffer {
  let high = 0xffffffff;
  let low = 0xffffffff;
  for (const byte of data) {
    const index = (low ^ byte) & 0xff;
    // (crc >> 8) ^ table[index], on the two halves.
    const shiftedLow = ((low >>> 8) | (high << 24)) >>> 0;
    const shiftedHigh = high >>> 8;
    low = (shiftedLow ^ CRC64NVME_TABLE.low[index]!) >>> 0;
    high = (shiftedHigh ^ CRC64NVME_TABLE.high[index]!) >>> 0;
  }
  const digest = Buffer.alloc(8);
  digest.writeUInt32BE((high ^ 0xffffffff) >>> 0, 0);
  digest.writeUInt32BE((low ^ 0xffffffff) >>> 0, 4);
  return digest;
}

function crc32Digest(data: Uint8Array): Buffer {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(data) >>> 0);
  return digest;
}

/** The algorithms S3 verifies, by the suffix of their header, with their digest. */
const ALGORITHMS: Readonly<Record<string, { name: string; digest: (data: Uint8Array) => Buffer }>> = {
  crc32: { name: 'CRC32', digest: crc32Digest },
  crc32c: { name: 'CRC32C', digest: crc32c },
  crc64nvme: { name: 'CRC64NVME', digest: crc64nvme },
  sha1: { name: 'SHA1', digest: (data) => createHash('sha1').update(data).digest() },
  sha256: { name: 'SHA256', digest: (data) => createHash('sha256').update(data).digest() },
};

/** The base64 digest of `data` with an algorithm S3 knows by its header suffix (`crc32`...); undefined if unknown. */
export function payloadChecksum(algorithm: string, data: Uint8Array): string | undefined {
  return ALGORITHMS[algorithm.toLowerCase()]?.digest(data).toString('base64');
}

/** Checks every `x-amz-checksum-<algorithm>` header against the body. */
export function verifyPayloadChecksums(headers: Record<string, string | string[] | undefined>, body: Uint8Array): void {
  for (const [header, value] of Object.entries(headers)) {
    const algorithm = /^x-amz-checksum-([a-z0-9]+)$/.exec(header)?.[1];
    const known = algorithm ? ALGORITHMS[algorithm] : undefined;
    if (!known || typeof value !== 'string') continue;
    const expected = known.digest(body);
    if (Buffer.from(value, 'base64').length !== expected.length) {
      throw new AwsError('InvalidRequest', `Value for ${header} header is invalid.`, 400);
    }
    if (expected.toString('base64') !== value) {
      throw new AwsError('BadDigest', `The ${known.name} you specified did not match the calculated checksum.`, 400);
    }
  }
}
