// Editing the OpenAPI/Swagger document SAM generates or receives (samtranslator/swagger/swagger.py,
// open_api/open_api.py): paths, methods with their integration, security, and the document's skeleton.
import { InvalidTemplateError } from '../samTransformError';
import { isObject, type JsonObject, type JsonValue } from '../intrinsics';

export const ANY_METHOD = 'x-amazon-apigateway-any-method';
export const INTEGRATION = 'x-amazon-apigateway-integration';

/** The document SAM starts from when the API has no DefinitionBody. */
export function swaggerSkeleton(): JsonObject {
  return { swagger: '2.0', info: { version: '1.0', title: { Ref: 'AWS::StackName' } }, paths: {} };
}

/** SAM writes `ANY` as API Gateway's any-method extension and every other method in lower case. */
export function normalizeMethod(method: JsonValue | undefined): string {
  const name = typeof method === 'string' ? method.toLowerCase() : '';
  return name === 'any' ? ANY_METHOD : name;
}

/** True when the document is Swagger 2.0 or OpenAPI 3 (`swagger`/`openapi` key and a `paths` map). */
export function isValidDocument(document: JsonValue | undefined): document is JsonObject {
  if (!isObject(document)) return false;
  const version = document.swagger ?? document.openapi;
  return (typeof version === 'string' || typeof version === 'number') && isObject(document.paths ?? {});
}

/** The path item for `path`, created when missing; refuses path items that are not maps. */
export function pathItem(document: JsonObject, path: string): JsonObject {
  const paths = isObject(document.paths) ? document.paths : (document.paths = {});
  const existing = paths[path];
  if (existing === undefined) return (paths[path] = {});
  if (!isObject(existing))
    throw new InvalidTemplateError(`Value of '${path}' path must be a dictionary according to Swagger spec.`);
  return existing;
}

/** Every (path, method, operation) of the document, skipping `Fn::If` wrappers' absent branches. */
export function* operations(document: JsonObject): Generator<{ path: string; method: string; operation: JsonObject }> {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item))
      throw new InvalidTemplateError(`Value of '${path}' path must be a dictionary according to Swagger spec.`);
    for (const [method, operation] of Object.entries(unwrapIf(item))) {
      if (
        method === 'parameters' ||
        method === 'summary' ||
        method === 'description' ||
        method === '$ref' ||
        method === 'servers'
      )
        continue;
      if (operation === null)
        throw new InvalidTemplateError(`Definition of method '${method}' for path '${path}' should be a map.`);
      if (!isObject(operation)) continue;
      yield { path, method, operation: unwrapIf(operation) };
    }
  }
}

/** Marks an event's Auth leaves on its operation so the API's defaults do not override it (swagger.py's own). */
export const AUTH_SET_MARK = 'x-sam-auth-set';
export const API_KEY_SET_MARK = 'x-sam-apikey-set';

/** Removes the marks once the API's Auth is applied: they are never part of the document the translator writes. */
export function removeAuthMarks(document: JsonObject): void {
  for (const { operation } of operations(document)) {
    delete operation[AUTH_SET_MARK];
    delete operation[API_KEY_SET_MARK];
  }
}

/** The first non-NoValue branch of a `Fn::If` (SAM edits the "then" branch), or the value itself. */
export function unwrapIf(value: JsonObject): JsonObject {
  const branches = value['Fn::If'];
  if (!Array.isArray(branches)) return value;
  if (branches.length !== 3) throw new InvalidTemplateError('Value of Fn::If must be a list.');
  const branch = [branches[1], branches[2]].find((item) => isObject(item) && item.Ref !== 'AWS::NoValue');
  return isObject(branch) ? branch : {};
}

/** True when `method` at `path` already has an API Gateway integration (the translator's has_integration). */
export function hasIntegration(document: JsonObject, path: string, method: string): boolean {
  const item = isObject(document.paths) ? document.paths[path] : undefined;
  const operation = isObject(item) ? item[normalizeMethod(method)] : undefined;
  return isObject(operation) && operation[INTEGRATION] !== undefined;
}

/** Adds a Lambda proxy integration for `method` at `path` (the REST API flavour). */
export function addLambdaIntegration(
  document: JsonObject,
  path: string,
  method: string,
  uri: JsonValue,
  condition?: string,
  merge = false,
): JsonObject {
  const item = pathItem(document, path);
  const name = normalizeMethod(method);
  if (item[name] !== undefined && !merge) {
    throw new InvalidTemplateError(`API method "${method}" defined multiple times for path "${path}".`);
  }
  const operation: JsonObject = { [INTEGRATION]: { type: 'aws_proxy', httpMethod: 'POST', uri }, responses: {} };
  item[name] = condition ? { 'Fn::If': [condition, operation, { Ref: 'AWS::NoValue' }] } : operation;
  return operation;
}

/** Whether the document defines securityDefinitions/components that must be maps. */
export function securityDefinitions(document: JsonObject): JsonObject {
  if (document.openapi !== undefined) {
    const components = isObject(document.components) ? document.components : (document.components = {});
    const schemes = components.securitySchemes;
    if (schemes !== undefined && !isObject(schemes))
      throw new InvalidTemplateError('securitySchemes must be a dictionary.', [], false);
    return schemes ?? (components.securitySchemes = {});
  }
  const definitions = document.securityDefinitions;
  if (definitions !== undefined && !isObject(definitions))
    throw new InvalidTemplateError('securityDefinitions must be a dictionary.', [], false);
  return definitions ?? (document.securityDefinitions = {});
}

/** Converts a Swagger 2.0 document to OpenAPI 3 as SAM does for `OpenApiVersion: 3.x`. */
export function toOpenApi3(document: JsonObject, version: string): void {
  delete document.swagger;
  document.openapi = version;
  const definitions = document.securityDefinitions;
  if (isObject(definitions) && Object.keys(definitions).length > 0) {
    const components = isObject(document.components) ? document.components : (document.components = {});
    components.securitySchemes = {
      ...(isObject(components.securitySchemes) ? components.securitySchemes : {}),
      ...definitions,
    };
  }
  delete document.securityDefinitions;
  const models = document.definitions;
  if (isObject(models) && Object.keys(models).length > 0) {
    const components = isObject(document.components) ? document.components : (document.components = {});
    components.schemas = models;
  }
  delete document.definitions;
  for (const { operation } of operations(document)) {
    const responses = operation.responses;
    if (isObject(responses)) {
      for (const response of Object.values(responses)) {
        if (isObject(response) && response.schema !== undefined) {
          response.content = { 'application/json': { schema: response.schema } };
          delete response.schema;
        }
      }
    }
  }
}
