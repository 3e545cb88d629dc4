// What a signed-in caller's request looks like on a route with an authorizer: the token in the identity source
// header, and `requestContext.authorizer` as API Gateway fills it (JWT claims and scopes for HTTP APIs, Cognito
// claims for REST APIs, a Lambda authorizer's principalId and context, an IAM caller). Claims follow the
// authorizer's configuration: its issuer, audience and the scopes the route requires.
import { stableId, stableUuid, ID_ALPHABETS } from '../template/resolve/stableId';
import { urlSuffixOf } from '../template/resolve/stackIdentity';
import type { EventContext } from './eventContext';
import type { EventTypeReference } from './eventOptions';
import { iamAuthorizer } from './httpEvents';
import type { RouteAuthorization } from './routeAuthorization';

/** The authorized parts of a sample request. */
export interface AuthorizedRequestSample {
  /** Identity source headers (the token), added to the request. */
  headers: Record<string, string>;
  /** `requestContext.authorizer` for the route's payload format. */
  authorizer: Record<string, unknown>;
  /** The handler type that describes such an event, when it differs from the plain one. */
  eventType?: EventTypeReference;
  notes: string[];
}

/** A sample of what the route's authorizer lets through. */
export function sampleAuthorizedRequest(auth: RouteAuthorization, context: EventContext): AuthorizedRequestSample {
  switch (auth.kind) {
    case 'jwt': {
      const claims = jwtClaims(auth, context);
      return {
        headers: { [auth.header]: `Bearer ${encodeSampleJwt(claims)}` },
        // API Gateway passes the claims as strings.
        authorizer: { jwt: { claims: stringClaims(claims), scopes: auth.scopes.length ? auth.scopes : null } },
        eventType: { name: 'APIGatewayProxyEventV2WithJWTAuthorizer', from: 'aws-lambda' },
        notes: [
          `Carries the claims and scopes of a token the ${auth.name} JWT authorizer accepts${auth.issuer ? ` (issuer ${auth.issuer})` : ''}.`,
        ],
      };
    }
    case 'cognito': {
      const claims = cognitoClaims(auth.userPoolArn, auth.scopes, context);
      // REST APIs write the token's times as dates.
      const dates = Object.fromEntries(
        ['exp', 'iat'].map((name) => [name, new Date(Number(claims[name]) * 1000).toUTCString()]),
      );
      return {
        headers: { [auth.header]: encodeSampleJwt(claims) },
        authorizer: { claims: { ...stringClaims(claims), ...dates } },
        notes: [`Carries the claims of a signed-in user of the ${auth.name} Cognito authorizer.`],
      };
    }
    case 'lambda': {
      const headers = Object.fromEntries(auth.headers.map((name) => [name, `${name.toLowerCase()}-sample`]));
      const runs = auth.functionLogicalId ? `${auth.functionLogicalId} returns` : 'the authorizer returns';
      const notes = [`The ${auth.name} Lambda authorizer's context is what ${runs}; the local API runs it.`];
      if (auth.api === 'http') {
        return {
          headers,
          authorizer: { lambda: {} },
          eventType: { name: 'APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, never>>', from: 'aws-lambda' },
          notes,
        };
      }
      return { headers, authorizer: { principalId: 'user', integrationLatency: 0 }, notes };
    }
    case 'iam':
      return {
        headers: {},
        authorizer: iamAuthorizer(context),
        eventType: { name: 'APIGatewayProxyEventV2WithIAMAuthorizer', from: 'aws-lambda' },
        notes: ['Signed with AWS credentials (AWS_IAM): the caller is a developer role of the account.'],
      };
  }
}

type Claims = Record<string, string | number | boolean | string[]>;

function jwtClaims(auth: RouteAuthorization & { kind: 'jwt' }, context: EventContext): Claims {
  const issued = Math.floor(context.now.getTime() / 1000) - 60;
  const issuer = auth.issuer ?? `https://auth.example.com/`;
  const sub = stableUuid(`user:${issuer}`);
  const claims: Claims = { sub, iss: issuer, iat: issued, exp: issued + 3600, jti: stableUuid(`token:${issuer}`) };
  if (/cognito-idp\./.test(issuer)) {
    // Cognito access tokens name the app client in client_id (API Gateway checks it against the audience).
    Object.assign(claims, { client_id: auth.audience[0] ?? 'client', token_use: 'access', username: sub });
    Object.assign(claims, { auth_time: issued });
  } else if (auth.audience.length) {
    claims['aud'] = auth.audience[0] ?? '';
  }
  if (auth.scopes.length) claims['scope'] = auth.scopes.join(' ');
  return claims;
}

/** Claims of a Cognito user pool token: an ID token, or an access token when the route requires scopes. */
export function cognitoClaims(poolArn: string | undefined, scopes: readonly string[], context: EventContext): Claims {
  const poolId = poolArn?.split('/').pop() ?? `${context.region}_${stableId('pool', 9)}`;
  const sub = stableUuid(`user:${poolId}`);
  const issued = Math.floor(context.now.getTime() / 1000) - 60;
  const common = {
    sub,
    iss: `https://cognito-idp.${context.region}.${urlSuffixOf(context)}/${poolId}`,
    auth_time: issued,
    exp: issued + 3600,
    iat: issued,
  };
  const client = stableUuid(`client:${poolId}`).replace(/-/g, '').slice(0, 26);
  if (scopes.length)
    return { ...common, client_id: client, token_use: 'access', scope: scopes.join(' '), username: sub };
  return {
    ...common,
    email_verified: true,
    'cognito:username': sub,
    aud: client,
    token_use: 'id',
    email: 'jane.doe@example.com',
  };
}

/** API Gateway hands claims to the function as strings (numbers and booleans included). */
function stringClaims(claims: Claims): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? value.join(' ') : String(value)]),
  );
}

/** A JWT with these claims; its signature is a placeholder (the local API does not verify signatures). */
export function encodeSampleJwt(claims: Claims): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signature = stableId(JSON.stringify(claims), 43, ID_ALPHABETS.mixed);
  return `${part({ alg: 'RS256', kid: 'sample', typ: 'JWT' })}.${part(claims)}.${signature}`;
}
