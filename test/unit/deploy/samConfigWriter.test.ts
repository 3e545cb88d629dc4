import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setSamConfigValues } from '../../../src/core/deploy/samConfigWriter';
import { readSamConfigParameters } from '../../../src/core/runtime/resolve/samConfig';

describe('deploy: saving to samconfig.toml', () => {
  const existing = `# Project settings, kept by hand
version = 0.1

[default.global.parameters]
region = "eu-west-1" # where we work

[default.deploy.parameters]
# the stack
stack_name = "old-name"
capabilities = [
  "CAPABILITY_IAM",
]

# build settings follow
[default.build.parameters]
cached = true
`;

  it('changes only the lines it sets and keeps every comment', () => {
    const updated = setSamConfigValues(existing, 'default', 'deploy', {
      stack_name: 'new-name',
      capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      parameter_overrides: 'Stage="prod" Prefix="Hi there"',
      confirm_changeset: true,
    });
    for (const comment of [
      '# Project settings, kept by hand',
      '# where we work',
      '# the stack',
      '# build settings follow',
    ]) {
      assert.ok(updated.includes(comment), comment);
    }
    assert.match(
      updated,
      /stack_name = "new-name"\ncapabilities = \["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"\]\nparameter_overrides = "Stage=\\"prod\\" Prefix=\\"Hi there\\""\nconfirm_changeset = true\n\n# build settings follow/,
    );
    assert.match(updated, /\[default.build.parameters\]\ncached = true\n$/);
  });

  it('round-trips through the reader SAM-style commands use, in a new table and a new file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sw-samconfig-'));
    try {
      const path = join(folder, 'samconfig.toml');
      writeFileSync(
        path,
        setSamConfigValues(existing, 'staging', 'deploy', { stack_name: 'app-staging', resolve_s3: true }),
      );
      const staging = readSamConfigParameters(path, { environment: 'staging', command: 'deploy' });
      assert.deepEqual(staging.parameters, { stack_name: 'app-staging', resolve_s3: true });
      const original = readSamConfigParameters(path, { environment: 'default', command: 'deploy' });
      assert.equal(original.parameters['stack_name'], 'old-name');
      assert.equal(original.parameters['region'], 'eu-west-1');

      writeFileSync(
        path,
        setSamConfigValues('', 'default', 'deploy', { stack_name: 'fresh', capabilities: 'CAPABILITY_IAM' }),
      );
      assert.match(
        readFileSync(path, 'utf8'),
        /^version = 0.1\n\n\[default.deploy.parameters\]\nstack_name = "fresh"\n/,
      );
      assert.deepEqual(readSamConfigParameters(path, { environment: 'default', command: 'deploy' }).parameters, {
        stack_name: 'fresh',
        capabilities: 'CAPABILITY_IAM',
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
