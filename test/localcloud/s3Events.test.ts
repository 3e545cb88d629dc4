// S3 event notifications to a real local function and lifecycle headers, through boto3 and the aws CLI against the
// local cloud process (lifecycle actions on the clock are driven in the unit tier: test/unit/localcloud).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/paths';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

describe('fidelity: S3 event notifications and lifecycle headers', () => {
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud();
  });
  after(() => cloud.stop());

  it('boto3: a function receives ObjectCreated/ObjectRemoved records; x-amz-expiration and abort dates', async () => {
    const { stdout } = await run(
      'python3',
      [join(repoRoot, 'test', 'localcloud', 's3EventsScenario.py'), cloud.endpoint],
      {
        env: clientEnvironment(),
      },
    );
    assert.equal((JSON.parse(stdout) as string[]).length, 2, stdout);
  });

  it('aws CLI: put-object and head-object show the expiration a lifecycle rule gives', async () => {
    const env = clientEnvironment();
    const s3api = async (...args: string[]) => {
      const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', 's3api', ...args], {
        env,
      });
      return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
    };
    await s3api('create-bucket', '--bucket', 'cli-lifecycle');
    await s3api(
      'put-bucket-lifecycle-configuration',
      '--bucket',
      'cli-lifecycle',
      '--lifecycle-configuration',
      JSON.stringify({ Rules: [{ ID: 'week', Status: 'Enabled', Filter: {}, Expiration: { Days: 7 } }] }),
    );
    const put = await s3api(
      'put-object',
      '--bucket',
      'cli-lifecycle',
      '--key',
      'k',
      '--body',
      join(repoRoot, 'package.json'),
    );
    assert.match(String(put['Expiration']), /^expiry-date="\w{3}, \d{2} \w{3} \d{4} 00:00:00 GMT", rule-id="week"$/);
    const head = await s3api('head-object', '--bucket', 'cli-lifecycle', '--key', 'k');
    assert.equal(head['Expiration'], put['Expiration']);
  });
});
