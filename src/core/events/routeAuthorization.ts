// Which authorizer guards an API route, read from the template as SAM wires it: the event's `Auth.Authorizer`,
// else the API's `Auth.DefaultAuthorizer`, among the API's `Auth.Authorizers` (for SAM's implicit APIs, those of
// `Globals.Api` / `Globals.HttpApi`). Both the sample events and the local API use it, so a generated event and a
// served request of the same route carry the same kind of `requestContext.authorizer`.
import type { ParsedTemplate } from '../template/parseTemplate';
import type { TemplateResolver } from '../template/resolve/templateResolver';
import { getMapValue, type TemplateNode } from '../template/templateTree';

/** The authorizer of one route. */
export type RouteAuthorization =
  /** HTTP API JWT authorizer: the token's claims and scopes reach the function. */
  | { kind: 'jwt'; name: string; issuer: string | undefined; audience: string[]; scopes: string[]; header: string }
  /** REST API Cognito user pool authorizer: the ID (or, with scopes, access) token's claims. */
  | { kind: 'cognito'; name: string; userPoolArn: string | undefined; scopes: string[]; header: string }
  /** Lambda (custom) authorizer: what the authorizer function returns (principalId, context). */
  | {
      kind: 'lambda';
      name: string;
      api: 'rest' | 'http';
      /** REST: TOKEN or REQUEST; HTTP APIs: the authorizer payload format (1.0 or 2.0). */
      payload: 'TOKEN' | 'REQUEST' | '1.0' | '2.0';
      /** HTTP APIs with `EnableSimpleResponses`: `{isAuthorized, context}` instead of an IAM policy. */
      simpleResponses: boolean;
      /** The authorizer function's logical ID, when it is in the template. */
      functionLogicalId: string | undefined;
      /** Request headers the authorizer reads (its identity source). */
      headers: string[];
      queryStrings: string[];
    }
  | { kind: 'iam' };

/** The route's authorizer, or undefined when the route is open (no authorizer, or `NONE`). */
export function routeAuthorization(
  template: ParsedTemplate,
  resolver: TemplateResolver,
  functionId: string,
  eventName: string,
): RouteAuthorization | undefined {
  const event = getMapValue(getMapValue(resolver.resourceProperties(functionId), 'Events'), eventName);
  const eventType = resolver.resolveString(getMapValue(event, 'Type'));
  if (eventType !== 'Api' && eventType !== 'HttpApi') return undefined;
  const api = eventType === 'Api' ? 'rest' : 'http';
  const properties = getMapValue(event, 'Properties');
  const apiId = resolver.referencedResource(getMapValue(properties, api === 'rest' ? 'RestApiId' : 'ApiId'));
  const apiAuth = apiId
    ? getMapValue(resolver.resourceProperties(apiId), 'Auth')
    : getMapValue(getMapValue(getMapValue(template.root, 'Globals'), eventType), 'Auth');
  const eventAuth = getMapValue(properties, 'Auth');
  const name =
    resolver.resolveString(getMapValue(eventAuth, 'Authorizer')) ??
    resolver.resolveString(getMapValue(apiAuth, 'DefaultAuthorizer'));
  if (!name || name === 'NONE') return undefined;
  if (name === 'AWS_IAM') return { kind: 'iam' };
  const definition = getMapValue(getMapValue(apiAuth, 'Authorizers'), name);
  if (!definition) return undefined;
  const strings = (node: TemplateNode | undefined): string[] => {
    const value = resolver.resolveValue(node);
    return (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((item) =>
      typeof item === 'string' ? [item] : [],
    );
  };
  const eventScopes = strings(getMapValue(eventAuth, 'AuthorizationScopes'));
  const scopes = eventScopes.length ? eventScopes : strings(getMapValue(definition, 'AuthorizationScopes'));
  const identity = getMapValue(definition, 'Identity');
  if (getMapValue(definition, 'FunctionArn')) {
    const payload =
      api === 'rest'
        ? resolver.resolveString(getMapValue(definition, 'FunctionPayloadType')) === 'REQUEST'
          ? 'REQUEST'
          : 'TOKEN'
        : resolver.resolveString(getMapValue(definition, 'AuthorizerPayloadFormatVersion')) === '1.0'
          ? '1.0'
          : '2.0';
    const tokenHeader = resolver.resolveString(getMapValue(identity, 'Header')) ?? 'Authorization';
    const headers = payload === 'TOKEN' ? [tokenHeader] : strings(getMapValue(identity, 'Headers'));
    return {
      kind: 'lambda',
      name,
      api,
      payload,
      simpleResponses: resolver.resolveValue(getMapValue(definition, 'EnableSimpleResponses')) === true,
      functionLogicalId: resolver.referencedResource(getMapValue(definition, 'FunctionArn')),
      headers: headers.length || payload !== '2.0' ? headers : ['Authorization'],
      queryStrings: strings(getMapValue(identity, 'QueryStrings')),
    };
  }
  if (api === 'rest' && getMapValue(definition, 'UserPoolArn')) {
    const header = resolver.resolveString(getMapValue(identity, 'Header')) ?? 'Authorization';
    const pool = strings(getMapValue(definition, 'UserPoolArn'))[0];
    return { kind: 'cognito', name, userPoolArn: pool, scopes, header };
  }
  const jwt = getMapValue(definition, 'JwtConfiguration');
  if (api === 'http' && jwt) {
    const source = resolver.resolveString(getMapValue(definition, 'IdentitySource')) ?? '$request.header.Authorization';
    const header = /^\$request\.header\.(.+)$/.exec(source)?.[1] ?? 'Authorization';
    return {
      kind: 'jwt',
      name,
      issuer: resolver.resolveString(getMapValue(jwt, 'issuer') ?? getMapValue(jwt, 'Issuer')),
      audience: strings(getMapValue(jwt, 'audience') ?? getMapValue(jwt, 'Audience')),
      scopes,
      header,
    };
  }
  return undefined;
}
