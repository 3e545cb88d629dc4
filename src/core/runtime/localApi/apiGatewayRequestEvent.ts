// Turns a real HTTP request into the event API Gateway would send, through the shared event generators of
// src/core/events so sample events and served requests have one shape.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionURLEvent } from 'aws-lambda';
import { createEventContext } from '../../events/eventContext';
import { generateFunctionUrlEvent, generateHttpApiEvent, generateRestApiEvent } from '../../events/httpEvents';
import type { RouteMatch } from './apiRoutes';

/** An incoming request, reduced to what API Gateway passes on. */
export interface IncomingApiRequest {
  method: string;
  /** The path without the query string, still percent-encoded. */
  path: string;
  /** The query string without `?`. */
  queryString: string;
  /** Header names as received, repeated headers joined with `, ` (cookies with `; `). */
  headers: Record<string, string>;
  body: Buffer;
  sourceIp: string;
}

/** Content types whose bodies API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT_CONTENT = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[\w.+-]+\+(json|xml)))/i;

/** The deployed API a request came through (the local API has none: its IDs are stable stand-ins). */
export interface ApiIdentity {
  apiId: string;
  stageVariables?: Record<string, string>;
}

/** Builds the v1 (REST) or v2 (HTTP API) event for a request that matched a route. */
export function buildApiGatewayEvent(
  request: IncomingApiRequest,
  match: RouteMatch,
  api?: ApiIdentity,
): APIGatewayProxyEvent | APIGatewayProxyEventV2 {
  const { route } = match;
  const context = createEventContext({
    region: route.definition.region,
    accountId: route.definition.accountId,
    now: new Date(),
  });
  const { body, binary } = encodedBody(request);
  const headers = { ...request.headers };
  const common = {
    method: request.method,
    resource: route.path,
    path: request.path,
    pathParameters: match.pathParameters,
    queryString: request.queryString,
    headers,
    body,
    sourceIp: request.sourceIp,
    userAgent: headerValue(request.headers, 'user-agent') ?? '',
    stage: route.stage,
    ...(api?.apiId ? { apiId: api.apiId } : {}),
    ...(api?.stageVariables && Object.keys(api.stageVariables).length > 0
      ? { stageVariables: api.stageVariables }
      : {}),
  };
  if (route.payloadFormat === '1.0') {
    const event = generateRestApiEvent(common, context);
    // The body was encoded above, byte for byte; the generator only knows text.
    event.isBase64Encoded = binary;
    return event;
  }
  const cookieHeader = headerValue(request.headers, 'cookie');
  const cookies = cookieHeader ? cookieHeader.split(/;\s*/).filter(Boolean) : undefined;
  const routeKey =
    route.routeKey ??
    (route.method === 'ANY' && route.path === '/{proxy+}' ? '$default' : `${route.method} ${route.path}`);
  const event = generateHttpApiEvent({ ...common, routeKey, ...(cookies ? { cookies } : {}) }, context);
  event.isBase64Encoded = binary;
  return event;
}

/** A function URL's caller (AWS_IAM): who signed the request. */
export interface FunctionUrlCaller {
  accessKey: string;
}

/** Builds the event (payload format 2.0) a function URL sends its function for a request. */
export function buildFunctionUrlEvent(
  request: IncomingApiRequest,
  url: { urlId: string; region: string; accountId: string; authType: 'NONE' | 'AWS_IAM'; caller?: FunctionUrlCaller },
): LambdaFunctionURLEvent {
  const context = createEventContext({ region: url.region, accountId: url.accountId, now: new Date() });
  const { body, binary } = encodedBody(request);
  const cookieHeader = headerValue(request.headers, 'cookie');
  // Cookies travel in `cookies`, not among the headers (payload format 2.0).
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'cookie'),
  );
  const event = generateFunctionUrlEvent(
    {
      method: request.method,
      path: request.path,
      queryString: request.queryString,
      headers,
      body,
      sourceIp: request.sourceIp,
      userAgent: headerValue(request.headers, 'user-agent') ?? '',
      authType: url.authType,
      urlId: url.urlId,
      ...(cookieHeader ? { cookies: cookieHeader.split(/;\s*/).filter(Boolean) } : {}),
    },
    context,
  );
  event.isBase64Encoded = binary;
  const iam = (event.requestContext as { authorizer?: { iam?: Record<string, unknown> } }).authorizer?.iam;
  if (iam && url.caller) iam['accessKey'] = url.caller.accessKey;
  return event;
}

/** The body as API Gateway and function URLs pass it: text as is, anything else base64-encoded. */
function encodedBody(request: IncomingApiRequest): { body: string | null; binary: boolean } {
  const contentType = headerValue(request.headers, 'content-type') ?? '';
  const binary = request.body.length > 0 && !TEXT_CONTENT.test(contentType);
  const body =
    request.body.length === 0 ? null : binary ? request.body.toString('base64') : request.body.toString('utf8');
  return { body, binary };
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
