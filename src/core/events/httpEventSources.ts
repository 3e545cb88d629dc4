import { generateAlbEvent, generateFunctionUrlEvent, generateHttpApiEvent, generateRestApiEvent } from './httpEvents';
import type { HttpRequestOptions } from './httpRequest';
import {
  jsonOrText,
  bool,
  compact,
  flag,
  headerList,
  json,
  lambdaType,
  list,
  str,
  stringRecord,
  text,
  type EventOptionDefinition,
  type EventOptionValues,
  type EventSourceDefinition,
} from './eventOptions';

const HTTP_OPTIONS: readonly EventOptionDefinition[] = [
  text('method', 'HTTP method (ANY becomes GET). Default GET.'),
  text('resource', 'Route template, such as /users/{id} or /{proxy+}; sample values fill the path.'),
  text('path', 'Concrete request path, such as /users/42. Default: the resource with sample values.'),
  text('query', 'Query string, such as "a=1&b=2".'),
  list('header', 'A request header "Name: value" (repeatable).'),
  jsonOrText(
    'body',
    'Request body: JSON or text. Default: none for GET/HEAD/DELETE/OPTIONS, a small JSON object otherwise.',
  ),
  flag('base64', 'Deliver the body base64-encoded.'),
];

function httpOptions(values: EventOptionValues): HttpRequestOptions {
  const options: HttpRequestOptions = {};
  const method = str(values, 'method');
  const resource = str(values, 'resource');
  const path = str(values, 'path');
  const query = str(values, 'query');
  const headers = headerList(values);
  if (method !== undefined) options.method = method;
  if (resource !== undefined) options.resource = resource;
  if (path !== undefined) options.path = path;
  if (query !== undefined) options.queryString = query;
  if (headers) options.headers = headers;
  if (values.body !== undefined) options.body = values.body;
  if (values.base64 === true) options.base64 = true;
  return options;
}

/** HTTP requests: API Gateway REST and HTTP APIs, function URLs and load balancers. */
export const HTTP_EVENT_SOURCES: readonly EventSourceDefinition[] = [
  {
    id: 'apigateway-rest',
    aliases: ['api', 'apigateway', 'rest-api'],
    title: 'API Gateway REST API proxy integration (payload 1.0)',
    options: [
      ...HTTP_OPTIONS,
      text('stage', 'Stage. Default Prod.'),
      text('api-id', 'REST API id.'),
      json('claims', 'Cognito authorizer claims (JSON object).'),
    ],
    typeFor: lambdaType('APIGatewayProxyEvent'),
    generate: (values, context) =>
      generateRestApiEvent(
        compact({
          ...httpOptions(values),
          stage: str(values, 'stage'),
          apiId: str(values, 'api-id'),
          cognitoClaims: stringRecord(values, 'claims'),
        }),
        context,
      ),
  },
  {
    id: 'apigateway-http',
    aliases: ['http-api', 'httpapi'],
    title: 'API Gateway HTTP API (payload 2.0)',
    options: [
      ...HTTP_OPTIONS,
      text('stage', 'Stage. Default $default.'),
      text('api-id', 'HTTP API id.'),
      text('route-key', 'Route key, such as "GET /users/{id}" or $default.'),
      list('cookie', 'A cookie "name=value" (repeatable).'),
    ],
    // Template-aware events of routes with an authorizer name the typed variant (…WithJWTAuthorizer...).
    typeFor: (values) => ({
      name: typeof values['authorizer'] === 'string' ? values['authorizer'] : 'APIGatewayProxyEventV2',
      from: 'aws-lambda',
    }),
    generate: (values, context) =>
      generateHttpApiEvent(
        compact({
          ...httpOptions(values),
          stage: str(values, 'stage'),
          apiId: str(values, 'api-id'),
          routeKey: str(values, 'route-key'),
          cookies: Array.isArray(values.cookie) ? values.cookie.map(String) : undefined,
        }),
        context,
      ),
  },
  {
    id: 'function-url',
    aliases: ['url', 'lambda-url'],
    title: 'Lambda function URL',
    options: [
      ...HTTP_OPTIONS.filter((option) => option.name !== 'resource'),
      text('auth-type', 'NONE (default) or AWS_IAM.', ['NONE', 'AWS_IAM']),
      text('function', 'Function name.'),
    ],
    typeFor: (values) => ({
      name: values['auth-type'] === 'AWS_IAM' ? 'LambdaFunctionURLEventWithIAMAuthorizer' : 'LambdaFunctionURLEvent',
      from: 'aws-lambda',
    }),
    generate: (values, context) =>
      generateFunctionUrlEvent(
        compact({
          ...httpOptions(values),
          authType: str(values, 'auth-type') as 'NONE' | 'AWS_IAM' | undefined,
          functionName: str(values, 'function'),
        }),
        context,
      ),
  },
  {
    id: 'alb',
    aliases: ['elb', 'load-balancer'],
    title: 'Application Load Balancer',
    options: [
      ...HTTP_OPTIONS.filter((option) => option.name !== 'resource'),
      text('target-group', 'Target group name.'),
      flag('multi-value', 'Multi-value headers enabled on the target group.'),
    ],
    typeFor: lambdaType('ALBEvent'),
    generate: (values, context) =>
      generateAlbEvent(
        compact({
          ...httpOptions(values),
          targetGroupName: str(values, 'target-group'),
          multiValueHeaders: bool(values, 'multi-value'),
        }),
        context,
      ),
  },
];
