// AWS::Serverless::GraphQLApi (the translator's SamGraphQLApi): the AppSync API with its authentication (default
// and Additional; a connector lets AppSync invoke each Lambda authorizer), logging with a CloudWatch role unless
// Logging is false, the schema, API keys, cache, domain name, data sources (graphQlDataSources.ts), functions and
// pipeline resolvers.
import { InvalidResourceError } from '../samTransformError';
import { getAtt, isObject, ref, text, type JsonObject, type JsonValue } from '../intrinsics';
import { checkedSamProperties } from '../samProperties';
import { passthroughAttributes, type GeneratedResources, type TransformContext } from '../transformContext';
import { connectorResources, contextResolver } from '../connector/connector';
import { appSyncServiceRole, graphQlDataSources, type GraphQlBuild } from './graphQlDataSources';
import { graphQlFunctions, graphQlResolvers } from './graphQlFunctions';

const TYPE = 'AWS::Serverless::GraphQLApi';

export function transformGraphQlApi(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = checkedSamProperties(logicalId, resource, {
    type: TYPE,
    kinds: {
      Name: 'string',
      Tags: 'map',
      XrayEnabled: 'any',
      Auth: 'map',
      SchemaInline: 'string',
      SchemaUri: 'string',
      Logging: ['map', 'boolean'],
      DataSources: 'map',
      Functions: 'map',
      Resolvers: 'map',
      ApiKeys: 'map',
      DomainName: 'map',
      Cache: 'map',
      Visibility: 'string',
      OwnerContact: 'string',
      IntrospectionConfig: 'string',
      QueryDepthLimit: 'any',
      ResolverCountLimit: 'any',
    },
    required: ['Auth'],
  });
  const attributes: JsonObject = { ...passthroughAttributes(resource) };
  if (resource.DependsOn !== undefined) attributes.DependsOn = resource.DependsOn;
  const apiId = getAtt(logicalId, 'ApiId');
  const resources: GeneratedResources = {};
  const api: JsonObject = { Name: properties.Name ?? logicalId };
  for (const name of [
    'XrayEnabled',
    'Visibility',
    'OwnerContact',
    'IntrospectionConfig',
    'QueryDepthLimit',
    'ResolverCountLimit',
  ]) {
    if (properties[name] !== undefined) api[name] = properties[name]!;
  }
  const lambdaAuthorizers = authentication(logicalId, properties.Auth as JsonObject, api);
  const tags = isObject(properties.Tags) ? properties.Tags : {};
  api.Tags = [
    ...Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    { Key: 'graphqlapi:createdBy', Value: 'SAM' },
  ];
  if (properties.Logging !== false) {
    const logging = isObject(properties.Logging) ? properties.Logging : {};
    const logConfig: JsonObject = {};
    if (logging.ExcludeVerboseContent) logConfig.ExcludeVerboseContent = logging.ExcludeVerboseContent;
    logConfig.FieldLogLevel = logging.FieldLogLevel ?? 'ALL';
    if (logging.CloudWatchLogsRoleArn) logConfig.CloudWatchLogsRoleArn = logging.CloudWatchLogsRoleArn;
    else {
      const roleId = `${logicalId}CloudWatchRole`;
      logConfig.CloudWatchLogsRoleArn = getAtt(roleId, 'Arn');
      resources[roleId] = appSyncServiceRole(attributes, [
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs' },
      ]);
    }
    api.LogConfig = logConfig;
  }
  resources[logicalId] = { Type: 'AWS::AppSync::GraphQLApi', ...attributes, Properties: api };
  resources[`${logicalId}Schema`] = {
    Type: 'AWS::AppSync::GraphQLSchema',
    ...attributes,
    Properties: schema(logicalId, properties, apiId),
  };
  lambdaAuthorizers.forEach((authorizerArn, index) => {
    const connectorId = `${logicalId}ToLambdaAuthConnector${index + 1}`;
    const connector = {
      Properties: {
        Source: { Type: 'AWS::AppSync::GraphQLApi', Arn: ref(logicalId), ResourceId: apiId },
        Destination: { Type: 'AWS::Lambda::Function', Arn: authorizerArn },
        Permissions: ['Write'],
      },
    };
    Object.assign(resources, connectorResources(connectorId, connector, contextResolver(context, resources)));
  });
  for (const [name, key] of Object.entries(isObject(properties.ApiKeys) ? properties.ApiKeys : {})) {
    const apiKey = isObject(key) ? key : {};
    const keyProperties: JsonObject = { ApiId: apiId };
    if (apiKey.ApiKeyId !== undefined) keyProperties.ApiKeyId = apiKey.ApiKeyId;
    if (apiKey.Description !== undefined) keyProperties.Description = apiKey.Description;
    if (apiKey.ExpiresOn !== undefined) keyProperties.Expires = apiKey.ExpiresOn;
    resources[`${logicalId}${name}`] = { Type: 'AWS::AppSync::ApiKey', ...attributes, Properties: keyProperties };
  }
  if (isObject(properties.Cache)) {
    const cache: JsonObject = { ApiId: apiId };
    for (const name of ['ApiCachingBehavior', 'Type', 'Ttl', 'AtRestEncryptionEnabled', 'TransitEncryptionEnabled']) {
      if (properties.Cache[name] !== undefined) cache[name] = properties.Cache[name]!;
    }
    resources[`${logicalId}ApiCache`] = { Type: 'AWS::AppSync::ApiCache', ...attributes, Properties: cache };
  }
  const build: GraphQlBuild = {
    logicalId,
    apiId,
    attributes,
    context,
    resources,
    dataSourceNames: new Map(),
    functionIds: new Map(),
  };
  graphQlDataSources(build, properties.DataSources);
  if (isObject(properties.DomainName)) domainName(build, properties.DomainName);
  graphQlFunctions(build, properties.Functions);
  graphQlResolvers(build, properties.Resolvers);
  return resources;
}

/** Sets the API's authentication; returns the Lambda authorizers' ARNs (default first, then Additional). */
function authentication(logicalId: string, auth: JsonObject, api: JsonObject): JsonValue[] {
  const lambdas: JsonValue[] = [];
  const { Additional: additional, ...primary } = auth;
  const [name, config] = authorizerConfig(logicalId, primary, undefined);
  api.AuthenticationType = primary.Type ?? null;
  if (name && config) {
    api[name] = config;
    if (name === 'LambdaAuthorizerConfig') lambdas.push(config.AuthorizerUri ?? null);
  }
  if (Array.isArray(additional) && additional.length > 0) {
    api.AdditionalAuthenticationProviders = additional.map((entry, index) => {
      const provider = isObject(entry) ? entry : {};
      const [extraName, extraConfig] = authorizerConfig(logicalId, provider, index);
      const result: JsonObject = { AuthenticationType: provider.Type ?? null };
      if (extraName && extraConfig) {
        result[extraName] = extraConfig;
        if (extraName === 'LambdaAuthorizerConfig') lambdas.push(extraConfig.AuthorizerUri ?? null);
      }
      return result;
    });
  }
  return lambdas;
}

const AUTH_CONFIGS: Readonly<Record<string, [string, string, string]>> = {
  AWS_LAMBDA: [
    'LambdaAuthorizer',
    'LambdaAuthorizerConfig',
    "'LambdaAuthorizer' must be defined if type is 'AWS_LAMBDA'.",
  ],
  OPENID_CONNECT: [
    'OpenIDConnect',
    'OpenIDConnectConfig',
    "'OpenIDConnect' must be defined if type is 'OPENID_CONNECT'.",
  ],
  AMAZON_COGNITO_USER_POOLS: [
    'UserPool',
    'UserPoolConfig',
    "'UserPool' must be defined if type is 'AMAZON_COGNITO_USER_POOLS'.",
  ],
};

function authorizerConfig(logicalId: string, auth: JsonObject, index: number | undefined): [string?, JsonObject?] {
  const defined = Object.entries(auth).filter(([, value]) => value !== null && value !== undefined);
  if (defined.length > 2) {
    const keyPath = index ? `'Auth.Additional.${index}'` : "'Auth'";
    throw new InvalidResourceError(logicalId, `${keyPath} has more than one authentication configuration defined.`, [
      'Properties',
      'Auth',
    ]);
  }
  const known = AUTH_CONFIGS[text(auth.Type)];
  if (!known) return [];
  const [property, configName, missing] = known;
  const value = auth[property];
  if (!isObject(value)) throw new InvalidResourceError(logicalId, missing, ['Properties', 'Auth']);
  const config = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null));
  // Only the primary user pool has a default action.
  if (configName === 'UserPoolConfig' && index !== undefined) delete config.DefaultAction;
  return [configName, config];
}

function schema(logicalId: string, properties: JsonObject, apiId: JsonObject): JsonObject {
  const inline = properties.SchemaInline;
  const uri = properties.SchemaUri;
  if (!inline && !uri) throw new InvalidResourceError(logicalId, "One of 'SchemaInline' or 'SchemaUri' must be set.");
  if (inline && uri) {
    throw new InvalidResourceError(
      logicalId,
      "Both 'SchemaInline' and 'SchemaUri' cannot be defined at the same time.",
    );
  }
  return inline ? { ApiId: apiId, Definition: inline } : { ApiId: apiId, DefinitionS3Location: uri! };
}

function domainName(build: GraphQlBuild, domain: JsonObject): void {
  const domainId = `${build.logicalId}DomainName`;
  const properties: JsonObject = {};
  for (const name of ['CertificateArn', 'DomainName', 'Description']) {
    if (domain[name] !== undefined) properties[name] = domain[name]!;
  }
  build.resources[domainId] = { Type: 'AWS::AppSync::DomainName', ...build.attributes, Properties: properties };
  build.resources[`${build.logicalId}DomainNameApiAssociation`] = {
    Type: 'AWS::AppSync::DomainNameApiAssociation',
    ...build.attributes,
    Properties: { ApiId: build.apiId, DomainName: getAtt(domainId, 'DomainName') },
  };
}
