// The HTTP API (v2) control-plane reads on the generated model: the APIs, routes, integrations, authorizers,
// deployments and stages CloudFormation created. Pages use `nextToken`/`maxResults` (a string on the wire).
import type {
  Apigatewayv2Operations,
  Authorizer,
  Deployment,
  Api,
  Integration,
  Route,
  Stage,
} from '../../models/generated/apigatewayv2';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { pageByOffset } from '../../protocol/offsetPages';
import type { RegionalState } from '../../regionalState';
import type {
  ApiAuthorizerRecord,
  ApiStore,
  HttpApiRecord,
  HttpDeploymentRecord,
  HttpIntegrationRecord,
  HttpRouteRecord,
  StageRecord,
} from '../apiStore';

export function httpApiReadHandlers(
  stores: RegionalState<ApiStore>,
  accountId: string,
): ServiceProvider<Apigatewayv2Operations> {
  const httpApi = (region: string, id: string): HttpApiRecord => {
    const api = stores.get(region).httpApi(id);
    if (!api) throw new AwsError('NotFoundException', `Invalid API identifier specified ${accountId}:${id}`);
    return api;
  };
  const one = <T>(found: T | undefined, what: string, id: string): T => {
    if (found === undefined) throw new AwsError('NotFoundException', `Invalid ${what} identifier specified ${id}`);
    return found;
  };
  const page = <T, Out>(
    items: readonly T[],
    request: { NextToken?: string; MaxResults?: string },
    describe: (item: T) => Out,
  ) => {
    const size = request.MaxResults === undefined ? 100 : Number(request.MaxResults);
    if (!Number.isInteger(size) || size < 1) {
      throw new AwsError('BadRequestException', `Invalid maxResults: ${request.MaxResults}`);
    }
    const found = pageByOffset(
      items,
      request.NextToken,
      size,
      () => new AwsError('BadRequestException', 'Invalid nextToken'),
    );
    return { Items: found.items.map(describe), ...(found.nextToken ? { NextToken: found.nextToken } : {}) };
  };

  return {
    GetApis: (request, { region }) =>
      page(stores.get(region).allHttpApis(), request, (api) => describeApi(api, region)),
    GetApi: ({ ApiId }, { region }) => describeApi(httpApi(region, ApiId), region),
    GetRoutes: (request, { region }) => page(httpApi(region, request.ApiId).routes, request, describeRoute),
    GetRoute: ({ ApiId, RouteId }, { region }) =>
      describeRoute(
        one(
          httpApi(region, ApiId).routes.find((item) => item.routeId === RouteId),
          'Route',
          RouteId,
        ),
      ),
    GetIntegrations: (request, { region }) =>
      page(httpApi(region, request.ApiId).integrations, request, describeIntegration),
    GetIntegration: ({ ApiId, IntegrationId }, { region }) =>
      describeIntegration(
        one(
          httpApi(region, ApiId).integrations.find((item) => item.integrationId === IntegrationId),
          'Integration',
          IntegrationId,
        ),
      ),
    GetAuthorizers: (request, { region }) =>
      page(httpApi(region, request.ApiId).authorizers, request, describeAuthorizer),
    GetAuthorizer: ({ ApiId, AuthorizerId }, { region }) =>
      describeAuthorizer(
        one(
          httpApi(region, ApiId).authorizers.find((item) => item.id === AuthorizerId),
          'Authorizer',
          AuthorizerId,
        ),
      ),
    GetDeployments: (request, { region }) =>
      page(httpApi(region, request.ApiId).deployments ?? [], request, describeDeployment),
    GetDeployment: ({ ApiId, DeploymentId }, { region }) =>
      describeDeployment(
        one(
          httpApi(region, ApiId).deployments?.find((item) => item.deploymentId === DeploymentId),
          'Deployment',
          DeploymentId,
        ),
      ),
    GetStages: (request, { region }) => page(httpApi(region, request.ApiId).stages, request, describeStage),
    GetStage: ({ ApiId, StageName }, { region }) =>
      describeStage(
        one(
          httpApi(region, ApiId).stages.find((item) => item.stageName === StageName),
          'Stage',
          StageName,
        ),
      ),
    GetTags: ({ ResourceArn }, { region }) => {
      // arn:aws:apigateway:<region>::/apis/<id>
      const id = /^arn:[^:]+:apigateway:[^:]*::\/apis\/([^/]+)$/.exec(ResourceArn)?.[1];
      if (!id) throw new AwsError('NotFoundException', `Invalid resource identifier specified ${ResourceArn}`);
      return { Tags: httpApi(region, id).tags };
    },
  };
}

function describeApi(api: HttpApiRecord, region: string): Api {
  return {
    ApiId: api.apiId,
    Name: api.name,
    ProtocolType: api.protocolType,
    RouteSelectionExpression: api.routeSelectionExpression,
    ApiEndpoint: `https://${api.apiId}.execute-api.${region}.amazonaws.com`,
    ApiKeySelectionExpression: '$request.header.x-api-key',
    CreatedDate: new Date(api.createdDate),
    DisableExecuteApiEndpoint: false,
    ...(api.description ? { Description: api.description } : {}),
    Tags: api.tags,
  };
}

function describeRoute(route: HttpRouteRecord): Route {
  return {
    RouteId: route.routeId,
    RouteKey: route.routeKey,
    AuthorizationType: route.authorizationType,
    ApiKeyRequired: false,
    ...(route.target ? { Target: route.target } : {}),
    ...(route.authorizerId ? { AuthorizerId: route.authorizerId } : {}),
    ...(route.authorizationScopes ? { AuthorizationScopes: route.authorizationScopes } : {}),
  };
}

function describeIntegration(integration: HttpIntegrationRecord): Integration {
  return {
    IntegrationId: integration.integrationId,
    IntegrationType: integration.type,
    ...(integration.uri ? { IntegrationUri: integration.uri } : {}),
    ...(integration.type === 'AWS_PROXY' ? { IntegrationMethod: 'POST' } : {}),
    PayloadFormatVersion: integration.payloadFormatVersion ?? '2.0',
    ConnectionType: 'INTERNET',
    TimeoutInMillis: 30000,
  };
}

function describeAuthorizer(authorizer: ApiAuthorizerRecord): Authorizer {
  const sources = [
    ...authorizer.identityHeaders.map((name) => `$request.header.${name}`),
    ...authorizer.identityQueryStrings.map((name) => `$request.querystring.${name}`),
  ];
  return {
    AuthorizerId: authorizer.id,
    Name: authorizer.name,
    AuthorizerType: authorizer.type,
    ...(authorizer.authorizerUri ? { AuthorizerUri: authorizer.authorizerUri } : {}),
    ...(authorizer.payloadFormatVersion ? { AuthorizerPayloadFormatVersion: authorizer.payloadFormatVersion } : {}),
    ...(authorizer.enableSimpleResponses !== undefined
      ? { EnableSimpleResponses: authorizer.enableSimpleResponses }
      : {}),
    ...(sources.length > 0 ? { IdentitySource: sources } : {}),
    ...(authorizer.issuer ? { JwtConfiguration: { Issuer: authorizer.issuer, Audience: authorizer.audience } } : {}),
  };
}

function describeDeployment(deployment: HttpDeploymentRecord): Deployment {
  return {
    DeploymentId: deployment.deploymentId,
    AutoDeployed: deployment.autoDeployed,
    CreatedDate: new Date(deployment.createdDate),
    DeploymentStatus: 'DEPLOYED',
    ...(deployment.description ? { Description: deployment.description } : {}),
  };
}

function describeStage(stage: StageRecord): Stage {
  return {
    StageName: stage.stageName,
    AutoDeploy: stage.autoDeploy ?? false,
    ...(stage.deploymentId ? { DeploymentId: stage.deploymentId } : {}),
    ...(stage.description ? { Description: stage.description } : {}),
    StageVariables: stage.variables,
    CreatedDate: new Date(stage.createdDate),
    LastUpdatedDate: new Date(stage.lastUpdatedDate),
  };
}
