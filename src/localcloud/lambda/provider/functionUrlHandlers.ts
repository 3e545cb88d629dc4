// Function URLs (Create/Get/Update/Delete/ListFunctionUrlConfigs): one per function or alias, with a 32-character
// id like Lambda's. The URL the API answers is the local cloud's own (`<endpoint>/_aws/lambda-url/<id>/`), so
// what a script or a stack output gets can be called at once (see functionUrlEndpoint.ts).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Cors, LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { functionArn, type FunctionRecord, type FunctionUrlRecord } from '../functionRecords';
import { pageByIndex } from '../functionSettings';
import { parseFunctionReference, qualifierOf, requireFunction, type LambdaContext } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

const URL_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A 32-character id like Lambda's. */
function newUrlId(): string {
  return [...randomBytes(32)].map((byte) => URL_ID_ALPHABET[byte % URL_ID_ALPHABET.length]).join('');
}

/** Lambda writes function URL times with microseconds. */
function urlTimestamp(): string {
  return new Date().toISOString().replace('Z', '000Z');
}

/** The path-style prefix under which the local cloud serves function URLs. */
export const FUNCTION_URL_PATH = '/_aws/lambda-url/';

/** The URL the local cloud serves the function URL at. */
export function functionUrlOf(lambda: LambdaContext, url: FunctionUrlRecord): string {
  return `${lambda.endpoint()}${FUNCTION_URL_PATH}${url.urlId}/`;
}

/** A function URL found by its id. */
export interface FoundFunctionUrl {
  region: string;
  functionName: string;
  /** '' for the unqualified function, else the alias. */
  qualifier: string;
  url: FunctionUrlRecord;
}

/** Finds function URLs by id across the regions with Lambda state (an index rebuilt when an id is unknown). */
export function functionUrlFinder(regions: LambdaRegions): (urlId: string) => FoundFunctionUrl | undefined {
  let index = new Map<string, Omit<FoundFunctionUrl, 'url'>>();
  const current = (urlId: string): FoundFunctionUrl | undefined => {
    const entry = index.get(urlId);
    if (!entry) return undefined;
    const url = regions.get(entry.region).functions.get(entry.functionName)?.functionUrls?.[entry.qualifier];
    return url?.urlId === urlId ? { ...entry, url } : undefined;
  };
  return (urlId) => {
    const found = current(urlId);
    if (found) return found;
    index = new Map();
    for (const region of regions.storedRegions(join('lambda', 'functions'))) {
      const functions = regions.get(region).functions;
      for (const functionName of functions.names()) {
        for (const [qualifier, url] of Object.entries(functions.get(functionName)?.functionUrls ?? {})) {
          index.set(url.urlId, { region, functionName, qualifier });
        }
      }
    }
    return current(urlId);
  };
}

/** The function and qualifier ('' for none) a request names; an alias qualifier must exist. */
function target(lambda: LambdaContext, functionName: string, qualifierParameter: string | undefined) {
  const reference = parseFunctionReference(functionName, lambda);
  const qualifier = qualifierOf(qualifierParameter, reference.qualifier);
  const record = requireFunction(lambda, reference.name, qualifier);
  if (qualifier !== undefined && !record.aliases[qualifier]) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Function not found: ${functionArn(lambda, record.name, qualifier)}`,
      404,
    );
  }
  return { record, key: qualifier ?? '' };
}

function notFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);
}

function rendered(lambda: LambdaContext, record: FunctionRecord, key: string, url: FunctionUrlRecord) {
  return {
    FunctionUrl: functionUrlOf(lambda, url),
    FunctionArn: functionArn(lambda, record.name, key === '' ? undefined : key),
    AuthType: url.authType,
    ...(url.cors ? { Cors: url.cors as Cors } : {}),
    CreationTime: url.creationTime,
    LastModifiedTime: url.lastModifiedTime,
    InvokeMode: url.invokeMode,
  };
}

/** The function URL handlers. */
export function functionUrlHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    CreateFunctionUrlConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, key } = target(lambda, input.FunctionName, input.Qualifier);
      const urls = (record.functionUrls ??= {});
      if (urls[key]) {
        throw new AwsError(
          'ResourceConflictException',
          `Failed to create function url config for [functionArn = ${functionArn(lambda, record.name, key || undefined)}]. Error message:  FunctionUrlConfig exists for this Lambda function`,
          409,
        );
      }
      const now = urlTimestamp();
      const url: FunctionUrlRecord = {
        urlId: newUrlId(),
        authType: input.AuthType,
        invokeMode: input.InvokeMode ?? 'BUFFERED',
        ...(input.Cors ? { cors: { ...input.Cors } } : {}),
        creationTime: now,
        lastModifiedTime: now,
      };
      urls[key] = url;
      lambda.functions.save(record);
      const { LastModifiedTime: _modified, ...created } = rendered(lambda, record, key, url);
      return created;
    },
    GetFunctionUrlConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, key } = target(lambda, input.FunctionName, input.Qualifier);
      const url = record.functionUrls?.[key];
      if (!url) throw notFound();
      return rendered(lambda, record, key, url);
    },
    UpdateFunctionUrlConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, key } = target(lambda, input.FunctionName, input.Qualifier);
      const url = record.functionUrls?.[key];
      if (!url) throw notFound();
      if (input.AuthType !== undefined) url.authType = input.AuthType;
      if (input.InvokeMode !== undefined) url.invokeMode = input.InvokeMode;
      if (input.Cors !== undefined) url.cors = { ...input.Cors };
      url.lastModifiedTime = urlTimestamp();
      lambda.functions.save(record);
      return rendered(lambda, record, key, url);
    },
    DeleteFunctionUrlConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, key } = target(lambda, input.FunctionName, input.Qualifier);
      if (!record.functionUrls?.[key]) throw notFound();
      delete record.functionUrls[key];
      lambda.functions.save(record);
    },
    ListFunctionUrlConfigs: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireFunction(lambda, parseFunctionReference(input.FunctionName, lambda).name);
      const configs = Object.entries(record.functionUrls ?? {})
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, url]) => rendered(lambda, record, key, url));
      const { page, ...next } = pageByIndex(configs, input.Marker, input.MaxItems);
      return { FunctionUrlConfigs: page, ...next };
    },
  };
}
