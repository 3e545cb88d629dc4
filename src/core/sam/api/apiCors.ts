// Cors of an AWS::Serverless::Api (samtranslator/swagger/swagger.py add_cors): an OPTIONS method with a mock
// integration answering the preflight on every path SAM manages.
import { InvalidResourceError } from '../samTransformError';
import { isIntrinsic, isObject, type JsonObject, type JsonValue } from '../intrinsics';
import type { TransformContext } from '../transformContext';

export function applyCors(
  logicalId: string,
  cors: JsonValue,
  body: JsonObject | undefined,
  managed: boolean,
  _context: TransformContext,
): void {
  const fail = (message: string): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', 'Cors']);
  };
  if (!body) fail("Cors works only with inline Swagger specified in 'DefinitionBody' property.");
  let config: JsonObject;
  if (typeof cors === 'string' || isIntrinsic(cors)) config = { AllowOrigin: cors };
  else if (isObject(cors)) config = cors;
  else return fail("Invalid value for 'Cors' property");
  for (const key of Object.keys(config)) {
    if (!['AllowMethods', 'AllowHeaders', 'AllowOrigin', 'MaxAge', 'AllowCredentials'].includes(key))
      fail("Invalid value for 'Cors' property");
  }
  if (config.AllowOrigin === '') fail("Invalid value for 'Cors' property");
  config = { AllowOrigin: "'*'", ...config };
  if (config.AllowCredentials === true && config.AllowOrigin === "'*'") {
    fail("Cors: AllowCredentials can not be 'true' when AllowOrigin is \"'*'\" or not set");
  }
  // Every path of the body, the template's own included; paths that differ by a trailing slash are one resource.
  void managed;
  const paths = isObject(body!.paths) ? body!.paths : {};
  const done = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    const normalized = path === '/' ? path : path.replace(/\/+$/, '');
    if (done.has(normalized)) continue;
    done.add(normalized);
    if (!isObject(item) || item.options !== undefined) continue;
    const methods = Object.keys(item)
      .filter((name) => name !== 'parameters')
      .map((name) =>
        name === 'x-amazon-apigateway-any-method' ? 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT' : name.toUpperCase(),
      );
    const allowMethods =
      config.AllowMethods ?? `'${[...new Set([...methods.flatMap((m) => m.split(',')), 'OPTIONS'])].sort().join(',')}'`;
    const headers: JsonObject = { 'Access-Control-Allow-Origin': { type: 'string' } };
    const parameters: JsonObject = { 'method.response.header.Access-Control-Allow-Origin': config.AllowOrigin! };
    if (config.AllowHeaders !== undefined) {
      headers['Access-Control-Allow-Headers'] = { type: 'string' };
      parameters['method.response.header.Access-Control-Allow-Headers'] = config.AllowHeaders;
    }
    headers['Access-Control-Allow-Methods'] = { type: 'string' };
    parameters['method.response.header.Access-Control-Allow-Methods'] = allowMethods;
    if (config.MaxAge !== undefined) {
      headers['Access-Control-Max-Age'] = { type: 'integer' };
      parameters['method.response.header.Access-Control-Max-Age'] = config.MaxAge;
    }
    if (config.AllowCredentials === true) {
      headers['Access-Control-Allow-Credentials'] = { type: 'string' };
      parameters['method.response.header.Access-Control-Allow-Credentials'] = "'true'";
    }
    item.options = {
      summary: 'CORS support',
      consumes: ['application/json'],
      produces: ['application/json'],
      'x-amazon-apigateway-integration': {
        type: 'mock',
        requestTemplates: { 'application/json': '{\n  "statusCode" : 200\n}\n' },
        responses: {
          default: {
            statusCode: '200',
            responseParameters: parameters,
            responseTemplates: { 'application/json': '{}\n' },
          },
        },
      },
      responses: { '200': { description: 'Default response for CORS method', headers } },
    };
    void path;
  }
}
