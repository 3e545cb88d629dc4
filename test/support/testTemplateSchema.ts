import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadTemplateSchema } from '../../src/core/template/schema/loadTemplateSchema';
import type { TemplateSchema } from '../../src/core/template/schema/templateSchema';
import { repoRoot } from './paths';

/** The generated schema file; tests make sure it exists and is current before reading it. */
export const templateSchemaPath = join(repoRoot, 'schemas', 'template.schema.json');

let schema: TemplateSchema | undefined;

/**
 * The template schema for tests, shared by all of them. schemas/template.schema.json is generated (and not
 * committed), so a fresh clone gets it here on first use.
 */
export function testTemplateSchema(): TemplateSchema {
  if (!schema) {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'generateSchema.mjs'), '--if-stale'], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
    schema = loadTemplateSchema({ schemaPath: templateSchemaPath });
  }
  return schema;
}
