// Turns a function's result into the HTTP response API Gateway would send.
// REST (payload 1.0): https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
// HTTP API (payload 2.0): https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
import type { InvokeResult } from '../runtimeTypes';

/** An HTTP response ready to write: header pairs keep repeated headers (Set-Cookie) apart. */
export interface HttpResponseParts {
  statusCode: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

const REST_ERROR: HttpResponseParts = jsonResponse(502, { message: 'Internal server error' });
const HTTP_API_ERROR: HttpResponseParts = jsonResponse(500, { message: 'Internal Server Error' });

/**
 * Maps an invoke result to a response for the given payload format; `failed` replaces API Gateway's answer to a
 * failed function or an unmappable result (function URLs answer 502 where HTTP APIs answer 500).
 */
export function toHttpResponse(
  result: Pick<InvokeResult, 'payload' | 'functionError'>,
  payloadFormat: '1.0' | '2.0',
  failed?: HttpResponseParts,
): HttpResponseParts {
  const failure = failed ?? (payloadFormat === '1.0' ? REST_ERROR : HTTP_API_ERROR);
  // A copy: callers add headers (request ids) to what they get.
  const error = { ...failure, headers: [...failure.headers] };
  if (result.functionError) return error;
  let value: unknown;
  try {
    value = JSON.parse(result.payload);
  } catch {
    return error;
  }
  if (payloadFormat === '2.0' && !(isRecord(value) && 'statusCode' in value)) {
    // Payload 2.0 shorthand: a bare value is a 200 JSON answer (a string is sent as is).
    const body = typeof value === 'string' ? value : JSON.stringify(value);
    return { statusCode: 200, headers: [['content-type', 'application/json']], body: Buffer.from(body ?? '', 'utf8') };
  }
  if (!isRecord(value)) return error;
  const statusCode = Number(value['statusCode']);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return error;
  const headers: Array<[string, string]> = [];
  const seen = new Set<string>();
  if (isRecord(value['multiValueHeaders'])) {
    for (const [name, values] of Object.entries(value['multiValueHeaders'])) {
      if (!Array.isArray(values)) continue;
      for (const item of values) headers.push([name, String(item)]);
      seen.add(name.toLowerCase());
    }
  }
  if (isRecord(value['headers'])) {
    for (const [name, item] of Object.entries(value['headers'])) {
      // multiValueHeaders win over headers with the same name, as on API Gateway.
      if (!seen.has(name.toLowerCase())) headers.push([name, String(item)]);
    }
  }
  if (payloadFormat === '2.0' && Array.isArray(value['cookies'])) {
    for (const cookie of value['cookies']) headers.push(['set-cookie', String(cookie)]);
  }
  const rawBody = value['body'];
  const text =
    rawBody === undefined || rawBody === null ? '' : typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
  const body = value['isBase64Encoded'] === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  if (payloadFormat === '2.0' && !headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['content-type', 'application/json']);
  }
  return { statusCode, headers, body };
}

/** A small JSON response, for API Gateway's own answers (errors, missing routes). */
export function jsonResponse(statusCode: number, body: unknown): HttpResponseParts {
  return {
    statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify(body), 'utf8'),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
