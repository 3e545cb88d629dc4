// AWS::ApiGateway::RestApi, Resource, Method, Authorizer, Deployment and Stage in the local API Gateway, so a
// deployed REST API answers on 127.0.0.1 (src/localcloud/apigateway/deployedApiRouter.ts). A RestApi's Body (or
// BodyS3Location) is imported as API Gateway imports OpenAPI; a Deployment freezes the API as it is, and a Stage
// serves one deployment.
import type { JsonObject } from '../../../../core/template/templateJson';
import {
  newApiGatewayId,
  type ApiStore,
  type RestApiRecord,
  type RestResourceRecord,
} from '../../../apigateway/apiStore';
import { identitySources, importRestApiBody, responseHeaders } from '../../../apigateway/openApiImport';
import type { RegionalState } from '../../../regionalState';
import {
  listProperty,
  objectProperty,
  stringProperty,
  type ProviderContext,
  type ResourceProvider,
} from '../resourceProvider';
import { apiDefinitionBody, apiTags, stageVariables } from './apiDefinitionBody';

type Stores = RegionalState<ApiStore>;

function requireRestApi(stores: Stores, context: ProviderContext, properties: JsonObject): RestApiRecord {
  const id = stringProperty(properties, 'RestApiId') ?? '';
  const api = stores.get(context.region).restApi(id);
  if (!api) throw new Error(`Invalid API identifier specified ${context.accountId}:${id}`);
  return api;
}

function strings(properties: JsonObject, name: string): string[] {
  return (listProperty(properties, name) ?? []).flatMap((item) => (typeof item === 'string' ? [item] : []));
}

/** The API's resources and authorizers from its Body; without one, the root resource only. */
function importedDefinition(properties: JsonObject, context: ProviderContext, rootResourceId: string) {
  const body = apiDefinitionBody(properties, context);
  if (!body) return { resources: [{ id: rootResourceId, path: '/', methods: {} }], authorizers: [] };
  return importRestApiBody(body, rootResourceId);
}

export function restApiProviders(stores: Stores): ResourceProvider[] {
  const restApi: ResourceProvider = {
    type: 'AWS::ApiGateway::RestApi',
    create(properties, context) {
      const id = newApiGatewayId();
      context.claimPhysicalId(id);
      const rootResourceId = newApiGatewayId();
      const body = apiDefinitionBody(properties, context);
      const title = body && objectProperty(body, 'info') ? stringProperty(objectProperty(body, 'info')!, 'title') : '';
      const endpoint = objectProperty(properties, 'EndpointConfiguration');
      stores.get(context.region).putRestApi({
        id,
        name: stringProperty(properties, 'Name') ?? (title || context.logicalId),
        ...(stringProperty(properties, 'Description')
          ? { description: stringProperty(properties, 'Description') }
          : {}),
        createdDate: context.clock.now().toISOString(),
        rootResourceId,
        ...importedDefinition(properties, context, rootResourceId),
        deployments: [],
        stages: [],
        endpointTypes: endpoint ? strings(endpoint, 'Types') : ['EDGE'],
        tags: apiTags(properties, body),
      });
      return Promise.resolve({ physicalId: id, attributes: { RootResourceId: rootResourceId, RestApiId: id } });
    },
    update(update, context) {
      const store = stores.get(context.region);
      const api = store.restApi(update.current.physicalId);
      if (api) {
        Object.assign(api, importedDefinition(update.properties, context, api.rootResourceId));
        api.name = stringProperty(update.properties, 'Name') ?? api.name;
        api.tags = apiTags(update.properties, apiDefinitionBody(update.properties, context));
        store.save();
      }
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      stores.get(context.region).deleteRestApi(deletion.physicalId);
      return Promise.resolve();
    },
  };

  const resource: ResourceProvider = {
    type: 'AWS::ApiGateway::Resource',
    create(properties, context) {
      const api = requireRestApi(stores, context, properties);
      const parentId = stringProperty(properties, 'ParentId') ?? '';
      const parent = api.resources.find((candidate) => candidate.id === parentId);
      if (!parent) throw new Error(`Invalid Resource identifier specified: ${parentId}`);
      const pathPart = stringProperty(properties, 'PathPart') ?? '';
      const path = `${parent.path === '/' ? '' : parent.path}/${pathPart}`;
      if (api.resources.some((candidate) => candidate.path === path)) {
        throw new Error(`Another resource with the same parent already has this name: ${pathPart}`);
      }
      const id = newApiGatewayId(6);
      api.resources.push({ id, parentId, pathPart, path, methods: {} });
      stores.get(context.region).save();
      return Promise.resolve({ physicalId: id, attributes: { ResourceId: id } });
    },
    update(update) {
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.restApi(stringProperty(deletion.properties, 'RestApiId') ?? '');
      if (api) {
        api.resources = api.resources.filter((candidate) => candidate.id !== deletion.physicalId);
        store.save();
      }
      return Promise.resolve();
    },
  };

  const resourceOf = (api: RestApiRecord, properties: JsonObject): RestResourceRecord => {
    const id = stringProperty(properties, 'ResourceId') ?? '';
    const found = api.resources.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`Invalid Resource identifier specified: ${id}`);
    return found;
  };
  const putMethod = (properties: JsonObject, context: ProviderContext) => {
    const api = requireRestApi(stores, context, properties);
    const target = resourceOf(api, properties);
    const httpMethod = (stringProperty(properties, 'HttpMethod') ?? 'ANY').toUpperCase();
    const integration = objectProperty(properties, 'Integration');
    const type = integration ? (stringProperty(integration, 'Type') ?? 'MOCK').toUpperCase() : undefined;
    const first = integration ? (listProperty(integration, 'IntegrationResponses') ?? [])[0] : undefined;
    const firstResponse: JsonObject = first !== null && typeof first === 'object' && !Array.isArray(first) ? first : {};
    target.methods[httpMethod] = {
      httpMethod,
      authorizationType: stringProperty(properties, 'AuthorizationType') ?? 'NONE',
      ...(stringProperty(properties, 'AuthorizerId')
        ? { authorizerId: stringProperty(properties, 'AuthorizerId') }
        : {}),
      ...(strings(properties, 'AuthorizationScopes').length
        ? { authorizationScopes: strings(properties, 'AuthorizationScopes') }
        : {}),
      ...(integration && type
        ? {
            integration: {
              type,
              ...(stringProperty(integration, 'Uri') ? { uri: stringProperty(integration, 'Uri') } : {}),
              ...(type === 'MOCK'
                ? {
                    mockResponse: {
                      statusCode: Number(stringProperty(firstResponse, 'StatusCode') ?? '200') || 200,
                      headers: responseHeaders(objectProperty(firstResponse, 'ResponseParameters') ?? {}),
                    },
                  }
                : {}),
            },
          }
        : {}),
    };
    stores.get(context.region).save();
    return `${api.id}-${target.id}-${httpMethod}`;
  };
  const method: ResourceProvider = {
    type: 'AWS::ApiGateway::Method',
    create(properties, context) {
      return Promise.resolve({ physicalId: putMethod(properties, context) });
    },
    update(update, context) {
      return Promise.resolve({ physicalId: putMethod(update.properties, context) });
    },
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.restApi(stringProperty(deletion.properties, 'RestApiId') ?? '');
      const target = api?.resources.find(
        (candidate) => candidate.id === stringProperty(deletion.properties, 'ResourceId'),
      );
      if (target) {
        delete target.methods[(stringProperty(deletion.properties, 'HttpMethod') ?? '').toUpperCase()];
        store.save();
      }
      return Promise.resolve();
    },
  };

  const authorizerRecord = (id: string, properties: JsonObject) => {
    const identity = identitySources([
      stringProperty(properties, 'IdentitySource') ?? 'method.request.header.Authorization',
    ]);
    return {
      id,
      name: stringProperty(properties, 'Name') ?? id,
      type: (stringProperty(properties, 'Type') ?? 'TOKEN').toUpperCase(),
      ...(stringProperty(properties, 'AuthorizerUri')
        ? { authorizerUri: stringProperty(properties, 'AuthorizerUri') }
        : {}),
      identityHeaders: identity.headers,
      identityQueryStrings: identity.queryStrings,
      ...(strings(properties, 'ProviderARNs').length ? { providerArns: strings(properties, 'ProviderARNs') } : {}),
    };
  };
  const authorizer: ResourceProvider = {
    type: 'AWS::ApiGateway::Authorizer',
    create(properties, context) {
      const api = requireRestApi(stores, context, properties);
      const id = newApiGatewayId(6);
      api.authorizers.push(authorizerRecord(id, properties));
      stores.get(context.region).save();
      return Promise.resolve({ physicalId: id, attributes: { AuthorizerId: id } });
    },
    update(update, context) {
      const api = requireRestApi(stores, context, update.properties);
      const id = update.current.physicalId;
      api.authorizers = [...api.authorizers.filter((item) => item.id !== id), authorizerRecord(id, update.properties)];
      stores.get(context.region).save();
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.restApi(stringProperty(deletion.properties, 'RestApiId') ?? '');
      if (api) {
        api.authorizers = api.authorizers.filter((item) => item.id !== deletion.physicalId);
        store.save();
      }
      return Promise.resolve();
    },
  };

  const putStage = (
    api: RestApiRecord,
    stageName: string,
    deploymentId: string,
    properties: JsonObject,
    context: ProviderContext,
  ) => {
    const now = context.clock.now().toISOString();
    const existing = api.stages.find((stage) => stage.stageName === stageName);
    const stage = {
      stageName,
      deploymentId,
      variables: stageVariables(objectProperty(properties, 'Variables')),
      ...(stringProperty(properties, 'Description') ? { description: stringProperty(properties, 'Description') } : {}),
      createdDate: existing?.createdDate ?? now,
      lastUpdatedDate: now,
    };
    api.stages = [...api.stages.filter((item) => item.stageName !== stageName), stage];
  };
  const deployment: ResourceProvider = {
    type: 'AWS::ApiGateway::Deployment',
    create(properties, context) {
      const api = requireRestApi(stores, context, properties);
      const id = newApiGatewayId(6);
      api.deployments.push({
        id,
        createdDate: context.clock.now().toISOString(),
        ...(stringProperty(properties, 'Description')
          ? { description: stringProperty(properties, 'Description') }
          : {}),
        resources: structuredClone(api.resources),
        authorizers: structuredClone(api.authorizers),
      });
      // StageName creates (or moves) that stage onto the new deployment.
      const stageName = stringProperty(properties, 'StageName');
      if (stageName) putStage(api, stageName, id, objectProperty(properties, 'StageDescription') ?? {}, context);
      stores.get(context.region).save();
      return Promise.resolve({ physicalId: id, attributes: { DeploymentId: id } });
    },
    update(update) {
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.restApi(stringProperty(deletion.properties, 'RestApiId') ?? '');
      if (api) {
        api.deployments = api.deployments.filter((item) => item.id !== deletion.physicalId);
        api.stages = api.stages.filter((stage) => stage.deploymentId !== deletion.physicalId);
        store.save();
      }
      return Promise.resolve();
    },
  };

  const stage: ResourceProvider = {
    type: 'AWS::ApiGateway::Stage',
    create(properties, context) {
      const api = requireRestApi(stores, context, properties);
      const stageName = stringProperty(properties, 'StageName') ?? '';
      if (!/^[a-zA-Z0-9_-]+$/.test(stageName)) {
        throw new Error('Stage name only allows a-zA-Z0-9_');
      }
      putStage(api, stageName, stringProperty(properties, 'DeploymentId') ?? '', properties, context);
      stores.get(context.region).save();
      return Promise.resolve({ physicalId: stageName });
    },
    update(update, context) {
      const api = requireRestApi(stores, context, update.properties);
      putStage(
        api,
        update.current.physicalId,
        stringProperty(update.properties, 'DeploymentId') ?? '',
        update.properties,
        context,
      );
      stores.get(context.region).save();
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.restApi(stringProperty(deletion.properties, 'RestApiId') ?? '');
      if (api) {
        api.stages = api.stages.filter((item) => item.stageName !== deletion.physicalId);
        store.save();
      }
      return Promise.resolve();
    },
    requiresReplacement: (changed) => changed.some((name) => name === 'RestApiId' || name === 'StageName'),
  };

  return [restApi, resource, method, authorizer, deployment, stage];
}
