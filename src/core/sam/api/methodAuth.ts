// Per-method settings an Api event brings (samtranslator/model/eventsources/push.py _add_swagger_integration):
// Auth.Authorizer / ApiKeyRequired / AuthorizationScopes, RequestModel and RequestParameters.
import { InvalidEventError } from '../samTransformError';
import { isObject, type JsonObject, type JsonValue, text } from '../intrinsics';
import { API_KEY_SET_MARK, AUTH_SET_MARK } from './swaggerDocument';

export function applyMethodAuth(
  eventName: string,
  _apiId: string,
  apiProperties: JsonObject,
  operation: JsonObject,
  properties: JsonObject,
  path: string,
  method: string,
  eventPath: (string | number)[],
): void {
  const fail = (message: string, ...rest: string[]): never => {
    throw new InvalidEventError(eventName, message, [...eventPath, ...rest]);
  };
  const apiAuth = isObject(apiProperties.Auth) ? apiProperties.Auth : {};
  const authorizers = isObject(apiAuth.Authorizers) ? apiAuth.Authorizers : undefined;
  const auth = properties.Auth;
  if (auth !== undefined && !isObject(auth)) fail("Property 'Auth' should be a map.", 'Auth');
  const values = (auth ?? {}) as JsonObject;
  const authorizer = values.Authorizer;
  const security: JsonValue[] = Array.isArray(operation.security) ? operation.security : [];
  if (authorizer !== undefined) {
    if (typeof authorizer !== 'string') fail("Property 'Auth.Authorizer' should be a string.", 'Auth', 'Authorizer');
    const name = authorizer as string;
    if (name === 'NONE') {
      if (apiAuth.DefaultAuthorizer === undefined) {
        fail(
          `Unable to set Authorizer on API method [${method}] for path [${path}] because 'NONE' is only a valid value when a DefaultAuthorizer on the API is specified.`,
          'Auth',
          'Authorizer',
        );
      }
      security.push({ NONE: [] });
    } else if (name !== 'AWS_IAM') {
      if (!authorizers)
        fail(
          `Unable to set Authorizer [${name}] on API method [${method}] for path [${path}] because the related API does not define any Authorizers.`,
          'Auth',
          'Authorizer',
        );
      if (authorizers![name] === undefined)
        fail(
          `Unable to set Authorizer [${name}] on API method [${method}] for path [${path}] because it wasn't defined in the API's Authorizers.`,
          'Auth',
          'Authorizer',
        );
      const scopes = values.AuthorizationScopes;
      security.push({ [name]: Array.isArray(scopes) ? scopes : [] });
    } else security.push({ AWS_IAM: [] });
    operation[AUTH_SET_MARK] = true;
  } else if (values.AuthorizationScopes !== undefined && apiAuth.DefaultAuthorizer === undefined) {
    fail('AuthorizationScopes works only when Authorizer is set', 'Auth', 'AuthorizationScopes');
  }
  if (values.ApiKeyRequired === false && apiAuth.ApiKeyRequired !== true)
    fail(
      `Unable to set ApiKeyRequired [False] on API method [${method}] for path [${path}] because the related API does not specify any ApiKeyRequired.`,
      'Auth',
      'ApiKeyRequired',
    );
  if (values.ApiKeyRequired !== undefined) {
    if (typeof values.ApiKeyRequired !== 'boolean')
      fail("Property 'Auth.ApiKeyRequired' should be a boolean.", 'Auth', 'ApiKeyRequired');
    if (values.ApiKeyRequired === true) security.push({ api_key: [] });
    operation[API_KEY_SET_MARK] = true;
  }
  if (security.length > 0) operation.security = security;
  const model = properties.RequestModel;
  if (model !== undefined) {
    if (!isObject(model)) fail("Property 'RequestModel' should be a map.", 'RequestModel');
    const name = (model as JsonObject).Model;
    if (typeof name !== 'string') fail("Property 'RequestModel.Model' should be a string.", 'RequestModel', 'Model');
    const models = isObject(apiProperties.Models) ? apiProperties.Models : undefined;
    if (!models)
      fail(
        `Unable to set RequestModel [${text(name)}] on API method [${method}] for path [${path}] because the related API does not define any Models.`,
        'RequestModel',
      );
    if (!Object.keys(models!).includes(name as string))
      fail(
        `Unable to set RequestModel [${text(name)}] on API method [${method}] for path [${path}] because it wasn't defined in the API's Models.`,
        'RequestModel',
      );
    // A missing one of the two defaults to false once the other is set; both must then be booleans.
    const { ValidateBody: validateBody, ValidateParameters: validateParameters } = model as JsonObject;
    if (
      (validateBody !== undefined || validateParameters !== undefined) &&
      [validateBody, validateParameters].some((value) => value !== undefined && typeof value !== 'boolean')
    )
      fail(
        `Unable to set Validator to RequestModel [${text(name)}] on API method [${method}] for path [${path}] ValidateBody and ValidateParameters must be a boolean type, strings or intrinsics are not supported.`,
        'RequestModel',
      );
    operation.parameters = [
      ...(Array.isArray(operation.parameters) ? operation.parameters : []),
      {
        in: 'body',
        name: text(name).toLowerCase(),
        required: (model as JsonObject).Required ?? true,
        schema: { $ref: `#/definitions/${text(name).toLowerCase()}` },
      },
    ];
  }
  const parameters = properties.RequestParameters;
  if (parameters !== undefined) {
    if (!Array.isArray(parameters)) fail("Property 'RequestParameters' should be a list.", 'RequestParameters');
    for (const parameter of parameters as JsonValue[]) {
      const name =
        typeof parameter === 'string' ? parameter : isObject(parameter) ? Object.keys(parameter)[0] : undefined;
      if (typeof name !== 'string' || !/^method\.request\.(header|querystring|path)\./.test(name)) {
        fail(
          "Invalid value for 'RequestParameters' property. Keys must be in the format 'method.request.[querystring|path|header].{value}', e.g 'method.request.header.Authorization'.",
          'RequestParameters',
        );
      }
    }
  }
}
