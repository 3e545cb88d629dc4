// One authorizer of an AWS::Serverless::HttpApi (samtranslator/model/apigatewayv2.py ApiGatewayV2Authorizer): an
// OAuth2 (JWT) authorizer when it has a JwtConfiguration, else a Lambda (REQUEST) authorizer, checked with the
// translator's messages in its order, and written as the OpenAPI security scheme API Gateway imports.
import { InvalidResourceError } from '../samTransformError';
import { isObject, sub, type JsonObject, type JsonValue } from '../intrinsics';
import type { TransformContext } from '../transformContext';

/** Properties of each kind, with the kind the message names when another kind uses them. */
const PROPERTY_KINDS: readonly [string, 'JWT' | 'REQUEST', string][] = [
  ['AuthorizationScopes', 'JWT', 'OAuth2 Authorizer'],
  ['JwtConfiguration', 'JWT', 'OAuth2 Authorizer'],
  ['IdentitySource', 'JWT', "OAuth2 Authorizer. For Lambda Authorizer, use the 'Identity' property instead"],
  ['FunctionArn', 'REQUEST', 'Lambda Authorizer'],
  ['FunctionInvokeRole', 'REQUEST', 'Lambda Authorizer'],
  ['Identity', 'REQUEST', 'Lambda Authorizer'],
  ['AuthorizerPayloadFormatVersion', 'REQUEST', 'Lambda Authorizer'],
  ['EnableSimpleResponses', 'REQUEST', 'Lambda Authorizer'],
  ['EnableFunctionDefaultPermissions', 'REQUEST', 'Lambda Authorizer'],
];

const IDENTITY_SOURCES = [
  ['$request.header.', 'Headers'],
  ['$request.querystring.', 'QueryStrings'],
  ['$stageVariables.', 'StageVariables'],
  ['$context.', 'Context'],
] as const;

/** Python's truthiness, as the translator's `if not value` checks read JSON values. */
function truthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isObject(value) || Object.keys(value).length > 0;
}

export function httpAuthorizerScheme(
  logicalId: string,
  name: string,
  authorizer: JsonObject,
  context: TransformContext,
): JsonObject {
  const fail = (message: string, ...below: (string | number)[]): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', 'Auth', 'Authorizers', name, ...below]);
  };
  if ('OpenIdConnectUrl' in authorizer)
    fail(
      `'OpenIdConnectUrl' is no longer a supported property for authorizer '${name}'. Please refer to the AWS SAM documentation.`,
      'OpenIdConnectUrl',
    );
  let jwt: JsonObject | undefined;
  if (truthy(authorizer.JwtConfiguration)) {
    if (!isObject(authorizer.JwtConfiguration))
      fail("Property 'JwtConfiguration' should be a map.", 'JwtConfiguration');
    // OpenAPI spells the keys in lower case; users often write them as CloudFormation does.
    jwt = Object.fromEntries(
      Object.entries(authorizer.JwtConfiguration as JsonObject).map(([key, value]) => [key.toLowerCase(), value]),
    );
  }
  const kind = jwt ? 'JWT' : 'REQUEST';
  const scopes = authorizer.AuthorizationScopes;
  if (scopes !== undefined && scopes !== null && !Array.isArray(scopes))
    fail('AuthorizationScopes must be a list.', 'AuthorizationScopes');
  for (const [property, allowedFor, hint] of PROPERTY_KINDS) {
    const value = authorizer[property];
    if (value !== undefined && value !== null && allowedFor !== kind)
      fail(`${property} is only supported for ${hint}.`, property);
  }
  if (kind === 'JWT') {
    if (!truthy(authorizer.IdentitySource)) fail(`${name} OAuth2 Authorizer must define 'IdentitySource'.`);
  } else {
    if (!truthy(authorizer.FunctionArn)) fail(`${name} Lambda Authorizer must define 'FunctionArn'.`);
    if (!truthy(authorizer.AuthorizerPayloadFormatVersion))
      fail(`${name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'.`);
  }
  const enablePermissions = authorizer.EnableFunctionDefaultPermissions;
  if (enablePermissions !== undefined && enablePermissions !== null && typeof enablePermissions !== 'boolean')
    fail(
      `Property 'Authorizers.${name}.EnableFunctionDefaultPermissions' should be a boolean.`,
      'EnableFunctionDefaultPermissions',
    );
  if (jwt) {
    return {
      type: 'oauth2',
      'x-amazon-apigateway-authorizer': {
        jwtConfiguration: jwt,
        identitySource: authorizer.IdentitySource!,
        type: 'jwt',
      },
    };
  }
  const settings: JsonObject = {
    type: 'request',
    authorizerUri: sub(
      `arn:${context.partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${__FunctionArn__}/invocations`,
      { __FunctionArn__: authorizer.FunctionArn! },
    ),
  };
  const invokeRole = authorizer.FunctionInvokeRole;
  if (truthy(invokeRole) && invokeRole !== 'NONE') settings.authorizerCredentials = invokeRole!;
  const identity = authorizer.Identity;
  if (truthy(identity)) {
    if (!isObject(identity)) return fail(`Property 'Auth.Authorizers.${name}.Identity' should be a map.`, 'Identity');
    if (identity.ReauthorizeEvery !== undefined && identity.ReauthorizeEvery !== null)
      settings.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
    const sources: string[] = [];
    for (const [prefix, property] of IDENTITY_SOURCES) {
      const values = identity[property];
      if (!truthy(values)) continue;
      const where = `Authorizers.${name}.Identity.${property}`;
      if (!Array.isArray(values)) fail(`Property '${where}' should be a list.`, 'Identity', property);
      (values as JsonValue[]).forEach((value, index) => {
        if (typeof value !== 'string')
          fail(`Property '${where}[${index}]' should be a string.`, 'Identity', property, index);
        sources.push(prefix + (value as string));
      });
    }
    settings.identitySource = sources;
  }
  settings.authorizerPayloadFormatVersion = authorizer.AuthorizerPayloadFormatVersion!;
  if (truthy(authorizer.EnableSimpleResponses)) settings.enableSimpleResponses = authorizer.EnableSimpleResponses!;
  return { type: 'apiKey', name: 'Unused', in: 'header', 'x-amazon-apigateway-authorizer': settings };
}
