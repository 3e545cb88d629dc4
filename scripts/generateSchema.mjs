#!/usr/bin/env node
// Generates schemas/template.schema.json: the JSON Schema (draft-07) of CloudFormation and SAM templates that
// the template engine reads through src/core/template/schema/loadTemplateSchema.ts. CloudFormation types come
// from @aws-cdk/aws-service-spec; SAM types, Globals and event sources from scripts/schema/sam*.mjs (our own
// words). The output is deterministic: the same inputs give the same bytes.
//
//   node scripts/generateSchema.mjs             write the schema
//   node scripts/generateSchema.mjs --if-stale  write it only when missing or older than an input (the build)
//   node scripts/generateSchema.mjs --check     exit 1 when the file on disk differs from a fresh generation
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const schemaPath = join(repoRoot, 'schemas', 'template.schema.json');

/** Every file the output depends on: a newer one makes the schema stale. */
function inputFiles() {
  const schemaSources = join(repoRoot, 'scripts', 'schema');
  return [
    fileURLToPath(import.meta.url),
    ...readdirSync(schemaSources).map((name) => join(schemaSources, name)),
    join(repoRoot, 'src', 'core', 'template', 'schema', 'lambdaRuntimes.json'),
    require.resolve('@aws-cdk/aws-service-spec/package.json'),
  ];
}

export function isSchemaStale() {
  if (!existsSync(schemaPath)) return true;
  const outputTime = statSync(schemaPath).mtimeMs;
  try {
    return inputFiles().some((file) => statSync(file).mtimeMs > outputTime);
  } catch {
    // Without the specification package (an install without devDependencies) the existing schema stands.
    return false;
  }
}

/** Builds the schema text. Imports lazily so `--if-stale` on a fresh schema costs nothing. */
export async function generateSchemaText() {
  const { buildTemplateSchema } = await import('./schema/buildTemplateSchema.mjs');
  return serializeSchema(buildTemplateSchema({ serviceSpecVersion: serviceSpecVersion() }));
}

function serviceSpecVersion() {
  return JSON.parse(readFileSync(require.resolve('@aws-cdk/aws-service-spec/package.json'), 'utf8')).version;
}

/** One definition per line: small on disk, and a regenerated schema still diffs per type in review. */
function serializeSchema(schema) {
  const { definitions, ...head } = schema;
  const lines = Object.entries(definitions).map(
    ([name, definition]) => `${JSON.stringify(name)}:${JSON.stringify(definition)}`,
  );
  const headText = JSON.stringify(head).slice(0, -1);
  return `${headText},"definitions":{\n${lines.join(',\n')}\n}}\n`;
}

export async function writeSchema() {
  const started = Date.now();
  const text = await generateSchemaText();
  mkdirSync(dirname(schemaPath), { recursive: true });
  // Write then rename, so a build or test running at the same time never reads half a file.
  const temporaryPath = `${schemaPath}.${process.pid}.tmp`;
  writeFileSync(temporaryPath, text);
  renameSync(temporaryPath, schemaPath);
  const gzipped = gzipSync(text, { level: 9 }).length;
  console.log(
    `[schema] ${schemaPath.slice(repoRoot.length + 1)}: ${kilobytes(text.length)} (${kilobytes(gzipped)} gzipped) in ${Date.now() - started} ms`,
  );
}

export async function generateSchemaIfStale() {
  if (isSchemaStale()) await writeSchema();
}

function kilobytes(bytes) {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

async function main(args) {
  if (args.includes('--check')) {
    const fresh = await generateSchemaText();
    const current = existsSync(schemaPath) ? readFileSync(schemaPath, 'utf8') : '';
    if (fresh !== current) {
      console.error('[schema] schemas/template.schema.json is out of date: run `npm run schema`.');
      process.exitCode = 1;
    }
    return;
  }
  if (args.includes('--if-stale')) await generateSchemaIfStale();
  else await writeSchema();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
