// Finds a REST operation (restJson1, restXml) from the method, path and query string, using each operation's
// `requestUri` from the model: `{Label}` matches one path segment, `{Key+}` the rest of the path, `?tagging` and
// `?list-type=2` must be in the query string. The most specific URI wins (more literal segments, more query
// literals). A trailing slash is optional (the SDK omits ListFunctions' slash, the CLI sends it) except after a
// greedy label.
import type { ServiceModel } from './serviceModel';

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
}

/** The routes of a model, most specific first. */
export class RestRouter {
  private readonly routes: CompiledRoute[];

  constructor(model: ServiceModel) {
    this.routes = Object.entries(model.operations)
      .map(([operation, definition]) => compile(operation, definition.http.method, definition.http.requestUri))
      .sort(
        (a, b) =>
          b.literalSegments - a.literalSegments ||
          b.queryLiterals.length - a.queryLiterals.length ||
          Number(a.greedy) - Number(b.greedy),
      );
  }

  /** The operation for a request line; labels come back percent-decoded. */
  match(method: string, path: string, query: URLSearchParams): RouteMatch {
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const found = route.expression.exec(path);
      if (!found) continue;
      if (
        !route.queryLiterals.every(([name, value]) =>
          value === undefined ? query.has(name) : query.get(name) === value,
        )
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

function compile(operation: string, method: string, requestUri: string): CompiledRoute {
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
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
