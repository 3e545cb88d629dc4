import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot, sharedDir } from '../../support/paths';
import { templateSchemaPath, testTemplateSchema } from '../../support/testTemplateSchema';

interface Node {
  $ref?: string;
  anyOf?: Node[];
  properties?: Record<string, Node>;
  markdownDescription?: string;
  'x-resource'?: { transform?: string; attributes?: Record<string, string> };
  'x-discriminator'?: { property: string; mapping: Record<string, string> };
  [key: string]: unknown;
}

interface SchemaFile {
  $schema: string;
  $ref: string;
  definitions: Record<string, Node>;
}

const INTRINSIC = '#/definitions/Intrinsic';
const PRIMITIVES = ['String', 'Number', 'Integer', 'Boolean', 'Json', 'Any'].map((name) => `#/definitions/${name}`);

const SAM_TYPES = [
  'Function',
  'Api',
  'HttpApi',
  'WebSocketApi',
  'SimpleTable',
  'StateMachine',
  'LayerVersion',
  'Application',
  'GraphQLApi',
  'Connector',
  'CapacityProvider',
].map((name) => `AWS::Serverless::${name}`);

const FUNCTION_EVENTS = [
  'AlexaSkill',
  'Api',
  'CloudWatchEvent',
  'CloudWatchLogs',
  'Cognito',
  'DocumentDB',
  'DynamoDB',
  'EventBridgeRule',
  'HttpApi',
  'IoTRule',
  'Kinesis',
  'MQ',
  'MSK',
  'S3',
  'SNS',
  'SQS',
  'Schedule',
  'ScheduleV2',
  'SelfManagedKafka',
];

describe('scripts/generateSchema.mjs', () => {
  let text: string;
  let schema: SchemaFile;

  before(() => {
    testTemplateSchema();
    text = readFileSync(templateSchemaPath, 'utf8');
    schema = JSON.parse(text) as SchemaFile;
  });

  it('is deterministic: a fresh generation equals the file on disk', () => {
    // --check regenerates in memory and exits 1 on any difference.
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'generateSchema.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('writes a draft-07 JSON Schema rooted at the Template definition', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.$ref, '#/definitions/Template');
    for (const name of ['Template', 'Resource', 'Parameter', 'Output', 'Globals', 'Intrinsic']) {
      assert.ok(schema.definitions[name], name);
    }
  });

  it('has every CloudFormation resource type of the specification and every SAM type', () => {
    const resourceTypes = Object.keys(schema.definitions).filter((name) => schema.definitions[name]?.['x-resource']);
    assert.ok(resourceTypes.length > 1800, `${resourceTypes.length} resource types`);
    for (const type of SAM_TYPES) {
      assert.equal(schema.definitions[type]?.['x-resource']?.transform, 'AWS::Serverless-2016-10-31', type);
    }
    assert.ok(schema.definitions['AWS::Lambda::Function']?.['x-resource']?.attributes?.Arn);
  });

  it('puts one definition on each line, the layout the index reads lazily', () => {
    const lines = text.split('\n');
    assert.ok(lines[0]?.endsWith('"definitions":{'));
    assert.equal(lines.length - 3, Object.keys(schema.definitions).length);
  });

  it('describes SAM event sources with a discriminator on Type', () => {
    const functionEvent = schema.definitions['AWS::Serverless::Function.Event']?.['x-discriminator'];
    assert.equal(functionEvent?.property, 'Type');
    assert.deepEqual(Object.keys(functionEvent?.mapping ?? {}).sort(), [...FUNCTION_EVENTS].sort());
    const stateMachineEvent = schema.definitions['AWS::Serverless::StateMachine.Event']?.['x-discriminator'];
    assert.deepEqual(Object.keys(stateMachineEvent?.mapping ?? {}).sort(), [
      'Api',
      'CloudWatchEvent',
      'EventBridgeRule',
      'Schedule',
      'ScheduleV2',
    ]);
  });

  it('has Globals sections for the SAM types that take them', () => {
    const sections = Object.keys(schema.definitions.Globals?.properties ?? {});
    assert.deepEqual(sections.sort(), [
      'Api',
      'CapacityProvider',
      'Function',
      'HttpApi',
      'LayerVersion',
      'SimpleTable',
      'StateMachine',
      'WebSocketApi',
    ]);
  });

  it('accepts an intrinsic function at every property position', () => {
    const refusing: string[] = [];
    for (const [typeName, definition] of Object.entries(schema.definitions)) {
      for (const [propertyName, position] of Object.entries(definition.properties ?? {})) {
        const accepts =
          PRIMITIVES.includes(position.$ref ?? '') || position.anyOf?.some((option) => option.$ref === INTRINSIC);
        const structural = propertyName === 'Properties' || typeName === 'Template' || typeName === 'Globals';
        if (!accepts && !structural) refusing.push(`${typeName}.${propertyName}`);
      }
    }
    assert.deepEqual(refusing.slice(0, 10), []);
  });

  it('resolves every $ref', () => {
    const missing = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (value === null || typeof value !== 'object') return;
      const ref = (value as Node).$ref;
      if (typeof ref === 'string' && !schema.definitions[ref.replace('#/definitions/', '')]) missing.add(ref);
      Object.values(value).forEach(visit);
    };
    visit(schema.definitions);
    assert.deepEqual([...missing], []);
  });

  it('keeps maps with free keys free (Environment variables, SAM Tags)', () => {
    const variables = schema.definitions['AWS::Lambda::Function.Environment']?.properties?.Variables;
    assert.deepEqual(variables?.anyOf?.[0], { type: 'object', additionalProperties: { $ref: '#/definitions/String' } });
    const tags = schema.definitions['AWS::Serverless::Function']?.properties?.Tags;
    assert.equal(tags?.anyOf?.[0]?.type, 'object');
  });

  it('does not copy the SAM schema text: our SAM descriptions share no sentence with it', () => {
    const oracle = readFileSync(join(sharedDir, 'reference', 'sam-schema', 'sam.schema.json'), 'utf8');
    const oracleSentences = new Set<string>();
    for (const match of oracle.matchAll(/"markdownDescription": "((?:[^"\\]|\\.)*)"/g)) {
      for (const sentence of (JSON.parse(`"${match[1]}"`) as string).split(/(?<=\.)\s+/)) {
        if (sentence.length > 40) oracleSentences.add(sentence.trim());
      }
    }
    const copied: string[] = [];
    for (const [name, definition] of Object.entries(schema.definitions)) {
      if (!name.startsWith('AWS::Serverless::') && !name.startsWith('Globals')) continue;
      const texts = [
        definition.markdownDescription,
        ...Object.values(definition.properties ?? {}).map((p) => p.markdownDescription),
      ];
      for (const description of texts) {
        // Pass-through properties quote CloudFormation's reference text (from the specification), as SAM's does.
        if (description?.includes('SAM passes it to')) continue;
        if (description && [...oracleSentences].some((sentence) => description.includes(sentence)))
          copied.push(`${name}: ${description}`);
      }
    }
    assert.deepEqual(copied, []);
  });

  it('stays small enough to ship (gzipped, as inside the .vsix)', () => {
    const gzipped = gzipSync(text).length;
    assert.ok(gzipped < 2 * 1024 * 1024, `${gzipped} bytes gzipped`);
  });
});
