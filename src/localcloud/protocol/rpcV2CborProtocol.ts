// Smithy RPC v2 CBOR (CloudWatch's preferred protocol: boto3 and the awscli send it): `POST
// /service/<targetPrefix>/operation/<Op>` with `smithy-protocol: rpc-v2-cbor`, CBOR bodies both ways, timestamps
// as tag 1 epoch seconds, errors as `{"__type": <shape>, "message"}` with the query code in x-amzn-query-error for
// services that moved from awsQuery.
import type { ServerResponse } from 'node:http';
import type { ServiceRequest, ServiceRequestHead } from '../localCloudService';
import { AwsError } from './awsError';
import { CborError, decodeCbor, encodeCbor } from './cbor';
import { fromJson } from './jsonShapes';
import { hasOwn, shapeOf, type ServiceModel, type Shape } from './serviceModel';
import type { Violation } from './shapeValidation';
import { toDate } from './timestamps';
import type { ParsedRequest, ReplyOverrides, WireProtocol } from './wireProtocol';

const OPERATION_PATH = /^\/service\/([^/]+)\/operation\/([^/]+)$/;

/** True for a request in this protocol (the header every client sends). */
export function isRpcV2CborRequest(head: ServiceRequestHead): boolean {
  return head.headers['smithy-protocol'] === 'rpc-v2-cbor';
}

export function rpcV2CborProtocol(model: ServiceModel): WireProtocol {
  const operationFromHead = (head: ServiceRequestHead): string | undefined => {
    const match = OPERATION_PATH.exec(head.path);
    const name = match?.[2];
    return name !== undefined && hasOwn(model.operations, name) ? name : undefined;
  };
  const send = (response: ServerResponse, requestId: string, status: number, body: unknown, headers = {}) => {
    const bytes = encodeCbor(body);
    response.writeHead(status, {
      'Content-Type': 'application/cbor',
      'Content-Length': bytes.length,
      'smithy-protocol': 'rpc-v2-cbor',
      'X-Amzn-RequestId': requestId,
      ...headers,
    });
    response.end(bytes);
  };
  return {
    operationFromHead,
    parse: (request: ServiceRequest): ParsedRequest => {
      const operation = operationFromHead(request);
      if (operation === undefined) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${JSON.stringify(request.path)}`, 404);
      }
      if (request.method !== 'POST') {
        throw new AwsError('UnknownOperationException', `${request.method} is not supported; use POST`, 405);
      }
      let body: unknown = {};
      if (request.body.length > 0) {
        try {
          body = decodeCbor(request.body);
        } catch (error) {
          if (!(error instanceof CborError)) throw error;
          throw new AwsError('SerializationException', `The request body is not valid CBOR: ${error.message}`);
        }
      }
      const inputReference = model.operations[operation]!.input;
      const typeViolations: Violation[] = [];
      const input = inputReference
        ? (fromJson(model, shapeOf(model, inputReference), jsonLike(body), '', typeViolations) as Record<
            string,
            unknown
          >)
        : {};
      return { operation, input: input ?? {}, typeViolations };
    },
    sendOutput: (request, response, operation, output, overrides: ReplyOverrides) => {
      const reference = model.operations[operation]!.output;
      const body = reference && output ? toCbor(model, shapeOf(model, reference), output) : {};
      send(response, request.requestId, 200, body, overrides.headers);
    },
    sendError: (head, response, error) => {
      const queryCode = model.shapes[error.code]?.error?.code ?? error.code;
      const fault = error.status >= 500 ? 'Receiver' : 'Sender';
      const headers: Record<string, string> = model.metadata.awsQueryCompatible
        ? { 'x-amzn-query-error': `${queryCode};${fault}` }
        : {};
      send(
        response,
        head.requestId,
        error.status,
        { __type: error.code, message: error.message, ...error.fields },
        headers,
      );
    },
  };
}

/** CBOR values as the JSON reader takes them: Dates as epoch seconds, byte strings as base64. */
function jsonLike(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(jsonLike);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonLike(item)]));
  }
  return value;
}

/** A handler's output as CBOR values: timestamps as Dates (tag 1), blobs as bytes, bound members left out. */
function toCbor(model: ServiceModel, shape: Shape, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (shape.document) return value;
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const item = (value as Record<string, unknown>)[name];
        if (item === undefined || item === null || member.location) continue;
        result[name] = toCbor(model, shapeOf(model, member), item);
      }
      return result;
    }
    case 'list': {
      const memberShape = shapeOf(model, shape.member!);
      return (value as unknown[]).map((item) => toCbor(model, memberShape, item));
    }
    case 'map': {
      const valueShape = shapeOf(model, shape.value!);
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, toCbor(model, valueShape, item)]),
      );
    }
    case 'timestamp':
      return toDate(value);
    case 'blob':
      return Buffer.from(value as Uint8Array);
    default:
      return value;
  }
}
