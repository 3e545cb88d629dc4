// CodeDeploy, CloudWatch alarms and API Gateway reads through Debian's aws CLI (2.9) and boto3 against the local
// cloud process (time 10 times faster): each client reads the application, group, config and the deployment a
// stack update started, reports the PreTraffic hook's status, sees the canary at 10 %, stops the deployment with
// rollback, sets the stack's alarm and reads the stack's APIs. Both build the same report; the same checks apply.
import { strict as assert } from 'node:assert';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { clientEnvironment, startFidelityCloud, type FidelityCloud } from './fidelityScenario';
import {
  checkGradualReport,
  finalStatus,
  startShiftingStack,
  type GradualReport,
  type ShiftingStack,
} from './gradualDeploymentScenario';

const run = promisify(execFile);
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

/** Interpreters that import boto3: Debian's (what CI installs) first, then the one on PATH if its boto3 differs. */
function boto3Interpreters(): string[] {
  const found = new Map<string, string>();
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (candidate.startsWith('/') && !existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['-c', 'import boto3; print(boto3.__version__)'], { encoding: 'utf8' });
      if (!found.has(version)) found.set(version, candidate);
    } catch {
      // No boto3 for this interpreter.
    }
  }
  return [...found.values()];
}

describe('fidelity: CodeDeploy, CloudWatch alarms and API Gateway through the aws CLI and boto3', function () {
  this.timeout(300_000);
  let cloud: FidelityCloud;
  before(async () => {
    cloud = await startFidelityCloud(undefined, { timeScale: 10 });
  });
  after(() => cloud.stop());

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', ...args], {
      env: clientEnvironment(),
    });
    return stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
  }

  async function awsError(...args: string[]): Promise<string> {
    return aws(...args).then(
      () => 'no error',
      (error: { stderr?: string }) => /\((\w+)\)/.exec(error.stderr ?? '')?.[1] ?? String(error.stderr),
    );
  }

  /** Polls a read until `accept` holds (the deployment runs in the background). */
  async function awsUntil(
    accept: (answer: Record<string, unknown>) => boolean,
    ...args: string[]
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answer = await aws(...args);
      if (accept(answer)) return answer;
      if (Date.now() > deadline) throw new Error(`aws ${args.join(' ')} never satisfied: ${JSON.stringify(answer)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function cliReport(stack: ShiftingStack): Promise<GradualReport> {
    const app = ['--application-name', stack.application];
    const group = [...app, '--deployment-group-name', stack.deploymentGroup];
    const hookLines = await awsUntil(
      (answer) => (answer['events'] as unknown[]).length > 0,
      'logs',
      'filter-log-events',
      '--log-group-name',
      stack.hookLogGroup,
      '--filter-pattern',
      'hook-event',
    );
    const line = (hookLines['events'] as { message: string }[])[0]!.message;
    const hookEvent = JSON.parse(
      line.slice(line.indexOf('hook-event ') + 'hook-event '.length),
    ) as GradualReport['hookEvent'];
    const deploymentId = ['--deployment-id', hookEvent.DeploymentId];
    const inProgress = await aws('deploy', 'list-deployments', ...group, '--include-only-statuses', 'InProgress');
    const deployment = (await aws('deploy', 'get-deployment', ...deploymentId))['deploymentInfo'] as Record<
      string,
      unknown
    >;
    const reported = await aws(
      'deploy',
      'put-lifecycle-event-hook-execution-status',
      ...deploymentId,
      '--lifecycle-event-hook-execution-id',
      hookEvent.LifecycleEventHookExecutionId,
      '--status',
      'Succeeded',
    );
    const target = await awsUntil(
      (answer) =>
        (answer['deploymentTarget'] as { lambdaTarget: { lambdaFunctionInfo: { targetVersionWeight: number } } })
          .lambdaTarget.lambdaFunctionInfo.targetVersionWeight === 10,
      'deploy',
      'get-deployment-target',
      ...deploymentId,
      '--target-id',
      stack.targetId,
    );
    const stopped = await aws('deploy', 'stop-deployment', ...deploymentId, '--auto-rollback-enabled');
    const afterStop = (
      await awsUntil(
        (answer) => (answer['deploymentInfo'] as { status: string }).status === 'Stopped',
        'deploy',
        'get-deployment',
        ...deploymentId,
      )
    )['deploymentInfo'] as Record<string, unknown>;
    const rollbackId = (afterStop['rollbackInfo'] as { rollbackDeploymentId: string }).rollbackDeploymentId;
    const rollback = (await aws('deploy', 'get-deployment', '--deployment-id', rollbackId))['deploymentInfo'];

    await aws(
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      stack.alarmName,
      '--state-value',
      'ALARM',
      '--state-reason',
      'fidelity',
    );
    const alarms = await aws('cloudwatch', 'describe-alarms', '--alarm-names', stack.alarmName);
    const history = await aws('cloudwatch', 'describe-alarm-history', '--alarm-name', stack.alarmName);
    const restApis = await aws('apigateway', 'get-rest-apis');
    const restStages = await aws('apigateway', 'get-stages', '--rest-api-id', stack.restApiId);
    const httpApis = await aws('apigatewayv2', 'get-apis');
    const httpStages = await aws('apigatewayv2', 'get-stages', '--api-id', stack.httpApiId);
    const names = (list: unknown, key: string) => (list as Record<string, string>[]).map((entry) => entry[key]!);
    return {
      applications: (await aws('deploy', 'list-applications'))['applications'] as string[],
      application: (await aws('deploy', 'get-application', ...app))['application'] as GradualReport['application'],
      deploymentGroups: (await aws('deploy', 'list-deployment-groups', ...app))['deploymentGroups'] as string[],
      group: (await aws('deploy', 'get-deployment-group', ...group))['deploymentGroupInfo'] as Record<string, unknown>,
      config: (
        await aws(
          'deploy',
          'get-deployment-config',
          '--deployment-config-name',
          'CodeDeployDefault.LambdaCanary10Percent5Minutes',
        )
      )['deploymentConfigInfo'] as Record<string, unknown>,
      inProgress: inProgress['deployments'] as string[],
      deployment,
      hookEvent,
      reported: reported['lifecycleEventHookExecutionId'] as string,
      canary: target['deploymentTarget'] as Record<string, unknown>,
      stopped: stopped as GradualReport['stopped'],
      afterStop,
      rollback: rollback as Record<string, unknown>,
      alarm: (alarms['MetricAlarms'] as Record<string, unknown>[])[0]!,
      alarmHistory: names(history['AlarmHistoryItems'], 'HistorySummary'),
      restApis: names(restApis['items'], 'id'),
      restStages: names(restStages['item'], 'stageName'),
      httpApis: names(httpApis['Items'], 'ApiId'),
      httpStages: names(httpStages['Items'], 'StageName'),
      errors: {
        missingDeployment: await awsError('deploy', 'get-deployment', '--deployment-id', 'd-AAAAAAAAA'),
        missingGroup: await awsError('deploy', 'get-deployment-group', ...app, '--deployment-group-name', 'nope'),
        missingConfig: await awsError('deploy', 'get-deployment-config', '--deployment-config-name', 'nope'),
        missingApplication: await awsError('deploy', 'get-application', '--application-name', 'nope'),
        missingRestApi: await awsError('apigateway', 'get-stages', '--rest-api-id', 'nope'),
      },
    };
  }

  it('aws CLI: deploy, cloudwatch, apigateway and apigatewayv2 commands', async () => {
    const stack = await startShiftingStack(cloud.endpoint, 'gradual-cli');
    checkGradualReport(await cliReport(stack), stack);
    assert.equal((await finalStatus(cloud.endpoint, 'gradual-cli')).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
  });

  for (const interpreter of boto3Interpreters()) {
    it(`boto3 (${interpreter}): the same calls`, async () => {
      const stack = await startShiftingStack(
        cloud.endpoint,
        `gradual-boto3-${boto3Interpreters().indexOf(interpreter)}`,
      );
      const { stdout } = await run(
        interpreter,
        [join(__dirname, 'gradualDeploymentScenario.py'), cloud.endpoint, JSON.stringify(stack)],
        { env: clientEnvironment() },
      );
      checkGradualReport(JSON.parse(stdout) as GradualReport, stack);
      assert.equal((await finalStatus(cloud.endpoint, stack.stackName)).StackStatus, 'UPDATE_ROLLBACK_COMPLETE');
    });
  }
});
