// Template-aware API Gateway events: the route's path with sample values, the method, the API's stage and id,
// request parameters the route declares, and Cognito claims when a user pool authorizer guards the route.
import { getMapValue, type TemplateNode } from '../template/templateTree';
import { stableUuid } from '../template/resolve/stableId';
import { urlSuffixOf } from '../template/resolve/stackIdentity';
import type { FunctionEventSource } from './functionEventSources';
import { generateHttpApiEvent, generateRestApiEvent } from './httpEvents';
import type { SourceEvent } from './templateEvents';
import type { TemplateValueResolver } from './templateValueResolver';

/** The API a route belongs to: SAM's implicit API unless the event names one. */
function routeApi(
  resolver: TemplateValueResolver,
  apiNode: TemplateNode | undefined,
  implicit: 'ServerlessRestApi' | 'ServerlessHttpApi',
  defaultStage: string,
): { logicalId: string; apiId: string; stage: string; properties: TemplateNode | undefined } {
  const declared = resolver.referencedResource(apiNode);
  if (!declared) {
    return { logicalId: implicit, apiId: resolver.apiId(implicit), stage: defaultStage, properties: undefined };
  }
  const properties = resolver.resourceProperties(declared);
  const stage = resolver.resolveString(getMapValue(properties, 'StageName')) ?? defaultStage;
  return { logicalId: declared, apiId: resolver.apiId(declared), stage, properties };
}

/** Query string and headers a REST route declares as request parameters, with sample values. */
function declaredRequestParameters(resolver: TemplateValueResolver, node: TemplateNode | undefined) {
  const value = resolver.resolveValue(node);
  const names = (Array.isArray(value) ? value : []).flatMap((entry: unknown) =>
    typeof entry === 'string' ? [entry] : typeof entry === 'object' && entry !== null ? Object.keys(entry) : [],
  );
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  for (const name of names) {
    const queryName = /^method\.request\.querystring\.(.+)$/.exec(name)?.[1];
    const headerName = /^method\.request\.header\.(.+)$/.exec(name)?.[1];
    if (queryName) query.append(queryName, `${queryName.toLowerCase()}-1`);
    if (headerName) headers[headerName] = `${headerName.toLowerCase()}-1`;
  }
  return { queryString: query.toString(), headers };
}

/** Claims a Cognito user pool authorizer passes, when the route's authorizer is one. */
function cognitoClaims(
  resolver: TemplateValueResolver,
  source: FunctionEventSource,
  apiProperties: TemplateNode | undefined,
): Record<string, string> | undefined {
  const auth = getMapValue(apiProperties, 'Auth');
  const name =
    resolver.resolveString(getMapValue(getMapValue(source.properties, 'Auth'), 'Authorizer')) ??
    resolver.resolveString(getMapValue(auth, 'DefaultAuthorizer'));
  if (!name || name === 'NONE' || name === 'AWS_IAM') return undefined;
  const authorizer = getMapValue(getMapValue(auth, 'Authorizers'), name);
  const poolArn = resolver.resolveString(getMapValue(authorizer, 'UserPoolArn'));
  if (!poolArn) return undefined;
  const context = resolver.context;
  const poolId = poolArn.split('/').pop() ?? `${context.region}_pool`;
  const sub = stableUuid(`user:${poolId}`);
  const issued = Math.floor(context.now.getTime() / 1000) - 60;
  return {
    sub,
    email_verified: 'true',
    iss: `https://cognito-idp.${context.region}.${urlSuffixOf(context)}/${poolId}`,
    'cognito:username': sub,
    aud: stableUuid(`client:${poolId}`).replace(/-/g, '').slice(0, 26),
    token_use: 'id',
    auth_time: String(issued),
    exp: new Date((issued + 3600) * 1000).toUTCString(),
    iat: new Date(issued * 1000).toUTCString(),
    email: 'jane.doe@example.com',
  };
}

/** A REST API (payload 1.0) request for an `Api` event. */
export function apiSourceEvent(source: FunctionEventSource, resolver: TemplateValueResolver): SourceEvent {
  const node = (name: string) => getMapValue(source.properties, name);
  const path = resolver.resolveString(node('Path')) ?? '/';
  const method = resolver.resolveString(node('Method')) ?? 'GET';
  const api = routeApi(resolver, node('RestApiId'), 'ServerlessRestApi', 'Prod');
  const parameters = declaredRequestParameters(resolver, node('RequestParameters'));
  const claims = cognitoClaims(resolver, source, api.properties);
  const event = generateRestApiEvent(
    {
      method,
      resource: path,
      stage: api.stage,
      apiId: api.apiId,
      ...(parameters.queryString ? { queryString: parameters.queryString } : {}),
      ...(Object.keys(parameters.headers).length ? { headers: parameters.headers } : {}),
      ...(claims ? { cognitoClaims: claims } : {}),
    },
    resolver.context,
  );
  const notes = [`${event.httpMethod} ${event.path} on stage ${api.stage} of ${api.logicalId}.`];
  if (method.toUpperCase() === 'ANY') notes.push('The route accepts any method; the sample uses GET.');
  if (claims) notes.push('Carries the claims of a signed-in user of the Cognito authorizer.');
  return { sourceId: 'apigateway-rest', event, notes };
}

/** An HTTP API request for an `HttpApi` event: payload 2.0, or 1.0 when the event asks for it. */
export function httpApiSourceEvent(source: FunctionEventSource, resolver: TemplateValueResolver): SourceEvent {
  const node = (name: string) => getMapValue(source.properties, name);
  const path = resolver.resolveString(node('Path'));
  const method = resolver.resolveString(node('Method'));
  const api = routeApi(resolver, node('ApiId'), 'ServerlessHttpApi', '$default');
  const routeKey = path ? `${(method ?? 'ANY').toUpperCase()} ${path}` : '$default';
  const notes = [`Route ${routeKey} on stage ${api.stage} of ${api.logicalId}.`];
  if (!method || method.toUpperCase() === 'ANY') notes.push('The route accepts any method; the sample uses GET.');
  if (resolver.resolveString(node('PayloadFormatVersion')) === '1.0') {
    notes.push('PayloadFormatVersion 1.0: the REST API (v1) event shape.');
    const event = generateRestApiEvent(
      { method: method ?? 'GET', resource: path ?? '/', stage: api.stage, apiId: api.apiId },
      resolver.context,
    );
    return { sourceId: 'apigateway-rest', event, notes };
  }
  const event = generateHttpApiEvent(
    { method: method ?? 'GET', resource: path ?? '/', stage: api.stage, apiId: api.apiId, routeKey },
    resolver.context,
  );
  return { sourceId: 'apigateway-http', event, notes };
}
