// The local API Gateway: the APIs stacks create (one store per region), their providers for CloudFormation, the
// router that serves them on the local cloud's port, and the control-plane reads tools use (restJson; v1 and v2
// share the `apigateway` signing name, `/v2/...` paths are v2's): GetRestApis, GetRestApi, GetResources,
// GetStages, GetStage; GetApis, GetApi, GetStages, GetDeployments, GetDeployment, GetRoutes, GetIntegrations. The
// reads are routed by hand until the protocol engine speaks restJson for any model (then they move onto the
// generated models).
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { httpApiProviders } from '../cloudformation/providers/apigateway/httpApiProviders';
import { restApiProviders } from '../cloudformation/providers/apigateway/restApiProviders';
import type { ResourceProvider } from '../cloudformation/providers/resourceProvider';
import type { InvokeFunction } from '../lambda/functionInvocation';
import type { LocalCloudService } from '../localCloudService';
import { credentialScopeOf } from '../identifyService';
import { AwsError } from '../protocol/awsError';
import { pageByOffset } from '../protocol/offsetPages';
import { sendRestJson, sendRestJsonError } from '../protocol/restJsonProtocol';
import { RegionalState } from '../regionalState';
import {
  ApiStore,
  type HttpApiRecord,
  type HttpDeploymentRecord,
  type RestApiRecord,
  type RestResourceRecord,
  type StageRecord,
} from './apiStore';
import { DeployedApiRouter } from './deployedApiRouter';

export interface ApiGatewayServiceOptions {
  stateDirectory: string;
  region: string;
  accountId: string;
  logger: Logger;
  invoke: InvokeFunction;
}

export type ApiGatewayService = LocalCloudService & {
  readonly router: DeployedApiRouter;
  readonly providers: ResourceProvider[];
};

export function createApiGatewayService(options: ApiGatewayServiceOptions): ApiGatewayService {
  const stores = new RegionalState(
    options.region,
    options.stateDirectory,
    (_region, directory) => new ApiStore(directory, options.logger),
  );
  const router = new DeployedApiRouter({
    stores,
    regions: () => stores.storedRegions(join('apigateway', 'apis.json')),
    invoke: options.invoke,
    accountId: options.accountId,
    logger: options.logger,
  });
  const notFound = (id: string) =>
    new AwsError('NotFoundException', `Invalid API identifier specified ${options.accountId}:${id}`);
  const restApi = (region: string, id: string): RestApiRecord => {
    const api = stores.get(region).restApi(id);
    if (!api) throw notFound(id);
    return api;
  };
  const httpApi = (region: string, id: string): HttpApiRecord => {
    const api = stores.get(region).httpApi(id);
    if (!api) throw notFound(id);
    return api;
  };
  const page = <T>(items: readonly T[], token: string | null, size: string | null) =>
    pageByOffset(
      items,
      token ?? undefined,
      Number(size ?? 25) || 25,
      () => new AwsError('BadRequestException', 'Invalid token'),
    );

  // GET routes of both versions: [pattern, answer(path parameters, query, region)].
  const routes: [RegExp, (ids: string[], query: URLSearchParams, region: string) => unknown][] = [
    [
      /^\/restapis$/,
      (_ids, query, region) => {
        const found = page(stores.get(region).allRestApis(), query.get('position'), query.get('limit'));
        return { item: found.items.map(describeRestApi), ...(found.nextToken ? { position: found.nextToken } : {}) };
      },
    ],
    [/^\/restapis\/([^/]+)$/, ([id], _query, region) => describeRestApi(restApi(region, id!))],
    [
      /^\/restapis\/([^/]+)\/resources$/,
      ([id], query, region) => {
        const found = page(restApi(region, id!).resources, query.get('position'), query.get('limit'));
        return { item: found.items.map(describeResource), ...(found.nextToken ? { position: found.nextToken } : {}) };
      },
    ],
    [
      /^\/restapis\/([^/]+)\/stages$/,
      ([id], query, region) => ({
        item: restApi(region, id!)
          .stages.filter((stage) => !query.get('deploymentId') || stage.deploymentId === query.get('deploymentId'))
          .map(describeRestStage),
      }),
    ],
    [
      /^\/restapis\/([^/]+)\/stages\/([^/]+)$/,
      ([id, name], _query, region) => {
        const stage = restApi(region, id!).stages.find((item) => item.stageName === name);
        if (!stage) throw new AwsError('NotFoundException', 'Invalid Stage identifier specified', 404);
        return describeRestStage(stage);
      },
    ],
    [
      /^\/v2\/apis$/,
      (_ids, query, region) => {
        const found = page(stores.get(region).allHttpApis(), query.get('nextToken'), query.get('maxResults') ?? '100');
        return {
          items: found.items.map((api) => describeHttpApi(api, region)),
          ...(found.nextToken ? { nextToken: found.nextToken } : {}),
        };
      },
    ],
    [/^\/v2\/apis\/([^/]+)$/, ([id], _query, region) => describeHttpApi(httpApi(region, id!), region)],
    [
      /^\/v2\/apis\/([^/]+)\/stages$/,
      ([id], _query, region) => ({
        items: httpApi(region, id!).stages.map((stage) => ({
          stageName: stage.stageName,
          autoDeploy: stage.autoDeploy ?? false,
          ...(stage.deploymentId ? { deploymentId: stage.deploymentId } : {}),
          ...(stage.description ? { description: stage.description } : {}),
          stageVariables: stage.variables,
          createdDate: stage.createdDate,
          lastUpdatedDate: stage.lastUpdatedDate,
        })),
      }),
    ],
    [
      /^\/v2\/apis\/([^/]+)\/deployments$/,
      ([id], _query, region) => ({ items: (httpApi(region, id!).deployments ?? []).map(describeHttpDeployment) }),
    ],
    [
      /^\/v2\/apis\/([^/]+)\/deployments\/([^/]+)$/,
      ([id, deploymentId], _query, region) => {
        const found = httpApi(region, id!).deployments?.find((item) => item.deploymentId === deploymentId);
        if (!found)
          throw new AwsError('NotFoundException', `Invalid Deployment identifier specified ${deploymentId}`, 404);
        return describeHttpDeployment(found);
      },
    ],
    [
      /^\/v2\/apis\/([^/]+)\/routes$/,
      ([id], _query, region) => ({
        items: httpApi(region, id!).routes.map((route) => ({
          routeId: route.routeId,
          routeKey: route.routeKey,
          authorizationType: route.authorizationType,
          apiKeyRequired: false,
          ...(route.target ? { target: route.target } : {}),
          ...(route.authorizerId ? { authorizerId: route.authorizerId } : {}),
          ...(route.authorizationScopes ? { authorizationScopes: route.authorizationScopes } : {}),
        })),
      }),
    ],
    [
      /^\/v2\/apis\/([^/]+)\/integrations$/,
      ([id], _query, region) => ({
        items: httpApi(region, id!).integrations.map((integration) => ({
          integrationId: integration.integrationId,
          integrationType: integration.type,
          ...(integration.uri ? { integrationUri: integration.uri } : {}),
          payloadFormatVersion: integration.payloadFormatVersion ?? '2.0',
        })),
      }),
    ],
  ];

  return {
    signingName: 'apigateway',
    bodyLimit: () => 6 * 1024 * 1024,
    bodyTooLargeError: (_head, limit) =>
      new AwsError('BadRequestException', `Request body larger than ${limit} bytes`, 413),
    handle: (request, response) => {
      const region = credentialScopeOf(request.headers, request.query)?.region ?? options.region;
      for (const [pattern, answer] of routes) {
        const match = pattern.exec(request.path);
        if (!match) continue;
        if (request.method !== 'GET') break;
        const ids = match.slice(1).map((value) => decodeURIComponent(value));
        sendRestJson(response, request.requestId, 200, JSON.stringify(answer(ids, request.query, region)));
        return Promise.resolve();
      }
      throw new AwsError(
        'NotFoundException',
        `The local API Gateway answers reads (GetRestApis, GetResources, GetStages, GetApis, GetRoutes...) only; not ${request.method} ${request.path}`,
        404,
      );
    },
    sendError: (head, response, error) => sendRestJsonError(response, head.requestId, error),
    close: () => Promise.resolve(),
    router,
    providers: [...restApiProviders(stores), ...httpApiProviders(stores)],
  };
}

function describeRestApi(api: RestApiRecord) {
  return {
    id: api.id,
    name: api.name,
    ...(api.description ? { description: api.description } : {}),
    createdDate: epochSeconds(api.createdDate),
    apiKeySource: 'HEADER',
    endpointConfiguration: { types: api.endpointTypes },
    disableExecuteApiEndpoint: false,
    rootResourceId: api.rootResourceId,
    tags: api.tags,
  };
}

function describeHttpDeployment(deployment: HttpDeploymentRecord) {
  return {
    deploymentId: deployment.deploymentId,
    autoDeployed: deployment.autoDeployed,
    createdDate: deployment.createdDate,
    deploymentStatus: 'DEPLOYED',
    ...(deployment.description ? { description: deployment.description } : {}),
  };
}

function describeRestStage(stage: StageRecord) {
  return {
    stageName: stage.stageName,
    ...(stage.deploymentId ? { deploymentId: stage.deploymentId } : {}),
    ...(stage.description ? { description: stage.description } : {}),
    variables: stage.variables,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    tracingEnabled: false,
    createdDate: epochSeconds(stage.createdDate),
    lastUpdatedDate: epochSeconds(stage.lastUpdatedDate),
  };
}

function describeResource(resource: RestResourceRecord) {
  const methods = Object.values(resource.methods);
  return {
    id: resource.id,
    ...(resource.parentId ? { parentId: resource.parentId, pathPart: resource.pathPart } : {}),
    path: resource.path,
    ...(methods.length > 0
      ? {
          resourceMethods: Object.fromEntries(
            methods.map((method) => [
              method.httpMethod,
              {
                httpMethod: method.httpMethod,
                authorizationType: method.authorizationType,
                ...(method.authorizerId ? { authorizerId: method.authorizerId } : {}),
                ...(method.integration
                  ? { methodIntegration: { type: method.integration.type, uri: method.integration.uri } }
                  : {}),
              },
            ]),
          ),
        }
      : {}),
  };
}

/** REST API (v1) timestamps are epoch seconds on the wire; v2's are ISO 8601. */
function epochSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

function describeHttpApi(api: HttpApiRecord, region: string) {
  return {
    apiId: api.apiId,
    name: api.name,
    protocolType: api.protocolType,
    routeSelectionExpression: api.routeSelectionExpression,
    apiEndpoint: `https://${api.apiId}.execute-api.${region}.amazonaws.com`,
    apiKeySelectionExpression: '$request.header.x-api-key',
    createdDate: api.createdDate,
    disableExecuteApiEndpoint: false,
    ...(api.description ? { description: api.description } : {}),
    tags: api.tags,
  };
}
