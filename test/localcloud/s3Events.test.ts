// S3 event notifications to a real local function and lifecycle headers, through boto3 and the aws CLI against the
// local cloud process (lifecycle actions on the clock are driven in the unit tier: test/unit/localcloud).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { repoRoot } from '../support/paths';
import { startFidelityCloud, type FidelityCloud } from './fidelityScenario';
import { runScenario, s3api } from './s3FidelityClients';

describe('fidelity: S3 event notifications and lifecycle headers', () => {
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud();
  });
  after(() => cloud.stop());

  it('boto3: a function receives ObjectCreated/ObjectRemoved records; x-amz-expiration and abort dates', async () => {
    assert.equal((await runScenario(cloud, 's3EventsScenario.py')).length, 2);
  });

  it('aws CLI: put-object and head-object show the expiration a lifecycle rule gives', async () => {
    await s3api(cloud, 'create-bucket', '--bucket', 'cli-lifecycle');
    await s3api(
      cloud,
      'put-bucket-lifecycle-configuration',
      '--bucket',
      'cli-lifecycle',
      '--lifecycle-configuration',
      JSON.stringify({ Rules: [{ ID: 'week', Status: 'Enabled', Filter: {}, Expiration: { Days: 7 } }] }),
    );
    const put = await s3api(
      cloud,
      'put-object',
      '--bucket',
      'cli-lifecycle',
      '--key',
      'k',
      '--body',
      join(repoRoot, 'package.json'),
    );
    assert.match(String(put['Expiration']), /^expiry-date="\w{3}, \d{2} \w{3} \d{4} 00:00:00 GMT", rule-id="week"$/);
    const head = await s3api(cloud, 'head-object', '--bucket', 'cli-lifecycle', '--key', 'k');
    assert.equal(head['Expiration'], put['Expiration']);
  });
});
