// The Lambda operations this emulator serves, with method, URI template and success status taken from the
// botocore model (lambda/2015-03-31/service-2.json); a unit test checks the table against the model.

/** One restJson1 operation. */
export interface LambdaRoute {
  operation: string;
  method: string;
  /** The model's requestUri, e.g. `/2015-03-31/functions/{FunctionName}/aliases/{Name}`. */
  uri: string;
  status: number;
}

export const LAMBDA_ROUTES: readonly LambdaRoute[] = [
  { operation: 'CreateFunction', method: 'POST', uri: '/2015-03-31/functions', status: 201 },
  { operation: 'ListFunctions', method: 'GET', uri: '/2015-03-31/functions', status: 200 },
  { operation: 'GetFunction', method: 'GET', uri: '/2015-03-31/functions/{FunctionName}', status: 200 },
  { operation: 'DeleteFunction', method: 'DELETE', uri: '/2015-03-31/functions/{FunctionName}', status: 204 },
  {
    operation: 'GetFunctionConfiguration',
    method: 'GET',
    uri: '/2015-03-31/functions/{FunctionName}/configuration',
    status: 200,
  },
  {
    operation: 'UpdateFunctionConfiguration',
    method: 'PUT',
    uri: '/2015-03-31/functions/{FunctionName}/configuration',
    status: 200,
  },
  { operation: 'UpdateFunctionCode', method: 'PUT', uri: '/2015-03-31/functions/{FunctionName}/code', status: 200 },
  { operation: 'PublishVersion', method: 'POST', uri: '/2015-03-31/functions/{FunctionName}/versions', status: 201 },
  {
    operation: 'ListVersionsByFunction',
    method: 'GET',
    uri: '/2015-03-31/functions/{FunctionName}/versions',
    status: 200,
  },
  { operation: 'CreateAlias', method: 'POST', uri: '/2015-03-31/functions/{FunctionName}/aliases', status: 201 },
  { operation: 'ListAliases', method: 'GET', uri: '/2015-03-31/functions/{FunctionName}/aliases', status: 200 },
  { operation: 'GetAlias', method: 'GET', uri: '/2015-03-31/functions/{FunctionName}/aliases/{Name}', status: 200 },
  { operation: 'UpdateAlias', method: 'PUT', uri: '/2015-03-31/functions/{FunctionName}/aliases/{Name}', status: 200 },
  {
    operation: 'DeleteAlias',
    method: 'DELETE',
    uri: '/2015-03-31/functions/{FunctionName}/aliases/{Name}',
    status: 204,
  },
  { operation: 'Invoke', method: 'POST', uri: '/2015-03-31/functions/{FunctionName}/invocations', status: 200 },
  {
    operation: 'GetFunctionConcurrency',
    method: 'GET',
    uri: '/2019-09-30/functions/{FunctionName}/concurrency',
    status: 200,
  },
  {
    operation: 'PutFunctionConcurrency',
    method: 'PUT',
    uri: '/2017-10-31/functions/{FunctionName}/concurrency',
    status: 200,
  },
  {
    operation: 'DeleteFunctionConcurrency',
    method: 'DELETE',
    uri: '/2017-10-31/functions/{FunctionName}/concurrency',
    status: 204,
  },
];

/** The outcome of matching a request line against the table. */
export type RouteMatch =
  | { kind: 'found'; route: LambdaRoute; parameters: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'unknown' };

const compiled = LAMBDA_ROUTES.map((route) => {
  const names: string[] = [];
  // The SDK omits ListFunctions' trailing slash and the CLI sends it: accept both for every URI.
  const source = route.uri.replace(/\/$/, '').replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, names, expression: new RegExp(`^${source}/?$`) };
});

/** Finds the operation for a method and raw path; path parameters come back percent-decoded. */
export function matchLambdaRoute(method: string, path: string): RouteMatch {
  const allowed: string[] = [];
  for (const { route, names, expression } of compiled) {
    const match = expression.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const parameters: Record<string, string> = {};
    names.forEach((name, index) => {
      parameters[name] = decodeURIComponent(match[index + 1]!);
    });
    return { kind: 'found', route, parameters };
  }
  return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'unknown' };
}
