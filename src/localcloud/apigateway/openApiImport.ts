// An API definition in OpenAPI (Swagger 2.0 or OpenAPI 3, as a RestApi's or an HTTP API's Body, which SAM writes)
// read the way API Gateway imports it: paths and methods with their `x-amazon-apigateway-integration`, the
// security requirement of each method and the authorizers of `securityDefinitions` / `components.securitySchemes`
// (`x-amazon-apigateway-authorizer`). Everything else in the document is ignored, as locally nothing needs it.
import type { JsonObject, JsonValue } from '../../core/template/templateJson';
import {
  newApiGatewayId,
  type ApiAuthorizerRecord,
  type ApiIntegration,
  type HttpIntegrationRecord,
  type HttpRouteRecord,
  type RestResourceRecord,
} from './apiStore';

const HTTP_METHODS = new Set([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'x-amazon-apigateway-any-method',
]);

/** REST API resources (one per path, parents included) with their methods, and the authorizers. */
export function importRestApiBody(
  body: JsonObject,
  rootResourceId: string,
): { resources: RestResourceRecord[]; authorizers: ApiAuthorizerRecord[] } {
  const authorizers = importAuthorizers(body);
  const resources = new Map<string, RestResourceRecord>([['/', { id: rootResourceId, path: '/', methods: {} }]]);
  const resourceAt = (path: string): RestResourceRecord => {
    const existing = resources.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf('/');
    const parent = resourceAt(cut <= 0 ? '/' : path.slice(0, cut));
    const created: RestResourceRecord = {
      id: newApiGatewayId(),
      parentId: parent.id,
      pathPart: path.slice(cut + 1),
      path,
      methods: {},
    };
    resources.set(path, created);
    return created;
  };
  for (const [rawPath, operations] of Object.entries(objectOf(body['paths']))) {
    const path = rawPath === '/' ? '/' : `/${rawPath.replace(/^\/+|\/+$/g, '')}`;
    const resource = resourceAt(path);
    for (const [name, operation] of Object.entries(objectOf(operations))) {
      if (!HTTP_METHODS.has(name.toLowerCase())) continue;
      const method = methodName(name);
      const security = securityOf(operation, body, authorizers);
      resource.methods[method] = {
        httpMethod: method,
        authorizationType: security.authorizer
          ? security.authorizer.type === 'COGNITO_USER_POOLS'
            ? 'COGNITO_USER_POOLS'
            : 'CUSTOM'
          : security.iam
            ? 'AWS_IAM'
            : 'NONE',
        ...(security.authorizer ? { authorizerId: security.authorizer.id } : {}),
        ...(security.scopes.length > 0 ? { authorizationScopes: security.scopes } : {}),
        ...integrationOf(objectOf(operation)),
      };
    }
  }
  return { resources: [...resources.values()], authorizers };
}

/** HTTP API routes (`GET /path`, `$default`) with their integrations, and the authorizers. */
export function importHttpApiBody(body: JsonObject): {
  routes: HttpRouteRecord[];
  integrations: HttpIntegrationRecord[];
  authorizers: ApiAuthorizerRecord[];
} {
  const authorizers = importAuthorizers(body);
  const routes: HttpRouteRecord[] = [];
  const integrations: HttpIntegrationRecord[] = [];
  for (const [path, operations] of Object.entries(objectOf(body['paths']))) {
    for (const [name, operation] of Object.entries(objectOf(operations))) {
      if (!HTTP_METHODS.has(name.toLowerCase())) continue;
      const method = methodName(name);
      const routeKey = path === '$default' ? '$default' : `${method} ${path}`;
      const security = securityOf(operation, body, authorizers);
      const integration = integrationOf(objectOf(operation)).integration;
      const integrationId = newApiGatewayId(7);
      if (integration) integrations.push({ ...integration, integrationId });
      routes.push({
        routeId: newApiGatewayId(7),
        routeKey,
        ...(integration ? { target: `integrations/${integrationId}` } : {}),
        authorizationType: security.authorizer
          ? security.authorizer.type === 'JWT'
            ? 'JWT'
            : 'CUSTOM'
          : security.iam
            ? 'AWS_IAM'
            : 'NONE',
        ...(security.authorizer ? { authorizerId: security.authorizer.id } : {}),
        ...(security.scopes.length > 0 ? { authorizationScopes: security.scopes } : {}),
      });
    }
  }
  return { routes, integrations, authorizers };
}

/** `method.request.header.Auth` or `$request.header.Auth` → header `Auth`; query strings likewise. */
export function identitySources(sources: readonly string[]): { headers: string[]; queryStrings: string[] } {
  const headers: string[] = [];
  const queryStrings: string[] = [];
  for (const source of sources.flatMap((text) => text.split(',')).map((text) => text.trim())) {
    const header = /^(?:method\.request|\$request)\.header\.(.+)$/.exec(source);
    const query = /^(?:method\.request|\$request)\.querystring\.(.+)$/.exec(source);
    if (header?.[1]) headers.push(header[1]);
    else if (query?.[1]) queryStrings.push(query[1]);
  }
  return { headers, queryStrings };
}

function importAuthorizers(body: JsonObject): ApiAuthorizerRecord[] {
  const schemes = {
    ...objectOf(body['securityDefinitions']),
    ...objectOf(objectOf(body['components'])['securitySchemes']),
  };
  const authorizers: ApiAuthorizerRecord[] = [];
  for (const [name, value] of Object.entries(schemes)) {
    const scheme = objectOf(value);
    const authorizer = objectOf(scheme['x-amazon-apigateway-authorizer']);
    const type = text(authorizer['type'])?.toUpperCase();
    if (!type) continue;
    const sources = text(authorizer['identitySource']);
    // Without an identity source, a TOKEN authorizer reads the header its scheme names.
    const headerName = text(scheme['in']) === 'header' ? text(scheme['name']) : undefined;
    const identity = sources
      ? identitySources([sources])
      : { headers: headerName && headerName !== 'Unused' ? [headerName] : ['Authorization'], queryStrings: [] };
    const jwt = objectOf(authorizer['jwtConfiguration']);
    const audience = jwt['audience'];
    authorizers.push({
      id: newApiGatewayId(6),
      name,
      type: type === 'COGNITO_USER_POOLS' ? 'COGNITO_USER_POOLS' : type,
      ...(text(authorizer['authorizerUri']) ? { authorizerUri: text(authorizer['authorizerUri']) } : {}),
      identityHeaders: identity.headers,
      identityQueryStrings: identity.queryStrings,
      ...(text(jwt['issuer']) ? { issuer: text(jwt['issuer']) } : {}),
      ...(Array.isArray(audience) ? { audience: audience.flatMap((item) => (text(item) ? [text(item)!] : [])) } : {}),
      ...(Array.isArray(authorizer['providerARNs'])
        ? { providerArns: authorizer['providerARNs'].flatMap((item) => (text(item) ? [text(item)!] : [])) }
        : {}),
      ...(text(authorizer['authorizerPayloadFormatVersion'])
        ? { payloadFormatVersion: text(authorizer['authorizerPayloadFormatVersion']) }
        : {}),
      ...(authorizer['enableSimpleResponses'] === true ? { enableSimpleResponses: true } : {}),
    });
  }
  return authorizers;
}

/** The operation's security requirement: the first authorizer it names (or the document's default), IAM. */
function securityOf(
  operation: JsonValue,
  body: JsonObject,
  authorizers: readonly ApiAuthorizerRecord[],
): { authorizer?: ApiAuthorizerRecord; iam: boolean; scopes: string[] } {
  const own = objectOf(operation)['security'];
  const requirements = Array.isArray(own) ? own : Array.isArray(body['security']) ? body['security'] : [];
  for (const requirement of requirements) {
    for (const [name, scopes] of Object.entries(objectOf(requirement))) {
      const scopeList = Array.isArray(scopes) ? scopes.flatMap((scope) => (text(scope) ? [text(scope)!] : [])) : [];
      if (name === 'sigv4' || name === 'AWS_IAM') return { iam: true, scopes: [] };
      const authorizer = authorizers.find((candidate) => candidate.name === name);
      if (authorizer) return { authorizer, iam: false, scopes: scopeList };
    }
  }
  return { iam: false, scopes: [] };
}

function integrationOf(operation: JsonObject): { integration?: ApiIntegration } {
  const integration = objectOf(operation['x-amazon-apigateway-integration']);
  const type = text(integration['type'])?.toUpperCase();
  if (!type) return {};
  const format = text(integration['payloadFormatVersion']);
  const result: ApiIntegration = {
    type,
    ...(text(integration['uri']) ? { uri: text(integration['uri']) } : {}),
    ...(format === '1.0' || format === '2.0' ? { payloadFormatVersion: format } : {}),
  };
  if (type === 'MOCK') {
    const responses = objectOf(integration['responses']);
    const chosen = objectOf(responses['default'] ?? Object.values(responses)[0]);
    result.mockResponse = {
      statusCode: Number(text(chosen['statusCode']) ?? '200') || 200,
      headers: responseHeaders(objectOf(chosen['responseParameters'])),
    };
  }
  return { integration: result };
}

/** `method.response.header.X: "'value'"` → `X: value` (static values only; mappings from the request are not). */
export function responseHeaders(parameters: JsonObject): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parameters)) {
    const header = /^method\.response\.header\.(.+)$/.exec(name)?.[1];
    const literal = /^'(.*)'$/s.exec(text(value) ?? '')?.[1];
    if (header && literal !== undefined) headers[header] = literal;
  }
  return headers;
}

function methodName(name: string): string {
  return name.toLowerCase() === 'x-amazon-apigateway-any-method' ? 'ANY' : name.toUpperCase();
}

function objectOf(value: JsonValue | undefined): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function text(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
