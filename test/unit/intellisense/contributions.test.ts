import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHORT_FORM_TAGS } from '../../../src/core/template/parseTemplate';
import { repoRoot } from '../../support/paths';

interface IntelliSenseContributions {
  contributes: {
    configurationDefaults?: Record<string, unknown>;
    grammars?: { scopeName: string; path: string; injectTo?: string[] }[];
  };
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

  it('injects the intrinsic-function grammar into YAML and JSON, with the scope its file declares', () => {
    const grammar = manifest.contributes.grammars?.find((entry) => entry.scopeName === 'cloudformation.injection');
    assert.ok(grammar, 'contributes.grammars has the injection grammar');
    const file = JSON.parse(readFileSync(join(repoRoot, grammar.path), 'utf8')) as {
      scopeName: string;
      injectionSelector: string;
    };
    assert.equal(file.scopeName, grammar.scopeName);
    assert.deepEqual(grammar.injectTo, ['source.yaml', 'source.json']);
    for (const scope of grammar.injectTo) assert.ok(file.injectionSelector.includes(`L:${scope}`), scope);
  });
});
