// What the CodeDeploy / CloudWatch / API Gateway fidelity tests share: a stack whose function deploys by
// Canary10Percent5Minutes with a PreTraffic hook that only logs its event (the client under test reports its
// status), an alarm, a REST API and an HTTP API; an update that starts a deployment; the report every client
// (aws CLI, boto3) builds from the same calls, and the checks on it.
import { strict as assert } from 'node:assert';
import {
  CloudFormationClient,
  CreateStackCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { clientConfig } from '../support/localCloudHarness';
import { pollUntil } from '../support/trafficShiftHarness';

function template(generation: number): string {
  return `
Transform: AWS::Serverless-2016-10-31
Resources:
  Greeter:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => ({ statusCode: 200, body: 'generation ${generation}' });"
      AutoPublishAlias: live
      DeploymentPreference:
        Type: Canary10Percent5Minutes
        Alarms: [!Ref ErrorsAlarm]
        Hooks:
          PreTraffic: !Ref PreTrafficHook
      Events:
        Rest:
          Type: Api
          Properties: { Path: /hello, Method: get }
        Http:
          Type: HttpApi
          Properties: { Path: /hello, Method: get }
  PreTrafficHook:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async (event) => { console.log('hook-event ' + JSON.stringify(event)); };"
      DeploymentPreference:
        Enabled: false
  ErrorsAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmDescription: Errors of the greeter
      Namespace: AWS/Lambda
      MetricName: Errors
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 0
      ComparisonOperator: GreaterThanThreshold
`;
}

/** The physical names a client needs. */
export interface ShiftingStack {
  stackName: string;
  application: string;
  deploymentGroup: string;
  /** `function:live`, CodeDeploy's Lambda target ID. */
  targetId: string;
  hookLogGroup: string;
  alarmName: string;
  restApiId: string;
  httpApiId: string;
}

async function settled(cloudFormation: CloudFormationClient, stackName: string): Promise<Stack> {
  let stack: Stack | undefined;
  await pollUntil(async () => {
    stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    return stack !== undefined && !stack.StackStatus!.endsWith('_IN_PROGRESS');
  }, 120_000);
  return stack!;
}

/** Creates the stack, then updates its code: the deployment that follows waits on the silent PreTraffic hook. */
export async function startShiftingStack(endpoint: string, stackName: string): Promise<ShiftingStack> {
  const cloudFormation = new CloudFormationClient(clientConfig(endpoint));
  try {
    const capabilities = ['CAPABILITY_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;
    await cloudFormation.send(
      new CreateStackCommand({ StackName: stackName, TemplateBody: template(1), Capabilities: [...capabilities] }),
    );
    const created = await settled(cloudFormation, stackName);
    assert.equal(created.StackStatus, 'CREATE_COMPLETE', created.StackStatusReason);
    const physical = async (logicalId: string) =>
      (
        await cloudFormation.send(
          new DescribeStackResourceCommand({ StackName: stackName, LogicalResourceId: logicalId }),
        )
      ).StackResourceDetail!.PhysicalResourceId!;
    const names: ShiftingStack = {
      stackName,
      application: await physical('ServerlessDeploymentApplication'),
      deploymentGroup: await physical('GreeterDeploymentGroup'),
      targetId: `${await physical('Greeter')}:live`,
      hookLogGroup: `/aws/lambda/${await physical('PreTrafficHook')}`,
      alarmName: await physical('ErrorsAlarm'),
      restApiId: await physical('ServerlessRestApi'),
      httpApiId: await physical('ServerlessHttpApi'),
    };
    await cloudFormation.send(
      new UpdateStackCommand({ StackName: stackName, TemplateBody: template(2), Capabilities: [...capabilities] }),
    );
    return names;
  } finally {
    cloudFormation.destroy();
  }
}

/** The stack once the stopped deployment's rollback is done. */
export async function finalStatus(endpoint: string, stackName: string): Promise<Stack> {
  const cloudFormation = new CloudFormationClient(clientConfig(endpoint));
  try {
    return await settled(cloudFormation, stackName);
  } finally {
    cloudFormation.destroy();
  }
}

/** What a client saw, field names as AWS's JSON (the CLI's output and boto3's dicts agree on them). */
export interface GradualReport {
  applications: string[];
  application: { applicationName: string; computePlatform: string };
  deploymentGroups: string[];
  group: Record<string, unknown>;
  config: Record<string, unknown>;
  inProgress: string[];
  deployment: Record<string, unknown>;
  hookEvent: { DeploymentId: string; LifecycleEventHookExecutionId: string };
  reported: string;
  canary: Record<string, unknown>;
  stopped: { status: string; statusMessage: string };
  afterStop: Record<string, unknown>;
  rollback: Record<string, unknown>;
  alarm: Record<string, unknown>;
  alarmHistory: string[];
  restApis: string[];
  restStages: string[];
  httpApis: string[];
  httpStages: string[];
  errors: Record<string, string>;
}

/** The checks every client's report must pass. */
export function checkGradualReport(report: GradualReport, stack: ShiftingStack): void {
  assert.ok(report.applications.includes(stack.application), report.applications.join(', '));
  assert.equal(report.application.applicationName, stack.application);
  assert.equal(report.application.computePlatform, 'Lambda');
  assert.deepEqual(report.deploymentGroups, [stack.deploymentGroup]);
  assert.equal(report.group['deploymentConfigName'], 'CodeDeployDefault.LambdaCanary10Percent5Minutes');
  assert.equal(report.group['computePlatform'], 'Lambda');
  assert.deepEqual(report.group['deploymentStyle'], {
    deploymentType: 'BLUE_GREEN',
    deploymentOption: 'WITH_TRAFFIC_CONTROL',
  });
  assert.deepEqual(report.group['alarmConfiguration'], {
    enabled: true,
    ignorePollAlarmFailure: false,
    alarms: [{ name: stack.alarmName }],
  });
  assert.equal((report.group['autoRollbackConfiguration'] as { enabled: boolean }).enabled, true);
  assert.match(String(report.group['serviceRoleArn']), /^arn:aws:iam::\d{12}:role\//);
  assert.equal(report.config['deploymentConfigName'], 'CodeDeployDefault.LambdaCanary10Percent5Minutes');
  assert.equal(report.config['computePlatform'], 'Lambda');
  assert.deepEqual(report.config['trafficRoutingConfig'], {
    type: 'TimeBasedCanary',
    timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 },
  });
  const deploymentId = report.hookEvent.DeploymentId;
  assert.deepEqual(report.inProgress, [deploymentId]);
  assert.equal(report.deployment['deploymentId'], deploymentId);
  assert.equal(report.deployment['applicationName'], stack.application);
  assert.equal(report.deployment['deploymentGroupName'], stack.deploymentGroup);
  assert.equal(report.deployment['status'], 'InProgress');
  assert.equal(report.deployment['creator'], 'CloudFormation');
  assert.equal(report.deployment['computePlatform'], 'Lambda');
  assert.deepEqual(report.deployment['deploymentOverview'], {
    Pending: 0,
    InProgress: 1,
    Succeeded: 0,
    Failed: 0,
    Skipped: 0,
    Ready: 0,
  });
  assert.match(report.hookEvent.LifecycleEventHookExecutionId, /\S{20,}/);
  assert.equal(report.reported, report.hookEvent.LifecycleEventHookExecutionId);
  assert.equal(report.canary['deploymentTargetType'], 'LambdaTarget');
  const lambdaTarget = report.canary['lambdaTarget'] as Record<string, unknown>;
  assert.equal(lambdaTarget['targetId'], stack.targetId);
  assert.equal(lambdaTarget['deploymentId'], deploymentId);
  assert.equal(lambdaTarget['status'], 'InProgress');
  const lambdaInfo = lambdaTarget['lambdaFunctionInfo'] as Record<string, unknown>;
  assert.equal(lambdaInfo['targetVersionWeight'], 10);
  assert.equal(lambdaInfo['functionAlias'], 'live');
  assert.equal(Number(lambdaInfo['targetVersion']), Number(lambdaInfo['currentVersion']) + 1);
  assert.equal(report.stopped.status, 'Pending');
  assert.equal(report.afterStop['status'], 'Stopped');
  const rollbackInfo = report.afterStop['rollbackInfo'] as { rollbackDeploymentId: string };
  assert.equal(report.rollback['deploymentId'], rollbackInfo.rollbackDeploymentId);
  assert.equal(report.rollback['creator'], 'codeDeployRollback');
  assert.equal(report.rollback['status'], 'Succeeded');
  assert.equal(report.alarm['AlarmName'], stack.alarmName);
  assert.equal(report.alarm['StateValue'], 'ALARM');
  assert.equal(report.alarm['StateReason'], 'fidelity');
  assert.ok(
    report.alarmHistory.some((summary) => /to ALARM/.test(summary)),
    report.alarmHistory.join('\n'),
  );
  assert.ok(report.restApis.includes(stack.restApiId));
  assert.deepEqual(report.restStages.sort(), ['Prod', 'Stage']);
  assert.ok(report.httpApis.includes(stack.httpApiId));
  assert.deepEqual(report.httpStages, ['$default']);
  assert.deepEqual(report.errors, {
    missingDeployment: 'DeploymentDoesNotExistException',
    missingGroup: 'DeploymentGroupDoesNotExistException',
    missingConfig: 'DeploymentConfigDoesNotExistException',
    missingApplication: 'ApplicationDoesNotExistException',
    missingRestApi: 'NotFoundException',
  });
}
