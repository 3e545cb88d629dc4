import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTemplate } from '../../../src/core/template/parseTemplate';
import type { TemplateSchema } from '../../../src/core/template/schema/templateSchema';
import { validateWithSchema } from '../../../src/core/template/schema/validateWithSchema';
import type { TemplateDiagnostic } from '../../../src/core/template/templateDiagnostic';
import { corpusDir, corpusManifest } from '../../support/paths';
import { testTemplateSchema } from '../../support/testTemplateSchema';

const NOW = new Date('2026-01-15T00:00:00Z');

describe('schema checks over the corpus of real templates', () => {
  let schema: TemplateSchema;
  const entries = [...corpusManifest().values()];

  before(() => {
    schema = testTemplateSchema();
  });

  function diagnosticsOf(file: string): { text: string; diagnostics: TemplateDiagnostic[] } {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    return { text, diagnostics: validateWithSchema(parseTemplate(text), schema, { now: NOW }) };
  }

  it('has valid and known-invalid templates to check', () => {
    assert.ok(entries.filter((entry) => entry.validity === 'valid').length >= 50);
    assert.ok(entries.filter((entry) => entry.validity === 'known-invalid').length >= 10);
  });

  for (const entry of entries.filter((candidate) => candidate.validity === 'valid')) {
    it(`finds no error in valid ${entry.file}`, () => {
      const { text, diagnostics } = diagnosticsOf(entry.file);
      const errors = diagnostics
        .filter((diagnostic) => diagnostic.severity === 'error')
        .map((diagnostic) => `${diagnostic.message} [${text.slice(diagnostic.range.start, diagnostic.range.end)}]`);
      assert.deepEqual(errors, []);
    });
  }

  /** Known-invalid templates whose fault is one the schema can see, with the text it must be reported on. */
  const expectedFaults: [string, string, string][] = [
    ['apigw-lambda-dynamodb-go-sam-template.yml', 'value-not-allowed', 'provided.al2023023'],
    ['sam_required_properties.yaml', 'missing-required-property', 'Properties'],
    ['error_function_with_validation_rules.yaml', 'mutually-exclusive-properties', 'ProvisionedConcurrencyConfig'],
    ['error_tenancy_with_snapstart.yaml', 'mutually-exclusive-properties', 'SnapStart'],
    ['error_state_machine_with_invalid_schedule_event.yaml', 'mutually-exclusive-properties', 'Enabled'],
    ['error_capacity_provider_multiple_resources_validation.yaml', 'missing-required-property', 'Properties'],
    ['error_graphqlapi.yaml', 'value-not-allowed', 'PRAD_AUTH'],
    ['ServerlessTemplateYamlExample-serverless.yaml', 'invalid-property-combination', 'Image'],
    ['tst-resources-templates-comprehensive.json', 'missing-required-property', '"Properties"'],
    ['testdata-invoke-template.yml', 'missing-required-property', 'Properties'],
    ['test_layers_resolution.json', 'unknown-property', '"CodeUri"'],
  ];

  for (const [fileEnd, code, reportedOn] of expectedFaults) {
    it(`reports ${code} on '${reportedOn}' in known-invalid …${fileEnd}`, () => {
      const entry = entries.find((candidate) => candidate.file.endsWith(fileEnd));
      assert.equal(entry?.validity, 'known-invalid');
      const { text, diagnostics } = diagnosticsOf(entry.file);
      const found = diagnostics.filter(
        (diagnostic) =>
          diagnostic.severity === 'error' &&
          diagnostic.code === code &&
          text.slice(diagnostic.range.start, diagnostic.range.end) === reportedOn,
      );
      assert.ok(
        found.length > 0,
        diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`).join('\n'),
      );
    });
  }
});
