// Issue #9's scenario, end to end in plain Node: samples/hello-sam deployed by `serverless-workbench deploy` to a
// local cloud in its own process (real runtimes, time running 10 times faster), the handler changed and deployed
// again. CodeDeploy shifts the `live` alias by Canary10Percent5Minutes while the stack's API answers on
// 127.0.0.1: about 10 % of real responses come from the new code, then all of them. A PreTraffic hook whose smoke
// test fails, and an alarm set to ALARM mid-shift, each roll the deployment back: the stack ends
// UPDATE_ROLLBACK_COMPLETE with CodeDeploy's reason and the old code serves every request.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CodeDeployClient, GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-codedeploy';
import { GetAliasCommand, LambdaClient, type AliasConfiguration } from '@aws-sdk/client-lambda';
import { clientConfig } from '../support/localCloudHarness';
import { pollUntil } from '../support/trafficShiftHarness';
import { runCliIn, type CliResult } from '../unit/deploy/cliRunner';
import { breakHandler, copyHelloSam, generationOf, guardDeployments, localApiUrl, markHandler } from './canaryProject';
import { startFidelityCloud, type FidelityCloud } from './fidelityScenario';

/** Canary10Percent5Minutes holds 10 % for 30 s at this scale: room to sample the API on a loaded machine. */
const TIME_SCALE = 10;
const SAMPLES = 100;

describe('scenario: a canary deployment of samples/hello-sam on the local cloud', function () {
  this.timeout(600_000);
  let cloud: FidelityCloud;
  let cloudFormation: CloudFormationClient;
  let lambda: LambdaClient;
  let codeDeploy: CodeDeployClient;
  let cloudWatch: CloudWatchClient;
  const projects: string[] = [];

  before(async () => {
    cloud = await startFidelityCloud(undefined, { timeScale: TIME_SCALE });
    const config = clientConfig(cloud.endpoint);
    cloudFormation = new CloudFormationClient(config);
    lambda = new LambdaClient(config);
    codeDeploy = new CodeDeployClient(config);
    cloudWatch = new CloudWatchClient(config);
  });
  after(async () => {
    for (const client of [cloudFormation, lambda, codeDeploy, cloudWatch]) client.destroy();
    await cloud.stop();
    for (const project of projects) rmSync(project, { recursive: true, force: true });
  });

  const deploy = (project: string, stackName: string): Promise<CliResult> =>
    runCliIn(project, ['deploy', '--endpoint-url', cloud.endpoint, '--stack-name', stackName]);

  async function deployed(project: string, stackName: string): Promise<void> {
    const result = await deploy(project, stackName);
    assert.equal(result.code, 0, result.stderr + result.stdout);
  }

  async function stackOf(stackName: string) {
    return (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0]!;
  }

  async function physicalId(stackName: string, logicalId: string): Promise<string> {
    const resource = await cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }),
    );
    return resource.StackResourceDetail!.PhysicalResourceId!;
  }

  /** GET /users/{n} through the stack's API (the output URL in its local form), `count` times, 4 at a time. */
  async function generations(stackName: string, count: number): Promise<number[]> {
    const output = (await stackOf(stackName)).Outputs!.find((entry) => entry.OutputKey === 'UsersApiUrl')!;
    const url = localApiUrl(output.OutputValue!, cloud.endpoint);
    const seen: number[] = [];
    for (let next = 0; next < count; next += 4) {
      const batch = Array.from({ length: Math.min(4, count - next) }, async (_, index) => {
        const response = await fetch(`${url}${next + index}`);
        const body = await response.text();
        assert.equal(response.status, 200, body);
        return generationOf(body);
      });
      seen.push(...(await Promise.all(batch)));
    }
    return seen;
  }

  const count = (values: number[], wanted: number) => values.filter((value) => value === wanted).length;

  async function liveAlias(stackName: string): Promise<AliasConfiguration> {
    const functionName = await physicalId(stackName, 'UsersFunction');
    return lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: 'live' }));
  }

  /** The new version's share of `live` (0 when the alias routes to one version only). */
  const shareOf = (alias: AliasConfiguration) =>
    Object.values(alias.RoutingConfig?.AdditionalVersionWeights ?? {})[0] ?? 0;

  /** Waits (the deployment runs in the background) until the new version takes 10 % of `live`. */
  async function canaryStarted(stackName: string): Promise<AliasConfiguration> {
    let alias: AliasConfiguration | undefined;
    await pollUntil(async () => {
      alias = await liveAlias(stackName).catch(() => undefined);
      return alias !== undefined && shareOf(alias) === 0.1;
    }, 300_000);
    return alias!;
  }

  /** The newest deployment CloudFormation started (rollback deployments are CodeDeploy's own). */
  async function latestDeployment() {
    const ids = (await codeDeploy.send(new ListDeploymentsCommand({}))).deployments!;
    const deployments = await Promise.all(
      ids.map(
        async (deploymentId) => (await codeDeploy.send(new GetDeploymentCommand({ deploymentId }))).deploymentInfo!,
      ),
    );
    const started = deployments.filter((deployment) => deployment.creator === 'CloudFormation');
    return started.sort((a, b) => b.createTime!.getTime() - a.createTime!.getTime())[0]!;
  }

  async function aliasFailure(stackName: string): Promise<string> {
    const events = (await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackName }))).StackEvents!;
    const failed = events.find(
      (event) => event.LogicalResourceId === 'UsersFunctionAliaslive' && event.ResourceStatus === 'UPDATE_FAILED',
    );
    assert.ok(failed, events.map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}`).join('\n'));
    return failed.ResourceStatusReason!;
  }

  it('shifts about 10 % of the deployed API responses to the changed handler, then all of them', async () => {
    const project = copyHelloSam('sw-canary-');
    projects.push(project);
    await deployed(project, 'hello-canary');
    assert.deepEqual(new Set(await generations('hello-canary', 8)), new Set([1]));
    const before = await liveAlias('hello-canary');

    markHandler(project, 2);
    const redeploy = deploy(project, 'hello-canary');
    const shifting = await canaryStarted('hello-canary');
    assert.equal(shifting.FunctionVersion, before.FunctionVersion, 'the old version keeps 90 %');
    assert.equal((await stackOf('hello-canary')).StackStatus, 'UPDATE_IN_PROGRESS');
    const during = await generations('hello-canary', SAMPLES);
    assert.equal(
      shareOf(await liveAlias('hello-canary')),
      0.1,
      `the 10 % step ended while sampling: the machine is slower than time scale ${TIME_SCALE} allows`,
    );
    const fresh = count(during, 2);
    assert.equal(fresh + count(during, 1), SAMPLES);
    assert.ok(fresh >= 2 && fresh <= 25, `${fresh} of ${SAMPLES} responses from the new code during the canary`);

    const finished = await redeploy;
    assert.equal(finished.code, 0, finished.stderr + finished.stdout);
    assert.match(finished.stdout, /Successfully updated stack - hello-canary/);
    const after = await liveAlias('hello-canary');
    assert.equal(shareOf(after), 0);
    assert.equal(Number(after.FunctionVersion), Number(before.FunctionVersion) + 1);
    assert.deepEqual(new Set(await generations('hello-canary', 20)), new Set([2]));

    const deployment = await latestDeployment();
    assert.equal(deployment.status, 'Succeeded');
    assert.equal(deployment.deploymentConfigName, 'CodeDeployDefault.LambdaCanary10Percent5Minutes');
    assert.equal(deployment.creator, 'CloudFormation');
  });

  describe('with a PreTraffic smoke test and an errors alarm', () => {
    let project: string;
    let firstVersion: string;
    before(async () => {
      project = copyHelloSam('sw-canary-guarded-');
      projects.push(project);
      guardDeployments(project);
      await deployed(project, 'hello-guarded');
      firstVersion = (await liveAlias('hello-guarded')).FunctionVersion!;
    });

    async function rolledBack(result: CliResult): Promise<string> {
      assert.equal(result.code, 1, result.stdout);
      const stack = await stackOf('hello-guarded');
      assert.equal(stack.StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
      const alias = await liveAlias('hello-guarded');
      assert.equal(alias.FunctionVersion, firstVersion);
      assert.equal(shareOf(alias), 0);
      assert.deepEqual(new Set(await generations('hello-guarded', 20)), new Set([1]), 'the old code serves all');
      return aliasFailure('hello-guarded');
    }

    it('rolls back when the hook finds the new code broken, before any traffic moves', async () => {
      breakHandler(project);
      const result = await deploy(project, 'hello-guarded');
      const reason = await rolledBack(result);
      assert.match(
        reason,
        /^CodeDeploy deployment d-\w+ failed: The BeforeAllowTraffic lifecycle event hook CodeDeployHook_hello-sam-preTraffic reported Failed\.$/,
      );
      assert.match(result.stdout + result.stderr, /reported Failed/);
      const deployment = await latestDeployment();
      assert.equal(deployment.status, 'Failed');
      assert.equal(deployment.errorInformation?.code, 'HOOK_EXECUTION_FAILURE');
    });

    it('rolls back when the alarm goes to ALARM during the canary', async () => {
      markHandler(project, 3);
      const redeploy = deploy(project, 'hello-guarded');
      await canaryStarted('hello-guarded');
      const alarmName = await physicalId('hello-guarded', 'UsersErrorsAlarm');
      await cloudWatch.send(
        new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'ALARM', StateReason: 'errors in the canary' }),
      );
      const reason = await rolledBack(await redeploy);
      assert.match(reason, /^CodeDeploy deployment d-\w+ was stopped: .*Activated alarms: <.*UsersErrorsAlarm.*>$/);
      const deployment = await latestDeployment();
      assert.equal(deployment.status, 'Stopped');
      assert.equal(deployment.errorInformation?.code, 'ALARM_ACTIVE');
      const rollbackId = deployment.rollbackInfo?.rollbackDeploymentId;
      assert.ok(rollbackId, JSON.stringify(deployment.rollbackInfo));
      const rollback = (await codeDeploy.send(new GetDeploymentCommand({ deploymentId: rollbackId }))).deploymentInfo!;
      assert.equal(rollback.creator, 'codeDeployRollback');
      assert.equal(rollback.rollbackInfo?.rollbackTriggeringDeploymentId, deployment.deploymentId);
      const alarm = (await cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName] }))).MetricAlarms![0]!;
      assert.equal(alarm.StateValue, 'ALARM');
    });
  });
});
