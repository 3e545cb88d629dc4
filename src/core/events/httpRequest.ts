import { WorkbenchError } from '../errors';
import { newTraceHeader, type EventContext } from './eventContext';

/** What a caller may say about an HTTP request; the rest gets plausible defaults. */
export interface HttpRequestOptions {
  /** The HTTP method; `ANY` becomes GET. Default GET. */
  method?: string;
  /** The route template, such as `/users/{id}` or `/{proxy+}`: gives the resource and sample path values. */
  resource?: string;
  /** The concrete request path, such as `/users/42`; default: the resource with sample values. */
  path?: string;
  /** Values for the resource's path parameters, overriding the samples. */
  pathParameters?: Record<string, string>;
  /** The query string, with or without `?`: `a=1&b=2&b=3`. */
  queryString?: string;
  /** Extra request headers (they replace defaults of the same name). */
  headers?: Record<string, string>;
  /** The request body: text as is, anything else as JSON. Default: none for GET/HEAD/DELETE/OPTIONS. */
  body?: unknown;
  /** Deliver the body base64-encoded, as API Gateway does for binary media types. */
  base64?: boolean;
  sourceIp?: string;
  userAgent?: string;
}

/** A request with every default applied, ready to be shaped into any source's event. */
export interface HttpRequest {
  method: string;
  path: string;
  /** The route template (equal to the path when none was given). */
  resource: string;
  pathParameters: Record<string, string>;
  /** Query parameters in order, each with all its values. */
  query: Array<[string, string[]]>;
  rawQueryString: string;
  /** Header names as a client sends them (`Host`, `User-Agent`...). */
  headers: Array<[string, string]>;
  body: string | null;
  isBase64Encoded: boolean;
  sourceIp: string;
  userAgent: string;
  traceId: string;
}

const METHODS_WITHOUT_BODY = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** TEST-NET-3 (RFC 5737): a documentation address that can never be a real client. */
const DEFAULT_SOURCE_IP = '203.0.113.10';
const DEFAULT_USER_AGENT = 'curl/8.5.0';
const PARAMETER = /\{([^{}/]+)\}/g;

/** Resolves defaults and sample path values. Throws a WorkbenchError on a malformed method or path. */
export function buildHttpRequest(options: HttpRequestOptions, context: EventContext): HttpRequest {
  const method = normalizeMethod(options.method);
  const resource = normalizeRoute(options.resource ?? options.path ?? '/');
  const pathParameters = options.path
    ? extractPathParameters(resource, normalizeRoute(options.path))
    : sampleRouteParameters(resource);
  Object.assign(pathParameters, options.pathParameters ?? {});
  const path = options.path ? normalizeRoute(options.path) : fillRoute(resource, pathParameters);
  const rawQueryString = (options.queryString ?? '').replace(/^\?/, '');
  const query: Array<[string, string[]]> = [];
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const entry = query.find(([existing]) => existing === name);
    if (entry) entry[1].push(value);
    else query.push([name, [value]]);
  }
  let body = bodyText(options.body, method);
  const isBase64Encoded = options.base64 === true && body !== null;
  if (isBase64Encoded && body !== null) body = Buffer.from(body, 'utf8').toString('base64');
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const headers: Array<[string, string]> = [
    ['Accept', '*/*'],
    ['User-Agent', userAgent],
  ];
  if (body !== null) {
    headers.push(['Content-Type', isBase64Encoded ? 'application/octet-stream' : guessContentType(body)]);
    headers.push(['Content-Length', String(Buffer.byteLength(body, isBase64Encoded ? 'base64' : 'utf8'))]);
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    const existing = headers.findIndex(([known]) => known.toLowerCase() === name.toLowerCase());
    if (existing >= 0) headers.splice(existing, 1);
    headers.push([name, value]);
  }
  return {
    method,
    path,
    resource,
    pathParameters,
    query,
    rawQueryString,
    headers,
    body,
    isBase64Encoded,
    sourceIp: options.sourceIp ?? DEFAULT_SOURCE_IP,
    userAgent,
    traceId: newTraceHeader(context),
  };
}

function normalizeMethod(method: string | undefined): string {
  const upper = (method ?? 'GET').trim().toUpperCase();
  // SAM's `Method: any` matches every method; a sample request has to pick one.
  if (upper === 'ANY' || upper === 'X-AMAZON-APIGATEWAY-ANY-METHOD' || upper === '*') return 'GET';
  if (!KNOWN_METHODS.has(upper)) {
    throw new WorkbenchError(`"${method}" is not an HTTP method.`, {
      code: 'InvalidHttpMethod',
      hint: 'Use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.',
    });
  }
  return upper;
}

function normalizeRoute(route: string): string {
  const trimmed = route.trim();
  if (/\s/.test(trimmed)) {
    throw new WorkbenchError(`"${route}" is not a valid request path: it contains spaces.`, {
      code: 'InvalidHttpPath',
      hint: 'Percent-encode spaces (%20) in paths.',
    });
  }
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** A value for one path parameter that reads as what it stands for. */
export function samplePathValue(parameter: string): string {
  if (parameter.endsWith('+')) return 'path/to/resource';
  if (/id$/i.test(parameter)) return '123';
  return `${parameter.toLowerCase()}-1`;
}

/** Sample values for each `{name}` and `{name+}` in a route template, keyed as API Gateway keys them. */
export function sampleRouteParameters(route: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const match of route.matchAll(PARAMETER)) {
    const raw = match[1] ?? '';
    parameters[raw.replace(/\+$/, '')] = samplePathValue(raw);
  }
  return parameters;
}

/** The route with its parameters replaced by values (greedy `{name+}` values keep their slashes). */
export function fillRoute(route: string, parameters: Record<string, string>): string {
  return route.replace(PARAMETER, (_whole, raw: string) => {
    const value = parameters[raw.replace(/\+$/, '')] ?? samplePathValue(raw);
    return raw.endsWith('+') ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
}

/** Matches a concrete path against a route template and returns the parameter values it binds. */
export function extractPathParameters(route: string, path: string): Record<string, string> {
  const names: string[] = [];
  const pattern = route
    .split(PARAMETER)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(part.replace(/\+$/, ''));
      return part.endsWith('+') ? '(.+)' : '([^/]+)';
    })
    .join('');
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) {
    if (names.length === 0) return {};
    throw new WorkbenchError(`The path "${path}" does not match the route "${route}".`, {
      code: 'PathDoesNotMatchRoute',
      hint: 'Give a path that fits the route, or leave the path out to get sample values.',
    });
  }
  const parameters: Record<string, string> = {};
  names.forEach((name, index) => {
    parameters[name] = decodeURIComponent(match[index + 1] ?? '');
  });
  return parameters;
}

function bodyText(body: unknown, method: string): string | null {
  if (body === undefined) return METHODS_WITHOUT_BODY.has(method) ? null : JSON.stringify({ message: 'hello world' });
  if (body === null) return null;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

function guessContentType(body: string): string {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'application/json';
  if (/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*$/.test(trimmed)) return 'application/x-www-form-urlencoded';
  return 'text/plain';
}

/** Single-value query parameters as API Gateway v1 and ALB give them (the last value wins). */
export function lastValues(entries: Array<[string, string[]]>): Record<string, string> {
  return Object.fromEntries(entries.map(([name, values]) => [name, values[values.length - 1] ?? '']));
}
