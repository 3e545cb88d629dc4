// The template schema: shipped size, load time of the index, and the cost of schema checks, each beside a peer
// measured in the same run:
// - loading: our lazy index (scan for line starts, parse a definition on first use) against parsing the same
//   file eagerly with JSON.parse, and against reading @aws-cdk/aws-service-spec at run time (what skipping the
//   generator would cost);
// - checking: validateWithSchema against parseTemplate on the same text (the floor every re-validation pays).
// Run: npx tsx bench/schema.ts   (BENCH_RUNS=N to change the sample size)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import { parseTemplate } from '../src/core/template/parseTemplate';
import { loadTemplateSchema } from '../src/core/template/schema/loadTemplateSchema';
import { validateWithSchema } from '../src/core/template/schema/validateWithSchema';
import { generateSamTemplate } from '../test/support/generateSamTemplate';
import { sharedDir } from '../test/support/paths';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 15);
const repoRoot = join(__dirname, '..');
const schemaPath = join(repoRoot, 'schemas', 'template.schema.json');

execFileSync(process.execPath, [join(repoRoot, 'scripts', 'generateSchema.mjs'), '--if-stale'], { stdio: 'inherit' });

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function measure(runs: number, action: () => void): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function row(label: string, ours: number, peerLabel: string, peer: number): void {
  const ratio = peer > 0 ? (ours / peer).toFixed(3) : 'n/a';
  console.log(
    `${label.padEnd(44)} ${ours.toFixed(2).padStart(9)} ms   ${peerLabel.padEnd(30)} ${peer.toFixed(2).padStart(9)} ms   ours/peer ${ratio}`,
  );
}

const text = readFileSync(schemaPath);
console.log(
  `schema file: ${(text.length / 1024).toFixed(0)} KB, ${(gzipSync(text).length / 1024).toFixed(0)} KB gzipped`,
);

// Load, then answer what the first completion in a SAM template needs.
const loadOurs = measure(RUNS, () => {
  const schema = loadTemplateSchema({ schemaPath });
  schema.resourceType('AWS::Serverless::Function')?.properties.properties.get('Events');
  schema.objectType('AWS::Serverless::Function.Event');
  schema.resourceTypeNames();
});
const loadEager = measure(RUNS, () => JSON.parse(readFileSync(schemaPath, 'utf8')) as unknown);
const loadSpec = measure(Math.min(RUNS, 5), () => loadAwsServiceSpecSync());
row('load + first lookups (lazy index)', loadOurs, 'JSON.parse of the whole file', loadEager);
row('load + first lookups (lazy index)', loadOurs, 'aws-service-spec at run time', loadSpec);

const schema = loadTemplateSchema({ schemaPath });
const lookupAll = measure(3, () => {
  const fresh = loadTemplateSchema({ schemaPath });
  for (const name of fresh.resourceTypeNames()) fresh.resourceType(name);
});
console.log(`${'every resource type converted once'.padEnd(44)} ${lookupAll.toFixed(2).padStart(9)} ms`);

for (const lines of [50, 1000, 10000]) {
  const template = generateSamTemplate({ lines });
  const parsed = parseTemplate(template);
  validateWithSchema(parsed, schema);
  const check = measure(RUNS, () => validateWithSchema(parsed, schema));
  const parse = measure(RUNS, () => parseTemplate(template));
  row(`validateWithSchema, ${template.split('\n').length} lines`, check, 'parseTemplate (the floor)', parse);
}

const corpusDir = join(sharedDir, 'corpus', 'templates');
const corpus = readFileSync(join(corpusDir, 'manifest.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((row) => readFileSync(join(corpusDir, row.split('\t')[0] ?? ''), 'utf8'));
const corpusParsed = corpus.map((template) => parseTemplate(template));
const corpusLines = corpus.reduce((total, template) => total + template.split('\n').length, 0);
const corpusCheck = measure(RUNS, () => corpusParsed.forEach((parsed) => validateWithSchema(parsed, schema)));
const corpusParse = measure(RUNS, () => corpus.forEach((template) => parseTemplate(template)));
row(`corpus: ${corpus.length} templates, ${corpusLines} lines`, corpusCheck, 'parseTemplate (the floor)', corpusParse);
