// AWS::ApiGatewayV2::Api, Integration, Route and Authorizer in the local API Gateway, so a deployed HTTP API
// answers on 127.0.0.1 (its Deployments and Stages: httpApiStages.ts). An Api's Body (SAM writes one) is imported
// as OpenAPI; quick create (Target) makes the `$default` route and an auto-deployed `$default` stage.
import type { JsonObject } from '../../../../core/template/templateJson';
import { newApiGatewayId, type ApiStore, type HttpApiRecord } from '../../../apigateway/apiStore';
import { identitySources, importHttpApiBody } from '../../../apigateway/openApiImport';
import type { RegionalState } from '../../../regionalState';
import {
  listProperty,
  objectProperty,
  stringProperty,
  type ProviderContext,
  type ResourceProvider,
} from '../resourceProvider';
import { apiDefinitionBody, apiTags } from './apiDefinitionBody';
import { httpApiStageProviders, requireHttpApi } from './httpApiStages';

type Stores = RegionalState<ApiStore>;

function strings(properties: JsonObject, name: string): string[] {
  const value = properties[name];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.flatMap((item) => (typeof item === 'string' && item.trim() ? [item.trim()] : []));
}

function payloadFormat(properties: JsonObject, name: string): '1.0' | '2.0' | undefined {
  const value = stringProperty(properties, name);
  return value === '1.0' || value === '2.0' ? value : undefined;
}

/** A child of an HTTP API (integration, route, authorizer) kept in one of its lists. */
function childProvider<Item extends object>(
  stores: Stores,
  type: string,
  list: (api: HttpApiRecord) => Item[],
  idOf: (item: Item) => string,
  build: (id: string, properties: JsonObject) => Item,
  attribute: string,
): ResourceProvider {
  const put = (id: string, properties: JsonObject, context: ProviderContext) => {
    const api = requireHttpApi(stores, context, properties);
    const items = list(api);
    const index = items.findIndex((item) => idOf(item) === id);
    if (index >= 0) items[index] = build(id, properties);
    else items.push(build(id, properties));
    stores.get(context.region).save();
    return { physicalId: id, attributes: { [attribute]: id } };
  };
  return {
    type,
    create: (properties, context) => Promise.resolve(put(newApiGatewayId(7), properties, context)),
    update: (update, context) => Promise.resolve(put(update.current.physicalId, update.properties, context)),
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.httpApi(stringProperty(deletion.properties, 'ApiId') ?? '');
      if (api) {
        const items = list(api);
        const index = items.findIndex((item) => idOf(item) === deletion.physicalId);
        if (index >= 0) items.splice(index, 1);
        store.save();
      }
      return Promise.resolve();
    },
    requiresReplacement: (changed) => changed.includes('ApiId'),
  };
}

export function httpApiProviders(stores: Stores): ResourceProvider[] {
  const definition = (properties: JsonObject, context: ProviderContext) => {
    const body = apiDefinitionBody(properties, context);
    if (body) return importHttpApiBody(body);
    const target = stringProperty(properties, 'Target');
    if (!target) return { routes: [], integrations: [], authorizers: [] };
    // Quick create: one Lambda proxy integration behind the route key (default `$default`).
    const integrationId = newApiGatewayId(7);
    return {
      routes: [
        {
          routeId: newApiGatewayId(7),
          routeKey: stringProperty(properties, 'RouteKey') ?? '$default',
          target: `integrations/${integrationId}`,
          authorizationType: 'NONE',
        },
      ],
      integrations: [{ integrationId, type: 'AWS_PROXY', uri: target, payloadFormatVersion: '2.0' as const }],
      authorizers: [],
    };
  };
  const api: ResourceProvider = {
    type: 'AWS::ApiGatewayV2::Api',
    create(properties, context) {
      const id = newApiGatewayId();
      context.claimPhysicalId(id);
      const body = apiDefinitionBody(properties, context);
      const info = body ? objectProperty(body, 'info') : undefined;
      const now = context.clock.now().toISOString();
      const record: HttpApiRecord = {
        apiId: id,
        name: stringProperty(properties, 'Name') ?? (info && stringProperty(info, 'title')) ?? context.logicalId,
        ...(stringProperty(properties, 'Description')
          ? { description: stringProperty(properties, 'Description') }
          : {}),
        protocolType: stringProperty(properties, 'ProtocolType') ?? 'HTTP',
        createdDate: now,
        routeSelectionExpression:
          stringProperty(properties, 'RouteSelectionExpression') ?? '$request.method $request.path',
        ...definition(properties, context),
        stages: stringProperty(properties, 'Target')
          ? [{ stageName: '$default', autoDeploy: true, variables: {}, createdDate: now, lastUpdatedDate: now }]
          : [],
        tags: apiTags(properties, body),
      };
      stores.get(context.region).putHttpApi(record);
      const endpoint = `https://${id}.execute-api.${context.region}.amazonaws.com`;
      return Promise.resolve({ physicalId: id, attributes: { ApiId: id, ApiEndpoint: endpoint } });
    },
    update(update, context) {
      const store = stores.get(context.region);
      const record = store.httpApi(update.current.physicalId);
      if (record) {
        Object.assign(record, definition(update.properties, context));
        record.name = stringProperty(update.properties, 'Name') ?? record.name;
        record.tags = apiTags(update.properties, apiDefinitionBody(update.properties, context));
        store.save();
      }
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      stores.get(context.region).deleteHttpApi(deletion.physicalId);
      return Promise.resolve();
    },
  };

  const integration = childProvider(
    stores,
    'AWS::ApiGatewayV2::Integration',
    (record) => record.integrations,
    (item) => item.integrationId,
    (id, properties) => ({
      integrationId: id,
      type: (stringProperty(properties, 'IntegrationType') ?? 'AWS_PROXY').toUpperCase(),
      ...(stringProperty(properties, 'IntegrationUri') ? { uri: stringProperty(properties, 'IntegrationUri') } : {}),
      ...(payloadFormat(properties, 'PayloadFormatVersion')
        ? { payloadFormatVersion: payloadFormat(properties, 'PayloadFormatVersion') }
        : {}),
    }),
    'IntegrationId',
  );
  const route = childProvider(
    stores,
    'AWS::ApiGatewayV2::Route',
    (record) => record.routes,
    (item) => item.routeId,
    (id, properties) => ({
      routeId: id,
      routeKey: stringProperty(properties, 'RouteKey') ?? '$default',
      ...(stringProperty(properties, 'Target') ? { target: stringProperty(properties, 'Target') } : {}),
      authorizationType: stringProperty(properties, 'AuthorizationType') ?? 'NONE',
      ...(stringProperty(properties, 'AuthorizerId')
        ? { authorizerId: stringProperty(properties, 'AuthorizerId') }
        : {}),
      ...(strings(properties, 'AuthorizationScopes').length
        ? { authorizationScopes: strings(properties, 'AuthorizationScopes') }
        : {}),
    }),
    'RouteId',
  );
  const authorizer = childProvider(
    stores,
    'AWS::ApiGatewayV2::Authorizer',
    (record) => record.authorizers,
    (item) => item.id,
    (id, properties) => {
      const identity = identitySources(strings(properties, 'IdentitySource'));
      const jwt = objectProperty(properties, 'JwtConfiguration') ?? {};
      const audience = listProperty(jwt, 'Audience') ?? [];
      return {
        id,
        name: stringProperty(properties, 'Name') ?? id,
        type: (stringProperty(properties, 'AuthorizerType') ?? 'REQUEST').toUpperCase(),
        ...(stringProperty(properties, 'AuthorizerUri')
          ? { authorizerUri: stringProperty(properties, 'AuthorizerUri') }
          : {}),
        identityHeaders: identity.headers,
        identityQueryStrings: identity.queryStrings,
        ...(stringProperty(jwt, 'Issuer') ? { issuer: stringProperty(jwt, 'Issuer') } : {}),
        ...(audience.length ? { audience: audience.map(String) } : {}),
        ...(stringProperty(properties, 'AuthorizerPayloadFormatVersion')
          ? { payloadFormatVersion: stringProperty(properties, 'AuthorizerPayloadFormatVersion') }
          : {}),
        ...(properties['EnableSimpleResponses'] === true || properties['EnableSimpleResponses'] === 'true'
          ? { enableSimpleResponses: true }
          : {}),
      };
    },
    'AuthorizerId',
  );
  return [api, integration, route, authorizer, ...httpApiStageProviders(stores)];
}
