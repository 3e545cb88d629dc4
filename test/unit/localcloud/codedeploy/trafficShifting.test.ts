import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetDeploymentCommand,
  GetDeploymentTargetCommand,
  ListDeploymentsCommand,
  StopDeploymentCommand,
  type DeploymentInfo,
} from '@aws-sdk/client-codedeploy';
import { GetAliasCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { pollUntil, startTrafficShiftHarness, type TrafficShiftHarness } from '../../../support/trafficShiftHarness';

/** A function with a live alias shifted by CodeDeploy, a PreTraffic hook and an alarm; `code` tells versions apart. */
function template(code: string, type = 'Canary10Percent5Minutes'): string {
  return `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => '${code}';"
      AutoPublishAlias: live
      DeploymentPreference:
        Type: ${type}
        Alarms: [!Ref ErrorsAlarm]
        Hooks:
          PreTraffic: !Ref PreTrafficHook
  PreTrafficHook:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: hook.pre
      InlineCode: "exports.pre = async () => undefined;"
  ErrorsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: Errors
      Namespace: AWS/Lambda
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
`;
}

const MINUTE = 60_000;

describe('local CodeDeploy: Lambda traffic shifting through CloudFormation', function () {
  this.timeout(30_000);
  let cloud: TrafficShiftHarness;

  beforeEach(async () => {
    cloud = await startTrafficShiftHarness();
    await cloud.cloudFormation.send(
      new CreateStackCommand({
        StackName: 'shift',
        TemplateBody: template('v1'),
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }),
    );
    const created = await cloud.settledStack('shift');
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
  });
  afterEach(() => cloud.stop());

  async function aliasOf() {
    const resource = await cloud.cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: 'shift', LogicalResourceId: 'ApiAliaslive' }),
    );
    const arn = resource.StackResourceDetail!.PhysicalResourceId!;
    return cloud.lambda.send(new GetAliasCommand({ FunctionName: arn.slice(0, arn.lastIndexOf(':')), Name: 'live' }));
  }

  async function update(code: string, type?: string) {
    await cloud.cloudFormation.send(
      new UpdateStackCommand({
        StackName: 'shift',
        TemplateBody: template(code, type),
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'],
      }),
    );
  }

  /** The running deployment once the new version has `weight` percent of traffic. */
  async function deploymentAt(weight: number): Promise<DeploymentInfo> {
    let deployment: DeploymentInfo | undefined;
    await pollUntil(async () => {
      const ids = (await cloud.codeDeploy.send(new ListDeploymentsCommand({}))).deployments ?? [];
      if (ids.length === 0) return false;
      deployment = (await cloud.codeDeploy.send(new GetDeploymentCommand({ deploymentId: ids[0] }))).deploymentInfo;
      const target = await cloud.codeDeploy.send(
        new GetDeploymentTargetCommand({
          deploymentId: ids[0],
          targetId: `${(await aliasOf()).AliasArn!.split(':')[6]}:live`,
        }),
      );
      return target.deploymentTarget?.lambdaTarget?.lambdaFunctionInfo?.targetVersionWeight === weight;
    });
    return deployment!;
  }

  async function finalDeployment(id: string): Promise<DeploymentInfo> {
    let deployment: DeploymentInfo | undefined;
    await pollUntil(async () => {
      deployment = (await cloud.codeDeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo;
      return ['Succeeded', 'Failed', 'Stopped'].includes(deployment!.status!);
    });
    return deployment!;
  }

  async function aliasFailureReason(): Promise<string> {
    const events = (await cloud.cloudFormation.send(new DescribeStackEventsCommand({ StackName: 'shift' })))
      .StackEvents!;
    return events.find(
      (event) => event.LogicalResourceId === 'ApiAliaslive' && event.ResourceStatus === 'UPDATE_FAILED',
    )!.ResourceStatusReason!;
  }

  it('Canary10Percent5Minutes: PreTraffic, 10 % on the new version for five minutes, then 100 %', async () => {
    await update('v2');
    const deployment = await deploymentAt(10);
    assert.equal(deployment.status, 'InProgress');
    assert.equal(deployment.deploymentConfigName, 'CodeDeployDefault.LambdaCanary10Percent5Minutes');
    assert.equal(deployment.creator, 'CloudFormation');
    assert.deepEqual(deployment.deploymentOverview, {
      Pending: 0,
      InProgress: 1,
      Succeeded: 0,
      Failed: 0,
      Skipped: 0,
      Ready: 0,
    });
    assert.equal(cloud.hooks.hookEvents.length, 1);
    assert.equal(cloud.hooks.hookEvents[0]!.DeploymentId, deployment.deploymentId);

    const alias = await aliasOf();
    assert.equal(alias.FunctionVersion, '1');
    assert.deepEqual(alias.RoutingConfig?.AdditionalVersionWeights, { '2': 0.1 });
    const stack = await cloud.cloudFormation.send(
      new DescribeStackResourceCommand({ StackName: 'shift', LogicalResourceId: 'ApiAliaslive' }),
    );
    assert.equal(stack.StackResourceDetail!.ResourceStatus, 'UPDATE_IN_PROGRESS');

    // About one invocation in ten runs the new version.
    let onNew = 0;
    for (let index = 0; index < 300; index++) {
      const answer = await cloud.lambda.send(new InvokeCommand({ FunctionName: alias.AliasArn }));
      if (answer.ExecutedVersion === '2') onNew++;
    }
    assert.ok(onNew > 15 && onNew < 50, `${onNew} of 300 invocations ran version 2`);

    await cloud.clock.advance(5 * MINUTE);
    const done = await finalDeployment(deployment.deploymentId!);
    assert.equal(done.status, 'Succeeded');
    const updated = await cloud.settledStack('shift');
    assert.equal(updated.StackStatus, 'UPDATE_COMPLETE', updated.StackStatusReason);
    const after = await aliasOf();
    assert.equal(after.FunctionVersion, '2');
    assert.deepEqual(after.RoutingConfig?.AdditionalVersionWeights ?? {}, {});
    const reasons = (await cloud.cloudFormation.send(new DescribeStackEventsCommand({ StackName: 'shift' })))
      .StackEvents!.filter((event) => event.LogicalResourceId === 'ApiAliaslive')
      .map((event) => event.ResourceStatusReason ?? '');
    assert.ok(reasons.some((reason) => /10% of traffic on version 2/.test(reason)));
    assert.ok(reasons.some((reason) => /succeeded/.test(reason)));
  });

  it('Linear10PercentEvery1Minute moves 10 % a minute', async () => {
    await update('v2', 'Linear10PercentEvery1Minute');
    const deployment = await deploymentAt(10);
    for (const weight of [20, 30, 40]) {
      await cloud.clock.advance(MINUTE);
      await deploymentAt(weight);
    }
    assert.deepEqual((await aliasOf()).RoutingConfig?.AdditionalVersionWeights, { '2': 0.4 });
    await cloud.clock.advance(6 * MINUTE);
    assert.equal((await finalDeployment(deployment.deploymentId!)).status, 'Succeeded');
  });

  it('a PreTraffic hook that reports Failed fails the deployment: no traffic moves, the stack rolls back', async () => {
    cloud.hooks.hookBehaviour = 'Failed';
    await update('v2');
    const stack = await cloud.settledStack('shift');
    assert.equal(stack.StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    const id = (await cloud.codeDeploy.send(new ListDeploymentsCommand({}))).deployments![0]!;
    const deployment = await finalDeployment(id);
    assert.equal(deployment.status, 'Failed');
    assert.equal(deployment.errorInformation?.code, 'HOOK_EXECUTION_FAILURE');
    assert.match(
      await aliasFailureReason(),
      /^CodeDeploy deployment d-[A-Z0-9]{9} failed: The BeforeAllowTraffic lifecycle event hook .* reported Failed/,
    );
    const alias = await aliasOf();
    assert.equal(alias.FunctionVersion, '1');
    assert.deepEqual(alias.RoutingConfig?.AdditionalVersionWeights ?? {}, {});
  });

  it('a hook function that throws before reporting fails the deployment with its error', async () => {
    cloud.hooks.hookBehaviour = 'throw';
    await update('v2');
    assert.equal((await cloud.settledStack('shift')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    assert.match(await aliasFailureReason(), /failed before reporting a status: Error: smoke test failed/);
  });

  it('a hook that never reports times out after an hour on the deployment clock', async () => {
    cloud.hooks.hookBehaviour = 'silent';
    await update('v2');
    await pollUntil(() => cloud.hooks.hookEvents.length === 1);
    await cloud.clock.advance(59 * MINUTE);
    const id = (await cloud.codeDeploy.send(new ListDeploymentsCommand({}))).deployments![0]!;
    assert.equal(
      (await cloud.codeDeploy.send(new GetDeploymentCommand({ deploymentId: id }))).deploymentInfo!.status,
      'InProgress',
    );
    await cloud.clock.advance(MINUTE);
    const deployment = await finalDeployment(id);
    assert.equal(deployment.errorInformation?.code, 'TIMEOUT');
    assert.equal((await cloud.settledStack('shift')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
  });

  it('an alarm of the deployment group going to ALARM stops the shift and rolls back', async () => {
    await update('v2');
    const deployment = await deploymentAt(10);
    const alarm = (
      await cloud.cloudFormation.send(
        new DescribeStackResourceCommand({ StackName: 'shift', LogicalResourceId: 'ErrorsAlarm' }),
      )
    ).StackResourceDetail!.PhysicalResourceId!;
    await cloud.cloudWatch.send(
      new SetAlarmStateCommand({ AlarmName: alarm, StateValue: 'ALARM', StateReason: 'errors on the canary' }),
    );
    const stopped = await finalDeployment(deployment.deploymentId!);
    assert.equal(stopped.status, 'Stopped');
    assert.equal(stopped.errorInformation?.code, 'ALARM_ACTIVE');
    assert.match(stopped.errorInformation.message!, new RegExp(`Activated alarms: <${alarm}>`));
    assert.match(stopped.rollbackInfo!.rollbackDeploymentId!, /^d-/);
    assert.equal((await cloud.settledStack('shift')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    assert.match(await aliasFailureReason(), /was stopped: One or more alarms have been activated/);
    const alias = await aliasOf();
    assert.equal(alias.FunctionVersion, '1');
    assert.deepEqual(alias.RoutingConfig?.AdditionalVersionWeights ?? {}, {});
    // The rollback is a deployment of its own.
    const rollback = (
      await cloud.codeDeploy.send(
        new GetDeploymentCommand({ deploymentId: stopped.rollbackInfo!.rollbackDeploymentId }),
      )
    ).deploymentInfo!;
    assert.equal(rollback.creator, 'codeDeployRollback');
    assert.equal(rollback.rollbackInfo?.rollbackTriggeringDeploymentId, deployment.deploymentId);
  });

  it('StopDeployment stops a deployment in flight; the alias goes back', async () => {
    await update('v2');
    const deployment = await deploymentAt(10);
    const answer = await cloud.codeDeploy.send(
      new StopDeploymentCommand({ deploymentId: deployment.deploymentId, autoRollbackEnabled: true }),
    );
    assert.equal(answer.status, 'Pending');
    const stopped = await finalDeployment(deployment.deploymentId!);
    assert.equal(stopped.status, 'Stopped');
    assert.equal(stopped.errorInformation?.code, 'MANUAL_STOP');
    assert.equal((await cloud.settledStack('shift')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    assert.equal((await aliasOf()).FunctionVersion, '1');
    await assert.rejects(cloud.codeDeploy.send(new StopDeploymentCommand({ deploymentId: deployment.deploymentId })), {
      name: 'DeploymentAlreadyCompletedException',
    });
  });

  it('a restart mid-shift stops the deployment with a reason and puts the alias back (kill -9 or shutdown)', async () => {
    await update('v2');
    const deployment = await deploymentAt(10);
    // A copy of the state at 10 %, as a killed process leaves it.
    const killed = mkdtempSync(join(tmpdir(), 'sw-killed-'));
    cpSync(cloud.stateDirectory, killed, { recursive: true });
    rmSync(join(killed, 'localcloud.lock'), { force: true });

    // A graceful shutdown stops the deployment first.
    await cloud.stop(true);
    cloud = await startTrafficShiftHarness(cloud.stateDirectory);
    let stopped = (await cloud.codeDeploy.send(new GetDeploymentCommand({ deploymentId: deployment.deploymentId })))
      .deploymentInfo!;
    assert.equal(stopped.status, 'Stopped');
    assert.match(stopped.errorInformation!.message!, /shut down while this deployment was in progress/);
    assert.equal((await cloud.settledStack('shift')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    assert.equal((await aliasOf()).FunctionVersion, '1');
    await cloud.stop();

    // After a crash, the next start stops it and rolls back.
    cloud = await startTrafficShiftHarness(killed);
    stopped = (await cloud.codeDeploy.send(new GetDeploymentCommand({ deploymentId: deployment.deploymentId })))
      .deploymentInfo!;
    assert.equal(stopped.status, 'Stopped');
    assert.match(stopped.errorInformation!.message!, /stopped while this deployment was in progress \(10% of traffic/);
    assert.equal((await cloud.settledStack('shift')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    await pollUntil(async () => (await aliasOf()).RoutingConfig?.AdditionalVersionWeights?.['2'] === undefined);
    assert.equal((await aliasOf()).FunctionVersion, '1');
  });
});
