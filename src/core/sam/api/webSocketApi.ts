// AWS::Serverless::WebSocketApi: the API (ProtocolType WEBSOCKET), per route an integration with its function, the
// route and the permission for API Gateway to invoke the function, one stage (`default` unless StageName), the
// $connect route's authorization (IAM or a Lambda authorizer), and a custom domain through apiDomain.
import { InvalidResourceError } from '../samTransformError';
import { isObject, join, ref, sub, text, type JsonObject, type JsonValue } from '../intrinsics';
import { checkedSamProperties } from '../samProperties';
import { passthroughAttributes, type GeneratedResources, type TransformContext } from '../transformContext';
import { apiDomain, HTTP_DOMAIN } from './apiDomain';

const TYPE = 'AWS::Serverless::WebSocketApi';
const CREATED_BY = { 'websocketapi:createdBy': 'SAM' };
const ROUTE_PROPERTIES = [
  'ApiKeyRequired',
  'ModelSelectionExpression',
  'OperationName',
  'RequestModels',
  'RequestParameters',
  'RouteResponseSelectionExpression',
];

export function transformWebSocketApi(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = checkedSamProperties(logicalId, resource, {
    type: TYPE,
    kinds: {
      AccessLogSettings: 'map',
      ApiKeySelectionExpression: 'string',
      Auth: 'map',
      DefaultRouteSettings: 'map',
      Description: 'string',
      DisableExecuteApiEndpoint: 'boolean',
      DisableSchemaValidation: 'boolean',
      Domain: 'map',
      IpAddressType: 'string',
      Name: 'string',
      PropagateTags: 'boolean',
      RouteSelectionExpression: 'string',
      RouteSettings: 'map',
      Routes: 'map',
      StageName: 'string',
      StageVariables: 'map',
      Tags: 'map',
    },
    required: ['Routes', 'RouteSelectionExpression'],
  });
  const fail = (message: string, ...path: (string | number)[]): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', ...path]);
  };
  const stageName = properties.StageName ?? 'default';
  if (stageName === '$default') fail('Stages cannot be named $default for WebSocket APIs.', 'StageName');
  const ipAddressType = properties.IpAddressType;
  if (ipAddressType !== undefined && ipAddressType !== 'ipv4' && ipAddressType !== 'dualstack') {
    fail("IpAddressType must be 'ipv4' or 'dualstack'.", 'IpAddressType');
  }
  const domain = properties.Domain;
  const basePaths = isObject(domain) && domain.BasePath !== undefined ? [domain.BasePath].flat() : [];
  if (basePaths.some((path) => typeof path !== 'string')) fail('Basepath must be a string.', 'Domain', 'BasePath');
  const attributes = passthroughAttributes(resource);
  const tags = { ...(isObject(properties.Tags) ? properties.Tags : {}), ...CREATED_BY };
  const propagate = properties.PropagateTags === true;
  const api: JsonObject = { Name: properties.Name ?? null, ProtocolType: 'WEBSOCKET' };
  if (properties.Name === undefined) delete api.Name;
  for (const name of [
    'ApiKeySelectionExpression',
    'Description',
    'DisableExecuteApiEndpoint',
    'DisableSchemaValidation',
    'IpAddressType',
    'RouteSelectionExpression',
  ]) {
    if (properties[name] !== undefined) api[name] = properties[name]!;
  }
  api.Tags = tags;
  const resources: GeneratedResources = {
    [logicalId]: { Type: 'AWS::ApiGatewayV2::Api', ...attributes, Properties: api },
  };

  const auth = authorization(logicalId, properties.Auth, attributes, resources, fail);
  const routeIds: string[] = [];
  for (const [routeKey, route] of Object.entries(properties.Routes as JsonObject)) {
    if (!isObject(route)) fail(`Property 'Routes.${routeKey}' should be a map.`, 'Routes', routeKey);
    const routeConfig = route as JsonObject;
    const functionArn = routeConfig.FunctionArn;
    if (functionArn === undefined || functionArn === null)
      fail('Route must have associated function.', 'Routes', routeKey);
    if (routeConfig.RequestParameters !== undefined && routeKey !== '$connect') {
      fail('Request parameters are only supported for the $connect route in WebSocket APIs.', 'Routes', routeKey);
    }
    const name = routeName(routeKey);
    const integrationId = `${logicalId}${name}Integration`;
    const integration: JsonObject = {
      ApiId: ref(logicalId),
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: sub(
        'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations',
        { FunctionArn: functionArn! },
      ),
    };
    if (routeConfig.IntegrationTimeout !== undefined) integration.TimeoutInMillis = routeConfig.IntegrationTimeout;
    resources[integrationId] = { Type: 'AWS::ApiGatewayV2::Integration', ...attributes, Properties: integration };
    resources[`${logicalId}${name}Permission`] = {
      Type: 'AWS::Lambda::Permission',
      ...attributes,
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: functionArn!,
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub(
          `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${logicalId}.ApiId}/${text(stageName)}/${routeKey}`,
        ),
      },
    };
    const routeProperties: JsonObject = { ApiId: ref(logicalId), RouteKey: routeKey };
    for (const property of ROUTE_PROPERTIES) {
      if (routeConfig[property] !== undefined) routeProperties[property] = routeConfig[property]!;
    }
    if (routeKey === '$connect') Object.assign(routeProperties, auth);
    routeProperties.Target = join('/', ['integrations', ref(integrationId)]);
    const routeId = `${logicalId}${name}Route`;
    resources[routeId] = { Type: 'AWS::ApiGatewayV2::Route', ...attributes, Properties: routeProperties };
    routeIds.push(routeId);
  }

  const stageId = `${logicalId}${routeName(text(stageName))}Stage`;
  const stage: JsonObject = { ApiId: ref(logicalId), AutoDeploy: true, StageName: stageName };
  for (const name of ['AccessLogSettings', 'DefaultRouteSettings', 'RouteSettings', 'StageVariables']) {
    if (properties[name] !== undefined) stage[name] = properties[name]!;
  }
  stage.Tags = propagate ? tags : { ...CREATED_BY };
  resources[stageId] = {
    Type: 'AWS::ApiGatewayV2::Stage',
    ...attributes,
    // Route settings name routes: the stage waits for them.
    ...(properties.RouteSettings !== undefined ? { DependsOn: routeIds } : {}),
    Properties: stage,
  };
  if (isObject(domain)) {
    const withTags = { ...domain, Tags: propagate ? tags : { ...CREATED_BY } };
    Object.assign(resources, apiDomain(logicalId, withTags, stageId, attributes, context, HTTP_DOMAIN));
  }
  return resources;
}

/** `$connect` -> `Connect`, `sendMessage` -> `SendMessage`: the route's part of generated logical IDs. */
function routeName(routeKey: string): string {
  const alphanumeric = routeKey.replace(/[^A-Za-z0-9]/g, '');
  return alphanumeric.charAt(0).toUpperCase() + alphanumeric.slice(1);
}

/** The $connect route's authorization properties; a Lambda authorizer (and its permission) when CUSTOM. */
function authorization(
  logicalId: string,
  authValue: JsonValue | undefined,
  attributes: JsonObject,
  resources: GeneratedResources,
  fail: (message: string, ...path: string[]) => never,
): JsonObject {
  if (!isObject(authValue)) return {};
  const { AuthType: type, ...rest } = authValue;
  if (type === undefined) return fail('AuthType must be specified for additional auth configurations.', 'Auth');
  if (type === 'NONE') return {};
  if (type === 'AWS_IAM') {
    if (Object.keys(rest).length > 0) fail('No additional configurations supported for AuthType AWS_IAM.', 'Auth');
    return { AuthorizationType: 'AWS_IAM' };
  }
  if (type !== 'CUSTOM') return fail("AuthType must be one of 'NONE', 'AWS_IAM' or 'CUSTOM'.", 'Auth', 'AuthType');
  if (rest.AuthArn === undefined) return fail('AuthArn must be specified if AuthType is CUSTOM.', 'Auth');
  const authorizerId = `${logicalId}Authorizer`;
  const authorizer: JsonObject = {
    ApiId: ref(logicalId),
    AuthorizerType: 'REQUEST',
    AuthorizerUri: sub(
      'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${AuthArn}/invocations',
      { AuthArn: rest.AuthArn },
    ),
    Name: rest.Name ?? authorizerId,
  };
  if (rest.IdentitySource !== undefined) authorizer.IdentitySource = rest.IdentitySource;
  if (rest.InvokeRole !== undefined) authorizer.AuthorizerCredentialsArn = rest.InvokeRole;
  resources[authorizerId] = { Type: 'AWS::ApiGatewayV2::Authorizer', ...attributes, Properties: authorizer };
  if (rest.InvokeRole === undefined) {
    resources[`${authorizerId}Permission`] = {
      Type: 'AWS::Lambda::Permission',
      ...attributes,
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: rest.AuthArn,
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub(
          `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${logicalId}.ApiId}/authorizers/*`,
        ),
      },
    };
  }
  return { AuthorizationType: 'CUSTOM', AuthorizerId: ref(authorizerId) };
}
