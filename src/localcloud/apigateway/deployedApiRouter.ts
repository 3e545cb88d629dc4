// The deployed APIs' data plane: REST and HTTP APIs created by stacks answer on the local cloud's port, path-style
// (`/_aws/execute-api/{apiId}/{stage}/{path}`) or host-style (`Host: {apiId}.execute-api.localhost:PORT`). A
// request is matched to the stage's routes, authorized (Lambda TOKEN/REQUEST authorizers run, JWT and Cognito
// claims are passed on from the bearer token), turned into the same event the local API builds, and sent to the
// integration's function through Lambda's Invoke with the integration's version or alias, so an alias in the
// middle of a canary answers about its weight's share of the requests from the new version.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { jsonResponse, toHttpResponse, type HttpResponseParts } from '../../core/runtime/localApi/apiGatewayResponse';
import { buildApiGatewayEvent } from '../../core/runtime/localApi/apiGatewayRequestEvent';
import { matchRoute, type RouteMatch } from '../../core/runtime/localApi/apiRoutes';
import { flattenHeaders, readBody, sendParts } from '../../core/runtime/localApi/httpExchange';
import { authorizeRequest, type AuthorizerRunner } from '../../core/runtime/localApi/localAuthorizers';
import type { InvokeFunction } from '../lambda/functionInvocation';
import type { RegionalState } from '../regionalState';
import type { ApiStore, HttpApiRecord, RestApiRecord, StageRecord } from './apiStore';
import { httpApiRoutes, lambdaTargetOf, restStageRoutes, type DeployedRoute } from './deployedApiRoutes';

/** The prefix of path-style URLs. */
export const EXECUTE_API_PATH = '/_aws/execute-api/';
const HOST_STYLE = /^([a-z0-9]+)\.execute-api\.localhost(?::\d+)?$/i;
/** API Gateway's payload limit. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface DeployedApiRouterOptions {
  stores: RegionalState<ApiStore>;
  /** Regions that may hold APIs (loaded ones and those with state on disk). */
  regions: () => string[];
  invoke: InvokeFunction;
  accountId: string;
  logger: Logger;
}

/** The API a request is for and its path within the API, or undefined when it is not for a deployed API. */
export function deployedApiTarget(
  host: string | undefined,
  rawPath: string,
): { apiId: string; path: string } | undefined {
  if (rawPath.startsWith(EXECUTE_API_PATH)) {
    const rest = rawPath.slice(EXECUTE_API_PATH.length);
    const slash = rest.indexOf('/');
    const apiId = slash < 0 ? rest : rest.slice(0, slash);
    return apiId ? { apiId, path: slash < 0 ? '/' : rest.slice(slash) } : undefined;
  }
  const hostStyle = HOST_STYLE.exec(host ?? '');
  return hostStyle?.[1] ? { apiId: hostStyle[1].toLowerCase(), path: rawPath || '/' } : undefined;
}

type FoundApi =
  { kind: 'rest'; api: RestApiRecord; region: string } | { kind: 'http'; api: HttpApiRecord; region: string };

export class DeployedApiRouter {
  private readonly routeCache = new WeakMap<StageRecord, { revision: number; routes: DeployedRoute[] }>();

  constructor(private readonly options: DeployedApiRouterOptions) {}

  /** Answers one request for a deployed API (never throws: failures are API Gateway's 5xx answers). */
  async handle(request: IncomingMessage, response: ServerResponse, target: { apiId: string; path: string }) {
    const method = (request.method ?? 'GET').toUpperCase();
    const answer = (parts: HttpResponseParts) => {
      parts.headers.push(['x-amzn-RequestId', crypto.randomUUID()]);
      sendParts(response, parts, method === 'HEAD');
    };
    try {
      answer(await this.answer(request, method, target));
    } catch (error) {
      this.options.logger.error(`[apigateway] ${method} ${request.url ?? ''} failed: ${describeError(error)}`);
      if (!response.headersSent) answer(jsonResponse(500, { message: 'Internal server error' }));
      else response.destroy();
    }
  }

  private async answer(
    request: IncomingMessage,
    method: string,
    target: { apiId: string; path: string },
  ): Promise<HttpResponseParts> {
    const found = this.find(target.apiId);
    if (!found) {
      return jsonResponse(404, { message: `No REST or HTTP API with ID ${target.apiId} in the local cloud` });
    }
    const queryStart = target.path.indexOf('?');
    const fullPath = queryStart < 0 ? target.path : target.path.slice(0, queryStart);
    const queryString = queryStart < 0 ? '' : target.path.slice(queryStart + 1);
    const served = this.stageOf(found, fullPath);
    if (!served) {
      return found.kind === 'rest'
        ? jsonResponse(403, { message: 'Forbidden' })
        : jsonResponse(404, { message: 'Not Found' });
    }
    const routes = this.routesOf(found, served.stage);
    const match = this.match(routes, method, served.path);
    if (!match) {
      return found.kind === 'rest'
        ? jsonResponse(403, { message: 'Missing Authentication Token' })
        : jsonResponse(404, { message: 'Not Found' });
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (!body) return jsonResponse(413, { message: 'Request Too Long' });
    const incoming = {
      method,
      path: served.path,
      queryString,
      headers: flattenHeaders(request),
      body,
      sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
    };
    const event = buildApiGatewayEvent(incoming, match.match, {
      apiId: target.apiId,
      stageVariables: served.stage.variables,
    });
    const { authorization } = match.match.route;
    if (authorization) {
      const outcome = await authorizeRequest(
        { ...match.match.route, authorization },
        incoming,
        event,
        this.authorizerRunner(found.region),
      );
      if (!outcome.allowed) return outcome.response;
      Object.assign(event.requestContext, { authorizer: outcome.authorizer });
    }
    return this.integrate(match.deployed, event, found.region);
  }

  private async integrate(deployed: DeployedRoute, event: unknown, region: string): Promise<HttpResponseParts> {
    const { integration, route } = deployed;
    if (integration?.type === 'MOCK') {
      const mock = integration.mockResponse ?? { statusCode: 200, headers: {} };
      return { statusCode: mock.statusCode, headers: Object.entries(mock.headers), body: Buffer.alloc(0) };
    }
    const target = integration?.type === 'AWS_PROXY' ? lambdaTargetOf(integration.uri) : undefined;
    if (!target) {
      const type = integration?.type ?? 'none';
      return jsonResponse(500, {
        message: `The local cloud serves Lambda proxy and mock integrations; this route's integration is ${type}`,
      });
    }
    try {
      const result = await this.options.invoke({
        functionName: target.functionArn,
        ...(target.qualifier ? { qualifier: target.qualifier } : {}),
        event,
        region: target.functionArn.split(':')[3] || region,
      });
      return toHttpResponse(
        { payload: result.payload, ...(result.functionError ? { functionError: 'Unhandled' as const } : {}) },
        route.payloadFormat,
      );
    } catch (error) {
      this.options.logger.warn(`[apigateway] ${route.eventName}: the integration failed: ${describeError(error)}`);
      return route.payloadFormat === '1.0'
        ? jsonResponse(500, { message: 'Internal server error' })
        : jsonResponse(500, { message: 'Internal Server Error' });
    }
  }

  /** Lambda authorizers run through Lambda's Invoke, with the version or alias their URI names. */
  private authorizerRunner(region: string): AuthorizerRunner {
    return {
      invoke: async (definition, request) => {
        const [functionArn, qualifier] = splitQualifier(definition.functionArn);
        const result = await this.options.invoke({
          functionName: functionArn,
          ...(qualifier ? { qualifier } : {}),
          event: JSON.parse(request.payload) as unknown,
          region: definition.region || region,
        });
        return { payload: result.payload, ...(result.functionError ? { functionError: 'Unhandled' as const } : {}) };
      },
    };
  }

  private find(apiId: string): FoundApi | undefined {
    for (const region of this.options.regions()) {
      const store = this.options.stores.get(region);
      const rest = store.restApi(apiId);
      if (rest) return { kind: 'rest', api: rest, region };
      const http = store.httpApi(apiId);
      if (http?.protocolType === 'HTTP') return { kind: 'http', api: http, region };
    }
    return undefined;
  }

  /** REST APIs: the first segment names the stage. HTTP APIs: a named stage, else `$default` at the root. */
  private stageOf(found: FoundApi, path: string): { stage: StageRecord; path: string } | undefined {
    const segments = path.split('/');
    const first = decodeSegment(segments[1] ?? '');
    const rest = `/${segments.slice(2).join('/')}`;
    const named = found.api.stages.find((stage) => stage.stageName === first && stage.stageName !== '$default');
    if (named) return { stage: named, path: rest };
    if (found.kind === 'http') {
      const fallback = found.api.stages.find((stage) => stage.stageName === '$default');
      if (fallback) return { stage: fallback, path: path || '/' };
    }
    return undefined;
  }

  private routesOf(found: FoundApi, stage: StageRecord): DeployedRoute[] {
    // A stage's routes change only when its API does (a new deployment, a route of an auto-deployed stage): the
    // store's revision says when, so a request never re-derives them.
    const revision = this.options.stores.get(found.region).revision;
    const cached = this.routeCache.get(stage);
    if (cached?.revision === revision) return cached.routes;
    const { accountId } = this.options;
    const routes =
      found.kind === 'rest'
        ? restStageRoutes(found.api, stage, found.region, accountId)
        : httpApiRoutes(found.api, stage, found.region, accountId);
    this.routeCache.set(stage, { revision, routes });
    return routes;
  }

  private match(
    routes: readonly DeployedRoute[],
    method: string,
    path: string,
  ): { match: RouteMatch; deployed: DeployedRoute } | undefined {
    const explicit = routes.filter((deployed) => deployed.route.routeKey !== '$default');
    const match = matchRoute(
      explicit.map((deployed) => deployed.route),
      method,
      path,
    );
    const deployed = match && explicit.find((candidate) => candidate.route === match.route);
    if (match && deployed) return { match, deployed };
    // An HTTP API's `$default` route takes whatever no other route matches, the root included.
    // It binds no path parameters: its route is the request's own path.
    const fallback = routes.find((candidate) => candidate.route.routeKey === '$default');
    if (!fallback) return undefined;
    const route = { ...fallback.route, method, path: path || '/' };
    return { match: { route, pathParameters: {} }, deployed: fallback };
  }
}

function splitQualifier(arn: string): [string, string | undefined] {
  const parts = arn.split(':');
  return parts.length > 7 ? [parts.slice(0, 7).join(':'), parts[7]] : [arn, undefined];
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
