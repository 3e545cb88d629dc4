// S3 Lifecycle on the local clock: the rules (days rounded to midnight UTC, filters, noncurrent ranks, expired
// delete markers) and the sweep through the server with a manual clock (current objects expire, versioned buckets
// get delete markers, noncurrent versions and markers go, incomplete uploads are aborted, x-amz-expiration and
// x-amz-abort-date headers), driven by moving the cloud's clock forward instead of sleeping.
import { strict as assert } from 'node:assert';
import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterDays, dueActions, ruleMatches, type LifecycleRule } from '../../../src/localcloud/s3/lifecycleRules';
import type { ObjectMetadata } from '../../../src/localcloud/s3/objectMetadata';
import { startHarness, type LocalCloudHarness } from '../../support/localCloudHarness';
import { ManualClock } from '../../support/manualClock';

const DAY = 86_400_000;
const START = Date.parse('2026-03-10T10:30:00Z');

function version(key: string, lastModified: number, extra: Partial<ObjectMetadata> = {}): ObjectMetadata {
  return {
    key,
    size: 10,
    etag: '"e"',
    lastModified,
    contentType: 'text/plain',
    headers: {},
    userMetadata: {},
    checksums: {},
    dataFile: '',
    ...extra,
  };
}

describe('local cloud: S3 lifecycle rules', () => {
  it('counts days from creation, rounded up to the next midnight UTC', () => {
    assert.equal(new Date(afterDays(START, 3)).toISOString(), '2026-03-14T00:00:00.000Z');
    assert.equal(new Date(afterDays(Date.parse('2026-03-10T00:00:00Z'), 1)).toISOString(), '2026-03-11T00:00:00.000Z');
  });

  it('selects versions by prefix, tags, size bounds and And; disabled rules select nothing', () => {
    const tagged = version('logs/a.txt', START, { tags: [{ Key: 'tier', Value: 'tmp' }], size: 500 });
    const rule = (filter: LifecycleRule['Filter'], status = 'Enabled'): LifecycleRule => ({
      ID: 'r',
      Status: status,
      Filter: filter,
      Expiration: { Days: 1 },
    });
    assert.ok(ruleMatches(rule({ Prefix: 'logs/' }), tagged));
    assert.ok(!ruleMatches(rule({ Prefix: 'logs/' }, 'Disabled'), tagged));
    assert.ok(!ruleMatches(rule({ Prefix: 'data/' }), tagged));
    assert.ok(ruleMatches(rule({ Tag: { Key: 'tier', Value: 'tmp' } }), tagged));
    assert.ok(!ruleMatches(rule({ Tag: { Key: 'tier', Value: 'keep' } }), tagged));
    assert.ok(ruleMatches(rule({ ObjectSizeGreaterThan: 100 }), tagged));
    assert.ok(!ruleMatches(rule({ ObjectSizeLessThan: 500 }), tagged));
    assert.ok(
      ruleMatches(
        rule({ And: { Prefix: 'logs/', Tags: [{ Key: 'tier', Value: 'tmp' }], ObjectSizeLessThan: 1000 } }),
        tagged,
      ),
    );
    assert.ok(!ruleMatches(rule({ And: { Prefix: 'logs/', Tags: [{ Key: 'other', Value: 'x' }] } }), tagged));
    // Tag filters never select delete markers; the legacy rule-level Prefix still works.
    assert.ok(!ruleMatches(rule({ Tag: { Key: 'tier', Value: 'tmp' } }), { ...tagged, deleteMarker: true }));
    assert.ok(ruleMatches({ ID: 'old', Status: 'Enabled', Prefix: 'logs/' }, tagged));
  });

  it('keeps the newest noncurrent versions, expires the rest after NoncurrentDays, and cleans lone markers', () => {
    const rules: LifecycleRule[] = [
      {
        ID: 'nc',
        Status: 'Enabled',
        Filter: {},
        NoncurrentVersionExpiration: { NoncurrentDays: 1, NewerNoncurrentVersions: 1 },
      },
      { ID: 'markers', Status: 'Enabled', Filter: {}, Expiration: { ExpiredObjectDeleteMarker: true } },
    ];
    const versions = [
      version('k', START + 3 * DAY, { versionId: 'v4' }),
      version('k', START + 2 * DAY, { versionId: 'v3' }),
      version('k', START + DAY, { versionId: 'v2' }),
      version('k', START, { versionId: 'v1' }),
    ];
    const { actions, next } = dueActions(rules, versions, START + 4 * DAY);
    // v3 is the newest noncurrent (kept); v2 became noncurrent at v3's write, v1 at v2's: both are past a day.
    assert.deepEqual(
      actions.map((action) => (action.kind === 'removeVersion' ? action.versionId : action.kind)),
      ['v2', 'v1'],
    );
    assert.equal(next, undefined);
    const lone = dueActions(rules, [version('k', START, { versionId: 'm', deleteMarker: true })], START);
    assert.deepEqual(lone.actions, [{ kind: 'removeVersion', versionId: 'm', ruleId: 'markers', deleteMarker: true }]);
  });
});

describe('local cloud: S3 lifecycle applied on the clock', () => {
  let harness: LocalCloudHarness;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(START);
    harness = await startHarness({ clock });
  });
  afterEach(() => harness.stop());

  const keys = async (bucket: string) =>
    ((await harness.s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((item) => item.Key);

  it('expires current objects after Days (x-amz-expiration says when) and on a Date, by filter', async () => {
    const { s3 } = harness;
    await s3.send(new CreateBucketCommand({ Bucket: 'expiring' }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'expiring',
        LifecycleConfiguration: {
          Rules: [
            { ID: 'tmp-after-2-days', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 2 } },
            {
              ID: 'scratch-on-date',
              Status: 'Enabled',
              Filter: { Tag: { Key: 'scratch', Value: 'yes' } },
              Expiration: { Date: new Date('2026-03-20T00:00:00Z') },
            },
          ],
        },
      }),
    );
    const put = await s3.send(new PutObjectCommand({ Bucket: 'expiring', Key: 'tmp/a', Body: 'a' }));
    assert.equal(put.Expiration, 'expiry-date="Fri, 13 Mar 2026 00:00:00 GMT", rule-id="tmp-after-2-days"');
    await s3.send(new PutObjectCommand({ Bucket: 'expiring', Key: 'keep', Body: 'k' }));
    await s3.send(new PutObjectCommand({ Bucket: 'expiring', Key: 'scratch', Body: 's', Tagging: 'scratch=yes' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'expiring', Key: 'scratch' }));
    assert.equal(head.Expiration, 'expiry-date="Fri, 20 Mar 2026 00:00:00 GMT", rule-id="scratch-on-date"');
    assert.equal((await s3.send(new GetObjectCommand({ Bucket: 'expiring', Key: 'keep' }))).Expiration, undefined);

    await clock.advance(2 * DAY);
    assert.deepEqual(await keys('expiring'), ['keep', 'scratch', 'tmp/a']);
    await clock.advance(DAY);
    assert.deepEqual(await keys('expiring'), ['keep', 'scratch']);
    await clock.advance(7 * DAY);
    assert.deepEqual(await keys('expiring'), ['keep']);
  });

  it('versioned buckets: expiry adds a delete marker; noncurrent versions and lone markers go later', async () => {
    const { s3 } = harness;
    await s3.send(new CreateBucketCommand({ Bucket: 'history' }));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'history', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'history',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'rotate',
              Status: 'Enabled',
              Filter: {},
              Expiration: { Days: 1 },
              NoncurrentVersionExpiration: { NoncurrentDays: 2 },
            },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket: 'history', Key: 'doc', Body: 'one' }));
    const versions = async () => {
      const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: 'history' }));
      return [
        ...(listed.Versions ?? []).map((entry) => `v:${entry.IsLatest ? 'latest' : 'old'}`),
        ...(listed.DeleteMarkers ?? []).map((entry) => `m:${entry.IsLatest ? 'latest' : 'old'}`),
      ];
    };
    await clock.advance(DAY);
    assert.deepEqual(await versions(), ['v:latest']);
    await clock.advance(DAY);
    assert.deepEqual(await versions(), ['v:old', 'm:latest']);
    assert.deepEqual(await keys('history'), []);
    // The version became noncurrent when the marker was written: two days (to midnight) later it is gone, and the
    // marker, now alone, goes once it is as old as the Days expiration.
    await clock.advance(2 * DAY);
    assert.deepEqual(await versions(), ['v:old', 'm:latest']);
    await clock.advance(DAY);
    assert.deepEqual(await versions(), []);
  });

  it('aborts incomplete multipart uploads after DaysAfterInitiation and says when on create', async () => {
    const { s3 } = harness;
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'uploads',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'abort-stale',
              Status: 'Enabled',
              Filter: { Prefix: '' },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            },
          ],
        },
      }),
    );
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key: 'big' }));
    assert.equal(created.AbortDate?.toISOString(), '2026-03-12T00:00:00.000Z');
    assert.equal(created.AbortRuleId, 'abort-stale');
    await clock.advance(DAY);
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads' }))).Uploads?.length, 1);
    await clock.advance(DAY);
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: 'uploads' }))).Uploads, undefined);
  });

  it('leaves buckets without rules alone, whatever the time', async () => {
    const { s3 } = harness;
    await s3.send(new CreateBucketCommand({ Bucket: 'plain' }));
    await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'k', Body: 'v' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'missing' }));
    await clock.advance(365 * DAY);
    assert.deepEqual(await keys('plain'), ['k']);
  });
});
