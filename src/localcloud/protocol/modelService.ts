// The generic engine: a service is a generated model plus a provider of handlers. The engine reads each request
// in the model's wire protocol into the operation's input shape, validates it with AWS's messages, calls the
// handler, and writes its output (or the error it throws) in the same protocol. Operations without a handler
// answer AWS's error shape naming the operation. Hand-written code keeps only behaviour.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { credentialScopeOf } from '../identifyService';
import type { LocalCloudService, ServiceRequest, ServiceRequestHead } from '../localCloudService';
import { AwsError, isAwsError } from './awsError';
import { ErrorDeclarations, type ErrorFinding } from './errorDeclarations';
import { awsJsonProtocol } from './awsJsonProtocol';
import { fromJson, toJson } from './jsonShapes';
import { queryProtocol } from './queryProtocol';
import { restJsonProtocol, type RestJsonOptions } from './restJsonProtocol';
import { restXmlProtocol, type RestXmlOptions } from './restXmlProtocol';
import { isRpcV2CborRequest, rpcV2CborProtocol } from './rpcV2CborProtocol';
import { hasOwn, shapeOf, signingNameOf, type ProtocolName, type ServiceModel } from './serviceModel';
import { validateShape, validationMessage, type Violation } from './shapeValidation';
import type { ReplyOverrides, WireProtocol } from './wireProtocol';

/** What a handler knows about the call besides its input. */
export interface RequestContext {
  operation: string;
  requestId: string;
  /** The region the client signed for (SigV4 credential scope), else the local cloud's default region. */
  region: string;
  accountId: string;
  /** The HTTP request, for the rare handler that needs raw headers; absent for in-process calls. */
  request?: ServiceRequest;
  /** The HTTP response, for handlers that stream (event streams); absent for in-process calls. */
  response?: ServerResponse;
  /** Status and headers the model does not bind, for AWS quirks. */
  reply: ReplyOverrides;
}

/** A handler: the operation's input shape in, its output shape out; throws AwsError with the wire code. */
export type OperationHandler<Input, Output> = (input: Input, context: RequestContext) => Output | Promise<Output>;

/** The shape of a generated `<Service>Operations` interface: each operation's input and output. */
export type OperationMap<Operations> = { [Name in keyof Operations]: { input: unknown; output: unknown } };

/** Handlers for some of a service's operations, typed by the generated operations map. */
export type ServiceProvider<Operations extends OperationMap<Operations>> = {
  [Name in keyof Operations]?: OperationHandler<Operations[Name]['input'], Operations[Name]['output']>;
};

const STORED_ONLY = Symbol('storedOnly');

/**
 * Marks a handler whose behaviour cannot happen locally (encryption at rest, replication...): it stores, validates
 * and returns the configuration as AWS does. The coverage report counts these apart.
 */
export function storedOnly<Handler extends (...args: never[]) => unknown>(handler: Handler): Handler {
  return Object.assign(handler, { [STORED_ONLY]: true });
}

/** How to run a model service. */
export interface ModelServiceOptions {
  /** The region when a request carries no credential scope. */
  region: string;
  accountId: string;
  /** The code of constraint violations: ValidationException (JSON and REST) or ValidationError (query) by default. */
  validationErrorCode?: string;
  /** A service's own error for some violations (S3's InvalidStorageClass); undefined keeps the generic one. */
  validationError?: (operation: string, violations: readonly Violation[]) => AwsError | undefined;
  /** The largest body an operation accepts (the operation is undefined when only the body names it). */
  bodyLimit?: (operation: string | undefined, head: ServiceRequestHead) => number;
  /** The error for a body over the limit. */
  bodyTooLargeError?: (operation: string | undefined, head: ServiceRequestHead, limitBytes: number) => AwsError;
  /** Stops background work when the local cloud closes. */
  close?: () => Promise<void>;
  /** restJson1 wording for problems the model does not describe. */
  restJson?: RestJsonOptions;
  /** restXml root elements and wording for problems the model does not describe. */
  restXml?: RestXmlOptions;
  /**
   * Rewrites a request head before anything reads it (S3: a virtual-hosted bucket in the Host header becomes the
   * first path segment).
   */
  rewriteHead?: (head: ServiceRequestHead) => ServiceRequestHead;
  /** Decodes a request before it is parsed (S3: aws-chunked bodies, whose trailers become headers). */
  decodeRequest?: (request: ServiceRequest) => ServiceRequest;
  /**
   * The awsQuery form of an awsQueryCompatible model (SQS): form-encoded requests are read and answered with it,
   * for clients from before the service moved to JSON.
   */
  queryModel?: ServiceModel;
}

/** How each model operation is served: by a handler, by a stored-only handler, or refused. */
export interface ServiceCoverage {
  implemented: string[];
  storedOnly: string[];
  refused: string[];
}

/** A running model service: an HTTP service, callable in process as well. */
export interface ModelService<Operations extends OperationMap<Operations>> extends LocalCloudService {
  readonly model: ServiceModel;
  /**
   * Runs an operation without HTTP (for services built on others, as CloudFormation on Lambda): the input is
   * validated as a request's would be; errors are thrown as AwsError.
   */
  call<Name extends keyof Operations & string>(
    operation: Name,
    input: Operations[Name]['input'],
    context?: Partial<Pick<RequestContext, 'region' | 'accountId'>>,
  ): Promise<Operations[Name]['output']>;
  /**
   * The same with JSON values in and out (blobs base64, timestamps epoch seconds), every member in one object:
   * for callers whose input is a document, such as CloudFormation resource properties.
   */
  callJson(
    operation: string,
    input: unknown,
    context?: Partial<Pick<RequestContext, 'region' | 'accountId'>>,
  ): Promise<unknown>;
  coverage(): ServiceCoverage;
  /** Errors answered that the model does not declare for their operation, or with another status. */
  undeclaredErrors(): ErrorFinding[];
}

const DEFAULT_BODY_LIMIT = 6 * 1024 * 1024;

/** Creates a service from its model and provider. */
export function createModelService<Operations extends OperationMap<Operations>>(
  model: ServiceModel,
  provider: ServiceProvider<Operations>,
  options: ModelServiceOptions,
): ModelService<Operations> {
  const protocols = protocolsOf(model, options);
  const fallback = protocols[0]!;
  const pick = (head: ServiceRequestHead): WireProtocol => {
    if (protocols.length === 1) return fallback.protocol;
    const contentType = head.headers['content-type'] ?? '';
    const wanted: ProtocolName | undefined = isRpcV2CborRequest(head)
      ? 'smithy-rpc-v2-cbor'
      : head.headers['x-amz-target']
        ? 'json'
        : contentType.startsWith('application/x-www-form-urlencoded')
          ? 'query'
          : undefined;
    return (protocols.find((candidate) => candidate.name === wanted) ?? fallback).protocol;
  };
  const validationCode =
    options.validationErrorCode ?? (fallback.name === 'query' ? 'ValidationError' : 'ValidationException');
  const handlers = provider as Record<string, OperationHandler<unknown, unknown> | undefined>;

  const handlerFor = (operation: string): OperationHandler<unknown, unknown> => {
    const handler = hasOwn(handlers, operation) ? handlers[operation] : undefined;
    if (!handler) {
      throw new AwsError(
        'NotImplemented',
        `The operation ${operation} of ${model.metadata.serviceId} is not supported by the local cloud yet.`,
        501,
      );
    }
    return handler;
  };

  const validate = (operation: string, input: Record<string, unknown>, typeViolations: Violation[]): void => {
    const violations = [...typeViolations];
    const inputReference = model.operations[operation]!.input;
    if (inputReference) validateShape(model, shapeOf(model, inputReference), input, '', violations);
    if (violations.length > 0) throw validationFailure(operation, violations);
  };
  const validationFailure = (operation: string, violations: readonly Violation[]): AwsError =>
    options.validationError?.(operation, violations) ?? new AwsError(validationCode, validationMessage(violations));

  /** A modelled error takes the model's status unless the handler gave one. */
  const withModelStatus = (error: AwsError): AwsError => {
    const status = model.shapes[error.code]?.error?.httpStatusCode;
    return !error.statusGiven && status !== undefined && status !== error.status ? error.withStatus(status) : error;
  };

  const declarations = new ErrorDeclarations(model);
  const audit = (operation: string | undefined, error: unknown): void => {
    if (isAwsError(error)) declarations.check(operation, error);
    else declarations.checkInternal(operation, error);
  };

  const rewrite = <Head extends ServiceRequestHead>(head: Head): Head =>
    options.rewriteHead ? { ...head, ...options.rewriteHead(head) } : head;

  const service: ModelService<Operations> = {
    model,
    signingName: signingNameOf(model),
    bodyLimit: (original) => {
      const head = rewrite(original);
      return options.bodyLimit?.(pick(head).operationFromHead(head), head) ?? DEFAULT_BODY_LIMIT;
    },
    bodyTooLargeError: (original, limit) => {
      const head = rewrite(original);
      return (
        options.bodyTooLargeError?.(pick(head).operationFromHead(head), head, limit) ??
        new AwsError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes`, 413)
      );
    },
    handle: async (original, response) => {
      const rewritten = rewrite(original);
      const request = options.decodeRequest ? options.decodeRequest(rewritten) : rewritten;
      const protocol = pick(request);
      let operation: string | undefined;
      try {
        const parsed = protocol.parse(request);
        operation = parsed.operation;
        const handler = handlerFor(parsed.operation);
        validate(parsed.operation, parsed.input, parsed.typeViolations);
        const scope = credentialScopeOf(request.headers, request.query);
        const context: RequestContext = {
          operation: parsed.operation,
          requestId: request.requestId,
          region: scope?.region ?? options.region,
          accountId: options.accountId,
          request,
          response,
          reply: { headers: {} },
        };
        const output = await handler(parsed.input, context);
        // A streaming handler (event streams) has answered already.
        if (response.headersSent || response.writableEnded) return;
        protocol.sendOutput(request, response, parsed.operation, output, context.reply);
      } catch (error) {
        audit(operation ?? protocol.operationFromHead(request), error);
        throw error;
      }
    },
    sendError: (original, response, error) => {
      const head = rewrite(original);
      pick(head).sendError(head, response, withModelStatus(error));
    },
    call: async (operation, input, overrides = {}) => {
      if (!hasOwn(model.operations, operation)) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
      }
      const handler = handlerFor(operation);
      const record = (input ?? {}) as Record<string, unknown>;
      validate(operation, record, []);
      const context: RequestContext = {
        operation,
        requestId: randomUUID(),
        region: overrides.region ?? options.region,
        accountId: overrides.accountId ?? options.accountId,
        reply: { headers: {} },
      };
      try {
        return await handler(record, context);
      } catch (error) {
        audit(operation, error);
        throw error instanceof AwsError ? withModelStatus(error) : error;
      }
    },
    callJson: async (operation, json, overrides) => {
      const definition = hasOwn(model.operations, operation) ? model.operations[operation] : undefined;
      if (!definition) throw new AwsError('UnknownOperationException', `Unknown operation ${operation}`);
      const violations: Violation[] = [];
      const input = definition.input
        ? (fromJson(model, shapeOf(model, definition.input), json ?? {}, '', violations, true) as Record<
            string,
            unknown
          >)
        : {};
      if (violations.length > 0) throw validationFailure(operation, violations);
      const output = await service.call(operation as keyof Operations & string, input, overrides);
      return definition.output ? toJson(model, shapeOf(model, definition.output), output, true) : undefined;
    },
    coverage: () => {
      const coverage: ServiceCoverage = { implemented: [], storedOnly: [], refused: [] };
      for (const operation of Object.keys(model.operations)) {
        const handler = hasOwn(handlers, operation) ? handlers[operation] : undefined;
        if (!handler) coverage.refused.push(operation);
        else if ((handler as { [STORED_ONLY]?: boolean })[STORED_ONLY]) coverage.storedOnly.push(operation);
        else coverage.implemented.push(operation);
      }
      return coverage;
    },
    undeclaredErrors: () => declarations.report(),
    close: () => options.close?.() ?? Promise.resolve(),
  };
  return service;
}

/** The wire protocols the engine speaks for a model, preferred first. */
function protocolsOf(
  model: ServiceModel,
  options: ModelServiceOptions,
): { name: ProtocolName; protocol: WireProtocol }[] {
  const names = model.metadata.protocols ?? [model.metadata.protocol];
  const supported: { name: ProtocolName; protocol: WireProtocol }[] = [];
  for (const name of names) {
    if (name === 'json') supported.push({ name, protocol: awsJsonProtocol(model) });
    else if (name === 'query') supported.push({ name, protocol: queryProtocol(model) });
    else if (name === 'rest-json') supported.push({ name, protocol: restJsonProtocol(model, options.restJson) });
    else if (name === 'rest-xml') supported.push({ name, protocol: restXmlProtocol(model, options.restXml) });
    else if (name === 'smithy-rpc-v2-cbor') supported.push({ name, protocol: rpcV2CborProtocol(model) });
  }
  if (options.queryModel && !names.includes('query')) {
    supported.push({ name: 'query', protocol: queryProtocol(options.queryModel) });
  }
  if (supported.length === 0) {
    throw new Error(`${model.origin}: the local cloud speaks none of the protocols ${names.join(', ')}`);
  }
  return supported;
}
