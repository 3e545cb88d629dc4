// Starts and tracks Lambda deployments: checks the application, group and configuration as CodeDeploy does,
// writes the deployment record (AppSpec, target, lifecycle events), runs it, and keeps the running ones for
// StopDeployment and hook reports. At start, deployments a previous run of the local cloud left in progress are
// stopped with a reason and their alias is put back on the current version; at shutdown, running ones are stopped.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/logger';
import type { Clock } from '../clock';
import type { AlarmStore } from '../cloudwatch/alarmStore';
import type { LambdaOperationCall } from '../cloudformation/providers/providerServices';
import type { InvokeFunction } from '../lambda/functionInvocation';
import { AwsError } from '../protocol/awsError';
import type { RegionalState } from '../regionalState';
import { isFinished, type CodeDeployStore, type DeploymentRecord } from './codeDeployStore';
import { PREDEFINED_CONFIGS, trafficPlan, type DeploymentConfigRecord } from './deploymentConfigs';
import { DeploymentFailure, errorMessage } from './deploymentFailure';
import { LambdaDeploymentRun, type RouteTraffic } from './lambdaDeploymentRun';

export interface LambdaDeploymentsOptions {
  stores: RegionalState<CodeDeployStore>;
  alarms: RegionalState<AlarmStore>;
  invoke: InvokeFunction;
  /** Lambda in a region (aliases are regional). */
  lambda: (region: string) => LambdaOperationCall;
  clock: Clock;
  logger: Logger;
}

/** What a new Lambda deployment moves. */
export interface LambdaDeploymentRequest {
  region: string;
  applicationName: string;
  deploymentGroupName: string;
  /** The deployment's own configuration; the group's otherwise. */
  deploymentConfigName?: string;
  creator: DeploymentRecord['creator'];
  description?: string;
  functionName: string;
  alias: string;
  aliasArn: string;
  currentVersion: string;
  targetVersion: string;
  hooks: { beforeAllowTraffic?: string; afterAllowTraffic?: string };
  autoRollbackConfiguration?: DeploymentRecord['autoRollbackConfiguration'];
  /** How the alias moves (CloudFormation goes through its alias provider; the API calls UpdateAlias). */
  route?: RouteTraffic;
  /** Progress messages (stack events). */
  report?: (message: string) => void;
}

const SHUTDOWN_REASON = 'The local cloud shut down while this deployment was in progress';
const INTERRUPTED_REASON = 'The local cloud stopped while this deployment was in progress';

export class LambdaDeployments {
  private readonly running = new Map<string, LambdaDeploymentRun>();

  constructor(private readonly options: LambdaDeploymentsOptions) {}

  /** A configuration by name: predefined or the region's custom ones. */
  config(region: string, name: string): DeploymentConfigRecord | undefined {
    return PREDEFINED_CONFIGS.get(name) ?? this.options.stores.get(region).customConfig(name);
  }

  /** Starts a deployment and returns its run (whose `done` resolves with the final record). */
  start(request: LambdaDeploymentRequest): LambdaDeploymentRun {
    const store = this.options.stores.get(request.region);
    if (!store.application(request.applicationName)) {
      throw new AwsError(
        'ApplicationDoesNotExistException',
        `No application found for name: ${request.applicationName}`,
      );
    }
    const group = store.group(request.applicationName, request.deploymentGroupName);
    if (!group) {
      throw new AwsError(
        'DeploymentGroupDoesNotExistException',
        `No Deployment Group found for name: ${request.deploymentGroupName}`,
      );
    }
    const configName =
      request.deploymentConfigName ?? group.configuration.deploymentConfigName ?? 'CodeDeployDefault.LambdaAllAtOnce';
    const config = this.config(request.region, configName);
    if (!config) {
      throw new AwsError(
        'DeploymentConfigDoesNotExistException',
        `No deployment configuration found for name: ${configName}`,
      );
    }
    if (config.computePlatform !== 'Lambda') {
      throw new AwsError(
        'InvalidDeploymentConfigNameException',
        `Deployment configuration ${configName} is for the ${config.computePlatform} compute platform, not Lambda`,
      );
    }
    const active = [...this.running.values()].find(
      (run) =>
        run.record.applicationName === request.applicationName &&
        run.record.deploymentGroupName === request.deploymentGroupName,
    );
    if (active) {
      throw new AwsError(
        'DeploymentLimitExceededException',
        `The Deployment Group '${request.deploymentGroupName}' already has an active Deployment '${active.deploymentId}'`,
      );
    }
    const now = this.options.clock.now().toISOString();
    const record: DeploymentRecord = {
      deploymentId: newDeploymentId(),
      applicationName: request.applicationName,
      deploymentGroupName: request.deploymentGroupName,
      deploymentConfigName: configName,
      status: 'Created',
      creator: request.creator,
      ...(request.description === undefined ? {} : { description: request.description }),
      createTime: now,
      ...(group.configuration.alarmConfiguration ? { alarmConfiguration: group.configuration.alarmConfiguration } : {}),
      autoRollbackConfiguration: request.autoRollbackConfiguration ??
        group.configuration.autoRollbackConfiguration ?? { enabled: false, events: [] },
      appSpec: appSpecOf(request),
      target: {
        functionName: request.functionName,
        alias: request.alias,
        aliasArn: request.aliasArn,
        currentVersion: request.currentVersion,
        targetVersion: request.targetVersion,
        targetVersionWeight: 0,
        status: 'InProgress',
        lastUpdatedAt: now,
        lifecycleEvents: [
          { name: 'BeforeAllowTraffic', status: 'Pending', ...hook(request.hooks.beforeAllowTraffic) },
          { name: 'AllowTraffic', status: 'Pending' },
          { name: 'AfterAllowTraffic', status: 'Pending', ...hook(request.hooks.afterAllowTraffic) },
        ],
      },
      statusMessages: [],
    };
    store.addDeployment(record);
    const report = request.report ?? (() => undefined);
    report(
      `CodeDeploy deployment ${record.deploymentId} started (${configName}): alias ${request.alias} from version ${request.currentVersion} to ${request.targetVersion}`,
    );
    const run = new LambdaDeploymentRun(
      {
        clock: this.options.clock,
        store,
        alarms: this.options.alarms.get(request.region),
        invoke: this.options.invoke,
        logger: this.options.logger,
        region: request.region,
        report,
        recordRollback: (failed) => this.recordRollback(store, failed),
      },
      record,
      trafficPlan(config.trafficRoutingConfig),
      request.route ?? this.aliasRoute(request),
    );
    this.running.set(record.deploymentId, run);
    void run.done.finally(() => this.running.delete(record.deploymentId));
    return run;
  }

  /** An alias as Lambda knows it in the region (ResourceNotFoundException when missing). */
  async alias(
    region: string,
    functionName: string,
    alias: string,
  ): Promise<{ aliasArn: string; functionVersion: string }> {
    const found = await this.options.lambda(region)('GetAlias', { FunctionName: functionName, Name: alias });
    return { aliasArn: String(found['AliasArn']), functionVersion: String(found['FunctionVersion']) };
  }

  /** The running deployment with that ID. */
  run(deploymentId: string): LambdaDeploymentRun | undefined {
    return this.running.get(deploymentId);
  }

  /** Stops deployments a previous run left in progress (see the file comment). */
  recoverInterrupted(region: string): void {
    const store = this.options.stores.get(region);
    for (const record of store.deployments()) {
      if (isFinished(record.status) || this.running.has(record.deploymentId)) continue;
      const weight = record.target.targetVersionWeight;
      record.status = 'Stopped';
      record.errorInformation = {
        code: 'INTERNAL_ERROR',
        message: `${INTERRUPTED_REASON} (${Math.round(weight * 100)}% of traffic was on version ${record.target.targetVersion}); it was stopped and all traffic returned to version ${record.target.currentVersion}.`,
      };
      record.target.status = 'Failed';
      for (const event of record.target.lifecycleEvents) {
        if (event.status === 'InProgress') event.status = 'Unknown';
        else if (event.status === 'Pending') event.status = 'Skipped';
      }
      record.completeTime = this.options.clock.now().toISOString();
      store.save();
      this.options.logger.warn(`[codedeploy] deployment ${record.deploymentId} was in progress; stopped it`);
      const route = this.aliasRoute({ ...record.target, region });
      void route(0).then(
        () => {
          record.target.targetVersionWeight = 0;
          store.save();
        },
        (error: unknown) =>
          this.options.logger.warn(
            `[codedeploy] could not put alias ${record.target.aliasArn} back on version ${record.target.currentVersion}: ${errorMessage(error)}`,
          ),
      );
    }
  }

  /** Stops every running deployment (rolling back) and waits for them: the local cloud is closing. */
  async close(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) {
      run.stop(new DeploymentFailure('INTERNAL_ERROR', SHUTDOWN_REASON, true, 'DEPLOYMENT_STOP_ON_REQUEST', true));
    }
    await Promise.allSettled(runs.map((run) => run.done));
  }

  /** Moves an alias through Lambda's UpdateAlias. */
  private aliasRoute(target: {
    region: string;
    functionName: string;
    alias: string;
    currentVersion: string;
    targetVersion: string;
  }): RouteTraffic {
    return async (weight) => {
      const routing =
        weight > 0 && weight < 1
          ? { AdditionalVersionWeights: { [target.targetVersion]: weight } }
          : { AdditionalVersionWeights: {} };
      await this.options.lambda(target.region)('UpdateAlias', {
        FunctionName: target.functionName,
        Name: target.alias,
        FunctionVersion: weight >= 1 ? target.targetVersion : target.currentVersion,
        RoutingConfig: routing,
      });
    };
  }

  private recordRollback(store: CodeDeployStore, failed: DeploymentRecord): DeploymentRecord {
    const now = this.options.clock.now().toISOString();
    const target = failed.target;
    const rollback: DeploymentRecord = {
      ...structuredClone(failed),
      deploymentId: newDeploymentId(),
      deploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce',
      status: 'Succeeded',
      creator: 'codeDeployRollback',
      createTime: now,
      startTime: now,
      completeTime: now,
      rollbackInfo: {
        rollbackTriggeringDeploymentId: failed.deploymentId,
        rollbackMessage: `Rollback of deployment ${failed.deploymentId}`,
      },
      target: {
        ...structuredClone(target),
        currentVersion: target.targetVersion,
        targetVersion: target.currentVersion,
        targetVersionWeight: 1,
        status: 'Succeeded',
        lastUpdatedAt: now,
        lifecycleEvents: (['BeforeAllowTraffic', 'AllowTraffic', 'AfterAllowTraffic'] as const).map((name) => ({
          name,
          status: name === 'AllowTraffic' ? 'Succeeded' : 'Skipped',
          startTime: now,
          endTime: now,
        })),
      },
    };
    delete rollback.errorInformation;
    rollback.appSpec = appSpecOf({ ...rollback.target, hooks: {} });
    store.addDeployment(rollback);
    return rollback;
  }
}

/** `d-` and nine upper-case letters and digits, as CodeDeploy's IDs. */
function newDeploymentId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomUUID().replace(/-/g, '');
  let id = 'd-';
  for (let index = 0; index < 9; index++) id += alphabet[parseInt(bytes.slice(index * 2, index * 2 + 2), 16) % 36];
  return id;
}

function hook(name: string | undefined): { hookFunction?: string } {
  return name ? { hookFunction: name } : {};
}

/** The AppSpec of a Lambda deployment, as CloudFormation writes it for CodeDeploy. */
function appSpecOf(target: {
  functionName: string;
  alias: string;
  currentVersion: string;
  targetVersion: string;
  hooks: { beforeAllowTraffic?: string; afterAllowTraffic?: string };
}): string {
  const hooks = [
    ...(target.hooks.beforeAllowTraffic ? [{ BeforeAllowTraffic: target.hooks.beforeAllowTraffic }] : []),
    ...(target.hooks.afterAllowTraffic ? [{ AfterAllowTraffic: target.hooks.afterAllowTraffic }] : []),
  ];
  return JSON.stringify({
    version: 0.0,
    Resources: [
      {
        [target.functionName]: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Name: target.functionName,
            Alias: target.alias,
            CurrentVersion: target.currentVersion,
            TargetVersion: target.targetVersion,
          },
        },
      },
    ],
    ...(hooks.length > 0 ? { Hooks: hooks } : {}),
  });
}
