// CodeDeploy deployments of Lambda aliases: reading them (GetDeployment with deploymentOverview, the Lambda target
// with both versions and the target's share of traffic), stopping them, hooks reporting their status, and
// CreateDeployment with a Lambda AppSpec.
import { createHash } from 'node:crypto';
import type {
  CodedeployOperations,
  DeploymentInfo,
  DeploymentOverview,
  DeploymentTarget,
  LifecycleEvent,
} from '../../models/generated/codedeploy';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { RegionalState } from '../../regionalState';
import { isFinished, type CodeDeployStore, type DeploymentRecord, type LifecycleEventRecord } from '../codeDeployStore';
import { DeploymentFailure } from '../deploymentFailure';
import type { LambdaDeployments } from '../lambdaDeployments';
import { createAppSpecDeployment } from './appSpecDeployments';
import { pageOf } from './codeDeployPages';

export function deploymentHandlers(
  stores: RegionalState<CodeDeployStore>,
  deployments: LambdaDeployments,
): ServiceProvider<CodedeployOperations> {
  const requireDeployment = (region: string, id: string): DeploymentRecord => {
    const record = stores.get(region).deployment(id);
    if (!record) throw new AwsError('DeploymentDoesNotExistException', `The deployment ${id} could not be found.`);
    return record;
  };
  const requireTarget = (record: DeploymentRecord, targetId: string) => {
    if (targetId !== targetIdOf(record)) {
      throw new AwsError(
        'DeploymentTargetDoesNotExistException',
        `The target ${targetId} does not exist in deployment ${record.deploymentId}`,
      );
    }
  };
  return {
    GetDeployment: (input, context) => ({
      deploymentInfo: deploymentInfo(requireDeployment(context.region, input.deploymentId)),
    }),
    BatchGetDeployments: (input, context) => {
      const store = stores.get(context.region);
      return {
        deploymentsInfo: input.deploymentIds.flatMap((id) => {
          const record = store.deployment(id);
          return record ? [deploymentInfo(record)] : [];
        }),
      };
    },
    ListDeployments: (input, context) => {
      const store = stores.get(context.region);
      if (input.deploymentGroupName !== undefined && input.applicationName === undefined) {
        throw new AwsError('ApplicationNameRequiredException', 'The application name must be specified');
      }
      if (input.applicationName !== undefined) {
        if (!store.application(input.applicationName)) {
          throw new AwsError(
            'ApplicationDoesNotExistException',
            `No application found for name: ${input.applicationName}`,
          );
        }
        if (input.deploymentGroupName === undefined) {
          throw new AwsError('DeploymentGroupNameRequiredException', 'The deployment group name must be specified');
        }
        if (!store.group(input.applicationName, input.deploymentGroupName)) {
          throw new AwsError(
            'DeploymentGroupDoesNotExistException',
            `No Deployment Group found for name: ${input.deploymentGroupName}`,
          );
        }
      }
      const statuses = input.includeOnlyStatuses?.length ? new Set(input.includeOnlyStatuses) : undefined;
      const start = input.createTimeRange?.start?.getTime();
      const end = input.createTimeRange?.end?.getTime();
      const ids = store
        .deployments()
        .filter(
          (record) =>
            (input.applicationName === undefined || record.applicationName === input.applicationName) &&
            (input.deploymentGroupName === undefined || record.deploymentGroupName === input.deploymentGroupName) &&
            (!statuses || statuses.has(record.status)) &&
            (start === undefined || Date.parse(record.createTime) >= start) &&
            (end === undefined || Date.parse(record.createTime) <= end),
        )
        .map((record) => record.deploymentId);
      const page = pageOf(ids, input.nextToken);
      return { deployments: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
    },
    StopDeployment: (input, context) => {
      const record = requireDeployment(context.region, input.deploymentId);
      const run = deployments.run(record.deploymentId);
      if (!run || isFinished(record.status)) {
        throw new AwsError(
          'DeploymentAlreadyCompletedException',
          `The deployment ${record.deploymentId} has already completed.`,
        );
      }
      run.stop(
        new DeploymentFailure(
          'MANUAL_STOP',
          'The deployment was stopped by a StopDeployment request.',
          true,
          'DEPLOYMENT_STOP_ON_REQUEST',
          input.autoRollbackEnabled,
        ),
      );
      return { status: 'Pending', statusMessage: 'Stopping Pending. Stopping to deploy to the remaining targets.' };
    },
    PutLifecycleEventHookExecutionStatus: (input, context) => {
      if (input.deploymentId === undefined) {
        throw new AwsError('DeploymentIdRequiredException', 'A deployment ID must be specified');
      }
      const record = requireDeployment(context.region, input.deploymentId);
      const status = input.status;
      if (status !== 'Succeeded' && status !== 'Failed') {
        throw new AwsError(
          'InvalidLifecycleEventHookExecutionStatusException',
          `The status ${status ?? ''} is not valid: report Succeeded or Failed`,
        );
      }
      const event = record.target.lifecycleEvents.find(
        (candidate) => candidate.hookExecutionId === input.lifecycleEventHookExecutionId,
      );
      if (!event || input.lifecycleEventHookExecutionId === undefined) {
        throw new AwsError(
          'InvalidLifecycleEventHookExecutionIdException',
          `The lifecycle event hook execution ID ${input.lifecycleEventHookExecutionId ?? ''} is not valid for deployment ${record.deploymentId}`,
        );
      }
      const accepted = deployments
        .run(record.deploymentId)
        ?.reportHookStatus(input.lifecycleEventHookExecutionId, status);
      if (!accepted) {
        throw new AwsError(
          'LifecycleEventAlreadyCompletedException',
          `The ${event.name} lifecycle event of deployment ${record.deploymentId} has already completed`,
        );
      }
      return { lifecycleEventHookExecutionId: input.lifecycleEventHookExecutionId };
    },
    ListDeploymentTargets: (input, context) => {
      const record = requireDeployment(context.region, input.deploymentId);
      const statuses = input.targetFilters?.['TargetStatus'];
      const ids = !statuses?.length || statuses.includes(record.target.status) ? [targetIdOf(record)] : [];
      return { targetIds: ids };
    },
    GetDeploymentTarget: (input, context) => {
      const record = requireDeployment(context.region, input.deploymentId);
      requireTarget(record, input.targetId);
      return { deploymentTarget: deploymentTarget(record) };
    },
    BatchGetDeploymentTargets: (input, context) => {
      const record = requireDeployment(context.region, input.deploymentId);
      for (const id of input.targetIds) requireTarget(record, id);
      return { deploymentTargets: input.targetIds.map(() => deploymentTarget(record)) };
    },
    CreateDeployment: async (input, context) => ({
      deploymentId: await createAppSpecDeployment(input, context.region, deployments),
    }),
  };
}

/** A Lambda deployment's one target: the function and alias it moves. */
function targetIdOf(record: DeploymentRecord): string {
  return `${record.target.functionName}:${record.target.alias}`;
}

/** GetDeployment's deploymentInfo. */
export function deploymentInfo(record: DeploymentRecord): DeploymentInfo {
  return {
    applicationName: record.applicationName,
    deploymentGroupName: record.deploymentGroupName,
    deploymentConfigName: record.deploymentConfigName,
    deploymentId: record.deploymentId,
    revision: {
      revisionType: 'AppSpecContent',
      appSpecContent: { content: record.appSpec, sha256: createHash('sha256').update(record.appSpec).digest('hex') },
    },
    status: record.status,
    ...(record.errorInformation ? { errorInformation: record.errorInformation } : {}),
    createTime: new Date(record.createTime),
    ...(record.startTime ? { startTime: new Date(record.startTime) } : {}),
    ...(record.completeTime ? { completeTime: new Date(record.completeTime) } : {}),
    deploymentOverview: overviewOf(record),
    ...(record.description === undefined ? {} : { description: record.description }),
    creator: record.creator,
    ignoreApplicationStopFailures: false,
    ...(record.autoRollbackConfiguration ? { autoRollbackConfiguration: record.autoRollbackConfiguration } : {}),
    updateOutdatedInstancesOnly: false,
    ...(record.rollbackInfo ? { rollbackInfo: record.rollbackInfo } : {}),
    deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
    instanceTerminationWaitTimeStarted: false,
    deploymentStatusMessages: record.statusMessages,
    computePlatform: 'Lambda',
  };
}

/** Targets by status: a Lambda deployment has one. */
function overviewOf(record: DeploymentRecord): DeploymentOverview {
  const overview: DeploymentOverview = { Pending: 0, InProgress: 0, Succeeded: 0, Failed: 0, Skipped: 0, Ready: 0 };
  const status = record.status === 'Created' ? 'Pending' : record.target.status;
  if (status in overview) overview[status as keyof DeploymentOverview] = 1;
  return overview;
}

function deploymentTarget(record: DeploymentRecord): DeploymentTarget {
  const target = record.target;
  return {
    deploymentTargetType: 'LambdaTarget',
    lambdaTarget: {
      deploymentId: record.deploymentId,
      targetId: targetIdOf(record),
      targetArn: target.aliasArn,
      status: record.status === 'Created' ? 'Pending' : target.status,
      lastUpdatedAt: new Date(target.lastUpdatedAt),
      lifecycleEvents: target.lifecycleEvents.map(lifecycleEvent),
      lambdaFunctionInfo: {
        functionName: target.functionName,
        functionAlias: target.alias,
        currentVersion: target.currentVersion,
        targetVersion: target.targetVersion,
        // A percentage, as AWS documents the field ("the percentage of production traffic").
        targetVersionWeight: Math.round(target.targetVersionWeight * 10000) / 100,
      },
    },
  };
}

function lifecycleEvent(event: LifecycleEventRecord): LifecycleEvent {
  return {
    lifecycleEventName: event.name,
    status: event.status,
    ...(event.startTime ? { startTime: new Date(event.startTime) } : {}),
    ...(event.endTime ? { endTime: new Date(event.endTime) } : {}),
    ...(event.message
      ? {
          diagnostics: {
            errorCode: /did not report a status within/.test(event.message) ? 'ScriptTimedOut' : 'ScriptFailed',
            scriptName: event.hookFunction ?? event.name,
            message: event.message,
            logTail: '',
          },
        }
      : {}),
  };
}
