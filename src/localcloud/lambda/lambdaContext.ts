// The Lambda state of one region (functions, the invoker) plus what every region shares, and the lookups
// several handlers make: function references (name, `name:qualifier`, ARNs), qualifiers, configurations.
import type { Logger } from '../../core/logger';
import { AwsError } from '../protocol/awsError';
import { validationMessage } from '../protocol/shapeValidation';
import type { ObjectStore } from '../s3/objectStore';
import type { CollectionStore } from '../state/collectionStore';
import type { AsyncInvocations } from './asyncInvocations';
import type { CodePackageStore } from './codePackage';
import { functionArn, type ArnContext, type FunctionConfig, type FunctionRecord } from './functionRecords';
import type { FunctionRepository } from './functionRepository';
import type { LambdaInvoker } from './lambdaInvoker';
import type { LayerVersionStore } from './layerVersionStore';

/** The regional Lambda resources that are not part of one function. */
export type LambdaCollection = 'eventSourceMappings' | 'codeSigningConfigs' | 'capacityProviders' | 'tags';

/** The Lambda state of one region. */
export interface LambdaContext extends ArnContext {
  functions: FunctionRepository;
  code: CodePackageStore;
  layers: LayerVersionStore;
  resources: CollectionStore<LambdaCollection>;
  objectStore: ObjectStore;
  invoker: LambdaInvoker;
  /** The region's queue of Event invocations (retries, destinations, dead-letter targets). */
  async: AsyncInvocations;
  random: () => number;
  logger: Logger;
  /** The server's own URL, for GetFunction's code download link. */
  endpoint: () => string;
}

/** A Lambda constraint violation, worded as AWS's validation layer words it. */
export function validationError(field: string, value: unknown, constraint: string): AwsError {
  return new AwsError('ValidationException', validationMessage([{ path: field, value, constraint }]));
}

const FUNCTION_REFERENCE =
  /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):\d{12}:function:|\d{12}:function:)?([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;

/**
 * Splits a FunctionName parameter (name, `name:qualifier`, partial or full ARN) into name and qualifier. With the
 * region's context, a full ARN of another region is refused as Lambda refuses it.
 */
export function parseFunctionReference(
  raw: string | undefined,
  context?: ArnContext,
): { name: string; qualifier?: string } {
  const match = FUNCTION_REFERENCE.exec(raw ?? '');
  if (!match) {
    throw validationError(
      'functionName',
      raw,
      'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
    );
  }
  const region = match[1];
  if (context && region !== undefined && region !== context.region) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Functions from '${region}' are not reachable in this region ('${context.region}')`,
      404,
    );
  }
  return match[3] === undefined ? { name: match[2]! } : { name: match[2]!, qualifier: match[3] };
}

/** The function, or ResourceNotFoundException worded as Lambda words it. */
export function requireFunction(context: LambdaContext, name: string, qualifier?: string): FunctionRecord {
  const record = context.functions.get(name);
  if (!record)
    throw new AwsError(
      'ResourceNotFoundException',
      `Function not found: ${functionArn(context, name, qualifier)}`,
      404,
    );
  return record;
}

/** The function a FunctionName + Qualifier pair names, and the qualifier, which must exist when given. */
export function requireQualified(
  context: LambdaContext,
  functionName: string,
  qualifierParameter: string | undefined,
): { record: FunctionRecord; qualifier?: string } {
  const reference = parseFunctionReference(functionName, context);
  const qualifier = qualifierOf(qualifierParameter, reference.qualifier);
  const record = requireFunction(context, reference.name, qualifier);
  if (qualifier === undefined) return { record };
  configFor(context, record, qualifier);
  return { record, qualifier };
}

/** The function a FunctionName names, which must carry no qualifier. */
export function requireUnqualified(context: LambdaContext, functionName: string): FunctionRecord {
  const reference = parseFunctionReference(functionName, context);
  return requireFunction(context, reference.name, reference.qualifier);
}

/** The qualifier from the name (`name:q`) or the `Qualifier` parameter; both must agree. */
export function qualifierOf(fromQuery: string | undefined, fromPath: string | undefined): string | undefined {
  if (fromPath !== undefined && fromQuery !== undefined && fromPath !== fromQuery) {
    throw new AwsError(
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  return fromPath ?? fromQuery;
}

/** The configuration a qualifier names: $LATEST, a version number, or an alias's primary version. */
export function configFor(
  context: LambdaContext,
  record: FunctionRecord,
  qualifier: string | undefined,
): FunctionConfig {
  if (qualifier === undefined || qualifier === '$LATEST') return record.latest;
  const alias = record.aliases[qualifier];
  const version = alias ? alias.functionVersion : qualifier;
  if (version === '$LATEST') return record.latest;
  const config = record.versions.find((candidate) => candidate.version === version);
  if (!config) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Function not found: ${functionArn(context, record.name, qualifier)}`,
      404,
    );
  }
  return config;
}

/** A stale RevisionId: PreconditionFailedException, as Lambda answers. */
export function checkRevision(expected: string | undefined, current: string): void {
  if (expected !== undefined && expected !== current) {
    throw new AwsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    );
  }
}
