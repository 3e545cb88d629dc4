import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../../../src/core/errors';
import {
  defaultSchemaPaths,
  indexSchemaFile,
  loadTemplateSchema,
  templateSchemaFromDocument,
} from '../../../src/core/template/schema/loadTemplateSchema';
import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { testTemplateSchema } from '../../support/testTemplateSchema';

describe('loadTemplateSchema', () => {
  let schema: TemplateSchema;

  before(() => {
    schema = testTemplateSchema();
  });

  it('lists the resource types, sorted, without nested or structural types', () => {
    const names = schema.resourceTypeNames();
    assert.ok(names.length > 1800);
    assert.deepEqual([...names], [...names].sort());
    assert.ok(names.includes('AWS::Serverless::Function'));
    assert.ok(names.includes('AWS::Lambda::Function'));
    assert.ok(names.includes('Alexa::ASK::Skill'));
    assert.ok(!names.some((name) => name.includes('.')));
    assert.ok(!names.includes('Resource'));
  });

  it('answers a CloudFormation type with properties, allowed values, attributes and what Ref returns', () => {
    const lambda = schema.resourceType('AWS::Lambda::Function')!;
    assert.ok(lambda.attributes.has('Arn'));
    assert.match(lambda.refReturns ?? '', /FunctionName/);
    assert.equal(
      lambda.documentationUrl,
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html',
    );
    const properties = lambda.properties.properties;
    assert.equal(properties.get('Code')?.required, true);
    assert.ok(properties.get('Runtime')?.allowedValues?.includes('nodejs22.x'));
    assert.deepEqual(properties.get('Architectures')?.shape, {
      kind: 'array',
      items: { kind: 'primitive', type: 'string' },
    });
    assert.deepEqual(properties.get('Architectures')?.allowedValues, ['x86_64', 'arm64']);
    assert.deepEqual(properties.get('Environment')?.shape, {
      kind: 'object',
      typeName: 'AWS::Lambda::Function.Environment',
    });
    const environment = schema.objectType('AWS::Lambda::Function.Environment')!;
    assert.deepEqual(environment.properties.get('Variables')?.shape, {
      kind: 'map',
      values: { kind: 'primitive', type: 'string' },
    });
  });

  it('answers SAM types with the transform, the underlying attributes and what SAM generates', () => {
    const fn = schema.resourceType('AWS::Serverless::Function')!;
    assert.equal(fn.transform, 'AWS::Serverless-2016-10-31');
    assert.ok(fn.attributes.has('Arn'));
    assert.equal(fn.refReturns, 'the function name');
    const generated = new Map(fn.generated?.map((entry) => [entry.reference, entry]));
    assert.deepEqual(
      { type: generated.get('{id}Role')?.type, unless: generated.get('{id}Role')?.unless },
      { type: 'AWS::IAM::Role', unless: 'Role' },
    );
    assert.equal(generated.get('{id}.Alias')?.when, 'AutoPublishAlias');
    assert.equal(generated.get('{id}.Version')?.type, 'AWS::Lambda::Version');
    assert.equal(generated.get('ServerlessRestApi')?.whenEventType, 'Api');
    assert.ok(fn.generated?.some((entry) => entry.reference === '{id}{eventId}' && entry.whenEventType === 'SQS'));
    assert.deepEqual(fn.properties.mutuallyExclusive?.[0], ['CodeUri', 'InlineCode']);
    const tracing = fn.properties.properties.get('Tracing');
    assert.deepEqual(tracing?.allowedValues, ['Active', 'PassThrough', 'Disabled']);
    const deployment = schema.objectType('AWS::Serverless::Function.DeploymentPreference')!;
    assert.ok(deployment.properties.get('Type')?.suggestedValues?.includes('Canary10Percent5Minutes'));
    assert.equal(deployment.properties.get('Type')?.allowedValues, undefined);
  });

  it('answers the event discriminator and its variants', () => {
    const event = schema.objectType('AWS::Serverless::Function.Event')!;
    assert.equal(event.discriminator?.property, 'Type');
    const sqs = schema.objectType(event.discriminator.mapping.get('SQS')!)!;
    assert.deepEqual(sqs.properties.get('Properties')?.shape, {
      kind: 'object',
      typeName: 'AWS::Serverless::Function.SQSEventProperties',
    });
    assert.equal(
      schema.objectType('AWS::Serverless::Function.SQSEventProperties')?.properties.get('Queue')?.required,
      true,
    );
  });

  it('treats Custom:: types as free-form custom resources with any attribute', () => {
    const custom = schema.resourceType('Custom::MyThing')!;
    assert.equal(custom.name, 'Custom::MyThing');
    assert.equal(custom.properties.additionalProperties, true);
    assert.equal(custom.anyAttribute, true);
    assert.ok(custom.properties.properties.has('ServiceToken'));
  });

  it('knows GetAtt prefixes of nested applications', () => {
    assert.ok(schema.resourceType('AWS::Serverless::Application')?.attributePrefixes?.has('Outputs.'));
  });

  it('answers undefined for unknown names', () => {
    assert.equal(schema.resourceType('AWS::Nope::Nothing'), undefined);
    assert.equal(schema.objectType('AWS::Nope::Nothing.Thing'), undefined);
    assert.equal(schema.resourceType('toString'), undefined);
  });

  it('finds the schema next to the bundle (dist/../schemas) or, from the sources, in the repository', () => {
    assert.equal(defaultSchemaPaths(join('/ext', 'dist'))[0], join('/ext', 'schemas', 'template.schema.json'));
    const fromSources = loadTemplateSchema();
    assert.ok(fromSources.resourceType('AWS::SQS::Queue'));
  });

  it('throws a WorkbenchError with a hint on first use when the file is missing', () => {
    const missing = loadTemplateSchema({ schemaPath: join(tmpdir(), 'no-such-dir', 'template.schema.json') });
    assert.throws(
      () => missing.resourceTypeNames(),
      (error: unknown) => error instanceof WorkbenchError && /npm run schema/.test(error.hint ?? ''),
    );
  });

  it('reports an unreadable file the same way', () => {
    const directory = mkdtempSync(join(tmpdir(), 'schema-'));
    try {
      const path = join(directory, 'template.schema.json');
      writeFileSync(path, '{not json');
      assert.throws(() => loadTemplateSchema({ schemaPath: path }).resourceType('AWS::SQS::Queue'), WorkbenchError);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('indexSchemaFile', () => {
  const line = (name: string, body: string) => `${JSON.stringify(name)}:${body}`;

  it('parses each definition of the one-per-line layout only when it is asked for', () => {
    const text = [
      '{"$schema":"x","definitions":{',
      `${line('A::B::C', '{"type":"object","properties":{}}')},`,
      `${line('Broken', '{not json')},`,
      line('Last', '{"type":"object"}'),
      '}}',
    ].join('\n');
    const definitions = indexSchemaFile(Buffer.from(text));
    assert.deepEqual([...definitions.keys()], ['A::B::C', 'Broken', 'Last']);
    assert.deepEqual(definitions.get('Last')?.(), { type: 'object' });
    assert.throws(() => definitions.get('Broken')?.());
  });

  it('falls back to parsing the whole document in any other layout', () => {
    const text = JSON.stringify({ definitions: { 'X::Y::Z': { type: 'object', properties: {} } } }, null, 2);
    const definitions = indexSchemaFile(Buffer.from(text));
    assert.deepEqual(definitions.get('X::Y::Z')?.(), { type: 'object', properties: {} });
  });

  it('backs templateSchemaFromDocument as well', () => {
    const schema = templateSchemaFromDocument({
      definitions: {
        'X::Y::Z': { type: 'object', properties: { Name: { $ref: '#/definitions/String' } }, 'x-resource': {} },
      },
    });
    assert.deepEqual(schema.resourceTypeNames(), ['X::Y::Z']);
    assert.deepEqual(schema.resourceType('X::Y::Z')?.properties.properties.get('Name')?.shape, {
      kind: 'primitive',
      type: 'string',
    });
  });
});
