import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import { resolveSchemaAtPath } from '../../../src/core/template/schema/resolveSchemaAtPath';
import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { testTemplateSchema } from '../../support/testTemplateSchema';
import { SAMPLE_TEMPLATE } from './schemaFixtures';

describe('resolveSchemaAtPath', () => {
  let schema: TemplateSchema;
  const root = parseTemplate(SAMPLE_TEMPLATE).root;

  before(() => {
    schema = testTemplateSchema();
  });

  it('resolves the template root to its sections', () => {
    const location = resolveSchemaAtPath(root, schema, []);
    assert.equal(location?.objectType?.name, 'Template');
  });

  it('resolves a resource entry and its Properties from the sibling Type', () => {
    const entry = resolveSchemaAtPath(root, schema, ['Resources', 'Fn']);
    assert.equal(entry?.objectType?.name, 'Resource');
    assert.deepEqual(
      { logicalId: entry?.resource?.logicalId, type: entry?.resource?.type },
      { logicalId: 'Fn', type: 'AWS::Serverless::Function' },
    );
    const properties = resolveSchemaAtPath(root, schema, ['Resources', 'Fn', 'Properties']);
    assert.equal(properties?.objectType?.name, 'AWS::Serverless::Function');
    assert.equal(properties?.node?.kind, 'map');
  });

  it('resolves a property with its documentation and allowed values', () => {
    const location = resolveSchemaAtPath(root, schema, ['Resources', 'Queue', 'Properties', 'FifoQueue']);
    assert.equal(location?.property?.name, 'FifoQueue');
    assert.deepEqual(location?.shape, { kind: 'primitive', type: 'boolean' });
    assert.equal(location?.parentType?.name, 'AWS::SQS::Queue');
    assert.equal(location?.node, undefined, 'not written yet, still resolved');
  });

  it('resolves SAM event Properties from the event Type', () => {
    const sqs = resolveSchemaAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'Events', 'Queue', 'Properties']);
    assert.equal(sqs?.objectType?.name, 'AWS::Serverless::Function.SQSEventProperties');
    const api = resolveSchemaAtPath(root, schema, [
      'Resources',
      'Fn',
      'Properties',
      'Events',
      'Get',
      'Properties',
      'Method',
    ]);
    assert.equal(api?.parentType?.name, 'AWS::Serverless::Function.ApiEventProperties');
    const event = resolveSchemaAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'Events', 'Queue']);
    assert.equal(event?.objectType?.name, 'AWS::Serverless::Function.SQSEvent');
  });

  it('resolves an event whose Type is not chosen yet to the event family', () => {
    const text =
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Events:\n        New:\n';
    const location = resolveSchemaAtPath(parseTemplate(text).root, schema, [
      'Resources',
      'Fn',
      'Properties',
      'Events',
      'New',
    ]);
    assert.equal(location?.objectType?.name, 'AWS::Serverless::Function.Event');
  });

  it('maps Globals sections to the SAM types’ properties', () => {
    const runtime = resolveSchemaAtPath(root, schema, ['Globals', 'Function', 'Runtime']);
    assert.equal(runtime?.parentType?.name, 'Globals.Function');
    assert.ok(runtime?.property?.allowedValues?.includes('python3.13'));
    const item = resolveSchemaAtPath(root, schema, ['Globals', 'Function', 'Architectures', 0]);
    assert.deepEqual(item?.shape, { kind: 'primitive', type: 'string' });
  });

  it('looks through Fn::If branches in short and long form', () => {
    const short = resolveSchemaAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'VpcConfig', 1, 'SubnetIds']);
    assert.equal(short?.property?.name, 'SubnetIds');
    assert.equal(short?.node?.kind, 'seq');
    const long = resolveSchemaAtPath(root, schema, ['Resources', 'LongFormFn', 'Properties', 'VpcConfig', 'Fn::If', 1]);
    assert.equal(long?.objectType?.name, 'AWS::Lambda::Function.VpcConfig');
    const condition = resolveSchemaAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'VpcConfig', 0]);
    assert.deepEqual(condition?.shape, { kind: 'primitive', type: 'string' });
  });

  it('stops at other intrinsic functions and at unknown properties', () => {
    assert.equal(
      resolveSchemaAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'Events', 'Queue', 'Properties', 'Queue', 0]),
      undefined,
    );
    assert.equal(resolveSchemaAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'NoSuchProperty']), undefined);
  });

  it('leaves free positions free: map keys, JSON documents, custom resources', () => {
    const variable = resolveSchemaAtPath(root, schema, [
      'Resources',
      'Fn',
      'Properties',
      'Environment',
      'Variables',
      'ANY_NAME',
    ]);
    assert.deepEqual(variable?.shape, { kind: 'primitive', type: 'string' });
    const inPolicy = resolveSchemaAtPath(root, schema, [
      'Resources',
      'Policy',
      'Properties',
      'PolicyDocument',
      'Statement',
    ]);
    assert.deepEqual(inPolicy?.shape, { kind: 'primitive', type: 'any' });
    const text = 'Resources:\n  C:\n    Type: Custom::Thing\n    Properties:\n      Anything: 1\n';
    const custom = resolveSchemaAtPath(parseTemplate(text).root, schema, ['Resources', 'C', 'Properties', 'Anything']);
    assert.deepEqual(custom?.shape, { kind: 'primitive', type: 'any' });
  });

  it('resolves Properties of an unknown type as free JSON', () => {
    const text = 'Resources:\n  X:\n    Type: Vendor::Some::Thing\n    Properties:\n      A: 1\n';
    const location = resolveSchemaAtPath(parseTemplate(text).root, schema, ['Resources', 'X', 'Properties', 'A']);
    assert.deepEqual(location?.shape, { kind: 'primitive', type: 'any' });
  });
});
