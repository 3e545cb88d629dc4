// What IntelliSense knows SAM generates comes from the SAM transform's own run: the same names, types and hashed
// IDs as the transformed template, also while one resource is being edited into an invalid state.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformTemplateText } from '../../../src/core/sam/transformedTemplate';
import { samTransformRun, SamTransformCache } from '../../../src/core/template/language/samTransformRun';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { isKnownResource } from '../../../src/core/template/language/templateSymbols';
import { validateTemplate } from '../../../src/core/template/language/validateTemplate';
import { parseTemplateJson } from '../../../src/core/template/templateJson';
import { repoRoot } from '../../support/paths';
import { projectSchema } from './languageFixtures';

const SAMPLE = readFileSync(join(repoRoot, 'samples', 'hello-sam', 'template.yaml'), 'utf8');

function sampleWith(from: string, to: string): string {
  assert.ok(SAMPLE.includes(from), `the sample no longer holds ${JSON.stringify(from)}`);
  return SAMPLE.replace(from, to);
}

/** The logical IDs and types of the transformed template that the template itself does not declare. */
function transformedExtras(text: string): Map<string, string> {
  const declared = TemplateDocument.parse(text).symbols.resources;
  const output = parseTemplateJson(transformTemplateText(text, { format: 'json' }).text);
  const resources = output.Resources as Record<string, { Type: string }>;
  return new Map(
    Object.entries(resources)
      .filter(([id]) => !declared.has(id))
      .map(([id, resource]) => [id, resource.Type]),
  );
}

describe('SAM-generated names from the transform', () => {
  it('are exactly the resources the transformed template adds, with their types', () => {
    const document = TemplateDocument.parse(SAMPLE, projectSchema());
    const generated = document.symbols.generated;
    const ids = new Map(
      [...generated.values()].filter((item) => !item.name.includes('.')).map((item) => [item.name, item.type]),
    );
    assert.deepEqual(ids, transformedExtras(SAMPLE));
    // The hashed version ID is the transform's, not a guess.
    assert.ok([...ids.keys()].some((id) => /^UsersFunctionVersion[0-9a-f]{10}$/.test(id)));
    assert.equal(generated.get('UsersFunctionRole')?.source, 'UsersFunction');
    assert.equal(
      generated.get('UsersFunctionRole')?.documentation,
      'The execution role SAM creates when `Role` is not set.',
    );
  });

  it("name SAM's references (Fn.Alias, Api.Stage) after what they stand for", () => {
    const generated = TemplateDocument.parse(SAMPLE, projectSchema()).symbols.generated;
    assert.equal(generated.get('UsersFunction.Alias')?.type, 'AWS::Lambda::Alias');
    assert.equal(generated.get('UsersFunction.Version')?.type, 'AWS::Lambda::Version');
    assert.equal(generated.get('ServerlessRestApi.Stage')?.type, 'AWS::ApiGateway::Stage');
    // The implicit API and the shared CodeDeploy application come from several functions: the first stands for them.
    const implicit = generated.get('ServerlessRestApi');
    assert.equal(implicit?.type, 'AWS::ApiGateway::RestApi');
    assert.ok(implicit && ['UsersFunction', 'OrderProcessorFunction'].includes(implicit.source));
  });

  it('keep the names of a resource that no longer transforms known, so one fault does not cascade', () => {
    const text = sampleWith('AutoPublishAlias: live', "AutoPublishAlias: ''").replace(
      '\nOutputs:\n',
      '\nOutputs:\n  RoleArn:\n    Value: !GetAtt UsersFunctionRole.Arn\n  AliasRef:\n    Value: !Ref UsersFunction.Alias\n',
    );
    const document = TemplateDocument.parse(text, projectSchema());
    assert.ok(!document.symbols.generated.has('UsersFunctionRole'));
    assert.ok(isKnownResource(document.symbols, 'UsersFunctionRole'));
    assert.ok(isKnownResource(document.symbols, 'UsersFunction.Alias'));
    // The other function still transforms, so its names stay exact.
    assert.equal(document.symbols.generated.get('OrderProcessorFunctionRole')?.type, 'AWS::IAM::Role');
    const errors = validateTemplate(document).filter((diagnostic) => diagnostic.severity === 'error');
    assert.deepEqual(
      errors.map((diagnostic) => diagnostic.code),
      ['sam-transform'],
    );
  });

  it('a template without the SAM transform generates nothing', () => {
    const document = TemplateDocument.parse(sampleWith('Transform: AWS::Serverless-2016-10-31\n', ''));
    assert.equal(document.symbols.generated.size, 0);
  });

  it('a loop of AWS::LanguageExtensions does not hide what the rest generates', () => {
    const text = sampleWith(
      'Transform: AWS::Serverless-2016-10-31',
      'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]',
    ).replace(
      'Resources:\n',
      'Resources:\n  Fn::ForEach::Topics:\n    - Name\n    - [A, B]\n    - Topic${Name}:\n        Type: AWS::SNS::Topic\n',
    );
    const symbols = TemplateDocument.parse(text, projectSchema()).symbols;
    assert.equal(symbols.generated.get('UsersFunctionRole')?.type, 'AWS::IAM::Role');
    assert.ok(isKnownResource(symbols, 'TopicA'));
  });

  it('an edited snapshot answers with the names before it until its text is transformed; validation uses its own', () => {
    const withOutput = sampleWith('\nOutputs:\n', '\nOutputs:\n  RoleArn:\n    Value: !GetAtt UsersFunctionRole.Arn\n');
    const document = TemplateDocument.parse(withOutput, projectSchema());
    assert.ok(document.symbols.generated.has('UsersFunctionRole'));
    const edited = document.update(`${withOutput.replaceAll('UsersFunction', 'AccountsFunction')}# stale names\n`);
    // No transform for a keystroke: the earlier names, where their source still exists.
    assert.ok(!edited.symbols.generated.has('AccountsFunctionRole'));
    assert.ok(!edited.symbols.generated.has('UsersFunctionRole'));
    assert.equal(
      edited.symbols.generated.get('OrderProcessorFunctionRole')?.sourceRange.start,
      edited.symbols.resources.get('OrderProcessorFunction')?.keyRange.start,
    );
    const errors = validateTemplate(edited).filter((diagnostic) => diagnostic.severity === 'error');
    assert.deepEqual(errors, []);
    assert.equal(edited.symbols.generated.get('AccountsFunctionRole')?.type, 'AWS::IAM::Role');
  });

  it('lint and IntelliSense share one run per text', () => {
    const cache = new SamTransformCache();
    let runs = 0;
    const transform = () => {
      runs++;
      return {};
    };
    const document = TemplateDocument.parse(SAMPLE);
    const first = samTransformRun(document, { cache, transform });
    assert.equal(samTransformRun(TemplateDocument.parse(SAMPLE), { cache, transform }), first);
    assert.equal(runs, 1);
  });
});
