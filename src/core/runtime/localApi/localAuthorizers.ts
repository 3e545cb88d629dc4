// The local API's authorizers: what API Gateway does before it calls a route's function. JWT (HTTP APIs) and
// Cognito (REST APIs) authorizers read the token from the identity source header and pass its claims on (the
// signature is not verified locally: any well-formed token of the right shape gets through, as with a stub
// identity provider); Lambda authorizers run the authorizer function from the template through the same runtime
// pool and pass its principalId and context on, or answer 401/403 as API Gateway does.
import { createEventContext } from '../../events/eventContext';
import { iamAuthorizer } from '../../events/httpEvents';
import type { RouteAuthorization } from '../../events/routeAuthorization';
import type { FunctionDefinition, InvokeResult } from '../runtimeTypes';
import { jsonResponse, type HttpResponseParts } from './apiGatewayResponse';
import type { IncomingApiRequest } from './apiGatewayRequestEvent';
import type { ApiRoute } from './apiRoutes';

/** Runs a Lambda authorizer's function: the runtime pool locally, Lambda's Invoke in the local cloud. */
export interface AuthorizerRunner {
  invoke(
    definition: FunctionDefinition,
    request: { payload: string },
  ): Promise<Pick<InvokeResult, 'payload' | 'functionError'>>;
}

/** Let through with this `requestContext.authorizer`, or answered by API Gateway itself. */
export type AuthorizationOutcome =
  { allowed: true; authorizer: Record<string, unknown> } | { allowed: false; response: HttpResponseParts };

const UNAUTHORIZED = (): AuthorizationOutcome => ({
  allowed: false,
  response: jsonResponse(401, { message: 'Unauthorized' }),
});

/** Runs the route's authorizer on a request. `event` is the event the route's function would receive. */
export async function authorizeRequest(
  route: ApiRoute & { authorization: RouteAuthorization },
  request: IncomingApiRequest,
  event: { requestContext: object },
  pool: AuthorizerRunner,
): Promise<AuthorizationOutcome> {
  const auth = route.authorization;
  const header = (name: string) =>
    Object.entries(request.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  switch (auth.kind) {
    case 'iam': {
      // Signatures are not verified locally: the caller is taken to be a developer role of the account.
      const where = createEventContext({ region: route.definition.region, accountId: route.definition.accountId });
      const current = (event.requestContext as { authorizer?: Record<string, unknown> | null }).authorizer ?? {};
      return { allowed: true, authorizer: route.kind === 'http' ? iamAuthorizer(where) : current };
    }
    case 'jwt':
    case 'cognito': {
      const token = header(auth.header)?.replace(/^Bearer\s+/i, '');
      const claims = token ? decodeJwtClaims(token) : undefined;
      if (!claims) return UNAUTHORIZED();
      const granted = typeof claims['scope'] === 'string' ? claims['scope'].split(' ').filter(Boolean) : [];
      if (auth.scopes.length && !auth.scopes.some((scope) => granted.includes(scope))) {
        return { allowed: false, response: jsonResponse(403, { message: 'Forbidden' }) };
      }
      const strings = Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, claimText(value)]));
      return auth.kind === 'jwt'
        ? { allowed: true, authorizer: { jwt: { claims: strings, scopes: granted.length ? granted : null } } }
        : { allowed: true, authorizer: { claims: strings } };
    }
    case 'lambda':
      return runLambdaAuthorizer(route, auth, request, event, pool, header);
  }
}

async function runLambdaAuthorizer(
  route: ApiRoute,
  auth: RouteAuthorization & { kind: 'lambda' },
  request: IncomingApiRequest,
  event: { requestContext: object },
  pool: AuthorizerRunner,
  header: (name: string) => string | undefined,
): Promise<AuthorizationOutcome> {
  // API Gateway answers 401 without calling the authorizer when the identity source is missing.
  if (auth.headers.some((name) => header(name) === undefined)) return UNAUTHORIZED();
  const definition: FunctionDefinition | undefined = route.authorizerDefinition;
  if (!definition) {
    return { allowed: false, response: jsonResponse(500, { message: `Authorizer ${auth.name} cannot run locally` }) };
  }
  const context = event.requestContext as Record<string, unknown>;
  const apiId = typeof context['apiId'] === 'string' ? context['apiId'] : 'local';
  const arn = `arn:aws:execute-api:${definition.region}:${definition.accountId}:${apiId}/${route.stage}/${request.method}${request.path}`;
  const authorizerEvent =
    auth.payload === 'TOKEN'
      ? { type: 'TOKEN', authorizationToken: header(auth.headers[0] ?? 'Authorization') ?? '', methodArn: arn }
      : auth.payload === '2.0'
        ? {
            ...event,
            type: 'REQUEST',
            routeArn: arn,
            identitySource: auth.headers.map((name) => header(name) ?? ''),
          }
        : { ...event, type: 'REQUEST', methodArn: arn, ...(auth.api === 'http' ? { version: '1.0' } : {}) };
  const started = performance.now();
  const result = await pool.invoke(definition, { payload: JSON.stringify(authorizerEvent) });
  const latency = Math.round(performance.now() - started);
  const answer = parseJson(result.payload);
  if (result.functionError) {
    const message = answer && typeof answer['errorMessage'] === 'string' ? answer['errorMessage'] : '';
    return message === 'Unauthorized'
      ? UNAUTHORIZED()
      : { allowed: false, response: jsonResponse(500, { message: null }) };
  }
  const authorizerContext = isRecord(answer?.['context']) ? answer['context'] : {};
  if (auth.simpleResponses) {
    return answer?.['isAuthorized'] === true
      ? { allowed: true, authorizer: { lambda: authorizerContext } }
      : { allowed: false, response: jsonResponse(403, { message: 'Forbidden' }) };
  }
  if (!allowsInvoke(answer?.['policyDocument'])) {
    const message = 'User is not authorized to access this resource with an explicit deny';
    return { allowed: false, response: jsonResponse(403, { Message: message }) };
  }
  const principalId = typeof answer?.['principalId'] === 'string' ? answer['principalId'] : '';
  if (auth.api === 'http') return { allowed: true, authorizer: { lambda: { ...authorizerContext, principalId } } };
  // REST APIs hand the context over with every value turned into a string.
  const texts = Object.fromEntries(Object.entries(authorizerContext).map(([key, value]) => [key, claimText(value)]));
  return { allowed: true, authorizer: { ...texts, principalId, integrationLatency: latency } };
}

/** True when the policy has an Allow statement and no Deny (statement resources are not matched locally). */
function allowsInvoke(policy: unknown): boolean {
  const statements = isRecord(policy) ? policy['Statement'] : undefined;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const effects = list.map((statement) => (isRecord(statement) ? String(statement['Effect']) : ''));
  return effects.includes('Allow') && !effects.includes('Deny');
}

/** The claims of a JWT (header.payload.signature), or undefined when the text is not one. */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const claims = parseJson(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
  return claims ?? undefined;
}

function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => claimText(item)).join(' ');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
