// S3's flexible checksums: each algorithm's check value for "123456789" (the CRC catalogue's test vector), and
// the verification of x-amz-checksum-* headers against a body in AWS's words.
import { strict as assert } from 'node:assert';
import { AwsError } from '../../../src/localcloud/protocol/awsError';
import { payloadChecksum, verifyPayloadChecksums } from '../../../src/localcloud/s3/payloadChecksums';

const DATA = Buffer.from('123456789');
const hex = (algorithm: string) => Buffer.from(payloadChecksum(algorithm, DATA)!, 'base64').toString('hex');

describe('local cloud: S3 payload checksums', () => {
  it('computes CRC32, CRC32C and CRC64/NVME check values, SHA-1 and SHA-256', () => {
    assert.equal(hex('crc32'), 'cbf43926');
    assert.equal(hex('crc32c'), 'e3069283');
    assert.equal(hex('crc64nvme'), 'ae8b14860a799888');
    assert.equal(hex('sha1'), 'f7c3bc1d808e04732adf679965ccc34ca7ae3441');
    assert.equal(payloadChecksum('xxhash64', DATA), undefined);
  });

  it('refuses mismatched and malformed values, ignores algorithms it does not verify', () => {
    const crc64 = payloadChecksum('crc64nvme', DATA)!;
    verifyPayloadChecksums({ 'x-amz-checksum-crc64nvme': crc64, 'x-amz-checksum-xxhash64': 'anything' }, DATA);
    assert.throws(
      () => verifyPayloadChecksums({ 'x-amz-checksum-crc64nvme': crc64 }, Buffer.from('other')),
      (error: unknown) =>
        error instanceof AwsError &&
        error.code === 'BadDigest' &&
        error.message === 'The CRC64NVME you specified did not match the calculated checksum.',
    );
    assert.throws(
      () => verifyPayloadChecksums({ 'x-amz-checksum-crc32': 'AAAAAAAA' }, DATA),
      (error: unknown) =>
        error instanceof AwsError && error.message === 'Value for x-amz-checksum-crc32 header is invalid.',
    );
  });
});
