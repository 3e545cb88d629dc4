// AWS::Serverless::WebSocketApi.
import { route53, v2Domain } from './samApiDomains.mjs';
import { arrayOf, mapOf, object, p, pass, samPage } from './samDsl.mjs';

const V2_STAGE = 'AWS::ApiGatewayV2::Stage';
const tags = p(mapOf('string'), 'Tags as a map of key to value.');
const propagateTags = p('boolean', 'Also put `Tags` on the resources SAM generates.');

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
