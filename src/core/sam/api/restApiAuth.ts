// Auth of an AWS::Serverless::Api (samtranslator/model/api/api_generator.py _add_auth, swagger.py): authorizers
// become security definitions, DefaultAuthorizer/ApiKeyRequired apply to every method SAM manages, and Lambda
// authorizers get a permission `<Api><Name>AuthorizerPermission`.
import { InvalidResourceError, InvalidTemplateError } from '../samTransformError';
import { isIntrinsic, isObject, resolveParameterRefs, sub, type JsonObject, type JsonValue, text } from '../intrinsics';
import type { GeneratedResources, TransformContext } from '../transformContext';
import { API_KEY_SET_MARK, AUTH_SET_MARK, operations, securityDefinitions } from './swaggerDocument';

const AUTH_KEYS = [
  'Authorizers',
  'DefaultAuthorizer',
  'InvokeRole',
  'AddDefaultAuthorizerToCorsPreflight',
  'AddApiKeyRequiredToCorsPreflight',
  'ApiKeyRequired',
  'ResourcePolicy',
  'UsagePlan',
  'DisableFunctionDefaultPermissions',
];

/** Validates Auth and writes authorizers and defaults into the body. */
export function applyRestAuth(
  logicalId: string,
  properties: JsonObject,
  body: JsonObject | undefined,
  managed: boolean,
  context: TransformContext,
): void {
  const auth = properties.Auth;
  if (auth === undefined || auth === null) return;
  const fail = (message: string, ...path: string[]): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', 'Auth', ...path]);
  };
  if (!isObject(auth)) fail("Property 'Auth' should be a map.");
  const values = auth as JsonObject;
  for (const key of Object.keys(values))
    if (!AUTH_KEYS.includes(key) && key !== 'ApiKeySourceType') fail("Invalid value for 'Auth' property");
  if (!body)
    fail("Unable to add Auth configuration because 'DefinitionBody' does not contain a valid Swagger definition.");
  const authorizers = values.Authorizers;
  if (authorizers !== undefined && !isObject(authorizers))
    fail("Property 'Auth.Authorizers' should be a map.", 'Authorizers');
  const definitions = securityDefinitions(body!);
  for (const [name, authorizer] of Object.entries((authorizers ?? {}) as JsonObject)) {
    if (!isObject(authorizer)) fail(`Property 'Auth.Authorizers.${name}' should be a map.`, 'Authorizers', name);
    definitions[name] = authorizerDefinition(logicalId, name, authorizer as JsonObject, context);
  }
  const defaultAuthorizer = values.DefaultAuthorizer;
  if (defaultAuthorizer !== undefined && typeof defaultAuthorizer !== 'string')
    fail("Property 'Auth.DefaultAuthorizer' should be a string.", 'DefaultAuthorizer');
  // The translator checks the default only against authorizers that exist (none: nothing to check it against).
  const hasAuthorizers = isObject(authorizers) && Object.keys(authorizers).length > 0;
  if (
    typeof defaultAuthorizer === 'string' &&
    defaultAuthorizer !== '' &&
    defaultAuthorizer !== 'AWS_IAM' &&
    hasAuthorizers &&
    authorizers[defaultAuthorizer] === undefined
  ) {
    fail(
      `Unable to set DefaultAuthorizer because '${defaultAuthorizer}' was not defined in 'Authorizers'.`,
      'DefaultAuthorizer',
    );
  }
  if (
    defaultAuthorizer === 'AWS_IAM' ||
    Object.values((authorizers ?? {}) as JsonObject).length > 0 ||
    values.ApiKeyRequired === true
  )
    void 0;
  if (defaultAuthorizer === 'AWS_IAM') {
    definitions.AWS_IAM = {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    };
  }
  if (values.ApiKeyRequired === true) definitions.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  if (Object.keys(definitions).length === 0) {
    if (isObject(body!.securityDefinitions)) delete body!.securityDefinitions;
  }
  if (!managed) return;
  for (const { method, operation } of operations(body!)) {
    if (method === 'options' && values.AddDefaultAuthorizerToCorsPreflight === false) continue;
    const security = Array.isArray(operation.security) ? operation.security : [];
    if (typeof defaultAuthorizer === 'string' && !operation[AUTH_SET_MARK]) {
      if (!security.some((item) => isObject(item) && Object.keys(item).some((key) => key !== 'api_key')))
        security.push({ [defaultAuthorizer]: [] });
    }
    if (
      values.ApiKeyRequired === true &&
      !operation[API_KEY_SET_MARK] &&
      !(method === 'options' && values.AddApiKeyRequiredToCorsPreflight === false)
    ) {
      if (!security.some((item) => isObject(item) && 'api_key' in item)) security.push({ api_key: [] });
    }
    if (security.length > 0) operation.security = security;
  }
  const policy = values.ResourcePolicy;
  if (isObject(policy) && !isEmptyValue(policy) && operations(body!).next().done !== true) {
    // Checked as the policy is added to each path: VPC lists must be resolved strings.
    for (const [list, intrinsic] of [
      ['SourceVpcBlacklist', 'IntrinsicVpcBlacklist'],
      ['SourceVpcWhitelist', 'IntrinsicVpcWhitelist'],
    ] as const) {
      const vpcs = resolveParameterRefs(policy[list], context.parameters);
      if (vpcs !== undefined && vpcs !== null && !(Array.isArray(vpcs) && vpcs.every((vpc) => typeof vpc === 'string')))
        throw new InvalidTemplateError(
          `${list} must be a list of strings. Use ${intrinsic} instead for values that use Intrinsic Functions`,
          ['Resources', logicalId, 'Properties', 'Auth', 'ResourcePolicy', list],
        );
    }
  }
  if (policy !== undefined && policy !== null && !isEmptyValue(policy) && !isObject(policy))
    throw new InvalidTemplateError('ResourcePolicy must be a map (ResourcePolicyStatement).', [
      'Resources',
      logicalId,
      'Properties',
      'Auth',
      'ResourcePolicy',
    ]);
}

function authorizerDefinition(
  logicalId: string,
  name: string,
  authorizer: JsonObject,
  context: TransformContext,
): JsonObject {
  const fail = (message: string, ...below: (string | number)[]): never => {
    throw new InvalidResourceError(logicalId, message, ['Properties', 'Auth', 'Authorizers', name, ...below]);
  };
  // The translator's ApiGatewayAuthorizer checks, in its order.
  const payloadType = authorizer.FunctionPayloadType;
  if (payloadType !== undefined && payloadType !== null && payloadType !== 'TOKEN' && payloadType !== 'REQUEST')
    fail(`${name} Authorizer has invalid 'FunctionPayloadType': ${text(payloadType)}.`, 'FunctionPayloadType');
  const rawIdentity = authorizer.Identity;
  const hasIdentity = rawIdentity !== undefined && rawIdentity !== null && !isEmptyValue(rawIdentity);
  if (payloadType === 'REQUEST' && hasIdentity && !isObject(rawIdentity))
    fail(`Property 'Authorizer.${name}.Identity' should be a map.`, 'Identity');
  const scopes = authorizer.AuthorizationScopes;
  if (scopes !== undefined && scopes !== null && !Array.isArray(scopes))
    fail(`Property 'Authorizers.${name}.AuthorizationScopes' should be a list.`, 'AuthorizationScopes');
  const disable = authorizer.DisableFunctionDefaultPermissions;
  if (disable !== undefined && typeof disable !== 'boolean')
    fail(`Property 'Authorizers.${name}.DisableFunctionDefaultPermissions' should be a boolean.`);
  if (hasIdentity && !isObject(rawIdentity) && payloadType !== 'REQUEST')
    fail(
      'Auth.Authorizers.<Authorizer>.Identity must be a dict (LambdaTokenAuthorizationIdentity, LambdaRequestAuthorizationIdentity or CognitoAuthorizationIdentity).',
      'Identity',
    );
  const identity = isObject(rawIdentity) ? rawIdentity : {};
  if (payloadType === 'REQUEST' && authorizer.UserPoolArn === undefined) {
    for (const key of ['Headers', 'QueryStrings', 'StageVariables', 'Context']) {
      const values = identity[key];
      if (values === undefined || values === null || isEmptyValue(values)) continue;
      const where = `Auth.Authorizers.${name}.Identity.${key}`;
      if (!Array.isArray(values)) fail(`Property '${where}' should be a list.`, 'Identity', key);
      (values as JsonValue[]).forEach((item, index) => {
        if (typeof item !== 'string') fail(`Property '${where}[${index}]' should be a string.`, 'Identity', key, index);
      });
    }
  }
  if (authorizer.UserPoolArn !== undefined) {
    const header = identity.Header ?? 'Authorization';
    const config: JsonObject = {
      type: 'cognito_user_pools',
      providerARNs: Array.isArray(authorizer.UserPoolArn) ? authorizer.UserPoolArn : [authorizer.UserPoolArn],
    };
    if (identity.ValidationExpression !== undefined)
      config.identityValidationExpression = identity.ValidationExpression;
    return {
      type: 'apiKey',
      name: header,
      in: 'header',
      'x-amazon-apigateway-authtype': 'cognito_user_pools',
      'x-amazon-apigateway-authorizer': config,
    };
  }
  if (authorizer.FunctionArn === undefined)
    fail(`${name} Authorizer must specify either 'FunctionArn' or 'UserPoolArn'.`);
  const payload = authorizer.FunctionPayloadType ?? 'TOKEN';
  const uri = sub(
    `arn:${context.partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${__FunctionArn__}/invocations`,
    { __FunctionArn__: authorizer.FunctionArn ?? null },
  );
  const config: JsonObject = { type: payload === 'TOKEN' ? 'token' : 'request', authorizerUri: uri };
  if (authorizer.FunctionInvokeRole !== undefined && authorizer.FunctionInvokeRole !== 'NONE')
    config.authorizerCredentials = authorizer.FunctionInvokeRole;
  if (identity.ReauthorizeEvery !== undefined) config.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
  if (payload === 'TOKEN') {
    if (identity.ValidationExpression !== undefined)
      config.identityValidationExpression = identity.ValidationExpression;
    return {
      type: 'apiKey',
      name: identity.Header ?? 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'custom',
      'x-amazon-apigateway-authorizer': config,
    };
  }
  const sources = [
    ...list(identity.Headers).map((item) => `method.request.header.${text(item)}`),
    ...list(identity.QueryStrings).map((item) => `method.request.querystring.${text(item)}`),
    ...list(identity.StageVariables).map((item) => `stageVariables.${text(item)}`),
    ...list(identity.Context).map((item) => `context.${text(item)}`),
  ];
  if (sources.length === 0 && identity.ReauthorizeEvery !== 0)
    fail(
      `${name} Authorizer must specify Identity with at least one of Headers, QueryStrings, StageVariables, or Context.`,
    );
  if (sources.length > 0) config.identitySource = sources.join(', ');
  return {
    type: 'apiKey',
    name: 'Unused',
    in: 'header',
    'x-amazon-apigateway-authtype': 'custom',
    'x-amazon-apigateway-authorizer': config,
  };
}

/** Python's falsiness of a JSON value (the translator skips empty values with `if not value`). */
function isEmptyValue(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return value === '' || value === 0 || value === false;
}

function list(value: JsonValue | undefined): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/** `<Api><Name>AuthorizerPermission` for each Lambda authorizer (unless DisableFunctionDefaultPermissions). */
export function authorizerPermissions(
  logicalId: string,
  auth: JsonValue | undefined,
  attributes: JsonObject,
  context: TransformContext,
): GeneratedResources {
  if (!isObject(auth) || !isObject(auth.Authorizers)) return {};
  const resources: GeneratedResources = {};
  for (const [name, authorizer] of Object.entries(auth.Authorizers)) {
    if (
      !isObject(authorizer) ||
      authorizer.FunctionArn === undefined ||
      authorizer.DisableFunctionDefaultPermissions === true
    )
      continue;
    resources[`${logicalId}${name}AuthorizerPermission`] = {
      Type: 'AWS::Lambda::Permission',
      ...attributes,
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: authorizer.FunctionArn,
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub(
          `arn:${context.partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/authorizers/*`,
          { __ApiId__: { Ref: logicalId } },
        ),
      },
    };
  }
  return resources;
}

export { isIntrinsic };
