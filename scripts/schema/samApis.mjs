// AWS::Serverless::Api, HttpApi, WebSocketApi and GraphQLApi.
import { arrayOf, mapOf, object, oneOf, p, pass, samPage } from './samDsl.mjs';

const REST_API = 'AWS::ApiGateway::RestApi';
const REST_STAGE = 'AWS::ApiGateway::Stage';
const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
const tags = p(mapOf('string'), 'Tags as a map of key to value.');
const propagateTags = p('boolean', 'Also put `Tags` on the resources SAM generates.');
const ipList = p(arrayOf(['string', 'json']), 'Values the statement allows or denies.');

const resourcePolicy = object('Resource policy statements SAM writes for the API.', {
  AwsAccountBlacklist: ipList,
  AwsAccountWhitelist: ipList,
  CustomStatements: p(['json', arrayOf('json')], 'Policy statements added as written.'),
  IntrinsicVpcBlacklist: ipList,
  IntrinsicVpcWhitelist: ipList,
  IntrinsicVpceBlacklist: ipList,
  IntrinsicVpceWhitelist: ipList,
  IpRangeBlacklist: ipList,
  IpRangeWhitelist: ipList,
  SourceVpcBlacklist: ipList,
  SourceVpcWhitelist: ipList,
});

/** Route 53 alias records SAM creates for a custom domain. */
function route53(rest) {
  return object('DNS records for the custom domain.', {
    DistributionDomainName: p('string', 'Domain name of the CloudFront distribution (edge-optimized APIs).'),
    EvaluateTargetHealth: p('boolean', 'Evaluate the health of the alias target.'),
    HostedZoneId: p('string', 'The hosted zone to add records to.'),
    HostedZoneName: p('string', 'The hosted zone to add records to, by name.'),
    IpV6: p('boolean', 'Also create an AAAA record.'),
    Region: p('string', 'Region of latency-based records.'),
    SetIdentifier: p('string', 'Identifier of weighted or latency-based records.'),
    ...(rest
      ? {
          SeparateRecordSetGroup: p('boolean', 'Put the records in a record set group of their own.'),
          VpcEndpointDomainName: p('string', 'DNS name of the VPC endpoint (private APIs).'),
          VpcEndpointHostedZoneId: p('string', 'Hosted zone of the VPC endpoint (private APIs).'),
        }
      : {}),
  });
}

const v2Domain = (owner) =>
  object(
    'A custom domain name for the API.',
    {
      BasePath: p(arrayOf('string'), 'Base paths mapped to the API.'),
      CertificateArn: p('string', 'ACM certificate of the domain.'),
      DomainName: p('string', 'The domain name.'),
      EndpointConfiguration: p('string', 'Endpoint type of the domain.', { suggest: ['REGIONAL'] }),
      MutualTlsAuthentication: pass('AWS::ApiGatewayV2::DomainName', 'MutualTlsAuthentication'),
      OwnershipVerificationCertificateArn: p('string', 'Certificate that proves ownership of the domain.'),
      Route53: p(`${owner}.Route53`, 'DNS records SAM creates.'),
      SecurityPolicy: p('string', 'TLS version of the domain.', { suggest: ['TLS_1_2'] }),
    },
    { required: ['CertificateArn', 'DomainName'] },
  );

export const samApi = {
  type: 'AWS::Serverless::Api',
  doc: 'A REST API in API Gateway with its deployment and stage, built from the `Api` events of functions or from an OpenAPI definition.',
  documentationUrl: samPage('sam-resource-api'),
  underlying: REST_API,
  ref: 'the REST API id',
  required: ['StageName'],
  properties: {
    AccessLogSetting: pass(REST_STAGE),
    AlwaysDeploy: p('boolean', 'Deploy the API on every stack update, even without changes.'),
    ApiKeySourceType: pass(REST_API),
    Auth: p('.Auth', 'Authorizers, API keys and resource policies.'),
    BinaryMediaTypes: p(arrayOf('string'), 'Media types the API treats as binary, e.g. `image~1png`.'),
    CacheClusterEnabled: pass(REST_STAGE),
    CacheClusterSize: pass(REST_STAGE),
    CanarySetting: pass(REST_STAGE),
    Cors: p(['string', '.Cors'], 'CORS for every route: an origin such as `"\'*\'"`, or the full settings.'),
    DefinitionBody: p('json', 'The OpenAPI definition, inline.'),
    DefinitionUri: p(['string', '.DefinitionUri'], 'The OpenAPI definition: a local file or an S3 location.'),
    Description: pass(REST_STAGE),
    DisableExecuteApiEndpoint: p('boolean', 'Turn off the default `execute-api` endpoint.'),
    Domain: p('.Domain', 'A custom domain name for the API.'),
    EndpointAccessMode: pass(REST_API),
    EndpointConfiguration: p(
      ['string', '.EndpointConfiguration'],
      'Endpoint type: `REGIONAL`, `EDGE` or `PRIVATE`, or the full settings.',
      {
        suggest: ['REGIONAL', 'EDGE', 'PRIVATE'],
      },
    ),
    FailOnWarnings: pass(REST_API),
    GatewayResponses: p('json', 'Customized gateway responses, by response type.'),
    MergeDefinitions: p('boolean', 'Merge the generated paths into `DefinitionBody` instead of ignoring events.'),
    MethodSettings: pass(REST_STAGE),
    MinimumCompressionSize: pass(REST_API),
    Mode: pass(REST_API),
    Models: p('json', 'Request models (JSON schemas), by name.'),
    Name: pass(REST_API),
    OpenApiVersion: p('string', 'OpenAPI version of the generated definition, e.g. `3.0.1`.'),
    Policy: pass(REST_API),
    PropagateTags: propagateTags,
    SecurityPolicy: pass(REST_API),
    StageName: p('string', 'Name of the stage SAM deploys, which is also the first path segment of its URL.'),
    Tags: tags,
    TracingEnabled: pass(REST_STAGE),
    Variables: pass(REST_STAGE),
  },
  exclusive: [['DefinitionBody', 'DefinitionUri']],
  objects: {
    '.Auth': object('Access control of the API.', {
      AddApiKeyRequiredToCorsPreflight: p('boolean', 'Also require the API key on CORS preflight requests.'),
      AddDefaultAuthorizerToCorsPreflight: p(
        'boolean',
        'Also apply the default authorizer to CORS preflight requests.',
      ),
      ApiKeyRequired: p('boolean', 'Require an API key on every route.'),
      Authorizers: p(mapOf('.Authorizer'), 'Cognito and Lambda authorizers, by name.'),
      DefaultAuthorizer: p('string', 'The authorizer every route uses unless it says otherwise.'),
      InvokeRole: p('string', 'Credentials API Gateway uses to call functions.'),
      ResourcePolicy: p('.ResourcePolicy', 'Resource policy statements for every route.'),
      UsagePlan: p('.UsagePlan', "A usage plan for the API's keys."),
    }),
    // SAM passes authorizer settings on without rejecting extra keys; tools such as Lambda Annotations add some.
    '.Authorizer': object(
      'A Cognito user pool or Lambda (token or request) authorizer.',
      {
        AuthorizationScopes: p(arrayOf('string'), 'OAuth scopes the authorizer requires.'),
        DisableFunctionDefaultPermissions: p(
          'boolean',
          'Do not create the permission that lets API Gateway call the function.',
        ),
        FunctionArn: p('string', 'ARN of the authorizer function (Lambda authorizers).'),
        FunctionInvokeRole: p('string', 'Role API Gateway uses to call the authorizer function.'),
        FunctionPayloadType: p(oneOf('TOKEN', 'REQUEST'), 'What the Lambda authorizer receives.'),
        Identity: p('.AuthorizerIdentity', 'Where the caller identity is read from.'),
        UserPoolArn: p(['string', arrayOf('string')], 'ARN of the user pool (Cognito authorizers).'),
      },
      { additional: true },
    ),
    '.AuthorizerIdentity': object('Identity sources of an authorizer.', {
      Context: p(arrayOf('string'), 'Context values used as identity.'),
      Header: p('string', 'Header with the token (token and Cognito authorizers).'),
      Headers: p(arrayOf('string'), 'Headers used as identity (request authorizers).'),
      QueryStrings: p(arrayOf('string'), 'Query string parameters used as identity.'),
      ReauthorizeEvery: p('integer', 'Seconds an authorization result is cached.'),
      StageVariables: p(arrayOf('string'), 'Stage variables used as identity.'),
      ValidationExpression: p('string', 'Regular expression the token must match.'),
    }),
    '.ResourcePolicy': resourcePolicy,
    '.UsagePlan': object(
      'Usage plan settings.',
      {
        CreateUsagePlan: p(oneOf('PER_API', 'SHARED', 'NONE'), 'One plan per API, one shared plan, or none.'),
        Description: p('string', 'Description of the plan.'),
        Quota: pass('AWS::ApiGateway::UsagePlan', 'Quota'),
        Tags: pass('AWS::ApiGateway::UsagePlan', 'Tags'),
        Throttle: pass('AWS::ApiGateway::UsagePlan', 'Throttle'),
        UsagePlanName: p('string', 'Name of the plan.'),
      },
      { required: ['CreateUsagePlan'] },
    ),
    '.Cors': object(
      'CORS settings; values are quoted strings, e.g. `"\'GET,POST\'"`.',
      {
        AllowCredentials: p('boolean', 'Allow credentials.'),
        AllowHeaders: p('string', 'Allowed headers.'),
        AllowMethods: p('string', 'Allowed methods.'),
        AllowOrigin: p('string', 'Allowed origin.'),
        MaxAge: p('string', 'Seconds browsers may cache the preflight answer.'),
      },
      { required: ['AllowOrigin'] },
    ),
    '.DefinitionUri': object(
      'An OpenAPI definition in S3.',
      {
        Bucket: pass(`${REST_API}.S3Location`, 'Bucket'),
        Key: pass(`${REST_API}.S3Location`, 'Key'),
        Version: pass(`${REST_API}.S3Location`, 'Version'),
      },
      { required: ['Bucket', 'Key'] },
    ),
    '.Domain': object(
      'A custom domain name for the API.',
      {
        AccessAssociation: p('.AccessAssociation', 'Associates a private custom domain with a VPC endpoint.'),
        BasePath: p(['string', arrayOf('string')], 'Base paths mapped to the API.'),
        CertificateArn: p('string', 'ACM certificate of the domain.'),
        DomainName: pass('AWS::ApiGateway::DomainName', 'DomainName'),
        EndpointAccessMode: pass('AWS::ApiGateway::DomainName', 'EndpointAccessMode'),
        EndpointConfiguration: p('string', 'Endpoint type of the domain.', {
          suggest: ['REGIONAL', 'EDGE', 'PRIVATE'],
        }),
        IpAddressType: p('string', 'IP address types of the domain.', { suggest: ['ipv4', 'dualstack'] }),
        MutualTlsAuthentication: pass('AWS::ApiGateway::DomainName', 'MutualTlsAuthentication'),
        NormalizeBasePath: p('boolean', 'Strip characters API Gateway does not allow from base paths.'),
        OwnershipVerificationCertificateArn: pass('AWS::ApiGateway::DomainName', 'OwnershipVerificationCertificateArn'),
        Policy: p('json', 'Policy of a private custom domain.'),
        Route53: p('.Route53', 'DNS records SAM creates.'),
        SecurityPolicy: pass('AWS::ApiGateway::DomainName', 'SecurityPolicy'),
      },
      { required: ['CertificateArn', 'DomainName'] },
    ),
    '.AccessAssociation': object(
      'Access association of a private custom domain.',
      {
        VpcEndpointId: p('string', 'The VPC endpoint allowed to reach the domain.'),
      },
      { required: ['VpcEndpointId'] },
    ),
    '.Route53': route53(true),
    '.EndpointConfiguration': object('Endpoint settings of the API.', {
      IpAddressType: p('string', 'IP address types of the API.', { suggest: ['ipv4', 'dualstack'] }),
      Type: p('string', 'Endpoint type.', { suggest: ['REGIONAL', 'EDGE', 'PRIVATE'] }),
      VPCEndpointIds: p(arrayOf('string'), 'VPC endpoints of a private API.'),
    }),
  },
  globals: [
    'AccessLogSetting',
    'AlwaysDeploy',
    'Auth',
    'BinaryMediaTypes',
    'CacheClusterEnabled',
    'CacheClusterSize',
    'CanarySetting',
    'Cors',
    'DefinitionUri',
    'Domain',
    'EndpointAccessMode',
    'EndpointConfiguration',
    'GatewayResponses',
    'MergeDefinitions',
    'MethodSettings',
    'MinimumCompressionSize',
    'Name',
    'OpenApiVersion',
    'PropagateTags',
    'SecurityPolicy',
    'TracingEnabled',
    'Variables',
  ],
  generated: [
    {
      reference: '{id}.Stage',
      logicalId: '{id}{StageName}Stage',
      type: 'AWS::ApiGateway::Stage',
      doc: 'The stage SAM deploys.',
    },
    {
      reference: '{id}.Deployment',
      logicalId: '{id}Deployment*',
      type: 'AWS::ApiGateway::Deployment',
      doc: 'The current deployment.',
    },
    {
      reference: '{id}.DomainName',
      type: 'AWS::ApiGateway::DomainName',
      when: 'Domain',
      doc: 'The custom domain name.',
    },
    { reference: '{id}.UsagePlan', type: 'AWS::ApiGateway::UsagePlan', when: 'Auth.UsagePlan', doc: 'The usage plan.' },
    {
      reference: '{id}.UsagePlanKey',
      type: 'AWS::ApiGateway::UsagePlanKey',
      when: 'Auth.UsagePlan',
      doc: 'The usage plan key.',
    },
    { reference: '{id}.ApiKey', type: 'AWS::ApiGateway::ApiKey', when: 'Auth.UsagePlan', doc: 'The API key.' },
  ],
};

export const samHttpApi = {
  type: 'AWS::Serverless::HttpApi',
  doc: 'An HTTP API in API Gateway (v2) with its `$default` stage, built from the `HttpApi` events of functions or from an OpenAPI definition.',
  documentationUrl: samPage('sam-resource-httpapi'),
  underlying: 'AWS::ApiGatewayV2::Api',
  ref: 'the HTTP API id',
  properties: {
    AccessLogSettings: pass(V2_STAGE),
    Auth: p('.Auth', 'JWT and Lambda authorizers.'),
    CorsConfiguration: p(
      ['boolean', 'AWS::ApiGatewayV2::Api.Cors'],
      'CORS for the API: `true` allows every origin, or the full settings.',
    ),
    DefaultRouteSettings: pass(V2_STAGE),
    DefinitionBody: p('json', 'The OpenAPI definition, inline.'),
    DefinitionUri: p(
      ['string', 'AWS::Serverless::Api.DefinitionUri'],
      'The OpenAPI definition: a local file or an S3 location.',
    ),
    Description: p('string', 'Description of the API.'),
    DisableExecuteApiEndpoint: p('boolean', 'Turn off the default `execute-api` endpoint.'),
    Domain: p('.Domain', 'A custom domain name for the API.'),
    FailOnWarnings: p('boolean', 'Fail the deployment on OpenAPI warnings.'),
    Name: p('string', 'Name of the API.'),
    PropagateTags: propagateTags,
    RouteSettings: pass(V2_STAGE),
    StageName: p('string', 'Name of the stage; `$default` when omitted.'),
    StageVariables: pass(V2_STAGE),
    Tags: tags,
  },
  exclusive: [['DefinitionBody', 'DefinitionUri']],
  objects: {
    '.Auth': object('Access control of the HTTP API.', {
      Authorizers: p(mapOf('.Authorizer'), 'JWT (OAuth 2.0) and Lambda authorizers, by name.'),
      DefaultAuthorizer: p('string', 'The authorizer every route uses unless it says otherwise.'),
      EnableIamAuthorizer: p('boolean', 'Allow `AWS_IAM` as an authorizer of routes.'),
    }),
    '.Authorizer': object(
      'A JWT or Lambda authorizer.',
      {
        AuthorizationScopes: p(arrayOf('string'), 'Scopes the JWT authorizer requires.'),
        AuthorizerPayloadFormatVersion: p('string', 'Event format sent to a Lambda authorizer.', {
          suggest: ['1.0', '2.0'],
        }),
        EnableFunctionDefaultPermissions: p(
          'boolean',
          'Create the permission that lets API Gateway call the authorizer.',
        ),
        EnableSimpleResponses: p('boolean', 'Let the Lambda authorizer answer with `{isAuthorized: true}`.'),
        FunctionArn: p('string', 'ARN of the authorizer function.'),
        FunctionInvokeRole: p('string', 'Role API Gateway uses to call the authorizer function.'),
        Identity: p('.AuthorizerIdentity', 'Where the caller identity is read from.'),
        IdentitySource: p('string', 'Where the JWT is read from, e.g. `$request.header.Authorization`.'),
        JwtConfiguration: p('json', 'Issuer and audience of the JWT.'),
      },
      { additional: true },
    ),
    '.AuthorizerIdentity': object('Identity sources of a Lambda authorizer.', {
      Context: p(arrayOf('string'), 'Context values used as identity.'),
      Headers: p(arrayOf('string'), 'Headers used as identity.'),
      QueryStrings: p(arrayOf('string'), 'Query string parameters used as identity.'),
      ReauthorizeEvery: p('integer', 'Seconds an authorization result is cached.'),
      StageVariables: p(arrayOf('string'), 'Stage variables used as identity.'),
    }),
    '.Domain': v2Domain('AWS::Serverless::HttpApi'),
    '.Route53': route53(false),
  },
  globals: [
    'AccessLogSettings',
    'Auth',
    'CorsConfiguration',
    'DefaultRouteSettings',
    'Domain',
    'FailOnWarnings',
    'PropagateTags',
    'RouteSettings',
    'StageVariables',
    'Tags',
  ],
  generated: [
    { reference: '{id}.Stage', type: 'AWS::ApiGatewayV2::Stage', doc: 'The stage SAM deploys.' },
    {
      reference: '{id}.DomainName',
      type: 'AWS::ApiGatewayV2::DomainName',
      when: 'Domain',
      doc: 'The custom domain name.',
    },
  ],
};

export const samWebSocketApi = {
  type: 'AWS::Serverless::WebSocketApi',
  doc: 'A WebSocket API in API Gateway (v2) whose routes invoke Lambda functions.',
  documentationUrl: samPage('sam-resource-websocketapi'),
  underlying: 'AWS::ApiGatewayV2::Api',
  ref: 'the API id',
  required: ['RouteSelectionExpression', 'Routes'],
  properties: {
    AccessLogSettings: pass(V2_STAGE),
    ApiKeySelectionExpression: p('string', 'Where API keys are read from.'),
    Auth: p('.Auth', 'The authorizer of the `$connect` route.'),
    DefaultRouteSettings: pass(V2_STAGE),
    Description: p('string', 'Description of the API.'),
    DisableExecuteApiEndpoint: p('boolean', 'Turn off the default `execute-api` endpoint.'),
    DisableSchemaValidation: p('boolean', 'Skip validation of models.'),
    Domain: p('.Domain', 'A custom domain name for the API.'),
    IpAddressType: p('string', 'IP address types of the API.', { suggest: ['ipv4', 'dualstack'] }),
    Name: p('string', 'Name of the API.'),
    PropagateTags: propagateTags,
    RouteSelectionExpression: p('string', 'How a message picks its route, e.g. `$request.body.action`.'),
    RouteSettings: pass(V2_STAGE),
    Routes: p(mapOf('.Route'), 'Routes by route key (`$connect`, `$disconnect`, `$default` or your own).'),
    StageName: p('string', 'Name of the stage.'),
    StageVariables: pass(V2_STAGE),
    Tags: tags,
  },
  objects: {
    '.Auth': object(
      'Authorizer of the `$connect` route.',
      {
        AuthArn: p('string', 'ARN of the authorizer function.'),
        AuthType: p('string', 'Kind of authorization.', { suggest: ['NONE', 'AWS_IAM', 'CUSTOM'] }),
        IdentitySource: p(['string', arrayOf('string')], 'Where the identity is read from.'),
        InvokeRole: p('string', 'Role API Gateway uses to call the authorizer.'),
        Name: p('string', 'Name of the authorizer.'),
      },
      { required: ['AuthType'] },
    ),
    '.Route': object(
      'One route and the function behind it.',
      {
        ApiKeyRequired: p('boolean', 'Require an API key.'),
        FunctionArn: p('string', 'ARN of the function that handles the route.'),
        IntegrationTimeout: p('integer', 'Integration timeout in milliseconds.'),
        ModelSelectionExpression: p('string', 'How the request model is chosen.'),
        OperationName: p('string', 'Operation name of the route.'),
        RequestModels: p('json', 'Request models by content type.'),
        RequestParameters: p('json', 'Request parameters of the route.'),
        RouteResponseSelectionExpression: p('string', 'How the route response is chosen.'),
      },
      { required: ['FunctionArn'] },
    ),
    '.Domain': v2Domain('AWS::Serverless::WebSocketApi'),
    '.Route53': route53(false),
  },
  globals: [
    'AccessLogSettings',
    'ApiKeySelectionExpression',
    'DefaultRouteSettings',
    'DisableExecuteApiEndpoint',
    'DisableSchemaValidation',
    'Domain',
    'IpAddressType',
    'PropagateTags',
    'RouteSelectionExpression',
    'RouteSettings',
    'StageVariables',
    'Tags',
  ],
};

export { samGraphQLApi } from './samGraphQLApi.mjs';
