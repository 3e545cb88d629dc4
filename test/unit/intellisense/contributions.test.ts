import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHORT_FORM_TAGS } from '../../../src/core/template/parseTemplate';
import { repoRoot } from '../../support/paths';

interface IntelliSenseContributions {
  contributes: { configurationDefaults?: Record<string, unknown> };
}

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as IntelliSenseContributions;

describe('IntelliSense contributions in package.json', () => {
  it('declares every CloudFormation short-form tag to the Red Hat YAML extension, in all three node kinds', () => {
    const customTags = manifest.contributes.configurationDefaults?.['yaml.customTags'];
    assert.ok(Array.isArray(customTags), 'configurationDefaults sets yaml.customTags (instead of writing settings)');
    const expected = [...SHORT_FORM_TAGS].flatMap((tag) =>
      ['scalar', 'sequence', 'mapping'].map((kind) => `${tag} ${kind}`),
    );
    assert.deepEqual((customTags as string[]).slice().sort(), expected.sort());
  });
});
