import { strict as assert } from 'node:assert';
import {
  APIGatewayClient,
  BadRequestException,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourceCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetTagsCommand,
  NotFoundException,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  GetApiCommand,
  GetApisCommand,
  GetAuthorizersCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetStageCommand as GetHttpStageCommand,
  NotFoundException as HttpNotFoundException,
} from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { FakeRuntimePool } from '../../../support/fakeRuntimePool';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../../support/localCloudHarness';
import { rawRequest } from '../../../support/rawHttp';
import { pollUntil } from '../../../support/trafficShiftHarness';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  UsersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: api.users
      Runtime: nodejs20.x
      InlineCode: x
      Events:
        GetUser: { Type: Api, Properties: { Path: '/users/{id}', Method: get } }
        ListUsers: { Type: Api, Properties: { Path: /users, Method: get } }
        GetItem: { Type: HttpApi, Properties: { ApiId: !Ref ItemsApi, Path: '/items/{id}', Method: get, Auth: { Authorizer: Jwt } } }
  ItemsApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      Tags: { team: blue }
      Auth:
        Authorizers:
          Jwt:
            JwtConfiguration: { issuer: 'https://issuer.example', audience: [items] }
            IdentitySource: $request.header.Authorization
`;

describe('the API Gateway control plane answers on the generated models (v1 and v2)', function () {
  this.timeout(30_000);
  let harness: LocalCloudHarness;
  let v1: APIGatewayClient;
  let v2: ApiGatewayV2Client;
  let restId: string;
  let httpId: string;

  before(async () => {
    harness = await startHarness({ runtimePool: new FakeRuntimePool() });
    const config = clientConfig(harness.cloud.endpoint);
    const cloudFormation = new CloudFormationClient(config);
    await cloudFormation.send(
      new CreateStackCommand({
        StackName: 'control',
        TemplateBody: TEMPLATE,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }),
    );
    let status = '';
    await pollUntil(async () => {
      const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: 'control' }))).Stacks?.[0];
      status = stack?.StackStatus ?? '';
      return !status.endsWith('_IN_PROGRESS');
    });
    assert.equal(status, 'CREATE_COMPLETE');
    cloudFormation.destroy();
    v1 = new APIGatewayClient(config);
    v2 = new ApiGatewayV2Client(config);
    restId = (await v1.send(new GetRestApisCommand({}))).items![0]!.id!;
    httpId = (await v2.send(new GetApisCommand({}))).Items![0]!.ApiId!;
  });
  after(async () => {
    v1?.destroy();
    v2?.destroy();
    await harness?.stop();
  });

  it('lists a REST API resources by page, methods embedded only when asked', async () => {
    const api = await v1.send(new GetRestApiCommand({ restApiId: restId }));
    assert.equal(api.name, 'control', 'the title SAM gives the API: the stack name');
    assert.ok(api.createdDate instanceof Date && api.createdDate.getTime() > Date.now() - 60_000);
    const first = await v1.send(new GetResourcesCommand({ restApiId: restId, limit: 2 }));
    assert.equal(first.items?.length, 2);
    assert.ok(first.position, 'a position while more remain');
    const rest = await v1.send(new GetResourcesCommand({ restApiId: restId, position: first.position }));
    const all = [...(first.items ?? []), ...(rest.items ?? [])];
    assert.deepEqual(all.map((item) => item.path).sort(), ['/', '/users', '/users/{id}']);
    const user = all.find((item) => item.path === '/users/{id}')!;
    assert.deepEqual(user.resourceMethods, { GET: {} });
    const embedded = await v1.send(
      new GetResourceCommand({ restApiId: restId, resourceId: user.id, embed: ['methods'] }),
    );
    assert.equal(embedded.resourceMethods?.['GET']?.methodIntegration?.type, 'AWS_PROXY');
    const method = await v1.send(new GetMethodCommand({ restApiId: restId, resourceId: user.id, httpMethod: 'GET' }));
    assert.equal(method.authorizationType, 'NONE');
    const integration = await v1.send(
      new GetIntegrationCommand({ restApiId: restId, resourceId: user.id, httpMethod: 'GET' }),
    );
    assert.equal(integration.httpMethod, 'POST', 'Lambda proxies are called with POST');
    assert.match(integration.uri ?? '', /:lambda:path\/2015-03-31\/functions\/.*UsersFunction.*\/invocations$/);
  });

  it('answers REST API deployments, stages and tags, and AWS errors for unknown ids and bad limits', async () => {
    const deployments = await v1.send(new GetDeploymentsCommand({ restApiId: restId }));
    const stage = await v1.send(new GetStageCommand({ restApiId: restId, stageName: 'Prod' }));
    assert.ok(deployments.items?.some((deployment) => deployment.id === stage.deploymentId));
    const tags = await v1.send(
      new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${restId}` }),
    );
    assert.equal(typeof tags.tags, 'object');
    await assert.rejects(v1.send(new GetRestApiCommand({ restApiId: 'nothing' })), (error: unknown) => {
      assert.ok(error instanceof NotFoundException);
      assert.equal(error.message, 'Invalid API identifier specified 123456789012:nothing');
      assert.equal(error.$metadata.httpStatusCode, 404);
      return true;
    });
    await assert.rejects(
      v1.send(new GetStageCommand({ restApiId: restId, stageName: 'nope' })),
      (error: unknown) => error instanceof NotFoundException,
    );
    await assert.rejects(
      v1.send(new GetResourcesCommand({ restApiId: restId, limit: 501 })),
      (error: unknown) => error instanceof BadRequestException && error.$metadata.httpStatusCode === 400,
    );
  });

  it('answers HTTP API routes, integrations, authorizers, stages and tags with v2 wire names', async () => {
    const api = await v2.send(new GetApiCommand({ ApiId: httpId }));
    assert.equal(api.ProtocolType, 'HTTP');
    assert.deepEqual(api.Tags, { team: 'blue', 'httpapi:createdBy': 'SAM' });
    const routes = (await v2.send(new GetRoutesCommand({ ApiId: httpId }))).Items!;
    const route = routes.find((item) => item.RouteKey === 'GET /items/{id}')!;
    assert.equal(route.AuthorizationType, 'JWT');
    const again = await v2.send(new GetRouteCommand({ ApiId: httpId, RouteId: route.RouteId }));
    assert.equal(again.Target, route.Target);
    const integrations = (await v2.send(new GetIntegrationsCommand({ ApiId: httpId }))).Items!;
    assert.equal(route.Target, `integrations/${integrations[0]!.IntegrationId}`);
    assert.equal(integrations[0]!.PayloadFormatVersion, '2.0');
    const authorizers = (await v2.send(new GetAuthorizersCommand({ ApiId: httpId }))).Items!;
    assert.equal(authorizers[0]!.AuthorizerType, 'JWT');
    assert.equal(authorizers[0]!.JwtConfiguration?.Issuer, 'https://issuer.example');
    assert.deepEqual(authorizers[0]!.IdentitySource, ['$request.header.Authorization']);
    const stage = await v2.send(new GetHttpStageCommand({ ApiId: httpId, StageName: '$default' }));
    assert.equal(stage.AutoDeploy, true);
    assert.ok(stage.CreatedDate instanceof Date);
    await assert.rejects(
      v2.send(new GetRouteCommand({ ApiId: httpId, RouteId: 'nothing' })),
      (error: unknown) => error instanceof HttpNotFoundException && error.$metadata.httpStatusCode === 404,
    );
  });

  it('refuses operations it does not implement with an error naming them, and reports coverage per model', async () => {
    const create = await rawRequest(
      harness.cloud.endpoint,
      'POST',
      '/restapis',
      {
        'content-type': 'application/json',
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=0',
      },
      JSON.stringify({ name: 'x' }),
    );
    assert.equal(create.status, 501, create.body);
    assert.match(create.body, /CreateRestApi of API Gateway is not supported/);
    const coverage = JSON.parse(
      (await rawRequest(harness.cloud.endpoint, 'GET', '/_localcloud/coverage')).body,
    ) as Record<string, { implemented: string[] }>;
    assert.ok(coverage['apigateway']?.implemented.includes('GetResources'));
    assert.ok(coverage['apigatewayv2']?.implemented.includes('GetRoutes'));
  });
});
