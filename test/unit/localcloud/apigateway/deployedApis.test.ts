import { strict as assert } from 'node:assert';
import { APIGatewayClient, GetRestApisCommand, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetRoutesCommand,
  GetStagesCommand as GetHttpStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { FunctionDefinition, InvokeRequest, InvokeResult } from '../../../../src/core/runtime/runtimeTypes';
import { FakeRuntimePool } from '../../../support/fakeRuntimePool';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../../support/localCloudHarness';
import { rawRequest } from '../../../support/rawHttp';
import { pollUntil } from '../../../support/trafficShiftHarness';

/** The parts of API Gateway's events the tests read. */
interface ProxyEvent {
  [key: string]: unknown;
  requestContext: {
    apiId: string;
    stage: string;
    resourcePath: string;
    authorizer: { principalId: string; tier: string; jwt: { claims: { sub: string } } };
  };
}

/** `api.*` handlers answer as Lambda proxies (the version that ran and the event); `auth.*` ones authorize. */
class ApiRuntimePool extends FakeRuntimePool {
  override async invoke(definition: FunctionDefinition, request: InvokeRequest): Promise<InvokeResult> {
    const result = await super.invoke(definition, request);
    const event = JSON.parse(request.payload) as Record<string, unknown>;
    if (definition.handler.startsWith('auth.')) {
      const token = typeof event['authorizationToken'] === 'string' ? event['authorizationToken'] : '';
      const effect = token === 'allow' ? 'Allow' : 'Deny';
      if (token === 'bad')
        return { ...result, payload: JSON.stringify({ errorMessage: 'Unauthorized' }), functionError: 'Unhandled' };
      return {
        ...result,
        payload: JSON.stringify({
          principalId: 'user-1',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: effect, Action: 'execute-api:Invoke', Resource: '*' }],
          },
          context: { tier: 'gold' },
        }),
      };
    }
    if (!definition.handler.startsWith('api.')) return result;
    const body = JSON.stringify({ version: definition.version, event });
    return {
      ...result,
      payload: JSON.stringify({ statusCode: 200, headers: { 'x-served-by': definition.version }, body }),
    };
  }
}

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
Resources:
  UsersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: api.users
      InlineCode: x
      AutoPublishAlias: live
      Events:
        GetUser:
          Type: Api
          Properties: { Path: '/users/{id}', Method: get }
        Secure:
          Type: Api
          Properties: { Path: /secure, Method: post, RestApiId: !Ref SecureApi, Auth: { Authorizer: TokenAuth } }
  SecureApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Variables: { color: blue }
      Auth:
        Authorizers:
          TokenAuth: { FunctionArn: !GetAtt AuthFunction.Arn }
  AuthFunction:
    Type: AWS::Serverless::Function
    Properties: { Handler: auth.token, InlineCode: x }
  ItemsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: api.items
      InlineCode: x
      Events:
        GetItem:
          Type: HttpApi
          Properties: { ApiId: !Ref ItemsApi, Path: '/items/{id}', Method: get, Auth: { Authorizer: Jwt } }
        Everything:
          Type: HttpApi
          Properties: { ApiId: !Ref ItemsApi }
  ItemsApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        Authorizers:
          Jwt:
            JwtConfiguration: { issuer: 'https://issuer.example', audience: [items] }
            IdentitySource: $request.header.Authorization
Outputs:
  UsersUrl:
    Value: !Sub https://\${ServerlessRestApi}.execute-api.\${AWS::Region}.amazonaws.com/Prod/users/
`;

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.signature`;
}

describe('deployed APIs answer on the local cloud (REST and HTTP APIs from a stack)', function () {
  this.timeout(30_000);
  let harness: LocalCloudHarness;
  let restId: string;
  let httpId: string;
  let secureId: string;

  before(async () => {
    harness = await startHarness({ runtimePool: new ApiRuntimePool() });
    const config = clientConfig(harness.cloud.endpoint);
    const cloudFormation = new CloudFormationClient(config);
    await cloudFormation.send(
      new CreateStackCommand({
        StackName: 'apis',
        TemplateBody: TEMPLATE,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }),
    );
    let status = '';
    let reason = '';
    await pollUntil(async () => {
      const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'apis' }))).Stacks?.[0];
      status = stack?.StackStatus ?? '';
      reason = stack?.StackStatusReason ?? '';
      return !status.endsWith('_IN_PROGRESS');
    });
    assert.equal(status, 'CREATE_COMPLETE', reason);
    const outputs = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'apis' }))).Stacks![0]!.Outputs!;
    cloudFormation.destroy();
    const apiGateway = new APIGatewayClient(config);
    const apis = (await apiGateway.send(new GetRestApisCommand({}))).items ?? [];
    restId = apis.find((api) => outputs[0]!.OutputValue!.includes(api.id!))!.id!;
    secureId = apis.find((api) => api.id !== restId)!.id!;
    const stages = await apiGateway.send(new GetStagesCommand({ restApiId: restId }));
    assert.deepEqual(stages.item?.map((stage) => stage.stageName).sort(), ['Prod', 'Stage']);
    apiGateway.destroy();
    const v2 = new ApiGatewayV2Client(config);
    httpId = (await v2.send(new GetApisCommand({}))).Items![0]!.ApiId!;
    const routes = await v2.send(new GetRoutesCommand({ ApiId: httpId }));
    assert.deepEqual(routes.Items?.map((route) => route.RouteKey).sort(), ['$default', 'GET /items/{id}']);
    const httpStages = await v2.send(new GetHttpStagesCommand({ ApiId: httpId }));
    assert.deepEqual(
      httpStages.Items?.map((stage) => stage.StageName),
      ['$default'],
    );
    v2.destroy();
  });
  after(() => harness.stop());

  const get = (path: string, headers: Record<string, string> = {}) =>
    rawRequest(harness.cloud.endpoint, 'GET', path, headers);

  it('serves a REST API path-style through the alias its integration names, with the v1 event', async () => {
    const answer = await get(`/_aws/execute-api/${restId}/Prod/users/42?expand=1`);
    assert.equal(answer.status, 200, answer.body);
    assert.equal(answer.headers['x-served-by'], '1', 'version 1 behind the live alias');
    const { event } = JSON.parse(answer.body) as { event: ProxyEvent };
    assert.equal(event['resource'], '/users/{id}');
    assert.equal(event['path'], '/users/42');
    assert.deepEqual(event['pathParameters'], { id: '42' });
    assert.deepEqual(event['queryStringParameters'], { expand: '1' });
    assert.equal(event['requestContext'].apiId, restId);
    assert.equal(event['requestContext'].stage, 'Prod');
    assert.equal(event['requestContext'].resourcePath, '/users/{id}');
  });

  it('serves host-style ({apiId}.execute-api.localhost:PORT) the same way', async () => {
    const answer = await get('/Prod/users/7', { Host: `${restId}.execute-api.localhost:${harness.cloud.port}` });
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual((JSON.parse(answer.body) as { event: { pathParameters: unknown } }).event.pathParameters, {
      id: '7',
    });
  });

  it("answers API Gateway's errors for unknown routes, stages and APIs", async () => {
    const noRoute = await get(`/_aws/execute-api/${restId}/Prod/nothing`);
    assert.equal(noRoute.status, 403);
    assert.deepEqual(JSON.parse(noRoute.body), { message: 'Missing Authentication Token' });
    const noStage = await get(`/_aws/execute-api/${restId}/Dev/users/1`);
    assert.equal(noStage.status, 403);
    assert.deepEqual(JSON.parse(noStage.body), { message: 'Forbidden' });
    const noApi = await get('/_aws/execute-api/abcdefghij/Prod/users/1');
    assert.equal(noApi.status, 404);
    assert.match(noApi.body, /No REST or HTTP API with ID abcdefghij/);
  });

  it('runs a Lambda TOKEN authorizer: allow passes its principal and context, deny is 403, no token 401', async () => {
    const call = (token?: string) =>
      rawRequest(
        harness.cloud.endpoint,
        'POST',
        `/_aws/execute-api/${secureId}/v1/secure`,
        token ? { Authorization: token } : {},
        '{}',
      );
    const allowed = await call('allow');
    assert.equal(allowed.status, 200, allowed.body);
    const event = (JSON.parse(allowed.body) as { event: ProxyEvent }).event;
    assert.equal(event['requestContext'].authorizer.principalId, 'user-1');
    assert.equal(event['requestContext'].authorizer.tier, 'gold');
    assert.deepEqual(event['stageVariables'], { color: 'blue' });
    assert.equal((await call('deny')).status, 403);
    assert.equal((await call('bad')).status, 401);
    assert.equal((await call()).status, 401);
  });

  it('serves an HTTP API: JWT claims from the bearer token, $default takes the rest, payload 2.0', async () => {
    const token = jwt({ sub: 'alice', iss: 'https://issuer.example', scope: 'read' });
    const answer = await get(`/_aws/execute-api/${httpId}/items/9`, { Authorization: `Bearer ${token}` });
    assert.equal(answer.status, 200, answer.body);
    const event = (JSON.parse(answer.body) as { event: ProxyEvent }).event;
    assert.equal(event['version'], '2.0');
    assert.equal(event['routeKey'], 'GET /items/{id}');
    assert.equal(event['requestContext'].authorizer.jwt.claims.sub, 'alice');
    assert.equal((await get(`/_aws/execute-api/${httpId}/items/9`)).status, 401);
    const rest = await get(`/_aws/execute-api/${httpId}/anything/else`);
    assert.equal(rest.status, 200, rest.body);
    assert.equal((JSON.parse(rest.body) as { event: { routeKey: string } }).event.routeKey, '$default');
    const root = await get('/', { Host: `${httpId}.execute-api.localhost` });
    assert.equal(root.status, 200, root.body);
  });
});
