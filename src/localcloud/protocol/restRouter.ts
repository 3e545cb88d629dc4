// Finds a REST operation (restJson1, restXml) from the method, path and query string, using each operation's
// `requestUri` from the model: `{Label}` matches one path segment, `{Key+}` the rest of the path, `?tagging` and
// `?list-type=2` must be in the query string. The most specific URI wins (more literal segments, more query
// literals). A trailing slash is optional (the SDK omits ListFunctions' slash, the CLI sends it) except after a
// greedy label. Operations sharing a method and URI (S3's PutObject, UploadPart, CopyObject, UploadPartCopy) are told
// apart by their required query and header members (`uploadId`, `x-amz-copy-source`): the one needing most wins.
import type { IncomingHttpHeaders } from 'node:http';
import { shapeOf, type ServiceModel } from './serviceModel';

/** When required query and header members select a route. */
export type RequiredMemberRouting =
  /** Only among operations sharing a method and URI; the one needing fewest is the fallback (restJson1). */
  | 'shared'
  /** Always: a request without them is not that operation (S3 answers 405 for POST on a key without uploadId). */
  | 'always';

/** The outcome of routing a request. */
export type RouteMatch =
  | { kind: 'found'; operation: string; labels: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'badEncoding' }
  | { kind: 'unknown' };

interface CompiledRoute {
  operation: string;
  method: string;
  expression: RegExp;
  labels: string[];
  /** Query parameters the URI requires, with the value it requires (undefined: any value). */
  queryLiterals: [string, string | undefined][];
  literalSegments: number;
  greedy: boolean;
  /** Query parameters and (lower-case) headers the request must carry to be this operation. */
  requiredQuery: string[];
  requiredHeaders: string[];
  deprecated: boolean;
}

/** The routes of a model, most specific first. */
export class RestRouter {
  private readonly routes: CompiledRoute[];
  private readonly byOperation: Map<string, CompiledRoute>;

  constructor(model: ServiceModel, requiredMembers: RequiredMemberRouting = 'shared') {
    const routes = Object.entries(model.operations).map(([operation, definition]) =>
      compile(model, operation, definition.http.method, definition.http.requestUri),
    );
    if (requiredMembers === 'shared') keepRequirementsWhereShared(routes);
    this.byOperation = new Map(routes.map((route) => [route.operation, route]));
    this.routes = routes.sort(
      (a, b) =>
        b.literalSegments - a.literalSegments ||
        b.queryLiterals.length - a.queryLiterals.length ||
        Number(a.greedy) - Number(b.greedy) ||
        requirementCount(b) - requirementCount(a) ||
        // S3's deprecated GetBucketLifecycle shares its URI with GetBucketLifecycleConfiguration: the current wins.
        Number(a.deprecated) - Number(b.deprecated),
    );
  }

  /** The operation for a request line; labels come back percent-decoded. */
  match(method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders = {}): RouteMatch {
    // SDK v3 names S3 operations in `x-id` (ListDirectoryBuckets shares `GET /` with ListBuckets).
    const named = query.get('x-id');
    const namedRoute = named === null ? undefined : this.byOperation.get(named);
    const candidates = namedRoute ? [namedRoute, ...this.routes] : this.routes;
    const allowed = new Set<string>();
    for (const route of candidates) {
      const found = route.expression.exec(path);
      if (!found) continue;
      if (
        !route.queryLiterals.every(([name, value]) =>
          value === undefined ? query.has(name) : query.get(name) === value,
        ) ||
        !route.requiredQuery.every((name) => query.has(name)) ||
        !route.requiredHeaders.every((name) => headers[name] !== undefined)
      ) {
        continue;
      }
      if (route.method !== method) {
        allowed.add(route.method);
        continue;
      }
      const labels: Record<string, string> = {};
      try {
        route.labels.forEach((name, index) => {
          labels[name] = decodeURIComponent(found[index + 1]!);
        });
      } catch {
        return { kind: 'badEncoding' };
      }
      return { kind: 'found', operation: route.operation, labels };
    }
    return allowed.size > 0 ? { kind: 'wrongMethod', allowed: [...allowed] } : { kind: 'unknown' };
  }
}

function requirementCount(route: CompiledRoute): number {
  return route.requiredQuery.length + route.requiredHeaders.length;
}

/** Drops the member requirements of routes no other operation shares, and of each shared group's fallback. */
function keepRequirementsWhereShared(routes: CompiledRoute[]): void {
  const groups = new Map<string, CompiledRoute[]>();
  for (const route of routes) {
    const key = `${route.method} ${route.expression.source} ${JSON.stringify(route.queryLiterals)}`;
    groups.set(key, [...(groups.get(key) ?? []), route]);
  }
  for (const group of groups.values()) {
    const fewest = Math.min(...group.map(requirementCount));
    for (const route of group) {
      if (group.length === 1 || requirementCount(route) === fewest) {
        route.requiredQuery = [];
        route.requiredHeaders = [];
      }
    }
  }
}

function compile(model: ServiceModel, operation: string, method: string, requestUri: string): CompiledRoute {
  const [pathPart = '', queryPart = ''] = requestUri.split('?', 2);
  const labels: string[] = [];
  let literalSegments = 0;
  let greedy = false;
  const segments = pathPart
    .replace(/\/$/, '')
    .split('/')
    .slice(1)
    .map((segment) => {
      const label = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!label) {
        literalSegments++;
        return escapeRegExp(segment);
      }
      labels.push(label[1]!);
      greedy ||= label[2] === '+';
      return label[2] === '+' ? '(.+)' : '([^/]+)';
    });
  const source = segments.length === 0 ? '' : `/${segments.join('/')}`;
  const queryLiterals = queryPart
    .split('&')
    .filter((part) => part !== '' && !part.startsWith('x-id='))
    .map((part): [string, string | undefined] => {
      const equals = part.indexOf('=');
      return equals < 0 ? [part, undefined] : [part.slice(0, equals), part.slice(equals + 1)];
    });
  return {
    operation,
    method,
    // A greedy label (an S3 key) keeps a trailing slash: `folder/` is a key.
    expression: new RegExp(greedy ? `^${source}$` : `^${source}/?$`),
    labels,
    queryLiterals,
    literalSegments,
    greedy,
    ...requiredBoundMembers(model, operation, queryLiterals),
    deprecated: model.operations[operation]!.deprecated === true,
  };
}

/** The required members an operation reads from the query string and headers (besides its URI's literals). */
function requiredBoundMembers(
  model: ServiceModel,
  operation: string,
  queryLiterals: [string, string | undefined][],
): { requiredQuery: string[]; requiredHeaders: string[] } {
  const reference = model.operations[operation]!.input;
  const shape = reference ? shapeOf(model, reference) : undefined;
  const requiredQuery: string[] = [];
  const requiredHeaders: string[] = [];
  for (const name of shape?.required ?? []) {
    const member = shape!.members![name]!;
    const wireName = member.locationName ?? name;
    if (member.location === 'querystring' && !queryLiterals.some(([literal]) => literal === wireName)) {
      requiredQuery.push(wireName);
    } else if (member.location === 'header') {
      requiredHeaders.push(wireName.toLowerCase());
    }
  }
  return { requiredQuery, requiredHeaders };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
