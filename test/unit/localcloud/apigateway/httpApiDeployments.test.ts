import { strict as assert } from 'node:assert';
import {
  ApiGatewayV2Client,
  GetApisCommand,
  GetDeploymentsCommand,
  GetStagesCommand,
  NotFoundException,
  GetDeploymentCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { FakeRuntimePool } from '../../../support/fakeRuntimePool';
import { clientConfig, startHarness, type LocalCloudHarness } from '../../../support/localCloudHarness';
import { rawRequest } from '../../../support/rawHttp';
import { pollUntil } from '../../../support/trafficShiftHarness';

// An HTTP API's stage serves a deployment, not the routes as they are: a stage without AutoDeploy keeps answering
// from the deployment it names while routes are added and removed, answers nothing before it names one, and only
// an auto-deployed stage serves every change at once.

interface Pieces {
  routeB?: boolean;
  deploymentTwo?: boolean;
  pinnedTo?: 'DeploymentOne' | 'DeploymentTwo';
  liveAutoDeploy?: boolean;
}

function template(pieces: Pieces): string {
  const route = (name: string, key: string) => `
  ${name}:
    Type: AWS::ApiGatewayV2::Route
    Properties: { ApiId: !Ref Api, RouteKey: '${key}', Target: !Sub 'integrations/\${Integration}' }`;
  const deployment = (name: string, dependsOn: string[]) => `
  ${name}:
    Type: AWS::ApiGatewayV2::Deployment
    DependsOn: [${dependsOn.join(', ')}]
    Properties: { ApiId: !Ref Api, Description: ${name} }`;
  return `
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/handler
      Code: { ZipFile: 'exports.handler = async (event) => event;' }
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: snapshots, ProtocolType: HTTP }
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !GetAtt Handler.Arn
      PayloadFormatVersion: '2.0'
${route('RouteA', 'GET /a')}${pieces.routeB ? route('RouteB', 'GET /b') : ''}
${deployment('DeploymentOne', ['RouteA'])}${pieces.deploymentTwo ? deployment('DeploymentTwo', ['RouteA', 'RouteB']) : ''}
  Pinned:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: pinned, DeploymentId: !Ref ${pieces.pinnedTo ?? 'DeploymentOne'} }
  Live:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: live, AutoDeploy: ${pieces.liveAutoDeploy ?? true} }
  Empty:
    Type: AWS::ApiGatewayV2::Stage
    Properties: { ApiId: !Ref Api, StageName: empty }
`;
}

describe('HTTP API stages serve deployments (AWS::ApiGatewayV2::Deployment, Stage DeploymentId, AutoDeploy)', function () {
  this.timeout(30_000);
  let harness: LocalCloudHarness;
  let cloudFormation: CloudFormationClient;
  let v2: ApiGatewayV2Client;

  before(async () => {
    harness = await startHarness({ runtimePool: new FakeRuntimePool() });
    cloudFormation = new CloudFormationClient(clientConfig(harness.cloud.endpoint));
    v2 = new ApiGatewayV2Client(clientConfig(harness.cloud.endpoint));
  });
  after(async () => {
    cloudFormation.destroy();
    v2.destroy();
    await harness.stop();
  });

  async function settle(stackName: string): Promise<{ status: string; reason: string }> {
    let status = '';
    let reason = '';
    await pollUntil(async () => {
      const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
      status = stack?.StackStatus ?? '';
      reason = stack?.StackStatusReason ?? '';
      return !status.endsWith('_IN_PROGRESS');
    });
    return { status, reason };
  }

  async function deploy(pieces: Pieces, create = false): Promise<void> {
    const input = { StackName: 'snapshots', TemplateBody: template(pieces) };
    await cloudFormation.send(create ? new CreateStackCommand(input) : new UpdateStackCommand(input));
    const { status, reason } = await settle('snapshots');
    assert.equal(status, create ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE', reason);
  }

  /** The route key that answered each path of a stage, or the status when none did. */
  async function served(apiId: string, stage: string, paths: string[]): Promise<string[]> {
    return Promise.all(
      paths.map(async (path) => {
        const answer = await rawRequest(harness.cloud.endpoint, 'GET', `/_aws/execute-api/${apiId}/${stage}${path}`);
        if (answer.status !== 200) return `${answer.status} ${answer.body}`;
        return (JSON.parse(answer.body) as { routeKey: string }).routeKey;
      }),
    );
  }

  it('keeps a stage on its deployment while routes change; AutoDeploy serves every change; no deployment, 404', async () => {
    await deploy({}, true);
    const apiId = (await v2.send(new GetApisCommand({}))).Items!.find((api) => api.Name === 'snapshots')!.ApiId!;
    const notFound = '404 {"message":"Not Found"}';
    assert.deepEqual(await served(apiId, 'pinned', ['/a', '/b']), ['GET /a', notFound]);
    assert.deepEqual(await served(apiId, 'empty', ['/a']), [notFound]);

    // A new route: live at once on the auto-deployed stage; the pinned stage still serves its deployment.
    await deploy({ routeB: true });
    assert.deepEqual(await served(apiId, 'live', ['/a', '/b']), ['GET /a', 'GET /b']);
    assert.deepEqual(await served(apiId, 'pinned', ['/a', '/b']), ['GET /a', notFound]);
    assert.deepEqual(await served(apiId, 'empty', ['/a', '/b']), [notFound, notFound]);

    // A new deployment and the stage moved onto it.
    await deploy({ routeB: true, deploymentTwo: true, pinnedTo: 'DeploymentTwo' });
    assert.deepEqual(await served(apiId, 'pinned', ['/a', '/b']), ['GET /a', 'GET /b']);
    const deployments = (await v2.send(new GetDeploymentsCommand({ ApiId: apiId }))).Items!;
    const two = deployments.find((item) => item.Description === 'DeploymentTwo')!;
    assert.deepEqual(
      deployments.map((item) => [item.Description, item.AutoDeployed, item.DeploymentStatus]),
      [
        ['DeploymentOne', false, 'DEPLOYED'],
        ['DeploymentTwo', false, 'DEPLOYED'],
      ],
    );
    const stages = (await v2.send(new GetStagesCommand({ ApiId: apiId }))).Items!;
    const stage = (name: string) => stages.find((item) => item.StageName === name)!;
    assert.equal(stage('pinned').DeploymentId, two.DeploymentId);
    assert.equal(stage('pinned').AutoDeploy, false);
    assert.equal(stage('live').AutoDeploy, true);
    assert.equal(stage('empty').DeploymentId, undefined);

    // Route B removed while the live stage's auto-deploy is turned off: both stages keep what they served.
    await deploy({ deploymentTwo: false, liveAutoDeploy: false });
    assert.deepEqual(await served(apiId, 'live', ['/a', '/b']), ['GET /a', 'GET /b']);
    assert.deepEqual(await served(apiId, 'pinned', ['/a', '/b']), ['GET /a', notFound]);
    const live = (await v2.send(new GetStagesCommand({ ApiId: apiId }))).Items!.find(
      (item) => item.StageName === 'live',
    )!;
    const kept = await v2.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: live.DeploymentId }));
    assert.equal(kept.AutoDeployed, true);
    await assert.rejects(
      v2.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: 'nothing' })),
      (error: unknown) => error instanceof NotFoundException,
    );
  });

  it("fails a Deployment of an API without routes with API Gateway's message", async () => {
    await cloudFormation.send(
      new CreateStackCommand({
        StackName: 'no-routes',
        TemplateBody: `
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: empty, ProtocolType: HTTP }
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    Properties: { ApiId: !Ref Api }
`,
      }),
    );
    const { status } = await settle('no-routes');
    assert.equal(status, 'ROLLBACK_COMPLETE');
    const events = (await cloudFormation.send(new DescribeStackEventsCommand({ StackName: 'no-routes' }))).StackEvents!;
    const failed = events.find(
      (event) => event.LogicalResourceId === 'Deployment' && event.ResourceStatus === 'CREATE_FAILED',
    );
    assert.match(failed?.ResourceStatusReason ?? '', /Unable to deploy API because no routes exist in this API/);
  });
});
