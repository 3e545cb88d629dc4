import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isTemplateText } from '../../../src/core/template/isTemplateText';
import { summarizeTemplate } from '../../../src/core/template/summarizeTemplate';
import { corpusDir, corpusManifest, repoRoot } from '../../support/paths';

describe('summarizeTemplate', () => {
  it('lists the functions of the sample app with runtimes and positions', () => {
    const text = readFileSync(join(repoRoot, 'samples/hello-sam/template.yaml'), 'utf8');
    const summary = summarizeTemplate(text);
    assert.equal(summary.kind, 'template');
    if (summary.kind !== 'template') return;
    assert.equal(summary.syntaxError, undefined);
    assert.deepEqual(
      summary.functions.map((fn) => [fn.logicalId, fn.runtime, fn.handler]),
      [
        ['UsersFunction', 'nodejs22.x', 'app.handler'],
        ['OrderProcessorFunction', 'python3.12', 'app.handler'],
      ],
    );
    const usersLine = text.split('\n').findIndex((line) => line.startsWith('  UsersFunction:'));
    assert.deepEqual(summary.functions[0]!.position, { line: usersLine, character: 2 });
    assert.deepEqual(summary.functions[0]!.endPosition, { line: usersLine, character: 2 + 'UsersFunction'.length });
  });

  it('takes the runtime from Globals when the function has none', () => {
    const summary = summarizeTemplate(
      'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.13\nResources:\n  F:\n    Type: AWS::Serverless::Function\n',
    );
    assert.equal(summary.kind === 'template' && summary.functions[0]?.runtime, 'python3.13');
  });

  it('leaves other YAML and JSON alone', () => {
    assert.equal(summarizeTemplate('services:\n  web:\n    image: nginx\n').kind, 'not-a-template');
    assert.equal(summarizeTemplate('{"name": "x", "version": "1.0.0"}').kind, 'not-a-template');
    assert.equal(isTemplateText('Resources:\n  Thing:\n    Type: MyCompany::Widget\n'), false);
  });

  it('still lists functions before a syntax error and reports where it is', () => {
    const summary = summarizeTemplate(
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n  Broken: [oops\n',
    );
    assert.equal(summary.kind, 'template');
    if (summary.kind !== 'template') return;
    assert.deepEqual(
      summary.functions.map((fn) => fn.logicalId),
      ['Fn'],
    );
    assert.ok(summary.syntaxError);
  });

  it('recognizes every corpus template by content and finds its functions', () => {
    const files = readdirSync(corpusDir).filter((name) => name !== 'manifest.tsv');
    assert.equal(files.length, 70);
    for (const file of files) {
      const summary = summarizeTemplate(readFileSync(join(corpusDir, file), 'utf8'));
      assert.equal(summary.kind, 'template', `${file} should be recognized as a template`);
      const validity = corpusManifest().get(file)?.validity;
      if (summary.kind === 'template' && validity === 'valid') {
        assert.equal(summary.syntaxError, undefined, `${file}: ${summary.syntaxError?.message}`);
      }
    }
  });
});
