import type { ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, LambdaFunctionURLEvent } from 'aws-lambda';
import { ID_ALPHABETS, stableId } from '../template/resolve/stableId';
import { regionalArn, urlSuffixOf } from '../template/resolve/stackIdentity';
import { formatCommonLogTime, type EventContext } from './eventContext';
import { buildHttpRequest, lastValues, type HttpRequest, type HttpRequestOptions } from './httpRequest';

/** Options for an API Gateway REST API (v1 payload) proxy event. */
export interface RestApiEventOptions extends HttpRequestOptions {
  /** The REST API id; default: a stable id from the stage and resource. */
  apiId?: string;
  /** Default `Prod`, the stage SAM creates for its implicit API. */
  stage?: string;
  stageVariables?: Record<string, string>;
  /** Claims of a Cognito user pool authorizer, when the route has one. */
  cognitoClaims?: Record<string, string>;
  /** `requestContext.authorizer` as the route's authorizer makes it (wins over cognitoClaims). */
  authorizer?: Record<string, unknown>;
}

/** Options for an HTTP API (payload format 2.0) event. */
export interface HttpApiEventOptions extends HttpRequestOptions {
  apiId?: string;
  /** Default `$default`, the stage SAM creates for its implicit HTTP API. */
  stage?: string;
  /** The route key, such as `GET /users/{id}`; default: from method and resource, `$default` for a catch-all. */
  routeKey?: string;
  cookies?: string[];
  stageVariables?: Record<string, string>;
  /** `requestContext.authorizer` of a route with an authorizer (`jwt`, `lambda` or `iam`). */
  authorizer?: Record<string, unknown>;
}

/** Options for a Lambda function URL event. */
export interface FunctionUrlEventOptions extends HttpRequestOptions {
  /** `NONE` (default) or `AWS_IAM`: IAM-authorised calls carry the caller's identity. */
  authType?: 'NONE' | 'AWS_IAM';
  /** The 32-character URL id; default: stable from the function name. */
  urlId?: string;
  functionName?: string;
  cookies?: string[];
}

/** Options for an Application Load Balancer target event. */
export interface AlbEventOptions extends HttpRequestOptions {
  targetGroupName?: string;
  /** The target group's multi-value headers setting: lists instead of single values. */
  multiValueHeaders?: boolean;
}

const API_ID_LENGTH = 10;

/** An API Gateway REST API proxy integration event (`APIGatewayProxyEvent`). */
export function generateRestApiEvent(options: RestApiEventOptions, context: EventContext): APIGatewayProxyEvent {
  const request = buildHttpRequest(options, context);
  const stage = options.stage ?? 'Prod';
  const apiId = options.apiId ?? stableId(`rest-api:${context.stackName}`, API_ID_LENGTH, ID_ALPHABETS.lower);
  const domainName = `${apiId}.execute-api.${context.region}.${urlSuffixOf(context)}`;
  const headers: Array<[string, string]> = [
    ...request.headers,
    ['Host', domainName],
    ['X-Amzn-Trace-Id', request.traceId],
    ['X-Forwarded-For', request.sourceIp],
    ['X-Forwarded-Port', '443'],
    ['X-Forwarded-Proto', 'https'],
  ];
  const hasQuery = request.query.length > 0;
  const hasPathParameters = Object.keys(request.pathParameters).length > 0;
  return {
    resource: request.resource,
    path: request.path,
    httpMethod: request.method,
    headers: Object.fromEntries(headers),
    multiValueHeaders: Object.fromEntries(headers.map(([name, value]) => [name, [value]])),
    queryStringParameters: hasQuery ? lastValues(request.query) : null,
    multiValueQueryStringParameters: hasQuery ? Object.fromEntries(request.query) : null,
    pathParameters: hasPathParameters ? request.pathParameters : null,
    stageVariables: options.stageVariables ?? null,
    requestContext: {
      resourceId: stableId(`resource:${apiId}:${request.resource}`, 6, ID_ALPHABETS.lower),
      resourcePath: request.resource,
      httpMethod: request.method,
      extendedRequestId: `${stableId(context.newUuid(), 14, ID_ALPHABETS.mixed)}=`,
      requestTime: formatCommonLogTime(context.now),
      path: `/${stage}${request.path}`,
      accountId: context.accountId,
      protocol: 'HTTP/1.1',
      stage,
      domainPrefix: apiId,
      requestTimeEpoch: context.now.getTime(),
      requestId: context.newUuid(),
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: request.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: request.userAgent,
        user: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      // Present even without an authorizer (as null) so handlers can test it the same way in both cases.
      authorizer: options.authorizer ?? (options.cognitoClaims ? { claims: options.cognitoClaims } : null),
      domainName,
      apiId,
    },
    body: request.body,
    isBase64Encoded: request.isBase64Encoded,
  };
}

/** An HTTP API event in payload format 2.0 (`APIGatewayProxyEventV2`). */
export function generateHttpApiEvent(options: HttpApiEventOptions, context: EventContext): APIGatewayProxyEventV2 {
  const request = buildHttpRequest(options, context);
  const stage = options.stage ?? '$default';
  const apiId = options.apiId ?? stableId(`http-api:${context.stackName}`, API_ID_LENGTH, ID_ALPHABETS.lower);
  const domainName = `${apiId}.execute-api.${context.region}.${urlSuffixOf(context)}`;
  const routeKey = options.routeKey ?? `${(options.method ?? 'GET').toUpperCase()} ${request.resource}`;
  // Only named stages appear in the raw path; `$default` is served at the root.
  const rawPath = stage === '$default' ? request.path : `/${stage}${request.path}`;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: request.rawQueryString,
    ...(options.cookies?.length ? { cookies: options.cookies } : {}),
    headers: version2Headers(request, domainName),
    ...(request.query.length ? { queryStringParameters: joinedValues(request.query) } : {}),
    requestContext: {
      accountId: context.accountId,
      apiId,
      domainName,
      domainPrefix: apiId,
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: request.userAgent,
      },
      // HTTP APIs use short base64-like request ids, not UUIDs.
      requestId: `${stableId(context.newUuid(), 15, ID_ALPHABETS.mixed)}=`,
      routeKey,
      stage,
      time: formatCommonLogTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    ...(Object.keys(request.pathParameters).length ? { pathParameters: request.pathParameters } : {}),
    ...(request.body !== null ? { body: request.body } : {}),
    isBase64Encoded: request.isBase64Encoded,
    ...(options.stageVariables ? { stageVariables: options.stageVariables } : {}),
  };
  // The base type has no authorizer; the typed variants (WithJWTAuthorizer...) do.
  if (options.authorizer) Object.assign(event.requestContext, { authorizer: options.authorizer });
  return event;
}

/** A Lambda function URL event (payload format 2.0, route `$default`). */
export function generateFunctionUrlEvent(
  options: FunctionUrlEventOptions,
  context: EventContext,
): LambdaFunctionURLEvent {
  const request = buildHttpRequest({ ...options, resource: options.path ?? options.resource ?? '/' }, context);
  const urlId = options.urlId ?? stableId(`url:${options.functionName ?? 'function'}`, 32, ID_ALPHABETS.lower);
  const domainName = `${urlId}.lambda-url.${context.region}.on.aws`;
  const iam = options.authType === 'AWS_IAM';
  const event: LambdaFunctionURLEvent = {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(options.cookies?.length ? { cookies: options.cookies } : {}),
    headers: version2Headers(request, domainName),
    ...(request.query.length ? { queryStringParameters: joinedValues(request.query) } : {}),
    requestContext: {
      // Calls without IAM authentication have no caller account.
      accountId: iam ? context.accountId : 'anonymous',
      apiId: urlId,
      domainName,
      domainPrefix: urlId,
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: request.userAgent,
      },
      requestId: context.newUuid(),
      routeKey: '$default',
      stage: '$default',
      time: formatCommonLogTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    ...(request.body !== null ? { body: request.body } : {}),
    isBase64Encoded: request.isBase64Encoded,
  };
  if (iam) Object.assign(event.requestContext, { authorizer: iamAuthorizer(context) });
  return event;
}

/** `requestContext.authorizer` of an IAM-authorised call (function URLs, HTTP APIs): a developer's role. */
export function iamAuthorizer(context: EventContext): { iam: Record<string, string | null> } {
  const accessKey = `ASIA${stableId(`access-key:${context.accountId}`, 16)}`;
  const userId = `AROA${stableId(`role:${context.accountId}`, 17)}:developer`;
  return {
    iam: {
      accessKey,
      accountId: context.accountId,
      callerId: userId,
      cognitoIdentity: null,
      principalOrgId: `o-${stableId(`org:${context.accountId}`, 10, ID_ALPHABETS.lower)}`,
      userArn: `arn:${context.partition}:sts::${context.accountId}:assumed-role/developer/developer`,
      userId,
    },
  };
}

/** An Application Load Balancer request to a Lambda target group (`ALBEvent`). */
export function generateAlbEvent(options: AlbEventOptions, context: EventContext): ALBEvent {
  const request = buildHttpRequest(options, context);
  const targetGroupName = options.targetGroupName ?? 'lambda-target-group';
  const targetGroupArn = regionalArn(
    context,
    'elasticloadbalancing',
    `targetgroup/${targetGroupName}/${stableId(`tg:${targetGroupName}`, 16, ID_ALPHABETS.hex)}`,
  );
  const host = `${targetGroupName}-${stableId(`alb:${targetGroupName}`, 9, '0123456789')}.${context.region}.elb.amazonaws.com`;
  const headers: Array<[string, string]> = [
    ...request.headers.map(([name, value]): [string, string] => [name.toLowerCase(), value]),
    ['host', host],
    ['x-amzn-trace-id', request.traceId],
    ['x-forwarded-for', request.sourceIp],
    ['x-forwarded-port', '443'],
    ['x-forwarded-proto', 'https'],
  ];
  const base = {
    requestContext: { elb: { targetGroupArn } },
    httpMethod: request.method,
    path: request.path,
    // An ALB sends an empty string, never null, when the request has no body.
    body: request.body ?? '',
    isBase64Encoded: request.isBase64Encoded,
  };
  if (options.multiValueHeaders) {
    return {
      ...base,
      multiValueQueryStringParameters: Object.fromEntries(request.query),
      multiValueHeaders: Object.fromEntries(headers.map(([name, value]) => [name, [value]])),
    };
  }
  return { ...base, queryStringParameters: lastValues(request.query), headers: Object.fromEntries(headers) };
}

function version2Headers(request: HttpRequest, domainName: string): Record<string, string> {
  return Object.fromEntries([
    ...request.headers.map(([name, value]): [string, string] => [name.toLowerCase(), value]),
    ['host', domainName],
    ['x-amzn-trace-id', request.traceId],
    ['x-forwarded-for', request.sourceIp],
    ['x-forwarded-port', '443'],
    ['x-forwarded-proto', 'https'],
  ]);
}

/** Payload 2.0 joins repeated query parameters with commas. */
function joinedValues(entries: Array<[string, string[]]>): Record<string, string> {
  return Object.fromEntries(entries.map(([name, values]) => [name, values.join(',')]));
}
