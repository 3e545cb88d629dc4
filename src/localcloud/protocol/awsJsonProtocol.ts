// awsJson1_0 / awsJson1_1 (CloudWatch Logs, CodeDeploy, SQS...): `POST /` with `X-Amz-Target: <prefix>.<Op>`,
// JSON in and out, errors as `{"__type": ...}` (boto3 reads only `__type`; the SDK also reads X-Amzn-ErrorType).
import type { ServerResponse } from 'node:http';
import type { ServiceRequest, ServiceRequestHead } from '../localCloudService';
import { AwsError } from './awsError';
import { fromJson, toJson } from './jsonShapes';
import { hasOwn, shapeOf, type ServiceModel } from './serviceModel';
import type { Violation } from './shapeValidation';
import type { ParsedRequest, ReplyOverrides, WireProtocol } from './wireProtocol';

/** Sends a successful awsJson answer (always 200). */
export function sendAwsJson(
  response: ServerResponse,
  requestId: string,
  body: unknown,
  contentType = 'application/x-amz-json-1.1',
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body ?? {});
  response.writeHead(200, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'X-Amzn-RequestId': requestId,
    ...headers,
  });
  response.end(text);
}

/** Sends an error; boto3 reads only `__type`, the SDK also accepts the X-Amzn-ErrorType header. */
export function sendAwsJsonError(
  response: ServerResponse,
  requestId: string,
  error: AwsError,
  contentType = 'application/x-amz-json-1.1',
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify({ __type: error.code, message: error.message, ...error.fields });
  response.writeHead(error.status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'X-Amzn-RequestId': requestId,
    'X-Amzn-ErrorType': error.code,
    ...extraHeaders,
  });
  response.end(text);
}

/** The awsJson protocol of a model (its jsonVersion picks the content type). */
export function awsJsonProtocol(model: ServiceModel): WireProtocol {
  const prefix = `${model.metadata.targetPrefix ?? ''}.`;
  const contentType = `application/x-amz-json-${model.metadata.jsonVersion ?? '1.0'}`;
  const operationFromHead = (head: ServiceRequestHead): string | undefined => {
    const target = head.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.startsWith(prefix)) return undefined;
    const name = target.slice(prefix.length);
    return hasOwn(model.operations, name) ? name : undefined;
  };
  return {
    operationFromHead,
    parse: (request: ServiceRequest): ParsedRequest => {
      const operation = operationFromHead(request);
      if (operation === undefined) {
        const target = request.headers['x-amz-target'];
        throw new AwsError('UnknownOperationException', `Unknown operation ${JSON.stringify(target ?? '')}`);
      }
      if (request.method !== 'POST') {
        throw new AwsError('UnknownOperationException', `${request.method} is not supported; use POST`);
      }
      const body = parseJsonObject(request.body);
      const typeViolations: Violation[] = [];
      const inputReference = model.operations[operation]!.input;
      const input = inputReference
        ? (fromJson(model, shapeOf(model, inputReference), body, '', typeViolations) as Record<string, unknown>)
        : {};
      return { operation, input, typeViolations };
    },
    sendOutput: (request, response, operation, output, overrides: ReplyOverrides) => {
      const outputReference = model.operations[operation]!.output;
      const body = outputReference && output ? toJson(model, shapeOf(model, outputReference), output) : {};
      sendAwsJson(response, request.requestId, body, contentType, overrides.headers);
    },
    sendError: (head, response, error) => {
      // Clients of services that moved from awsQuery read the query error code from this header.
      const queryCode = model.shapes[error.code]?.error?.code ?? error.code;
      const fault = error.status >= 500 ? 'Receiver' : 'Sender';
      const headers: Record<string, string> = model.metadata.awsQueryCompatible
        ? { 'x-amzn-query-error': `${queryCode};${fault}` }
        : {};
      sendAwsJsonError(response, head.requestId, error, contentType, headers);
    },
  };
}

/** An empty body is `{}`; anything but a JSON object is SerializationException, as AWS answers. */
function parseJsonObject(body: Buffer): unknown {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return parsed;
}
