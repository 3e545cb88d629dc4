// HttpApi events: the route in the HTTP API's OpenAPI document (when SAM manages it) and a permission for API
// Gateway on that route.
import { InvalidEventError } from '../samTransformError';
import { isObject, refName, sub, type JsonObject } from '../intrinsics';
import { ANY_METHOD, normalizeMethod, pathItem } from '../api/swaggerDocument';
import { eventPath, permission, type FunctionEventHandler } from './functionEvent';
import { permissionPath } from './apiEvent';

export const httpApiEvent: FunctionEventHandler = (event) => {
  const rawApiId = event.properties.ApiId;
  // A plain logical ID names the API as a Ref would.
  const apiId = typeof rawApiId === 'string' && event.context.resource(rawApiId) ? { Ref: rawApiId } : rawApiId;
  const name = refName(apiId);
  if (apiId !== undefined && name === undefined) {
    throw new InvalidEventError(event.eventName, "Property 'ApiId' should be a string.", eventPath(event, 'ApiId'));
  }
  const api = name ? event.context.resource(name) : undefined;
  if (name && !api && !event.context.parameters.has(name)) {
    throw new InvalidEventError(
      event.eventName,
      "ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.",
      eventPath(event, 'ApiId'),
    );
  }
  if (api && api.Type !== 'AWS::Serverless::HttpApi') {
    throw new InvalidEventError(
      event.eventName,
      "ApiId must be a valid reference to an 'AWS::Serverless::HttpApi' resource in same template.",
      eventPath(event, 'ApiId'),
    );
  }
  const rawPath = event.properties.Path;
  const rawMethod = event.properties.Method;
  const isDefault = rawPath === undefined && rawMethod === undefined;
  if (!isDefault && typeof rawPath !== 'string')
    throw new InvalidEventError(event.eventName, "Property 'Path' should be a string.", eventPath(event, 'Path'));
  if (!isDefault && typeof rawMethod !== 'string')
    throw new InvalidEventError(event.eventName, "Property 'Method' should be a string.", eventPath(event, 'Method'));
  const path = isDefault ? '$default' : (rawPath as string);
  const method = isDefault ? 'any' : (rawMethod as string);
  const apiProperties = api && isObject(api.Properties) ? api.Properties : undefined;
  const body = apiProperties?.DefinitionBody;
  if (apiProperties?.__MANAGE_SWAGGER === true && isObject(body)) {
    const item = pathItem(body, path);
    const key = normalizeMethod(method);
    if (item[key] !== undefined)
      throw new InvalidEventError(
        event.eventName,
        `API method "${method}" defined multiple times for path "${path}".`,
        eventPath(event, 'Method'),
      );
    const integration: JsonObject = {
      type: 'aws_proxy',
      httpMethod: 'POST',
      uri: sub(
        `arn:${event.context.partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${event.alias ? event.alias.id : `${event.functionId}.Arn`}}/invocations`,
      ),
      payloadFormatVersion: event.properties.PayloadFormatVersion ?? '2.0',
    };
    if (event.properties.TimeoutInMillis !== undefined) integration.timeoutInMillis = event.properties.TimeoutInMillis;
    const operation: JsonObject = { 'x-amazon-apigateway-integration': integration, responses: {} };
    const auth = event.properties.Auth;
    if (isObject(auth) && typeof auth.Authorizer === 'string' && auth.Authorizer !== 'NONE') {
      operation.security = [
        { [auth.Authorizer]: Array.isArray(auth.AuthorizationScopes) ? auth.AuthorizationScopes : [] },
      ];
    }
    item[key] = operation;
  }
  const methodPart = normalizeMethod(method) === ANY_METHOD ? '*' : method.toUpperCase();
  const routePath = path === '$default' ? '$default' : permissionPath(path).replace(/^\//, '');
  const sourceArn = sub(
    `arn:${event.context.partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/*/${path === '$default' ? '$default' : `${methodPart}/${routePath}`}`.replace(
      '/*/$default',
      '/*',
    ),
    {
      __ApiId__: apiId ?? null,
    },
  );
  return permission(event, 'apigateway.amazonaws.com', sourceArn);
};
