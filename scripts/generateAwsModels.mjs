#!/usr/bin/env node
// Generates the local cloud's service models from botocore's published API models: for each service a compact
// model (src/localcloud/models/generated/<service>.json: operations with their HTTP bindings, shapes with members,
// locations, XML flags and constraints; documentation stripped) and the TypeScript types of its inputs and outputs
// (<service>.ts), which the providers are written against. The local cloud never reads botocore at run time: what
// this script writes is committed. Regenerate after updating the reference models (see docs/ARCHITECTURE.md).
//
//   node scripts/generateAwsModels.mjs              write every model and its types
//   node scripts/generateAwsModels.mjs --check      exit 1 when a committed file differs from a fresh generation
//   node scripts/generateAwsModels.mjs --models DIR read botocore's data folder DIR (default: the shared reference)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderTypes } from './awsModels/renderTypes.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputDir = join(repoRoot, 'src', 'localcloud', 'models', 'generated');

/** The services the local cloud serves or will serve (their botocore folder names). */
export const SERVICES = [
  'lambda',
  'logs',
  's3',
  'cloudformation',
  'codedeploy',
  'apigateway',
  'apigatewayv2',
  'sts',
  'iam',
  'cloudwatch',
  'sqs',
  'sns',
  'dynamodb',
  'dynamodbstreams',
  'events',
  'stepfunctions',
  'ssm',
  'kinesis',
  'scheduler',
];

/** Keys that only document or drive client-side behaviour (endpoints, checksums, compression). */
const DROPPED_KEYS = new Set([
  'documentation',
  'documentationUrl',
  'deprecatedMessage',
  'deprecatedSince',
  'examples',
  'staticContextParams',
  'contextParams',
  'operationContextParams',
  'authtype',
  'auth',
  'endpointdiscovery',
  'endpointoperation',
  'requestcompression',
  'httpChecksum',
  'unsignedPayload',
  'alias',
  'box',
  'wrapper',
  'requiresLength',
  'contextParam',
  'synthetic',
  'retryable',
]);
const METADATA_KEYS = [
  'apiVersion',
  'serviceId',
  'endpointPrefix',
  'signingName',
  'protocol',
  'protocols',
  'jsonVersion',
  'targetPrefix',
  'xmlNamespace',
  'awsQueryCompatible',
  'timestampFormat',
  'globalEndpoint',
];

/** The shared reference folder, found as the tests find it: SW_SHARED_DIR, `../shared`, `/work/shared`. */
function defaultModelsDir() {
  const shared = [process.env.SW_SHARED_DIR, join(repoRoot, '..', 'shared'), '/work/shared'].find(
    (candidate) => candidate && existsSync(candidate),
  );
  return shared ? join(shared, 'reference', 'aws-models') : undefined;
}

/** A deep copy without the dropped keys. */
function strip(value) {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const copy = {};
  for (const [key, item] of Object.entries(value)) {
    if (!DROPPED_KEYS.has(key)) copy[key] = strip(item);
  }
  return copy;
}

/** The newest API version folder of a service. */
function latestVersionDir(modelsDir, service) {
  const versions = readdirSync(join(modelsDir, service)).filter((name) => /^\d{4}-\d\d-\d\d$/.test(name));
  if (versions.length === 0) throw new Error(`No API version folder for ${service} in ${modelsDir}`);
  return join(modelsDir, service, versions.sort().at(-1));
}

/** The compact model: metadata, operations and every shape an operation reaches, sorted by name. */
export function compactModel(source) {
  const metadata = {};
  for (const key of METADATA_KEYS) if (source.metadata[key] !== undefined) metadata[key] = source.metadata[key];
  const operations = {};
  for (const name of Object.keys(source.operations).sort()) {
    const operation = strip(source.operations[name]);
    delete operation.name;
    operations[name] = operation;
  }
  const reachable = new Set();
  const visit = (name) => {
    if (!name || reachable.has(name)) return;
    reachable.add(name);
    const shape = source.shapes[name];
    if (!shape) throw new Error(`Unknown shape ${name}`);
    for (const member of Object.values(shape.members ?? {})) visit(member.shape);
    visit(shape.member?.shape);
    visit(shape.key?.shape);
    visit(shape.value?.shape);
  };
  for (const operation of Object.values(operations)) {
    visit(operation.input?.shape);
    visit(operation.output?.shape);
    for (const error of operation.errors ?? []) visit(error.shape);
  }
  const shapes = {};
  for (const name of [...reachable].sort()) shapes[name] = strip(source.shapes[name]);
  return { metadata, operations, shapes };
}

/** JSON with one operation or shape per line: small, yet diffs between botocore versions stay readable. */
function renderModel(model, origin) {
  const section = (entries) =>
    `{\n${Object.entries(entries)
      .map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`)
      .join(',\n')}\n}`;
  return `{"origin":${JSON.stringify(origin)},\n"metadata":${JSON.stringify(model.metadata)},\n"operations":${section(model.operations)},\n"shapes":${section(model.shapes)}}\n`;
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const modelsArg = args.indexOf('--models');
  const modelsDir = modelsArg >= 0 ? args[modelsArg + 1] : defaultModelsDir();
  if (!modelsDir || !existsSync(modelsDir)) {
    console.error('botocore models not found: pass --models <botocore/data> or set SW_SHARED_DIR');
    process.exit(2);
  }
  mkdirSync(outputDir, { recursive: true });
  let stale = 0;
  for (const service of SERVICES) {
    const versionDir = latestVersionDir(modelsDir, service);
    const source = JSON.parse(readFileSync(join(versionDir, 'service-2.json'), 'utf8'));
    const model = compactModel(source);
    const origin = `botocore ${service}/${versionDir.split('/').at(-1)}`;
    const files = {
      [join(outputDir, `${service}.json`)]: renderModel(model, origin),
      [join(outputDir, `${service}.ts`)]: renderTypes(service, model, origin),
    };
    for (const [file, text] of Object.entries(files)) {
      const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (current === text) continue;
      stale++;
      if (check) console.error(`stale: ${file}`);
      else writeFileSync(file, text);
    }
  }
  if (check && stale > 0) process.exit(1);
  console.log(check ? 'models are up to date' : `models written to ${outputDir} (${stale} files changed)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
