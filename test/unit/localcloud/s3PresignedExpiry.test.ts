// Presigned S3 URLs expire as S3 says (SigV4 X-Amz-Date + X-Amz-Expires, SigV2 Expires), over HTTP on the local S3.
import { strict as assert } from 'node:assert';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { amzDate } from '../../../src/localcloud/protocol/amzDate';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { rawRequest } from '../../support/rawHttp';

/** The query of a SigV4 presigned GET signed at `signedAt` for `expires` seconds (signatures are not verified). */
function sigV4Query(signedAt: number, expires: string): string {
  const date = amzDate(signedAt);
  return new URLSearchParams({
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `test/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
    'X-Amz-Date': date,
    'X-Amz-Expires': expires,
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': '0'.repeat(64),
  }).toString();
}

describe('local cloud: presigned S3 URLs expire', () => {
  let harness: LocalCloudHarness;
  before(async () => {
    harness = await startHarness();
    await harness.s3.send(new CreateBucketCommand({ Bucket: 'presigned-expiry' }));
    await harness.s3.send(new PutObjectCommand({ Bucket: 'presigned-expiry', Key: 'k.txt', Body: 'body' }));
  });
  after(() => harness.stop());

  const get = (query: string) => rawRequest(harness.cloud.endpoint, 'GET', `/presigned-expiry/k.txt?${query}`);

  it('serves a SigV4 URL within its time, and answers 403 "Request has expired" after it', async () => {
    const fresh = await get(sigV4Query(Date.now() - 1000, '60'));
    assert.equal(fresh.status, 200, fresh.body);
    assert.equal(fresh.body, 'body');
    const signedAt = Date.now() - 120_000;
    const stale = await get(sigV4Query(signedAt, '60'));
    assert.equal(stale.status, 403);
    assert.match(stale.body, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    assert.match(stale.body, /<X-Amz-Expires>60<\/X-Amz-Expires>/);
    const expires = new Date(Math.floor(signedAt / 1000) * 1000 + 60_000).toISOString().replace('.000Z', 'Z');
    assert.match(
      stale.body,
      new RegExp(`<Expires>${expires}</Expires><ServerTime>\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z</ServerTime>`),
    );
  });

  it('refuses expiries S3 refuses: over a week, negative, not a number', async () => {
    const cases: [string, string][] = [
      ['604801', 'X-Amz-Expires must be less than a week (in seconds) that is: 604800'],
      ['-1', 'X-Amz-Expires must be non-negative'],
      ['soon', 'X-Amz-Expires should be a number'],
    ];
    for (const [expires, message] of cases) {
      const answer = await get(sigV4Query(Date.now(), expires));
      assert.equal(answer.status, 400, expires);
      assert.ok(
        answer.body.includes(`<Code>AuthorizationQueryParametersError</Code><Message>${message}</Message>`),
        answer.body,
      );
    }
    const week = await get(sigV4Query(Date.now(), '604800'));
    assert.equal(week.status, 200, 'a week exactly is allowed');
  });

  it('expires SigV2 URLs by their Expires epoch', async () => {
    const query = (expires: number) =>
      new URLSearchParams({ AWSAccessKeyId: 'test', Signature: 'x', Expires: String(expires) }).toString();
    assert.equal((await get(query(Math.floor(Date.now() / 1000) + 60))).status, 200);
    const stale = await get(query(Math.floor(Date.now() / 1000) - 60));
    assert.equal(stale.status, 403);
    assert.match(stale.body, /<Message>Request has expired<\/Message>/);
  });
});
