// Api events (samtranslator/model/eventsources/push.py Api): the method in the REST API's OpenAPI document (when
// SAM manages it) and a permission for API Gateway, scoped to the method and path on every stage.
import { InvalidEventError } from '../samTransformError';
import { isObject, refName, sub, type JsonObject, type JsonValue } from '../intrinsics';
import type { TransformContext } from '../transformContext';
import { addLambdaIntegration, hasIntegration, normalizeMethod, ANY_METHOD } from '../api/swaggerDocument';
import { applyMethodAuth } from '../api/methodAuth';
import { eventPath, functionReference, permission, type FunctionEventHandler } from './functionEvent';

/** The REST API resource an event targets, after checking RestApiId is a Ref to one in the template. */
export function targetRestApi(
  eventName: string,
  restApiId: JsonValue | undefined,
  context: TransformContext,
  path: (string | number)[],
): { id: string; resource: JsonObject } | undefined {
  // The translator reads a plain logical ID as it reads a Ref to it.
  const name = typeof restApiId === 'string' && context.resource(restApiId) ? restApiId : refName(restApiId);
  if (name === undefined) {
    if (typeof restApiId === 'string' || isObject(restApiId)) {
      if (isObject(restApiId) && Object.keys(restApiId).some((key) => key !== 'Ref')) {
        throw new InvalidEventError(
          eventName,
          "RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.",
          [...path, 'RestApiId'],
        );
      }
      return undefined;
    }
    throw new InvalidEventError(
      eventName,
      "RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.",
      [...path, 'RestApiId'],
    );
  }
  const resource = context.resource(name);
  if (!resource) {
    if (context.parameters.has(name)) return undefined;
    throw new InvalidEventError(
      eventName,
      `RestApiId property of Api event must reference a valid resource in the same template.`,
      [...path, 'RestApiId'],
    );
  }
  if (resource.Type !== 'AWS::Serverless::Api') {
    if (resource.Type === 'AWS::Serverless::HttpApi')
      throw new InvalidEventError(
        eventName,
        "RestApiId must be a valid reference to an 'AWS::Serverless::Api' resource in same template.",
        [...path, 'RestApiId'],
      );
    return undefined;
  }
  return { id: name, resource };
}

/** `/users/{id}` -> `/users/*` as the permission's source ARN writes paths. */
export function permissionPath(path: string): string {
  return path.replace(/\{[^}]+\}/g, '*');
}

export const apiEvent: FunctionEventHandler = (event) => {
  const { Path: path, Method: method } = event.properties;
  if (typeof path !== 'string')
    throw new InvalidEventError(
      event.eventName,
      "Api Event must have a String specified for 'Path'.",
      eventPath(event, 'Path'),
    );
  if (typeof method !== 'string')
    throw new InvalidEventError(
      event.eventName,
      "Api Event must have a String specified for 'Method'.",
      eventPath(event, 'Method'),
    );
  const api = targetRestApi(event.eventName, event.properties.RestApiId, event.context, eventPath(event));
  let suffix = 'Prod';
  if (api) {
    const apiProperties = isObject(api.resource.Properties) ? api.resource.Properties : {};
    const stage = apiProperties.StageName;
    suffix =
      api.id === 'ServerlessRestApi'
        ? 'Prod'
        : typeof stage === 'string'
          ? stage.replace(/[^A-Za-z0-9]/g, '')
          : 'Stage';
    const body = apiProperties.DefinitionBody;
    if ((apiProperties.__MANAGE_SWAGGER === true || apiProperties.MergeDefinitions === true) && isObject(body)) {
      const uri = sub(
        `arn:${event.context.partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${event.alias ? `${event.alias.id}` : `${event.functionId}.Arn`}}/invocations`,
      );
      if (apiProperties.MergeDefinitions !== true && hasIntegration(body, path, method))
        throw new InvalidEventError(
          event.eventName,
          `API method "${method}" defined multiple times for path "${path}".`,
          eventPath(event),
        );
      const operation = addLambdaIntegration(
        body,
        path,
        method,
        uri,
        typeof event.attributes.Condition === 'string' && api.resource.Condition !== event.attributes.Condition
          ? event.attributes.Condition
          : undefined,
        apiProperties.MergeDefinitions === true,
      );
      if (event.properties.TimeoutInMillis !== undefined)
        (operation['x-amazon-apigateway-integration'] as JsonObject).timeoutInMillis = event.properties.TimeoutInMillis;
      applyMethodAuth(
        event.eventName,
        api.id,
        apiProperties,
        operation,
        event.properties,
        path,
        normalizeMethod(method),
        eventPath(event),
      );
    }
  }
  // With its own DefinitionBody an API takes an event's Auth only with OverrideApiAuth, which needs something to set.
  const eventAuth = event.properties.Auth;
  if (
    api &&
    isObject(api.resource.Properties) &&
    isObject(api.resource.Properties.DefinitionBody) &&
    isObject(eventAuth) &&
    eventAuth.OverrideApiAuth === true &&
    !eventAuth.Authorizer &&
    !eventAuth.ApiKeyRequired &&
    !eventAuth.ResourcePolicy
  )
    throw new InvalidEventError(
      event.eventName,
      'Must define one of: Authorizer, ApiKeyRequired or ResourcePolicy when using the OverrideApiAuth property.',
      eventPath(event, 'Auth'),
    );
  const methodPart = normalizeMethod(method) === ANY_METHOD ? '*' : method.toUpperCase();
  const pathPart = permissionPath(path).replace(/^\//, '');
  const sourceArn = sub(
    `arn:${event.context.partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${methodPart}/${pathPart}`,
    {
      __ApiId__: event.properties.RestApiId ?? null,
      __Stage__: '*',
    },
  );
  void functionReference;
  return permission(event, 'apigateway.amazonaws.com', sourceArn, undefined, suffix);
};
