// Lambda over restJson1: routes from the botocore model, JSON in and out, the error code in X-Amzn-ErrorType.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { RuntimePool } from '../../core/runtime/runtimeTypes';
import { credentialScopeOf } from '../identifyService';
import type { LocalCloudService, ServiceRequestHead } from '../localCloudService';
import type { LogStore } from '../logs/logStore';
import { AwsError } from '../protocol/awsError';
import { sendRestJson, sendRestJsonError } from '../protocol/restJsonProtocol';
import { RegionalState } from '../regionalState';
import type { ObjectStore } from '../s3/objectStore';
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from './aliasOperations';
import { chooseAliasVersion } from './aliasRouting';
import { CodePackageStore } from './codePackage';
import {
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  listVersionsByFunction,
  publishVersion,
  requireUnqualified,
  updateFunctionCode,
  updateFunctionConfiguration,
} from './functionOperations';
import { FunctionRepository } from './functionRepository';
import {
  configFor,
  jsonBody,
  parseFunctionReference,
  qualifierOf,
  requireFunction,
  type LambdaContext,
  type LambdaReply,
  type LambdaRequest,
} from './lambdaContext';
import { LambdaInvoker } from './lambdaInvoker';
import { matchLambdaRoute } from './lambdaRoutes';
import { RecentInvocations } from './recentInvocations';

/** What the Lambda service needs. */
export interface LambdaServiceOptions {
  /** The local cloud's state directory: code packages under lambda/, functions per region. */
  stateDirectory: string;
  logStores: RegionalState<LogStore>;
  objectStore: ObjectStore;
  region: string;
  accountId: string;
  logger: Logger;
  random: () => number;
  /** The runtime, looked up per invoke (it may be created after the server starts listening). */
  runtimePool: () => RuntimePool | undefined;
  endpoint: () => string;
}

/** The Lambda service, plus the code store the server uses for GetFunction's download link. */
export type LambdaService = LocalCloudService & {
  readonly code: CodePackageStore;
  /** The payloads of the last invocations (for "Replay locally" in the log view). */
  readonly invocations: RecentInvocations;
  /**
   * Runs an operation without HTTP, for services built on Lambda (CloudFormation creating functions, versions and
   * aliases). Path parameters as in the model (`FunctionName`, `Name`); throws AwsError like the HTTP API.
   */
  call(
    operation: string,
    input: { parameters?: Record<string, string>; query?: Record<string, string>; body?: unknown; region?: string },
  ): Promise<LambdaReply>;
};

/** AWS's request limits: 6 MB for synchronous invokes, 1 MB for Event, ~70 MB for inline zips. */
const SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;
const EVENT_PAYLOAD_BYTES = 1024 * 1024;
const CODE_REQUEST_BYTES = 70_167_211;
const OTHER_REQUEST_BYTES = 6 * 1024 * 1024;

type Operation = (context: LambdaContext, request: LambdaRequest) => LambdaReply | Promise<LambdaReply>;

const OPERATIONS: Record<string, Operation> = {
  CreateFunction: createFunction,
  GetFunction: getFunction,
  GetFunctionConfiguration: getFunctionConfiguration,
  ListFunctions: listFunctions,
  UpdateFunctionCode: updateFunctionCode,
  UpdateFunctionConfiguration: updateFunctionConfiguration,
  PublishVersion: publishVersion,
  ListVersionsByFunction: listVersionsByFunction,
  DeleteFunction: deleteFunction,
  CreateAlias: createAlias,
  GetAlias: getAlias,
  ListAliases: listAliases,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  Invoke: invoke,
  GetFunctionConcurrency: (context, request) => {
    const record = requireUnqualified(context, request);
    return {
      body:
        record.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: record.reservedConcurrency },
    };
  },
  PutFunctionConcurrency: (context, request) => {
    const record = requireUnqualified(context, request);
    const value = jsonBody(request).number('ReservedConcurrentExecutions');
    if (value === undefined || !Number.isInteger(value) || value < 0 || value > 1000) {
      throw new AwsError(
        'InvalidParameterValueException',
        'ReservedConcurrentExecutions must be an integer between 0 and 1000',
      );
    }
    record.reservedConcurrency = value;
    context.functions.save(record);
    return { body: { ReservedConcurrentExecutions: value } };
  },
  DeleteFunctionConcurrency: (context, request) => {
    const record = requireUnqualified(context, request);
    delete record.reservedConcurrency;
    context.functions.save(record);
    return { status: 204 };
  },
};

/** Creates the Lambda service. */
export function createLambdaService(options: LambdaServiceOptions): LambdaService {
  const code = new CodePackageStore(join(options.stateDirectory, 'lambda'));
  const recent = new RecentInvocations();
  const contexts = new RegionalState<LambdaContext>(options.region, options.stateDirectory, (region, directory) => {
    const arnContext = { region, accountId: options.accountId };
    return {
      ...arnContext,
      functions: new FunctionRepository(join(directory, 'lambda'), options.logger),
      code,
      objectStore: options.objectStore,
      invoker: new LambdaInvoker({
        ...arnContext,
        logger: options.logger,
        pool: options.runtimePool,
        code,
        recent,
        logStore: options.logStores.get(region),
      }),
      random: options.random,
      logger: options.logger,
      endpoint: options.endpoint,
    };
  });

  return {
    signingName: 'lambda',
    code,
    invocations: recent,
    call: async (operation, input) => {
      const handler = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
      if (!handler) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`, 404);
      return handler(contexts.get(input.region ?? options.region), {
        parameters: input.parameters ?? {},
        query: new URLSearchParams(input.query ?? {}),
        headers: {},
        body: input.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(input.body), 'utf8'),
        requestId: randomUUID(),
      });
    },
    bodyLimit: (head) => bodyLimitOf(head),
    bodyTooLargeError: (head, limit) => {
      const route = safeMatch(head);
      if (route === 'Invoke') {
        return new AwsError(
          'RequestTooLargeException',
          `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
          413,
        );
      }
      return new AwsError(
        'RequestEntityTooLargeException',
        `Request must be smaller than ${limit} bytes for the ${route ?? 'requested'} operation`,
        413,
      );
    },
    sendError: (head: ServiceRequestHead, response, error) => sendRestJsonError(response, head.requestId, error),
    handle: async (request, response) => {
      let match;
      try {
        match = matchLambdaRoute(request.method, request.path);
      } catch {
        throw new AwsError('ValidationException', 'The request path is not correctly percent-encoded');
      }
      if (match.kind === 'unknown') {
        throw new AwsError('UnknownOperationException', `Unknown operation: ${request.method} ${request.path}`, 404);
      }
      if (match.kind === 'wrongMethod') {
        throw new AwsError(
          'MethodNotAllowedException',
          `${request.method} is not allowed here; use ${match.allowed.join(' or ')}`,
          405,
        );
      }
      const operation = OPERATIONS[match.route.operation]!;
      const region = credentialScopeOf(request.headers, request.query)?.region ?? options.region;
      const reply = await operation(contexts.get(region), { ...request, parameters: match.parameters });
      const status = reply.status ?? match.route.status;
      if (reply.payload !== undefined) {
        const payload = typeof reply.payload === 'string' ? Buffer.from(reply.payload, 'utf8') : reply.payload;
        response.writeHead(status, {
          'Content-Type': 'application/json',
          'Content-Length': payload.length,
          'X-Amzn-RequestId': request.requestId,
          ...reply.headers,
        });
        response.end(payload);
        return;
      }
      sendRestJson(response, request.requestId, status, status === 204 ? undefined : reply.body, reply.headers);
    },
    close: async () => {
      await Promise.all(contexts.values().map((context) => context.invoker.close()));
    },
  };
}

/** Invoke: RequestResponse (200), Event (202) or DryRun (204); alias weights pick the version that runs. */
async function invoke(context: LambdaContext, request: LambdaRequest): Promise<LambdaReply> {
  const reference = parseFunctionReference(request.parameters.FunctionName);
  const qualifier = qualifierOf(request, reference.qualifier);
  const record = requireFunction(context, reference.name, qualifier);
  const invocationType = headerOf(request, 'x-amz-invocation-type') ?? 'RequestResponse';
  if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
    throw new AwsError('InvalidParameterValueException', `Unsupported invocation type: ${invocationType}`);
  }
  const alias = qualifier === undefined ? undefined : record.aliases[qualifier];
  const executedVersion = alias ? chooseAliasVersion(alias, context.random) : undefined;
  const config = configFor(context, record, executedVersion ?? qualifier);
  const payload = request.body.length === 0 ? '{}' : request.body.toString('utf8');
  try {
    JSON.parse(payload);
  } catch (error) {
    throw new AwsError(
      'InvalidRequestContentException',
      `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const input = { payload, qualifier, clientContext: headerOf(request, 'x-amz-client-context') };
  if (invocationType === 'DryRun') return { status: 204 };
  if (invocationType === 'Event') {
    context.invoker.invokeInBackground(record, config, input);
    return { status: 202, payload: '' };
  }
  const result = await context.invoker.invoke(record, config, input);
  const headers: Record<string, string> = { 'X-Amz-Executed-Version': config.version };
  if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
  if (headerOf(request, 'x-amz-log-type') === 'Tail') headers['X-Amz-Log-Result'] = LambdaInvoker.logTail(result);
  return { status: 200, payload: result.payload, headers };
}

function headerOf(request: LambdaRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function safeMatch(head: ServiceRequestHead): string | undefined {
  try {
    const match = matchLambdaRoute(head.method, head.path);
    return match.kind === 'found' ? match.route.operation : undefined;
  } catch {
    return undefined;
  }
}

function bodyLimitOf(head: ServiceRequestHead): number {
  const operation = safeMatch(head);
  if (operation === 'Invoke') {
    return head.headers['x-amz-invocation-type'] === 'Event' ? EVENT_PAYLOAD_BYTES : SYNC_PAYLOAD_BYTES;
  }
  if (operation === 'CreateFunction' || operation === 'UpdateFunctionCode') return CODE_REQUEST_BYTES;
  return OTHER_REQUEST_BYTES;
}
