// AWS::Serverless::GraphQLApi: an AppSync API with its schema, data sources, functions and resolvers.
import { arrayOf, mapOf, object, oneOf, p, pass, samPage } from './samDsl.mjs';

const APPSYNC = 'AWS::AppSync::GraphQLApi';
const AUTH_TYPES = oneOf('AWS_IAM', 'API_KEY', 'AWS_LAMBDA', 'OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS');

const code = {
  CodeUri: p('string', 'Local file or S3 URI of the APPSYNC_JS code.'),
  InlineCode: p('string', 'The APPSYNC_JS code, inline.'),
  MaxBatchSize: p('integer', 'Largest batch sent to a Lambda data source.'),
  Runtime: p('.Runtime', 'Runtime of the code.'),
  Sync: pass('AWS::AppSync::Resolver', 'SyncConfig'),
};

export const samGraphQLApi = {
  type: 'AWS::Serverless::GraphQLApi',
  doc: 'An AWS AppSync GraphQL API with its schema, authorization, data sources, functions and resolvers.',
  documentationUrl: samPage('sam-resource-graphqlapi'),
  underlying: APPSYNC,
  required: ['Auth'],
  properties: {
    ApiKeys: p(mapOf('.ApiKey'), 'API keys, by name.'),
    Auth: p('.Auth', 'The default and additional authorization modes.'),
    Cache: p('.Cache', 'A server-side cache for the API.'),
    DataSources: p('.DataSources', 'DynamoDB tables and Lambda functions the resolvers read from.'),
    DomainName: p('.DomainName', 'A custom domain name for the API.'),
    Functions: p(mapOf('.Function'), 'Pipeline functions, by name.'),
    IntrospectionConfig: pass(APPSYNC),
    Logging: p(['boolean', `${APPSYNC}.LogConfig`], 'CloudWatch logging of the API.'),
    Name: p('string', 'Name of the API.'),
    OwnerContact: pass(APPSYNC),
    QueryDepthLimit: pass(APPSYNC),
    ResolverCountLimit: pass(APPSYNC),
    Resolvers: p(mapOf(mapOf('.Resolver')), 'Resolvers, by GraphQL type (`Query`, `Mutation`...) and then by name.'),
    SchemaInline: p('string', 'The GraphQL schema (SDL), inline.'),
    SchemaUri: p('string', 'Local file or S3 URI of the GraphQL schema.'),
    Tags: p(mapOf('string'), 'Tags as a map of key to value.'),
    Visibility: pass(APPSYNC),
    XrayEnabled: p('boolean', 'Trace requests with X-Ray.'),
  },
  exclusive: [['SchemaInline', 'SchemaUri']],
  objects: {
    '.ApiKey': object('An API key.', {
      ApiKeyId: p('string', 'Id of the key.'),
      Description: p('string', 'Description of the key.'),
      ExpiresOn: p(['string', 'number'], 'When the key expires, in seconds since the epoch.'),
    }),
    '.Auth': object(
      'Authorization of the API.',
      {
        Additional: p(arrayOf('.Authorizer'), 'More authorization modes the API accepts.'),
        LambdaAuthorizer: pass(APPSYNC, 'LambdaAuthorizerConfig'),
        OpenIDConnect: pass(APPSYNC, 'OpenIDConnectConfig'),
        Type: p(AUTH_TYPES, 'The default authorization mode.'),
        UserPool: pass(APPSYNC, 'UserPoolConfig'),
      },
      { required: ['Type'] },
    ),
    '.Authorizer': object(
      'An additional authorization mode.',
      {
        LambdaAuthorizer: pass(APPSYNC, 'LambdaAuthorizerConfig'),
        OpenIDConnect: pass(APPSYNC, 'OpenIDConnectConfig'),
        Type: p(AUTH_TYPES, 'The authorization mode.'),
        UserPool: pass(APPSYNC, 'UserPoolConfig'),
      },
      { required: ['Type'] },
    ),
    '.Cache': object(
      'Server-side caching.',
      {
        ApiCachingBehavior: pass('AWS::AppSync::ApiCache', 'ApiCachingBehavior'),
        AtRestEncryptionEnabled: pass('AWS::AppSync::ApiCache', 'AtRestEncryptionEnabled'),
        TransitEncryptionEnabled: pass('AWS::AppSync::ApiCache', 'TransitEncryptionEnabled'),
        Ttl: pass('AWS::AppSync::ApiCache', 'Ttl'),
        Type: pass('AWS::AppSync::ApiCache', 'Type'),
      },
      { required: ['ApiCachingBehavior', 'Ttl', 'Type'] },
    ),
    '.DataSources': object('Data sources by kind, then by name.', {
      DynamoDb: p(mapOf('.DynamoDBDataSource'), 'DynamoDB table data sources.'),
      Lambda: p(mapOf('.LambdaDataSource'), 'Lambda function data sources.'),
    }),
    '.DynamoDBDataSource': object(
      'A DynamoDB table as a data source.',
      {
        DeltaSync: pass('AWS::AppSync::DataSource.DynamoDBConfig', 'DeltaSyncConfig'),
        Description: p('string', 'Description of the data source.'),
        Name: p('string', 'Name of the data source.'),
        Permissions: p(arrayOf(oneOf('Read', 'Write')), 'What the data source may do; both when omitted.'),
        Region: p('string', 'Region of the table.'),
        ServiceRoleArn: p('string', 'Role AppSync uses; SAM creates one when omitted.'),
        TableArn: p('string', 'ARN of the table.'),
        TableName: p('string', 'Name of the table.'),
        UseCallerCredentials: p('boolean', "Use the caller's IAM credentials."),
        Versioned: p('boolean', 'Enable conflict detection with versioning.'),
      },
      { required: ['TableName'] },
    ),
    '.LambdaDataSource': object(
      'A Lambda function as a data source.',
      {
        Description: p('string', 'Description of the data source.'),
        FunctionArn: p('string', 'ARN of the function.'),
        Name: p('string', 'Name of the data source.'),
        ServiceRoleArn: p('string', 'Role AppSync uses; SAM creates one when omitted.'),
      },
      { required: ['FunctionArn'] },
    ),
    '.DomainName': object(
      'A custom domain name.',
      {
        CertificateArn: p('string', 'ACM certificate of the domain.'),
        Description: p('string', 'Description of the domain.'),
        DomainName: p('string', 'The domain name.'),
      },
      { required: ['CertificateArn', 'DomainName'] },
    ),
    '.Function': object('A pipeline function.', {
      ...code,
      DataSource: p('string', 'Name of a data source of this API, or the name of an existing one.'),
      Description: p('string', 'Description of the function.'),
      Id: p('string', 'Id of an existing function to use instead.'),
      Name: p('string', 'Name of the function.'),
    }),
    '.Resolver': object('A resolver of one field.', {
      ...code,
      Caching: pass('AWS::AppSync::Resolver', 'CachingConfig'),
      FieldName: p('string', 'The field; the resolver name when omitted.'),
      Pipeline: p(arrayOf('string'), 'Names of the functions of the pipeline, in order.'),
    }),
    '.Runtime': object(
      'An AppSync runtime.',
      {
        Name: p('string', 'Runtime name.', { suggest: ['APPSYNC_JS'] }),
        Version: p('string', 'Runtime version.', { suggest: ['1.0.0'] }),
      },
      { required: ['Name', 'Version'] },
    ),
  },
};
