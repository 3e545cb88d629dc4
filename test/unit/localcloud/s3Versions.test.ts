// S3 versioning in the object store: the version rules (null version replaced unless versioning is enabled, delete
// markers, deleting a version by id), S3's errors for missing or deleted versions, and versions on disk (objects
// saved before versioning load as the null version; versions survive a restart).
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/core/logger';
import { AwsError } from '../../../src/localcloud/protocol/awsError';
import { ObjectStore, VERSIONING_CONFIGURATION } from '../../../src/localcloud/s3/objectStore';
import { NULL_VERSION, withNewest, withoutVersion } from '../../../src/localcloud/s3/objectVersions';

const DETAILS = { contentType: 'text/plain', headers: {}, userMetadata: {}, checksums: {} };

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof AwsError);
    return `${error.code} ${error.status}`;
  }
  return assert.fail('no error');
}

describe('local cloud: S3 object versions', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'sw-s3-versions-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('replaces only the null version, keeps others, and removes a version by id', () => {
    const a = { versionId: 'a' };
    const old = { versionId: NULL_VERSION };
    const added = withNewest([a, old], { versionId: NULL_VERSION });
    assert.deepEqual(
      added.versions.map((version) => version.versionId),
      [NULL_VERSION, 'a'],
    );
    assert.deepEqual(added.removed, [old]);
    assert.deepEqual(
      withNewest([old], { versionId: 'b' }).versions.map((version) => version.versionId),
      ['b', 'null'],
    );
    assert.equal(withoutVersion([a], 'missing'), undefined);
    assert.deepEqual(withoutVersion([a, old], 'a')?.versions, [old]);
  });

  it('keeps versions and delete markers when enabled, and answers S3 errors for them', () => {
    const store = new ObjectStore(directory, silentLogger);
    store.createBucket('versions');
    const unversioned = store.putObject('versions', 'k', Buffer.from('0'), DETAILS);
    assert.equal(unversioned.versionId, NULL_VERSION);
    store.setBucketConfiguration('versions', VERSIONING_CONFIGURATION, { Status: 'Enabled' });
    const first = store.putObject('versions', 'k', Buffer.from('1'), DETAILS);
    assert.notEqual(first.versionId, NULL_VERSION);
    assert.equal(first.versionId!.length, 32);
    const marker = store.deleteObject('versions', 'k');
    assert.equal(marker.deleteMarker, true);
    assert.equal(
      codeOf(() => store.headObject('versions', 'k')),
      'NoSuchKey 404',
    );
    assert.equal(
      codeOf(() => store.headObject('versions', 'k', marker.versionId)),
      'MethodNotAllowed 405',
    );
    assert.equal(
      codeOf(() => store.headObject('versions', 'k', 'nope')),
      'NoSuchVersion 404',
    );
    assert.equal(
      codeOf(() => store.headObject('versions', 'k', 'bad id!')),
      'InvalidArgument 400',
    );
    assert.equal(store.getObject('versions', 'k', NULL_VERSION).data.toString(), '0');
    assert.deepEqual(store.sortedKeys('versions'), []);
    assert.equal(
      codeOf(() => store.deleteBucket('versions')),
      'BucketNotEmpty 409',
    );

    // Removing the delete marker by id brings the previous version back.
    assert.deepEqual(store.deleteObject('versions', 'k', marker.versionId), {
      versionId: marker.versionId,
      deleteMarker: true,
    });
    assert.equal(store.getObject('versions', 'k').data.toString(), '1');

    // Suspended: writes replace the null version; a delete adds a null delete marker.
    store.setBucketConfiguration('versions', VERSIONING_CONFIGURATION, { Status: 'Suspended' });
    store.putObject('versions', 'k', Buffer.from('2'), DETAILS);
    assert.deepEqual(
      store.versionsOf('versions', 'k').map((version) => version.versionId),
      [NULL_VERSION, first.versionId],
    );
    assert.deepEqual(store.deleteObject('versions', 'k'), { deleteMarker: true, versionId: NULL_VERSION });
    assert.equal(store.versionsOf('versions', 'k').length, 2);

    // Versions, with their data, survive a restart; dropped versions leave no data files.
    const reloaded = new ObjectStore(directory, silentLogger);
    assert.equal(reloaded.getObject('versions', 'k', first.versionId).data.toString(), '1');
    assert.equal(reloaded.versionsOf('versions', 'k')[0]!.deleteMarker, true);
    const objects = join(directory, 'buckets', 'versions', 'objects');
    assert.equal(readdirSync(objects).filter((name) => name.endsWith('.bin')).length, 1);
  });

  it('loads objects saved before versioning as the null version', () => {
    const store = new ObjectStore(directory, silentLogger);
    store.createBucket('legacy');
    store.putObject('legacy', 'old', Buffer.from('legacy bytes'), DETAILS);
    const objects = join(directory, 'buckets', 'legacy', 'objects');
    const recordFile = readdirSync(objects).find((name) => name.endsWith('.json'))!;
    const record = JSON.parse(readFileSync(join(objects, recordFile), 'utf8')) as { versions: object[] };
    const { versionId: _dropped, ...legacy } = record.versions[0] as { versionId?: string };
    writeFileSync(join(objects, recordFile), JSON.stringify(legacy));
    const reloaded = new ObjectStore(directory, silentLogger);
    assert.equal(reloaded.getObject('legacy', 'old').data.toString(), 'legacy bytes');
    assert.equal(reloaded.getObject('legacy', 'old', NULL_VERSION).data.toString(), 'legacy bytes');
  });
});
