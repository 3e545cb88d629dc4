// Lambda's function lifecycle: create, read, list, update code and configuration, publish, delete.
import { randomUUID } from 'node:crypto';
import { AwsError, isAwsError } from '../protocol/awsError';
import type { JsonInput } from '../protocol/jsonInput';
import type { StoredCode } from './codePackage';
import {
  configFingerprint,
  functionArn,
  lambdaTimestamp,
  toFunctionConfiguration,
  type FunctionConfig,
  type FunctionRecord,
} from './functionRecords';
import {
  configFor,
  jsonBody,
  parseFunctionReference,
  qualifierOf,
  requireFunction,
  validationError,
  type LambdaContext,
  type LambdaReply,
  type LambdaRequest,
} from './lambdaContext';

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const ARCHITECTURES = new Set(['x86_64', 'arm64']);
const ROLE_ARN_PATTERN = 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+';
const ROLE_ARN = new RegExp(`^(?:${ROLE_ARN_PATTERN})$`);

/** CreateFunction: a zip inline (`Code.ZipFile`) or from the local S3 (`Code.S3Bucket`/`S3Key`). */
export function createFunction(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const input = jsonBody(request);
  const name = input.requiredString('FunctionName');
  const reference = parseFunctionReference(name);
  if (!FUNCTION_NAME.test(reference.name) || reference.qualifier !== undefined) {
    throw validationError('functionName', name, 'Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+');
  }
  if (input.string('PackageType') === 'Image') {
    throw new AwsError(
      'InvalidParameterValueException',
      'The local cloud runs Zip packages only; container images are not supported.',
    );
  }
  if (context.functions.get(reference.name)) {
    throw new AwsError('ResourceConflictException', `Function already exist: ${reference.name}`, 409);
  }
  const runtime = input.requiredString('Runtime');
  const handler = input.requiredString('Handler');
  const role = validRole(input.requiredString('Role'));
  const code = storeCode(context, input.object('Code') ?? fail('Code'));
  const config: FunctionConfig = {
    version: '$LATEST',
    runtime,
    role,
    handler,
    description: '',
    timeout: 3,
    memorySize: 128,
    environment: {},
    architectures: ['x86_64'],
    ephemeralStorageSize: 512,
    logFormat: 'Text',
    tracingMode: 'PassThrough',
    ...code,
    lastModified: lambdaTimestamp(),
    revisionId: randomUUID(),
  };
  applyConfiguration(config, input);
  const record: FunctionRecord = {
    name: reference.name,
    latest: config,
    versions: [],
    aliases: {},
    nextVersion: 1,
    tags: readTags(input),
  };
  if (input.boolean('Publish')) publish(record, '');
  context.functions.save(record);
  return { status: 201, body: toFunctionConfiguration(context, record, record.versions.at(-1) ?? record.latest) };
}

/** GetFunction: the configuration, a code download link, tags and reserved concurrency. */
export function getFunction(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const reference = parseFunctionReference(request.parameters.FunctionName);
  const qualifier = qualifierOf(request, reference.qualifier);
  const record = requireFunction(context, reference.name, qualifier);
  const config = configFor(context, record, qualifier);
  return {
    body: {
      Configuration: toFunctionConfiguration(context, record, config),
      Code: { RepositoryType: 'S3', Location: `${context.endpoint()}/_localcloud/lambda-code/${config.codeHash}` },
      Tags: record.tags,
      ...(record.reservedConcurrency !== undefined
        ? { Concurrency: { ReservedConcurrentExecutions: record.reservedConcurrency } }
        : {}),
    },
  };
}

export function getFunctionConfiguration(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const reference = parseFunctionReference(request.parameters.FunctionName);
  const qualifier = qualifierOf(request, reference.qualifier);
  const record = requireFunction(context, reference.name, qualifier);
  return { body: toFunctionConfiguration(context, record, configFor(context, record, qualifier)) };
}

/** ListFunctions: names in order, `MaxItems` per page (default 50), `Marker` is the last name returned. */
export function listFunctions(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const maxItems = readMaxItems(request, 50);
  const allVersions = request.query.get('FunctionVersion') === 'ALL';
  const names = context.functions.names();
  const marker = request.query.get('Marker');
  let start = 0;
  if (marker !== null) {
    const after = Buffer.from(marker, 'base64url').toString('utf8');
    start = lowerBound(names, after);
    if (names[start] === after) start++;
  }
  const page = names.slice(start, start + maxItems);
  const functions = page.flatMap((name) => {
    const record = context.functions.get(name)!;
    const configs = allVersions ? [record.latest, ...record.versions] : [record.latest];
    return configs.map((config) => toFunctionConfiguration(context, record, config, allVersions));
  });
  const last = page.at(-1);
  const more = start + maxItems < names.length && last !== undefined;
  return {
    body: { Functions: functions, ...(more ? { NextMarker: Buffer.from(last, 'utf8').toString('base64url') } : {}) },
  };
}

export function updateFunctionCode(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const input = jsonBody(request);
  const record = requireUnqualified(context, request);
  checkRevision(input, record.latest.revisionId);
  const code = storeCode(context, input);
  const architectures = input.stringList('Architectures');
  if (architectures) record.latest.architectures = validArchitectures(architectures);
  if (input.boolean('DryRun')) return { body: toFunctionConfiguration(context, record, { ...record.latest, ...code }) };
  Object.assign(record.latest, code, { lastModified: lambdaTimestamp(), revisionId: randomUUID() });
  if (input.boolean('Publish')) publish(record, '');
  context.functions.save(record);
  void context.invoker.stopInstances(record.name, '$LATEST');
  return {
    body: toFunctionConfiguration(context, record, input.boolean('Publish') ? record.versions.at(-1)! : record.latest),
  };
}

export function updateFunctionConfiguration(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const input = jsonBody(request);
  const record = requireUnqualified(context, request);
  checkRevision(input, record.latest.revisionId);
  const role = input.string('Role');
  if (role !== undefined) validRole(role);
  for (const field of ['Runtime', 'Handler', 'Role', 'Description']) {
    const value = input.string(field);
    if (value !== undefined)
      (record.latest as unknown as Record<string, string>)[field[0]!.toLowerCase() + field.slice(1)] = value;
  }
  applyConfiguration(record.latest, input);
  Object.assign(record.latest, { lastModified: lambdaTimestamp(), revisionId: randomUUID() });
  context.functions.save(record);
  void context.invoker.stopInstances(record.name, '$LATEST');
  return { body: toFunctionConfiguration(context, record, record.latest) };
}

/** PublishVersion: a new version only when code or configuration changed since the last one. */
export function publishVersion(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const input = jsonBody(request);
  const record = requireUnqualified(context, request);
  checkRevision(input, record.latest.revisionId);
  const expectedSha = input.string('CodeSha256');
  if (expectedSha !== undefined && expectedSha !== record.latest.codeSha256) {
    throw new AwsError(
      'InvalidParameterValueException',
      `CodeSHA256 (${expectedSha}) is different from current CodeSHA256 in $LATEST (${record.latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  const version = publish(record, input.string('Description') ?? record.latest.description);
  context.functions.save(record);
  return { status: 201, body: toFunctionConfiguration(context, record, version) };
}

export function listVersionsByFunction(context: LambdaContext, request: LambdaRequest): LambdaReply {
  const record = requireUnqualified(context, request);
  const maxItems = readMaxItems(request, 50);
  const all = [record.latest, ...record.versions];
  const start = Number(request.query.get('Marker') ?? '0');
  if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidParameterValueException', 'Invalid Marker');
  const page = all.slice(start, start + maxItems);
  return {
    body: {
      Versions: page.map((config) => toFunctionConfiguration(context, record, config, true)),
      ...(start + maxItems < all.length ? { NextMarker: String(start + maxItems) } : {}),
    },
  };
}

/** DeleteFunction: the whole function, or one version with `Qualifier` (not one an alias uses). */
export async function deleteFunction(context: LambdaContext, request: LambdaRequest): Promise<LambdaReply> {
  const reference = parseFunctionReference(request.parameters.FunctionName);
  const qualifier = qualifierOf(request, reference.qualifier);
  const record = requireFunction(context, reference.name, qualifier);
  if (qualifier === undefined) {
    context.functions.delete(record.name);
    await context.invoker.stopInstances(record.name);
    return { status: 204 };
  }
  if (qualifier === '$LATEST' || record.aliases[qualifier]) {
    throw new AwsError(
      'InvalidParameterValueException',
      `Deletion of ${qualifier} is not allowed; delete the function or an explicit version.`,
    );
  }
  const index = record.versions.findIndex((config) => config.version === qualifier);
  if (index < 0)
    throw new AwsError(
      'ResourceNotFoundException',
      `Function not found: ${functionArn(context, record.name, qualifier)}`,
      404,
    );
  const users = Object.values(record.aliases).filter(
    (alias) => alias.functionVersion === qualifier || alias.additionalVersionWeights?.[qualifier] !== undefined,
  );
  if (users.length > 0) {
    throw new AwsError(
      'ResourceConflictException',
      `Unable to delete version because the following aliases reference it: [${users.map((alias) => alias.name).join(', ')}]`,
      409,
    );
  }
  record.versions.splice(index, 1);
  context.functions.save(record);
  await context.invoker.stopInstances(record.name, qualifier);
  return { status: 204 };
}

/** The function named in the path, which must carry no qualifier. */
export function requireUnqualified(context: LambdaContext, request: LambdaRequest): FunctionRecord {
  const reference = parseFunctionReference(request.parameters.FunctionName);
  return requireFunction(context, reference.name, reference.qualifier);
}

function publish(record: FunctionRecord, description: string): FunctionConfig {
  const previous = record.versions.at(-1);
  if (previous && configFingerprint(previous) === configFingerprint(record.latest)) return previous;
  const version: FunctionConfig = {
    ...structuredClone(record.latest),
    version: String(record.nextVersion++),
    description,
    lastModified: lambdaTimestamp(),
    revisionId: randomUUID(),
  };
  record.versions.push(version);
  return version;
}

function storeCode(context: LambdaContext, code: JsonInput): StoredCode {
  const zipFile = code.string('ZipFile');
  const bucket = code.string('S3Bucket');
  const key = code.string('S3Key');
  if (zipFile !== undefined) return context.code.store(Buffer.from(zipFile, 'base64'));
  if (bucket !== undefined && key !== undefined) {
    try {
      return context.code.store(context.objectStore.getObject(bucket, key).data);
    } catch (error) {
      if (isAwsError(error) && (error.code === 'NoSuchKey' || error.code === 'NoSuchBucket')) {
        throw new AwsError(
          'InvalidParameterValueException',
          `Error occurred while GetObject. S3 Error Code: ${error.code}. S3 Error Message: ${error.message}`,
        );
      }
      throw error;
    }
  }
  if (code.has('ImageUri'))
    throw new AwsError('InvalidParameterValueException', 'Container images are not supported by the local cloud.');
  throw new AwsError('InvalidParameterValueException', 'Please provide a source for function code.');
}

function applyConfiguration(config: FunctionConfig, input: JsonInput): void {
  const timeout = input.number('Timeout');
  if (timeout !== undefined) {
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 900)
      throw validationError('timeout', timeout, 'Member must have value less than or equal to 900');
    config.timeout = timeout;
  }
  const memory = input.number('MemorySize');
  if (memory !== undefined) {
    if (!Number.isInteger(memory) || memory < 128 || memory > 10240)
      throw validationError('memorySize', memory, 'Member must have value between 128 and 10240');
    config.memorySize = memory;
  }
  const variables = input.object('Environment')?.object('Variables');
  if (variables) {
    const entries = Object.entries(variables.values);
    if (entries.some(([, value]) => typeof value !== 'string')) {
      throw new AwsError('InvalidParameterValueException', 'Environment variable values must be strings');
    }
    config.environment = Object.fromEntries(entries) as Record<string, string>;
  }
  const architectures = input.stringList('Architectures');
  if (architectures) config.architectures = validArchitectures(architectures);
  const description = input.string('Description');
  if (description !== undefined) config.description = description;
  const tracing = input.object('TracingConfig')?.string('Mode');
  if (tracing !== undefined) config.tracingMode = tracing;
  const storage = input.object('EphemeralStorage')?.number('Size');
  if (storage !== undefined) config.ephemeralStorageSize = storage;
  const logging = input.object('LoggingConfig');
  if (logging) {
    config.logFormat = logging.string('LogFormat') ?? config.logFormat;
    config.logGroup = logging.string('LogGroup') ?? config.logGroup;
  }
}

/** Lambda checks the role ARN's form (the role itself is not looked up: IAM is recorded, not enforced). */
function validRole(role: string): string {
  if (!ROLE_ARN.test(role)) {
    throw validationError('role', role, `Member must satisfy regular expression pattern: ${ROLE_ARN_PATTERN}`);
  }
  return role;
}

function validArchitectures(architectures: string[]): string[] {
  if (architectures.length !== 1 || !ARCHITECTURES.has(architectures[0]!)) {
    throw validationError(
      'architectures',
      `[${architectures.join(', ')}]`,
      'Member must have length less than or equal to 1 and satisfy enum value set: [x86_64, arm64]',
    );
  }
  return architectures;
}

function readTags(input: JsonInput): Record<string, string> {
  const tags = input.object('Tags');
  if (!tags) return {};
  return Object.fromEntries(Object.entries(tags.values).map(([key, value]) => [key, String(value)]));
}

export function checkRevision(input: JsonInput, current: string): void {
  const expected = input.string('RevisionId');
  if (expected !== undefined && expected !== current) {
    throw new AwsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    );
  }
}

function readMaxItems(request: LambdaRequest, fallback: number): number {
  const text = request.query.get('MaxItems');
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10000)
    throw validationError('maxItems', text, 'Member must have value between 1 and 10000');
  return value;
}

function lowerBound(sorted: string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function fail(field: string): never {
  throw new AwsError(
    'InvalidParameterValueException',
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  );
}
