// Template-aware API Gateway events: the route's path with sample values, the method, the API's stage and id,
// request parameters the route declares, and Cognito claims when a user pool authorizer guards the route.
import { getMapValue, type TemplateNode } from '../template/templateTree';
import { sampleAuthorizedRequest, type AuthorizedRequestSample } from './authorizerSamples';
import type { FunctionEventSource } from './functionEventSources';
import { routeAuthorization } from './routeAuthorization';
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

/** A REST API (payload 1.0) request for an `Api` event. */
/** What the route's authorizer adds to a request, when one guards it. */
function authorizedSample(
  source: FunctionEventSource,
  functionId: string,
  resolver: TemplateValueResolver,
): AuthorizedRequestSample | undefined {
  const auth = routeAuthorization(resolver.template, resolver, functionId, source.name);
  return auth ? sampleAuthorizedRequest(auth, resolver.context) : undefined;
}

export function apiSourceEvent(
  source: FunctionEventSource,
  functionId: string,
  resolver: TemplateValueResolver,
): SourceEvent {
  const node = (name: string) => getMapValue(source.properties, name);
  const path = resolver.resolveString(node('Path')) ?? '/';
  const method = resolver.resolveString(node('Method')) ?? 'GET';
  const api = routeApi(resolver, node('RestApiId'), 'ServerlessRestApi', 'Prod');
  const parameters = declaredRequestParameters(resolver, node('RequestParameters'));
  const authorized = authorizedSample(source, functionId, resolver);
  const headers = { ...parameters.headers, ...authorized?.headers };
  const event = generateRestApiEvent(
    {
      method,
      resource: path,
      stage: api.stage,
      apiId: api.apiId,
      ...(parameters.queryString ? { queryString: parameters.queryString } : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
      ...(authorized && authorized.authorizer['iam'] === undefined ? { authorizer: authorized.authorizer } : {}),
    },
    resolver.context,
  );
  const notes = [`${event.httpMethod} ${event.path} on stage ${api.stage} of ${api.logicalId}.`];
  if (method.toUpperCase() === 'ANY') notes.push('The route accepts any method; the sample uses GET.');
  notes.push(...(authorized?.notes ?? []));
  return { sourceId: 'apigateway-rest', event, notes };
}

/** An HTTP API request for an `HttpApi` event: payload 2.0, or 1.0 when the event asks for it. */
export function httpApiSourceEvent(
  source: FunctionEventSource,
  functionId: string,
  resolver: TemplateValueResolver,
): SourceEvent {
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
  const authorized = authorizedSample(source, functionId, resolver);
  const event = generateHttpApiEvent(
    {
      method: method ?? 'GET',
      resource: path ?? '/',
      stage: api.stage,
      apiId: api.apiId,
      routeKey,
      ...(authorized ? { headers: authorized.headers, authorizer: authorized.authorizer } : {}),
    },
    resolver.context,
  );
  notes.push(...(authorized?.notes ?? []));
  const authorizer = authorized?.eventType ? { authorizer: authorized.eventType.name } : undefined;
  return { sourceId: 'apigateway-http', event, notes, ...(authorizer ? { typeValues: authorizer } : {}) };
}
