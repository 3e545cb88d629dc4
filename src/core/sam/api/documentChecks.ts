// The structure checks the translator's SwaggerEditor / OpenApiEditor run when SAM is about to edit a
// DefinitionBody (auth, CORS, tags...): path items and method definitions are maps, security is a list of maps,
// securityDefinitions a map, OpenAPI tags a list. Each failure is a template-level error, worded as AWS words it.
import { InvalidTemplateError } from '../samTransformError';
import { isObject, type JsonObject, type JsonValue } from '../intrinsics';
import { pythonRepr } from './pythonRepr';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method']);

export interface DocumentCheckOptions {
  /** SAM adds authorizers and security to methods: security must be well formed. */
  auth?: boolean;
  /** An OpenAPI document of an HTTP API (its tags must be a list). */
  openApi?: boolean;
}

export function checkEditableDocument(document: JsonObject, options: DocumentCheckOptions = {}): void {
  const fail = (detail: string): never => {
    throw new InvalidTemplateError(detail, []);
  };
  if (options.openApi && document.tags !== undefined && !Array.isArray(document.tags)) {
    fail(
      `Tags in OpenApi DefinitionBody needs to be a list. ${pythonRepr(document.tags)} is a ${isObject(document.tags) ? 'dict' : 'str'} not a list.`,
    );
  }
  if (options.auth && document.securityDefinitions !== undefined && !isObject(document.securityDefinitions)) {
    fail('securityDefinitions must be a dictionary.');
  }
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, value] of Object.entries(paths)) {
    for (const item of conditionalContents(value)) {
      if (!isObject(item)) fail(`Value of '${path}' path must be a dictionary according to Swagger spec.`);
      for (const [method, definition] of Object.entries(item as JsonObject)) {
        if (!METHODS.has(method.toLowerCase())) continue;
        for (const operation of conditionalContents(definition)) {
          if (!isObject(operation)) fail(`Definition of method '${method}' for path '${path}' should be a map.`);
          if (options.auth) checkSecurity(path, method, (operation as JsonObject).security, fail);
        }
      }
    }
  }
}

/** The branches of a `Fn::If` (both, without AWS::NoValue), or the value itself. */
function conditionalContents(value: JsonValue | undefined): JsonValue[] {
  if (!isObject(value) || !('Fn::If' in value) || Object.keys(value).length !== 1) return [value ?? null];
  const branches = value['Fn::If'];
  if (!Array.isArray(branches) || branches.length !== 3) {
    throw new InvalidTemplateError('Value of Fn::If must be a list.', []);
  }
  return [branches[1]!, branches[2]!].filter((branch) => !(isObject(branch) && branch.Ref === 'AWS::NoValue'));
}

function checkSecurity(
  path: string,
  method: string,
  security: JsonValue | undefined,
  fail: (detail: string) => never,
): void {
  if (security === undefined) return;
  if (!Array.isArray(security)) fail(`Type of security for path ${path} method ${method} must be a list`);
  for (const entry of security) {
    if (!isObject(entry))
      fail(`${pythonRepr(entry)} in Security for path ${path} method ${method} is not a valid dictionary.`);
  }
}
