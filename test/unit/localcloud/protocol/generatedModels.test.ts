import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedDir } from '../../../support/paths';

describe('generated service models', () => {
  it('are what the generator makes from the shared botocore models (run `npm run models` after an update)', function () {
    this.timeout(60_000);
    const models = join(sharedDir, 'reference', 'aws-models');
    assert.ok(existsSync(models), `${models} is missing: set SW_SHARED_DIR to the shared reference folder`);
    const output = execFileSync(
      process.execPath,
      [join(repoRoot, 'scripts', 'generateAwsModels.mjs'), '--check', '--models', models],
      { encoding: 'utf8' },
    );
    assert.match(output, /models are up to date/);
  });
});
