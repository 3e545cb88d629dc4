// A deployed API's stage as routes the local API's matcher, event builder and authorizers understand: each REST
// method (of the stage's deployment) or HTTP API route becomes an ApiRoute whose function is the Lambda the
// integration URI names, with its version or alias, so weighted aliases split real requests.
import type { RouteAuthorization } from '../../core/events/routeAuthorization';
import type { ApiRoute } from '../../core/runtime/localApi/apiRoutes';
import type { FunctionDefinition } from '../../core/runtime/runtimeTypes';
import type {
  ApiAuthorizerRecord,
  ApiIntegration,
  HttpApiRecord,
  RestApiRecord,
  RestResourceRecord,
  StageRecord,
} from './apiStore';

/** A route of a deployed API, with the integration it calls. */
export interface DeployedRoute {
  route: ApiRoute;
  integration: ApiIntegration | undefined;
}

/** The Lambda function an integration URI names: `.../functions/<arn>/invocations` or the ARN itself. */
export function lambdaTargetOf(uri: string | undefined): { functionArn: string; qualifier?: string } | undefined {
  if (!uri) return undefined;
  const arn = /\/functions\/(arn:[^/]+)\/invocations/.exec(uri)?.[1] ?? (uri.startsWith('arn:') ? uri : undefined);
  const parts = arn?.split(':');
  if (!arn || !parts || parts[2] !== 'lambda' || parts[5] !== 'function' || !parts[6]) return undefined;
  return {
    functionArn: parts.slice(0, 7).join(':'),
    ...(parts[7] ? { qualifier: parts[7] } : {}),
  };
}

/**
 * What the shared event builder and authorizers read of a function: its ARN, name, region and account (the code
 * runs in the local cloud's Lambda, which knows the rest).
 */
function functionReference(uri: string | undefined, region: string, accountId: string): FunctionDefinition {
  const target = lambdaTargetOf(uri);
  const functionArn = target?.functionArn ?? `arn:aws:lambda:${region}:${accountId}:function:unknown`;
  const functionName = functionArn.split(':')[6] ?? 'unknown';
  return {
    functionName,
    runtime: '',
    handler: '',
    codeDirectory: '',
    memorySizeMb: 128,
    timeoutSeconds: 3,
    environment: {},
    layerDirectories: [],
    version: target?.qualifier ?? '$LATEST',
    architecture: 'x86_64',
    region: functionArn.split(':')[3] || region,
    accountId: functionArn.split(':')[4] || accountId,
    functionArn: target?.qualifier ? `${functionArn}:${target.qualifier}` : functionArn,
    logGroupName: `/aws/lambda/${functionName}`,
  };
}

function authorizationOf(
  authorizer: ApiAuthorizerRecord | undefined,
  authorizationType: string,
  scopes: string[],
  api: 'rest' | 'http',
): RouteAuthorization | undefined {
  if (authorizationType === 'AWS_IAM') return { kind: 'iam' };
  if (!authorizer) return undefined;
  const header = authorizer.identityHeaders[0] ?? 'Authorization';
  switch (authorizer.type) {
    case 'JWT':
      return {
        kind: 'jwt',
        name: authorizer.name,
        issuer: authorizer.issuer,
        audience: authorizer.audience ?? [],
        scopes,
        header,
      };
    case 'COGNITO_USER_POOLS':
      return { kind: 'cognito', name: authorizer.name, userPoolArn: authorizer.providerArns?.[0], scopes, header };
    default: {
      const format = authorizer.payloadFormatVersion === '1.0' ? '1.0' : '2.0';
      return {
        kind: 'lambda',
        name: authorizer.name,
        api,
        payload: api === 'http' ? format : authorizer.type === 'TOKEN' ? 'TOKEN' : 'REQUEST',
        simpleResponses: authorizer.enableSimpleResponses === true,
        functionLogicalId: undefined,
        headers: authorizer.identityHeaders,
        queryStrings: authorizer.identityQueryStrings,
      };
    }
  }
}

interface RouteParts {
  method: string;
  path: string;
  routeKey?: string;
  integration: ApiIntegration | undefined;
  authorizer: ApiAuthorizerRecord | undefined;
  authorizationType: string;
  scopes: string[];
}

function deployedRoute(
  parts: RouteParts,
  kind: 'rest' | 'http',
  stage: string,
  region: string,
  accountId: string,
): DeployedRoute {
  const authorization = authorizationOf(parts.authorizer, parts.authorizationType, parts.scopes, kind);
  const payloadFormat = kind === 'rest' ? '1.0' : (parts.integration?.payloadFormatVersion ?? '2.0');
  const route: ApiRoute = {
    logicalId: lambdaTargetOf(parts.integration?.uri)?.functionArn.split(':')[6] ?? parts.path,
    eventName: parts.routeKey ?? `${parts.method} ${parts.path}`,
    definition: functionReference(parts.integration?.uri, region, accountId),
    kind,
    payloadFormat,
    method: parts.method,
    path: parts.path,
    stage,
    ...(parts.routeKey ? { routeKey: parts.routeKey } : {}),
    ...(authorization ? { authorization } : {}),
    ...(authorization?.kind === 'lambda'
      ? { authorizerDefinition: functionReference(parts.authorizer?.authorizerUri, region, accountId) }
      : {}),
  };
  return { route, integration: parts.integration };
}

/** The routes a REST API's stage serves: its deployment's methods. */
export function restStageRoutes(
  api: RestApiRecord,
  stage: StageRecord,
  region: string,
  accountId: string,
): DeployedRoute[] {
  const deployment = api.deployments.find((item) => item.id === stage.deploymentId);
  const resources: RestResourceRecord[] = deployment?.resources ?? [];
  const authorizers = deployment?.authorizers ?? api.authorizers;
  return resources.flatMap((resource) =>
    Object.values(resource.methods).map((method) =>
      deployedRoute(
        {
          method: method.httpMethod,
          path: resource.path,
          integration: method.integration,
          authorizer: authorizers.find((item) => item.id === method.authorizerId),
          authorizationType: method.authorizationType,
          scopes: method.authorizationScopes ?? [],
        },
        'rest',
        stage.stageName,
        region,
        accountId,
      ),
    ),
  );
}

/** What an HTTP API stage serves: the API as it is (auto-deploy) or what one of its deployments froze. */
export type HttpApiDefinition = Pick<HttpApiRecord, 'routes' | 'integrations' | 'authorizers'>;

const NOTHING_DEPLOYED: HttpApiDefinition = { routes: [], integrations: [], authorizers: [] };

/**
 * The definition an HTTP API stage serves: with auto-deploy, every change goes live; otherwise the deployment the
 * stage names, and nothing (API Gateway's 404 for every request) until it names one.
 */
export function httpStageDefinition(api: HttpApiRecord, stage: StageRecord): HttpApiDefinition {
  if (stage.autoDeploy) return api;
  return api.deployments?.find((deployment) => deployment.deploymentId === stage.deploymentId) ?? NOTHING_DEPLOYED;
}

/** The routes of an HTTP API's stage: `$default` matches any method and path the others do not. */
export function httpApiRoutes(
  api: HttpApiRecord,
  stage: StageRecord,
  region: string,
  accountId: string,
): DeployedRoute[] {
  const served = httpStageDefinition(api, stage);
  return served.routes.map((item) => {
    const [method, path] = item.routeKey === '$default' ? ['ANY', '/{proxy+}'] : item.routeKey.split(' ', 2);
    const integrationId = item.target?.replace(/^integrations\//, '');
    return deployedRoute(
      {
        method: (method ?? 'ANY').toUpperCase(),
        path: path ?? '/',
        routeKey: item.routeKey,
        integration: served.integrations.find((integration) => integration.integrationId === integrationId),
        authorizer: served.authorizers.find((authorizer) => authorizer.id === item.authorizerId),
        authorizationType: item.authorizationType,
        scopes: item.authorizationScopes ?? [],
      },
      'http',
      stage.stageName,
      region,
      accountId,
    );
  });
}
