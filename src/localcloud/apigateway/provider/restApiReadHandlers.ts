// The REST API (v1) control-plane reads on the generated model: the APIs, resources, methods, integrations,
// authorizers, deployments and stages CloudFormation created (the model answers every other operation with AWS's
// error naming it). Pages use `position`/`limit` (25 by default, 500 at most, as AWS).
import type {
  ApigatewayOperations,
  Authorizer,
  Deployment,
  Method,
  Resource,
  RestApi,
  Stage,
} from '../../models/generated/apigateway';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { pageByOffset } from '../../protocol/offsetPages';
import type { RegionalState } from '../../regionalState';
import type {
  ApiAuthorizerRecord,
  ApiStore,
  RestApiRecord,
  RestMethodRecord,
  RestResourceRecord,
  StageRecord,
} from '../apiStore';

export function restApiReadHandlers(
  stores: RegionalState<ApiStore>,
  accountId: string,
): ServiceProvider<ApigatewayOperations> {
  const restApi = (region: string, id: string): RestApiRecord => {
    const api = stores.get(region).restApi(id);
    if (!api) throw new AwsError('NotFoundException', `Invalid API identifier specified ${accountId}:${id}`);
    return api;
  };
  const resource = (api: RestApiRecord, id: string): RestResourceRecord => {
    const found = api.resources.find((item) => item.id === id);
    if (!found) throw new AwsError('NotFoundException', 'Invalid Resource identifier specified');
    return found;
  };
  const method = (api: RestApiRecord, resourceId: string, httpMethod: string): RestMethodRecord => {
    const found = resource(api, resourceId).methods[httpMethod.toUpperCase()];
    if (!found) throw new AwsError('NotFoundException', 'Invalid Method identifier specified');
    return found;
  };
  const page = <T>(items: readonly T[], position: string | undefined, limit: number | undefined) => {
    if (limit !== undefined && (limit < 1 || limit > 500)) {
      throw new AwsError('BadRequestException', 'Invalid limit: must be between 1 and 500');
    }
    const found = pageByOffset(
      items,
      position,
      limit ?? 25,
      () => new AwsError('BadRequestException', 'Invalid position parameter'),
    );
    return { items: found.items, ...(found.nextToken ? { position: found.nextToken } : {}) };
  };

  return {
    GetRestApis: ({ position, limit }, { region }) => {
      const found = page(stores.get(region).allRestApis(), position, limit);
      return { ...found, items: found.items.map(describeRestApi) };
    },
    GetRestApi: ({ restApiId }, { region }) => describeRestApi(restApi(region, restApiId)),
    GetResources: ({ restApiId, position, limit, embed }, { region }) => {
      const found = page(restApi(region, restApiId).resources, position, limit);
      const withMethods = embed?.includes('methods') ?? false;
      return { ...found, items: found.items.map((item) => describeResource(item, withMethods)) };
    },
    GetResource: ({ restApiId, resourceId, embed }, { region }) =>
      describeResource(resource(restApi(region, restApiId), resourceId), embed?.includes('methods') ?? false),
    GetMethod: ({ restApiId, resourceId, httpMethod }, { region }) =>
      describeMethod(method(restApi(region, restApiId), resourceId, httpMethod)),
    GetIntegration: ({ restApiId, resourceId, httpMethod }, { region }) => {
      const found = method(restApi(region, restApiId), resourceId, httpMethod).integration;
      if (!found) throw new AwsError('NotFoundException', 'No integration defined for method');
      return describeMethod({ httpMethod, authorizationType: 'NONE', integration: found }).methodIntegration!;
    },
    GetAuthorizers: ({ restApiId, position, limit }, { region }) => {
      const found = page(restApi(region, restApiId).authorizers, position, limit);
      return { ...found, items: found.items.map(describeAuthorizer) };
    },
    GetAuthorizer: ({ restApiId, authorizerId }, { region }) => {
      const found = restApi(region, restApiId).authorizers.find((item) => item.id === authorizerId);
      if (!found) throw new AwsError('NotFoundException', 'Invalid Authorizer identifier specified');
      return describeAuthorizer(found);
    },
    GetDeployments: ({ restApiId, position, limit }, { region }) => {
      const found = page(restApi(region, restApiId).deployments, position, limit);
      return { ...found, items: found.items.map(describeDeployment) };
    },
    GetDeployment: ({ restApiId, deploymentId }, { region }) => {
      const found = restApi(region, restApiId).deployments.find((item) => item.id === deploymentId);
      if (!found) throw new AwsError('NotFoundException', 'Invalid Deployment identifier specified');
      return describeDeployment(found);
    },
    GetStages: ({ restApiId, deploymentId }, { region }) => ({
      item: restApi(region, restApiId)
        .stages.filter((stage) => !deploymentId || stage.deploymentId === deploymentId)
        .map(describeStage),
    }),
    GetStage: ({ restApiId, stageName }, { region }) => {
      const stage = restApi(region, restApiId).stages.find((item) => item.stageName === stageName);
      if (!stage) throw new AwsError('NotFoundException', 'Invalid Stage identifier specified');
      return describeStage(stage);
    },
    GetTags: ({ resourceArn }, { region }) => {
      // arn:aws:apigateway:<region>::/restapis/<id>
      const id = /^arn:[^:]+:apigateway:[^:]*::\/restapis\/([^/]+)$/.exec(resourceArn)?.[1];
      if (!id) throw new AwsError('NotFoundException', `Invalid resource identifier specified ${resourceArn}`);
      return { tags: restApi(region, id).tags };
    },
  };
}

function describeRestApi(api: RestApiRecord): RestApi {
  return {
    id: api.id,
    name: api.name,
    ...(api.description ? { description: api.description } : {}),
    createdDate: new Date(api.createdDate),
    apiKeySource: 'HEADER',
    endpointConfiguration: { types: api.endpointTypes },
    disableExecuteApiEndpoint: false,
    rootResourceId: api.rootResourceId,
    tags: api.tags,
  };
}

/** Without `embed=methods` AWS lists each method as an empty object; with it, the whole method. */
function describeResource(resource: RestResourceRecord, withMethods: boolean): Resource {
  const methods = Object.values(resource.methods);
  return {
    id: resource.id,
    ...(resource.parentId ? { parentId: resource.parentId, pathPart: resource.pathPart } : {}),
    path: resource.path,
    ...(methods.length > 0
      ? {
          resourceMethods: Object.fromEntries(
            methods.map((method) => [method.httpMethod, withMethods ? describeMethod(method) : {}]),
          ),
        }
      : {}),
  };
}

function describeMethod(method: RestMethodRecord): Method {
  const integration = method.integration;
  return {
    httpMethod: method.httpMethod,
    authorizationType: method.authorizationType,
    apiKeyRequired: false,
    ...(method.authorizerId ? { authorizerId: method.authorizerId } : {}),
    ...(method.authorizationScopes ? { authorizationScopes: method.authorizationScopes } : {}),
    ...(integration
      ? {
          methodIntegration: {
            type: integration.type,
            ...(integration.uri ? { uri: integration.uri } : {}),
            // Lambda proxy integrations always call Lambda with POST, whatever the method.
            ...(integration.type === 'AWS_PROXY' ? { httpMethod: 'POST' } : {}),
            passthroughBehavior: 'WHEN_NO_MATCH',
            timeoutInMillis: 29000,
            cacheNamespace: method.httpMethod,
            cacheKeyParameters: [],
          },
        }
      : {}),
  };
}

function describeAuthorizer(authorizer: ApiAuthorizerRecord): Authorizer {
  const sources = [
    ...authorizer.identityHeaders.map((name) => `method.request.header.${name}`),
    ...authorizer.identityQueryStrings.map((name) => `method.request.querystring.${name}`),
  ];
  return {
    id: authorizer.id,
    name: authorizer.name,
    type: authorizer.type,
    ...(authorizer.authorizerUri ? { authorizerUri: authorizer.authorizerUri } : {}),
    ...(authorizer.providerArns ? { providerARNs: authorizer.providerArns } : {}),
    ...(sources.length > 0 ? { identitySource: sources.join(', ') } : {}),
  };
}

function describeDeployment(deployment: RestApiRecord['deployments'][number]): Deployment {
  return {
    id: deployment.id,
    createdDate: new Date(deployment.createdDate),
    ...(deployment.description ? { description: deployment.description } : {}),
  };
}

function describeStage(stage: StageRecord): Stage {
  return {
    stageName: stage.stageName,
    ...(stage.deploymentId ? { deploymentId: stage.deploymentId } : {}),
    ...(stage.description ? { description: stage.description } : {}),
    variables: stage.variables,
    cacheClusterEnabled: false,
    cacheClusterStatus: 'NOT_AVAILABLE',
    tracingEnabled: false,
    createdDate: new Date(stage.createdDate),
    lastUpdatedDate: new Date(stage.lastUpdatedDate),
  };
}
