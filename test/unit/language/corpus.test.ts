import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { completeTemplate } from '../../../src/core/template/language/completeTemplate';
import { documentOutline } from '../../../src/core/template/language/documentOutline';
import { findDefinition } from '../../../src/core/template/language/findDefinition';
import { hoverTemplate } from '../../../src/core/template/language/hoverTemplate';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { validateTemplate } from '../../../src/core/template/language/validateTemplate';
import { getMapValue } from '../../../src/core/template/templateTree';
import { corpusDir, corpusManifest } from '../../support/paths';
import { projectSchema } from './languageFixtures';

/** A fault a known-invalid template must be reported for: its code, severity, 1-based line and reported text. */
interface ExpectedFault {
  code: string;
  severity: 'error' | 'warning';
  line: number;
  text: string;
}

const error = (code: string, line: number, text: string): ExpectedFault => ({ code, severity: 'error', line, text });

/**
 * Each known-invalid template of the corpus (by the end of its file name) and the fault its manifest reason names,
 * where the engine must report it. Every known-invalid template is listed (a test checks it).
 */
const KNOWN_FAULTS: Record<string, ExpectedFault[]> = {
  // "Resource with id [MissingBoth] is invalid. Runtime and Handler needs to be present"
  'sam_required_properties.yaml': [error('missing-required-property', 7, 'Properties')],
  // "missing required MinSize/MaxSize" (the AutoScalingGroup's Properties)
  'tst-resources-templates-comprehensive.json': [error('missing-required-property', 564, '"Properties"')],
  // "real-world typo: Runtime provided.al2023023"
  'apigw-lambda-dynamodb-go-sam-template.yml': [error('value-not-allowed', 47, 'provided.al2023023')],
  // "duplicate mapping key Name"
  'cloudfront-lambda-url-rust-template.yml': [error('duplicate-key', 45, 'Name')],
  // "IAM policy Resource is the literal string FulfillmentQ.Arn / FulfillmentDLQ.Arn (missing !GetAtt)"
  'owasp-api-security-controls-demo-fulfillment-template.yaml': [
    { code: 'literal-reference', severity: 'warning', line: 81, text: 'FulfillmentQ.Arn' },
    { code: 'literal-reference', severity: 'warning', line: 93, text: 'FulfillmentDLQ.Arn' },
  ],
  // "PackageType Image function also sets Runtime/Handler" (through Globals)
  'ServerlessTemplateYamlExample-serverless.yaml': [error('invalid-property-combination', 21, 'Image')],
  // "AWS::Lambda::Function resources without Code/Role"
  'testdata-invoke-template.yml': [
    error('missing-required-property', 63, 'Properties'),
    error('missing-required-property', 216, 'Properties'),
  ],
  // "SAM transform rejects it (Authorizer given as intrinsic Ref)"
  'serverless-http-props.yaml': [error('intrinsic-not-supported', 68, 'AuthOverride')],
  // "AWS::Lambda::Function with SAM-only CodeUri and no Code/Role"
  'start_api-swagger-template.yaml': [
    error('missing-required-property', 145, 'Properties'),
    error('unknown-property', 148, 'CodeUri'),
  ],
  // "Duplicate found 'HelloWorldFunction'" (cfn-lint names the first of the two, line 5; we mark the second)
  'validate-default_yaml-templateError.yaml': [error('duplicate-key', 12, 'HelloWorldFunction')],
  // "AWS::Lambda::Function with SAM-only CodeUri and no Code/Role"
  'test_layers_resolution.json': [
    error('missing-required-property', 108, '"Properties"'),
    error('unknown-property', 112, '"CodeUri"'),
  ],
  // "[CapacityProvider1] Missing required property 'VpcConfig'. [CapacityProvider2] 'VpcConfig.SubnetIds' is required"
  'error_capacity_provider_multiple_resources_validation.yaml': [
    error('missing-required-property', 8, 'Properties'),
    error('missing-required-property', 16, 'VpcConfig'),
  ],
  // "Cannot specify 'CapacityProviderConfig' and 'ProvisionedConcurrencyConfig' together."
  'error_function_with_validation_rules.yaml': [
    error('mutually-exclusive-properties', 16, 'ProvisionedConcurrencyConfig'),
  ],
  // "[AdditionalAuthTypeLambdaAuthorizerWithNoConfig] Property 'Auth.Additional' is invalid ..."
  'error_graphqlapi.yaml': [error('wrong-type', 331, 'Type: AWS_LAMBDA'), error('value-not-allowed', 444, 'PRAD_AUTH')],
  // "Event with id [Schedule1] is invalid. State and Enabled Properties cannot both be specified."
  'error_state_machine_with_invalid_schedule_event.yaml': [error('mutually-exclusive-properties', 17, 'Enabled')],
  // "SnapStart is not supported for functions enabled with tenancy configuration."
  'error_tenancy_with_snapstart.yaml': [error('mutually-exclusive-properties', 14, 'SnapStart')],
};

describe('language engine on the corpus of real templates', () => {
  const entries = [...corpusManifest().values()];

  it('knows the expected fault of every known-invalid template', () => {
    const invalid = entries.filter((entry) => entry.validity === 'known-invalid').map((entry) => entry.file);
    const unlisted = invalid.filter((file) => !Object.keys(KNOWN_FAULTS).some((end) => file.endsWith(end)));
    assert.deepEqual(unlisted, []);
    for (const end of Object.keys(KNOWN_FAULTS)) {
      assert.equal(invalid.filter((file) => file.endsWith(end)).length, 1, `${end} names one known-invalid template`);
    }
  });

  it('has the corpus at hand', () => {
    assert.ok(entries.length >= 70, `${entries.length} corpus entries`);
  });

  for (const entry of entries) {
    describe(entry.file, () => {
      const text = readFileSync(join(corpusDir, entry.file), 'utf8');
      const document = TemplateDocument.parse(text, projectSchema());

      it('parses and has an outline', () => {
        assert.ok(document.parsed.root, 'no tree');
        assert.ok(documentOutline(document).some((symbol) => symbol.name === 'Resources'));
      });

      if (entry.validity === 'valid') {
        it('gets no error-level diagnostic', () => {
          const errors = validateTemplate(document).filter((diagnostic) => diagnostic.severity === 'error');
          assert.deepEqual(
            errors.map((error) => `${error.code}: ${error.message}`),
            [],
          );
        });
      } else {
        it('gets the diagnostic of its known fault, at its line', () => {
          const faults = Object.entries(KNOWN_FAULTS).find(([end]) => entry.file.endsWith(end))?.[1] ?? [];
          assert.ok(faults.length > 0, 'no expected fault listed');
          const found = validateTemplate(document).map((diagnostic) => ({
            code: diagnostic.code,
            severity: diagnostic.severity,
            line: text.slice(0, diagnostic.range.start).split('\n').length,
            text: text.slice(diagnostic.range.start, diagnostic.range.end).split('\n')[0]!,
          }));
          for (const fault of faults) {
            assert.ok(
              found.some((candidate) => isDeepStrictEqual(candidate, fault)),
              `expected ${JSON.stringify(fault)}, found:\n${found.map((candidate) => JSON.stringify(candidate)).join('\n')}`,
            );
          }
        });
      }

      it('completes, hovers and goes to definitions inside it', async () => {
        const schema = projectSchema();
        const resource = [...document.symbols.resources.values()].find((candidate) => {
          const properties = getMapValue(candidate.node, 'Properties');
          return (
            candidate.type &&
            schema.resourceType(candidate.type) &&
            properties?.kind === 'map' &&
            properties.pairs.length > 0
          );
        });
        if (resource) {
          const properties = getMapValue(resource.node, 'Properties');
          const firstKey = properties?.kind === 'map' ? properties.pairs[0]!.key : undefined;
          const completion = await completeTemplate({ document, offset: firstKey!.range.start });
          assert.ok(
            completion.items.some((item) => item.kind === 'property'),
            `no property completion in ${resource.name}`,
          );
          const type = getMapValue(resource.node, 'Type')!;
          assert.ok(hoverTemplate(document, type.range.start + 1), `no hover on ${resource.name}'s Type`);
        }
        const references = document.references.filter(
          (reference) =>
            (reference.kind === 'ref' && document.symbols.parameters.has(reference.name)) ||
            (reference.kind === 'getatt' && document.symbols.resources.has(reference.resource)),
        );
        for (const reference of references.slice(0, 10)) {
          const targets = await findDefinition(document, reference.range.start);
          assert.equal(
            targets[0]?.kind,
            'template',
            `no definition for ${text.slice(reference.range.start, reference.range.end)}`,
          );
        }
      });
    });
  }
});
