import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeTemplate } from '../../../src/core/template/language/completeTemplate';
import { documentOutline } from '../../../src/core/template/language/documentOutline';
import { findDefinition } from '../../../src/core/template/language/findDefinition';
import { hoverTemplate } from '../../../src/core/template/language/hoverTemplate';
import { TemplateDocument } from '../../../src/core/template/language/templateDocument';
import { validateTemplate } from '../../../src/core/template/language/validateTemplate';
import { getMapValue } from '../../../src/core/template/templateTree';
import { corpusDir, corpusManifest } from '../../support/paths';
import { projectSchema } from './languageFixtures';

describe('language engine on the corpus of real templates', () => {
  const entries = [...corpusManifest().values()];

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
        it('gets at least one diagnostic', () => {
          assert.ok(validateTemplate(document).length > 0);
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
