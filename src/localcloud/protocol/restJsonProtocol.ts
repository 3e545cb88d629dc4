// restJson1 (Lambda, API Gateway, Scheduler): operations by method and path (restRouter), members bound to the
// path, query string and headers (restBindings), the rest in a JSON body (or one payload member as the body);
// errors as `X-Amzn-ErrorType: <code>` with a `{"Type","Message","message"}` body, as Lambda answers them.
import type { ServerResponse } from 'node:http';
import { AwsError } from './awsError';
import { fromJson, toJson } from './jsonShapes';
import { restOutputHead, restRequestReader } from './restRequests';
import { RestRouter } from './restRouter';
import { shapeOf, type ServiceModel } from './serviceModel';
import type { ReplyOverrides, WireProtocol } from './wireProtocol';

/** How a restJson service words request problems the model does not describe. */
export interface RestJsonOptions {
  /** A body that is not JSON (Lambda: InvalidRequestContentException). */
  malformedBody?: (detail: string) => AwsError;
}

/** Sends a JSON answer with the given status and headers. */
export function sendRestJson(
  response: ServerResponse,
  requestId: string,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'X-Amzn-RequestId': requestId,
    ...headers,
  });
  response.end(body);
}

/** Sends an error: SDK v3 and botocore read the code from X-Amzn-ErrorType; `Type`/`Message` mirror AWS. */
export function sendRestJsonError(response: ServerResponse, requestId: string, error: AwsError): void {
  const type = error.status >= 500 ? 'Service' : 'User';
  const body = { Type: type, Message: error.message, message: error.message, ...error.fields };
  sendRestJson(response, requestId, error.status, JSON.stringify(body), { 'X-Amzn-ErrorType': error.code });
}

/** The restJson1 protocol of a model. */
export function restJsonProtocol(model: ServiceModel, options: RestJsonOptions = {}): WireProtocol {
  const router = new RestRouter(model);
  const malformed =
    options.malformedBody ??
    ((detail: string) => new AwsError('SerializationException', `Malformed JSON body: ${detail}`));

  const reader = restRequestReader(model, router, {
    routeError: (head, failure) => {
      if (failure.kind === 'badEncoding') {
        return new AwsError('ValidationException', 'The request path is not correctly percent-encoded');
      }
      if (failure.kind === 'wrongMethod') {
        return new AwsError(
          'MethodNotAllowedException',
          `${head.method} is not allowed here; use ${failure.allowed.join(' or ')}`,
          405,
        );
      }
      return new AwsError('UnknownOperationException', `Unknown operation: ${head.method} ${head.path}`, 404);
    },
    readDocument: (body, shape, member, violations) =>
      fromJson(model, shape, parseJson(body, malformed), member, violations),
    readsBody: () => true,
    keepsEmptyBlob: false,
  });

  return {
    ...reader,
    sendOutput: (request, response, operation, output, overrides: ReplyOverrides) => {
      const { record, shape, status, headers } = restOutputHead(model, operation, output, overrides);
      let body: string | Buffer = '';
      if (status !== 204 && shape) {
        const payloadName = shape.payload;
        if (payloadName !== undefined) {
          const value = record[payloadName];
          const payloadShape = shapeOf(model, shape.members![payloadName]!);
          if (value === undefined || value === null) body = '';
          else if (payloadShape.type === 'blob')
            body = typeof value === 'string' ? value : Buffer.from(value as Uint8Array);
          else if (payloadShape.type === 'string') body = typeof value === 'string' ? value : JSON.stringify(value);
          else body = JSON.stringify(toJson(model, payloadShape, value));
        } else {
          body = JSON.stringify(toJson(model, shape, record) ?? {});
        }
      }
      sendRestJson(response, request.requestId, status, body, headers);
    },
    sendError: (head, response, error) => sendRestJsonError(response, head.requestId, error),
  };
}

function parseJson(body: Buffer, malformed: (detail: string) => AwsError): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed('the body is not a JSON object');
  }
  return parsed;
}
