// The HTTP routes a template's functions serve through `Api` (REST, payload 1.0) and `HttpApi` (payload 2.0 by
// default) events, as `sam local start-api` collects them.
import { routeAuthorization, type RouteAuthorization } from '../../events/routeAuthorization';
import type { ResolvedTemplate } from '../resolve/resolveFunctions';
import type { FunctionDefinition } from '../runtimeTypes';

/** One route: a method and path template served by one function. */
export interface ApiRoute {
  /** The function's logical ID and the event that declares the route. */
  logicalId: string;
  eventName: string;
  definition: FunctionDefinition;
  /** `rest` for Api events (API Gateway v1 events), `http` for HttpApi events. */
  kind: 'rest' | 'http';
  /** The payload format the function receives: `1.0` for REST, `2.0` unless an HttpApi event says 1.0. */
  payloadFormat: '1.0' | '2.0';
  /** Upper-case method, or `ANY`. */
  method: string;
  /** The path template, e.g. `/users/{id}` or `/{proxy+}`. */
  path: string;
  stage: string;
  /** HTTP APIs: the route key as the API declares it (`GET /users/{id}`, `$default`), when it is known. */
  routeKey?: string;
  /** The authorizer that guards the route, when one does. */
  authorization?: RouteAuthorization;
  /** A Lambda authorizer's function, when it is in the template and can run locally. */
  authorizerDefinition?: FunctionDefinition;
}

/** Collects the routes of every runnable function; events of functions that cannot run are skipped. */
export function collectApiRoutes(template: ResolvedTemplate): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const entry of template.functions) {
    if (!entry.definition) continue;
    for (const [eventName, event] of Object.entries(entry.events)) {
      if (event.Type !== 'Api' && event.Type !== 'HttpApi') continue;
      const properties = isRecord(event.Properties) ? event.Properties : {};
      const kind = event.Type === 'Api' ? 'rest' : 'http';
      const method = typeof properties['Method'] === 'string' ? properties['Method'].toUpperCase() : 'ANY';
      // An HttpApi event without Path and Method is the API's catch-all `$default` route.
      const path = typeof properties['Path'] === 'string' ? properties['Path'] : '/{proxy+}';
      const formatValue = properties['PayloadFormatVersion'];
      const format = typeof formatValue === 'string' || typeof formatValue === 'number' ? String(formatValue) : '2.0';
      const authorization = routeAuthorization(template.template, template.scope, entry.logicalId, eventName);
      const authorizerId = authorization?.kind === 'lambda' ? authorization.functionLogicalId : undefined;
      const authorizerDefinition = template.functions.find((fn) => fn.logicalId === authorizerId)?.definition;
      routes.push({
        ...(authorization ? { authorization } : {}),
        ...(authorizerDefinition ? { authorizerDefinition } : {}),
        logicalId: entry.logicalId,
        eventName,
        definition: entry.definition,
        kind,
        payloadFormat: kind === 'rest' || format === '1.0' || format === '1' ? '1.0' : '2.0',
        method: method === 'X-AMAZON-APIGATEWAY-ANY-METHOD' || method === '*' ? 'ANY' : method,
        path: path.startsWith('/') ? path : `/${path}`,
        stage: kind === 'rest' ? 'Prod' : '$default',
      });
    }
  }
  return routes;
}

/** A route and the path parameters a request binds. */
export interface RouteMatch {
  route: ApiRoute;
  pathParameters: Record<string, string>;
}

/**
 * Finds the route for a request as API Gateway does: literal segments beat `{param}`, which beats `{proxy+}`;
 * an exact method beats ANY. HEAD falls back to GET routes.
 */
export function matchRoute(routes: readonly ApiRoute[], method: string, path: string): RouteMatch | undefined {
  const requestSegments = path.split('/').filter(Boolean);
  let best: { match: RouteMatch; score: number[] } | undefined;
  for (const route of routes) {
    const methodScore =
      route.method === method ? 2 : route.method === 'ANY' ? 1 : method === 'HEAD' && route.method === 'GET' ? 1 : 0;
    if (methodScore === 0) continue;
    const bound = bindPath(route.path, requestSegments);
    if (!bound) continue;
    const score = [...bound.specificity, methodScore];
    if (!best || compareScores(score, best.score) > 0)
      best = { match: { route, pathParameters: bound.parameters }, score };
  }
  return best?.match;
}

function bindPath(
  template: string,
  requestSegments: string[],
): { parameters: Record<string, string>; specificity: number[] } | undefined {
  const templateSegments = template.split('/').filter(Boolean);
  const parameters: Record<string, string> = {};
  const specificity: number[] = [];
  for (let index = 0; index < templateSegments.length; index++) {
    const segment = templateSegments[index] ?? '';
    const greedy = /^\{(.+)\+\}$/.exec(segment);
    if (greedy) {
      const rest = requestSegments.slice(index);
      // `{proxy+}` needs at least one segment; the path must end with it.
      if (rest.length === 0 || index !== templateSegments.length - 1) return undefined;
      parameters[greedy[1] ?? 'proxy'] = rest.map(safeDecode).join('/');
      specificity.push(1);
      return { parameters, specificity };
    }
    const value = requestSegments[index];
    if (value === undefined) return undefined;
    const parameter = /^\{(.+)\}$/.exec(segment);
    if (parameter) {
      parameters[parameter[1] ?? ''] = safeDecode(value);
      specificity.push(2);
    } else if (segment === value) {
      specificity.push(3);
    } else {
      return undefined;
    }
  }
  return requestSegments.length === templateSegments.length ? { parameters, specificity } : undefined;
}

function compareScores(left: number[], right: number[]): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
