import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { describeResourceType, hoverAtPath } from '../../../src/core/template/schema/schemaHover';
import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { testTemplateSchema } from '../../support/testTemplateSchema';
import { SAMPLE_TEMPLATE } from './schemaFixtures';

describe('schema hovers', () => {
  let schema: TemplateSchema;
  const root = parseTemplate(SAMPLE_TEMPLATE).root;

  before(() => {
    schema = testTemplateSchema();
  });

  it('describes a property key: type, required, documentation, allowed values', () => {
    const hover = hoverAtPath(root, schema, ['Globals', 'Function', 'Architectures'], 'key') ?? '';
    assert.match(hover, /^\*\*Architectures\*\* · `List of String`/);
    assert.match(hover, /Allowed values: `x86_64`, `arm64`/);
    const code = hoverAtPath(root, schema, ['Resources', 'Policy', 'Properties', 'Queues'], 'key') ?? '';
    assert.match(code, /· required/);
  });

  it('describes a template section', () => {
    assert.match(hoverAtPath(root, schema, ['Globals'], 'key') ?? '', /Defaults that SAM applies/);
  });

  it('describes the resource type of a logical ID and of a Type value', () => {
    const byKey = hoverAtPath(root, schema, ['Resources', 'Queue'], 'key') ?? '';
    assert.match(byKey, /^\*\*AWS::SQS::Queue\*\*/);
    assert.match(byKey, /`Ref` returns/);
    assert.match(byKey, /`Fn::GetAtt` attributes: `Arn`/);
    assert.match(
      byKey,
      /\[Reference\]\(https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/.*aws-resource-sqs-queue\.html\)/,
    );
    const byValue = hoverAtPath(root, schema, ['Resources', 'Fn', 'Type'], 'value') ?? '';
    assert.match(byValue, /SAM also creates:\n- `\{id\}Role` \(AWS::IAM::Role\) unless `Role` is set/);
    assert.match(byValue, /`\{id\}\.Alias` \(AWS::Lambda::Alias\) when `AutoPublishAlias` is set/);
  });

  it('describes the event source a Type value picks', () => {
    const hover =
      hoverAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'Events', 'Queue', 'Type'], 'value') ?? '';
    assert.match(hover, /^\*\*SQS\*\* event source\n\nInvoked with messages of an SQS queue\./);
  });

  it('tells whether a runtime is deprecated, and what to upgrade to', () => {
    const text = 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.8\n';
    const path = ['Resources', 'Fn', 'Properties', 'Runtime'];
    const hover =
      hoverAtPath(parseTemplate(text).root, schema, path, 'value', { now: new Date('2026-01-15T00:00:00Z') }) ?? '';
    assert.match(
      hover,
      /\*\*Python 3\.8\*\* \(`python3\.8`\)\n\nDeprecated since 2024-10-14\. Upgrade to `python3\.14`\./,
    );
    const current = hoverAtPath(root, schema, ['Globals', 'Function', 'Runtime'], 'value', {
      now: new Date('2026-01-15T00:00:00Z'),
    });
    assert.match(current ?? '', /Supported; deprecation planned for 2027-04-30/);
  });

  it('answers nothing where the schema has nothing to say', () => {
    assert.equal(hoverAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'NoSuch'], 'key'), undefined);
    assert.equal(hoverAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'Events', 'Queue'], 'key'), undefined);
  });

  it('mentions GetAtt prefixes of nested applications', () => {
    assert.match(describeResourceType(schema.resourceType('AWS::Serverless::Application')!), /`Outputs\.\*`/);
  });
});
