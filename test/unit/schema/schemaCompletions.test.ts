import { strict as assert } from 'node:assert';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import {
  completePropertiesAtPath,
  completeResourceTypes,
  completeValuesAtPath,
  resolveResourceTypeCandidate,
  type CompletionCandidate,
} from '../../../src/core/template/schema/schemaCompletions';
import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { testTemplateSchema } from '../../support/testTemplateSchema';
import { SAMPLE_TEMPLATE } from './schemaFixtures';

const NOW = new Date('2026-01-15T00:00:00Z');

function labels(candidates: CompletionCandidate[]): string[] {
  return candidates.map((candidate) => candidate.label);
}

function byLabel(candidates: CompletionCandidate[], label: string): CompletionCandidate {
  const found = candidates.find((candidate) => candidate.label === label);
  assert.ok(found, `no candidate ${label} among ${labels(candidates).slice(0, 20).join(', ')}`);
  return found;
}

/** Labels in the order an editor shows them. */
function sorted(candidates: CompletionCandidate[]): string[] {
  return [...candidates]
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
    .map((c) => c.label);
}

describe('schema completions', () => {
  let schema: TemplateSchema;
  const root = parseTemplate(SAMPLE_TEMPLATE).root;

  before(() => {
    schema = testTemplateSchema();
  });

  describe('completePropertiesAtPath', () => {
    it('offers the properties of the resource type, without the ones already written', () => {
      const candidates = completePropertiesAtPath(root, schema, ['Resources', 'Fn', 'Properties']);
      const names = labels(candidates);
      assert.ok(names.includes('Runtime') && names.includes('Layers') && names.includes('DeploymentPreference'));
      assert.ok(!names.includes('Events'), 'Events is written already');
      assert.ok(!names.includes('Handler') && !names.includes('CodeUri'));
      const memory = byLabel(candidates, 'MemorySize');
      assert.equal(memory.kind, 'property');
      assert.equal(memory.detail, 'Integer');
      assert.equal(memory.insertText, 'MemorySize: ');
      assert.match(memory.documentation, /\*\*MemorySize\*\*/);
    });

    it('puts required properties first, with a snippet for their structure', () => {
      const text = 'Resources:\n  Q:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n';
      const candidates = completePropertiesAtPath(parseTemplate(text).root, schema, ['Resources', 'Q', 'Properties']);
      assert.deepEqual(sorted(candidates).slice(0, 2), ['PolicyDocument', 'Queues']);
      assert.match(byLabel(candidates, 'Queues').detail, /required/);
      assert.equal(byLabel(candidates, 'Queues').snippet, 'Queues:\n\t- $1');
    });

    it('writes snippets with required nested properties, choices and event entries', () => {
      const candidates = completePropertiesAtPath(root, schema, ['Resources', 'LongFormFn', 'Properties']);
      assert.equal(
        byLabel(candidates, 'FunctionUrlConfig').snippet,
        'FunctionUrlConfig:\n\tAuthType: ${1|AWS_IAM,NONE|}',
      );
      assert.equal(byLabel(candidates, 'PackageType').snippet, 'PackageType: ${1|Image,Zip|}');
      assert.equal(byLabel(candidates, 'MemorySize').snippet, 'MemorySize: $1');
      const events = byLabel(candidates, 'Events').snippet ?? '';
      assert.match(
        events,
        /^Events:\n\t\$\{1:Name\}:\n\t\tType: \$\{2\|AlexaSkill,Api,.*SQS,.*\|\}\n\t\tProperties:\n\t\t\t\$0$/,
      );
    });

    it('writes JSON snippets for JSON templates', () => {
      const candidates = completePropertiesAtPath(root, schema, ['Resources', 'LongFormFn', 'Properties'], {
        format: 'json',
      });
      assert.equal(
        byLabel(candidates, 'FunctionUrlConfig').snippet,
        '"FunctionUrlConfig": {\n\t"AuthType": ${1|AWS_IAM,NONE|}\n}',
      );
      assert.equal(byLabel(candidates, 'Description').snippet, '"Description": "$1"');
      assert.equal(byLabel(candidates, 'Description').insertText, '"Description": ');
    });

    it('offers the properties of the event variant its Type names', () => {
      const candidates = completePropertiesAtPath(root, schema, [
        'Resources',
        'Fn',
        'Properties',
        'Events',
        'Queue',
        'Properties',
      ]);
      assert.ok(labels(candidates).includes('BatchSize'));
      assert.ok(!labels(candidates).includes('Queue'), 'Queue is written already');
      const api = completePropertiesAtPath(root, schema, [
        'Resources',
        'Fn',
        'Properties',
        'Events',
        'Get',
        'Properties',
      ]);
      assert.ok(labels(api).includes('RestApiId') && !labels(api).includes('BatchSize'));
    });

    it('offers resource attributes for the entry, SAM-only ones only on SAM types', () => {
      const sam = labels(completePropertiesAtPath(root, schema, ['Resources', 'Fn']));
      assert.ok(sam.includes('DependsOn') && sam.includes('Connectors') && sam.includes('IgnoreGlobals'));
      assert.ok(!sam.includes('Type') && !sam.includes('Properties'));
      const queue = labels(completePropertiesAtPath(root, schema, ['Resources', 'Queue']));
      assert.ok(queue.includes('Properties') && !queue.includes('Connectors'));
    });

    it('offers template sections in their usual order, and Globals properties', () => {
      const sections = completePropertiesAtPath(parseTemplate('Resources: {}\n').root, schema, []);
      assert.deepEqual(sorted(sections).slice(0, 3), ['AWSTemplateFormatVersion', 'Transform', 'Description']);
      assert.ok(!labels(sections).includes('Resources'));
      const globals = labels(completePropertiesAtPath(root, schema, ['Globals', 'Function']));
      assert.ok(globals.includes('Timeout') && !globals.includes('Events') && !globals.includes('Runtime'));
    });

    it('offers properties inside a branch of Fn::If', () => {
      const vpc = labels(completePropertiesAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'VpcConfig', 1]));
      assert.ok(vpc.includes('Ipv6AllowedForDualStack'));
      assert.ok(!vpc.includes('SubnetIds'));
    });

    it('offers nothing inside other intrinsic functions or unknown places', () => {
      assert.deepEqual(
        completePropertiesAtPath(root, schema, [
          'Resources',
          'Fn',
          'Properties',
          'Events',
          'Queue',
          'Properties',
          'Queue',
        ]),
        [],
      );
      assert.deepEqual(completePropertiesAtPath(root, schema, ['Nowhere']), []);
    });
  });

  describe('completeValuesAtPath', () => {
    it('offers Lambda runtimes, supported first and deprecated ones marked', () => {
      const candidates = completeValuesAtPath(root, schema, ['Globals', 'Function', 'Runtime'], { now: NOW });
      assert.equal(sorted(candidates)[0], 'nodejs24.x');
      assert.equal(byLabel(candidates, 'python3.13').detail, 'Python 3.13');
      assert.equal(byLabel(candidates, 'nodejs16.x').deprecated, true);
      assert.match(byLabel(candidates, 'nodejs16.x').detail, /deprecated since 2024-06-12/);
      assert.ok(sorted(candidates).indexOf('nodejs16.x') > sorted(candidates).indexOf('provided.al2023'));
    });

    it('offers the allowed values of list items (Architectures)', () => {
      assert.deepEqual(labels(completeValuesAtPath(root, schema, ['Globals', 'Function', 'Architectures', 0])), [
        'x86_64',
        'arm64',
      ]);
    });

    it('offers event types, PackageType values and deployment types', () => {
      const eventTypes = labels(
        completeValuesAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'Events', 'Queue', 'Type']),
      );
      assert.ok(
        eventTypes.includes('SQS') && eventTypes.includes('ScheduleV2') && eventTypes.includes('SelfManagedKafka'),
      );
      assert.deepEqual(labels(completeValuesAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'PackageType'])), [
        'Image',
        'Zip',
      ]);
      const deployment = labels(
        completeValuesAtPath(root, schema, ['Resources', 'Fn', 'Properties', 'DeploymentPreference', 'Type']),
      );
      assert.ok(deployment.includes('Canary10Percent5Minutes') && deployment.includes('AllAtOnce'));
    });

    it('offers booleans for boolean properties', () => {
      assert.deepEqual(labels(completeValuesAtPath(root, schema, ['Resources', 'Queue', 'Properties', 'FifoQueue'])), [
        'true',
        'false',
      ]);
    });

    it('offers resource types for Type, SAM types first', () => {
      const candidates = completeValuesAtPath(root, schema, ['Resources', 'Queue', 'Type']);
      assert.ok(candidates.length > 1800);
      assert.ok(sorted(candidates)[0]?.startsWith('AWS::Serverless::'));
      assert.equal(byLabel(candidates, 'AWS::Lambda::Function').detail, 'Lambda');
    });
  });

  describe('resource types', () => {
    it('lists them cheaply and resolves documentation and a Properties snippet on demand', () => {
      const candidates = completeResourceTypes(schema);
      const policy = byLabel(candidates, 'AWS::SQS::QueuePolicy');
      assert.equal(policy.documentation, '');
      const resolved = resolveResourceTypeCandidate(schema, policy);
      assert.match(resolved.documentation, /\*\*AWS::SQS::QueuePolicy\*\*/);
      assert.equal(resolved.snippet, 'AWS::SQS::QueuePolicy\nProperties:\n\tPolicyDocument: $1\n\tQueues:\n\t\t- $2');
      assert.equal(resolveResourceTypeCandidate(schema, byLabel(candidates, 'AWS::SQS::Queue')).snippet, undefined);
    });
  });
});
