// Function URLs answer HTTP on the local cloud's port, path-style (`/_aws/lambda-url/<url id>/<path>`, the URL
// CreateFunctionUrlConfig answers) or host-style (`Host: <url id>.lambda-url.<region>.<any suffix>`, for clients
// that resolve `*.localhost` or pin a host). A request becomes the payload format 2.0 event Lambda sends, runs
// through Lambda's Invoke (the alias's routing, logs and concurrency apply), and the function's answer becomes
// the HTTP response as Lambda maps it. AWS_IAM URLs need a SigV4-signed request scoped to `lambda` and the URL's
// region (the local cloud does not know callers' secret keys: the signature's form is checked, not its value).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { jsonResponse, toHttpResponse, type HttpResponseParts } from '../../core/runtime/localApi/apiGatewayResponse';
import { buildFunctionUrlEvent, type FunctionUrlCaller } from '../../core/runtime/localApi/apiGatewayRequestEvent';
import { flattenHeaders, readBody, sendParts } from '../../core/runtime/localApi/httpExchange';
import type { Cors } from '../models/generated/lambda';
import { isAwsError } from '../protocol/awsError';
import { isPreflight, preflightAnswer, withCorsHeaders } from './functionUrlCors';
import type { InvokeFunction } from './functionInvocation';
import { FUNCTION_URL_PATH, type FoundFunctionUrl } from './provider/functionUrlHandlers';
import { amzDate, parseAmzDate } from '../protocol/amzDate';

const HOST_STYLE = /^([a-z0-9]{32})\.lambda-url\.([a-z0-9-]+)\./i;
/** Lambda's synchronous payload limit applies to function URL requests. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** How far a signature's time may be from the server's (SigV4). */
const CLOCK_SKEW_MS = 15 * 60 * 1000;
/** Lambda's answer when the function fails or answers something it cannot map. */
const FUNCTION_FAILED: HttpResponseParts = {
  statusCode: 502,
  headers: [['Content-Type', 'application/json']],
  body: Buffer.from('Internal Server Error', 'utf8'),
};

/** The function URL a request is for (by id) and the path within it, or undefined when it is for no URL. */
export function functionUrlTarget(
  host: string | undefined,
  rawPath: string,
): { urlId: string; path: string; region?: string } | undefined {
  if (rawPath.startsWith(FUNCTION_URL_PATH)) {
    const rest = rawPath.slice(FUNCTION_URL_PATH.length);
    const end = rest.search(/[/?]/);
    const urlId = end < 0 ? rest : rest.slice(0, end);
    const path = end < 0 ? '/' : rest[end] === '?' ? `/${rest.slice(end)}` : rest.slice(end);
    return urlId ? { urlId: urlId.toLowerCase(), path } : undefined;
  }
  const hostStyle = HOST_STYLE.exec(host ?? '');
  if (!hostStyle?.[1]) return undefined;
  return { urlId: hostStyle[1].toLowerCase(), path: rawPath || '/', region: hostStyle[2]?.toLowerCase() };
}

export interface FunctionUrlEndpointOptions {
  find: (urlId: string) => FoundFunctionUrl | undefined;
  invoke: InvokeFunction;
  accountId: string;
  logger: Logger;
  now?: () => number;
}

/** Serves function URLs. */
export class FunctionUrlEndpoint {
  constructor(private readonly options: FunctionUrlEndpointOptions) {}

  /** Answers one request (never throws: failures are Lambda's 5xx answers). */
  async handle(
    request: IncomingMessage,
    response: ServerResponse,
    target: { urlId: string; path: string; region?: string },
  ): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    const requestId = crypto.randomUUID();
    const answer = (parts: HttpResponseParts) => {
      parts.headers.push(['x-amzn-RequestId', requestId]);
      sendParts(response, parts, method === 'HEAD');
    };
    try {
      answer(await this.answer(request, method, target, requestId));
    } catch (error) {
      this.options.logger.error(`[lambda] function URL ${method} ${request.url ?? ''} failed: ${describeError(error)}`);
      if (!response.headersSent) answer(jsonResponse(500, { Message: 'Internal Server Error' }));
      else response.destroy();
    }
  }

  private async answer(
    request: IncomingMessage,
    method: string,
    target: { urlId: string; path: string; region?: string },
    requestId: string,
  ): Promise<HttpResponseParts> {
    const found = this.options.find(target.urlId);
    if (!found || (target.region !== undefined && target.region !== found.region)) {
      return jsonResponse(404, { Message: `No function URL with id ${target.urlId} in the local cloud` });
    }
    const headers = flattenHeaders(request);
    const cors = found.url.cors as Cors | undefined;
    if (cors && isPreflight(method, headers)) return preflightAnswer(cors, headers);
    const queryStart = target.path.indexOf('?');
    const path = queryStart < 0 ? target.path : target.path.slice(0, queryStart);
    const queryString = queryStart < 0 ? '' : target.path.slice(queryStart + 1);
    let caller: FunctionUrlCaller | undefined;
    if (found.url.authType === 'AWS_IAM') {
      const signed = checkSignature(headers, new URLSearchParams(queryString), found.region, this.now());
      if ('refusal' in signed) return jsonResponse(403, { Message: signed.refusal });
      caller = signed;
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (!body) {
      return jsonResponse(413, {
        Message: `Request must be smaller than ${MAX_BODY_BYTES} bytes for the InvokeFunction operation`,
      });
    }
    const event = buildFunctionUrlEvent(
      {
        method,
        path,
        queryString,
        headers,
        body,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      },
      {
        urlId: found.url.urlId,
        region: found.region,
        accountId: this.options.accountId,
        authType: found.url.authType === 'AWS_IAM' ? 'AWS_IAM' : 'NONE',
        ...(caller ? { caller } : {}),
      },
    );
    event.requestContext.requestId = requestId;
    const parts = await this.invoke(found, event);
    parts.headers.push(['X-Amzn-Trace-Id', event.headers['x-amzn-trace-id'] ?? '']);
    return cors ? withCorsHeaders(parts, cors, headers) : parts;
  }

  private async invoke(found: FoundFunctionUrl, event: unknown): Promise<HttpResponseParts> {
    try {
      const result = await this.options.invoke({
        functionName: found.functionName,
        ...(found.qualifier ? { qualifier: found.qualifier } : {}),
        event,
        region: found.region,
      });
      if (found.url.invokeMode === 'RESPONSE_STREAM' && !result.functionError) return streamedResponse(result.payload);
      return toHttpResponse(
        { payload: result.payload, ...(result.functionError ? { functionError: 'Unhandled' as const } : {}) },
        '2.0',
        FUNCTION_FAILED,
      );
    } catch (error) {
      if (isAwsError(error) && error.status === 429) return jsonResponse(429, { Message: 'Rate Exceeded.' });
      this.options.logger.warn(`[lambda] function URL of ${found.functionName}: ${describeError(error)}`);
      return copyOf(FUNCTION_FAILED);
    }
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

/** The prelude separator `awslambda.HttpResponseStream.from` writes after the metadata. */
const PRELUDE_END = '\u0000'.repeat(8);

/**
 * A RESPONSE_STREAM URL's answer: a streaming handler's prelude (status, headers, cookies) and the bytes after
 * it; without a prelude, the bytes as a 200 (a buffered handler's JSON answer is mapped as for BUFFERED).
 */
function streamedResponse(payload: string): HttpResponseParts {
  const end = payload.indexOf(PRELUDE_END);
  let prelude: { statusCode?: unknown; headers?: unknown; cookies?: unknown } | undefined;
  if (payload.startsWith('{') && end > 0) {
    try {
      prelude = JSON.parse(payload.slice(0, end)) as typeof prelude;
    } catch {
      prelude = undefined;
    }
  }
  if (!prelude) {
    const mapped = toHttpResponse({ payload }, '2.0', FUNCTION_FAILED);
    return mapped.statusCode === 502
      ? { statusCode: 200, headers: [['Content-Type', 'application/octet-stream']], body: Buffer.from(payload, 'utf8') }
      : mapped;
  }
  const headers: Array<[string, string]> = [];
  if (prelude.headers && typeof prelude.headers === 'object') {
    for (const [name, value] of Object.entries(prelude.headers)) headers.push([name, String(value)]);
  }
  if (Array.isArray(prelude.cookies))
    for (const cookie of prelude.cookies) headers.push(['Set-Cookie', String(cookie)]);
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type')) {
    headers.push(['Content-Type', 'application/octet-stream']);
  }
  const status = Number(prelude.statusCode ?? 200);
  return {
    statusCode: Number.isInteger(status) && status >= 100 && status <= 599 ? status : 200,
    headers,
    body: Buffer.from(payload.slice(end + PRELUDE_END.length), 'utf8'),
  };
}

function copyOf(parts: HttpResponseParts): HttpResponseParts {
  return { ...parts, headers: [...parts.headers] };
}

/**
 * The caller of a SigV4-signed request (Authorization header or presigned query), or Lambda's refusal: unsigned,
 * incomplete, scoped to another service or region, or outside the allowed clock skew.
 */
export function checkSignature(
  headers: Record<string, string>,
  query: URLSearchParams,
  region: string,
  now: number,
): FunctionUrlCaller | { refusal: string } {
  const authorization = headerOf(headers, 'authorization');
  let credential: string | undefined;
  let date: string | undefined;
  let expiresSeconds: number | undefined;
  if (authorization !== undefined) {
    if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) return { refusal: 'Forbidden' };
    const parameters = new Map(
      authorization
        .slice('AWS4-HMAC-SHA256 '.length)
        .split(',')
        .map((part) => part.trim().split('=') as [string, string | undefined]),
    );
    const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !parameters.get(name));
    if (missing.length > 0) {
      return {
        refusal: `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${authorization}`,
      };
    }
    credential = parameters.get('Credential');
    date = headerOf(headers, 'x-amz-date');
    if (date === undefined) {
      return {
        refusal: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      };
    }
  } else if (query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' && query.get('X-Amz-Signature')) {
    credential = query.get('X-Amz-Credential') ?? undefined;
    date = query.get('X-Amz-Date') ?? undefined;
    expiresSeconds = Number(query.get('X-Amz-Expires') ?? '0');
  } else {
    return { refusal: 'Forbidden' };
  }
  const [accessKey, , scopeRegion, service] = (credential ?? '').split('/');
  if (!accessKey || !scopeRegion || !service) return { refusal: 'Forbidden' };
  if (service !== 'lambda') return { refusal: "Credential should be scoped to correct service: 'lambda'. " };
  if (scopeRegion !== region) return { refusal: 'Credential should be scoped to a valid region. ' };
  const signedAt = parseAmzDate(date ?? '');
  if (signedAt === undefined) return { refusal: 'Forbidden' };
  if (expiresSeconds !== undefined) {
    if (now > signedAt + expiresSeconds * 1000) return { refusal: 'Signature expired' };
  } else if (Math.abs(now - signedAt) > CLOCK_SKEW_MS) {
    return {
      refusal: `Signature expired: ${date} is now earlier than ${amzDate(now - CLOCK_SKEW_MS)} (${amzDate(now)} - 15 min.)`,
    };
  }
  return { accessKey };
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
