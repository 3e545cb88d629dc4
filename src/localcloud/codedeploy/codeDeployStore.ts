// CodeDeploy's state in one region: applications, deployment groups, custom deployment configurations and
// deployments with their Lambda target (versions, the new version's traffic share, lifecycle events). One document,
// replaced atomically on every change, so a deployment's progress survives a crash step by step.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { CreateDeploymentGroupInput } from '../models/generated/codedeploy';
import { writeFileAtomic } from '../state/atomicFile';
import type { DeploymentConfigRecord } from './deploymentConfigs';

export type ComputePlatform = 'Server' | 'Lambda' | 'ECS';

export interface ApplicationRecord {
  applicationId: string;
  applicationName: string;
  computePlatform: ComputePlatform;
  createTime: string;
}

/** A deployment group: CreateDeploymentGroup's input (tags apart) and its ID. */
export interface DeploymentGroupRecord {
  deploymentGroupId: string;
  configuration: Omit<CreateDeploymentGroupInput, 'tags'>;
}

export type DeploymentStatus =
  'Created' | 'Queued' | 'InProgress' | 'Baking' | 'Succeeded' | 'Failed' | 'Stopped' | 'Ready';
export type EventStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'Skipped' | 'Unknown';

/** One lifecycle event of a Lambda target (BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic). */
export interface LifecycleEventRecord {
  name: 'BeforeAllowTraffic' | 'AllowTraffic' | 'AfterAllowTraffic';
  status: EventStatus;
  startTime?: string;
  endTime?: string;
  /** The hook function (BeforeAllowTraffic and AfterAllowTraffic), when the AppSpec names one. */
  hookFunction?: string;
  hookExecutionId?: string;
  /** What went wrong, for Failed events. */
  message?: string;
}

/** The alias a Lambda deployment moves and where its traffic is. */
export interface LambdaTargetRecord {
  functionName: string;
  alias: string;
  aliasArn: string;
  currentVersion: string;
  targetVersion: string;
  /** The target version's share of traffic, 0..1. */
  targetVersionWeight: number;
  status: EventStatus;
  lastUpdatedAt: string;
  lifecycleEvents: LifecycleEventRecord[];
}

export interface DeploymentRecord {
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  deploymentConfigName: string;
  status: DeploymentStatus;
  creator: 'user' | 'CloudFormation' | 'CloudFormationRollback' | 'codeDeployRollback';
  description?: string;
  createTime: string;
  startTime?: string;
  completeTime?: string;
  errorInformation?: { code: string; message: string };
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string; rollbackMessage?: string };
  autoRollbackConfiguration?: { enabled?: boolean; events?: string[] };
  alarmConfiguration?: { enabled?: boolean; ignorePollAlarmFailure?: boolean; alarms?: { name?: string }[] };
  /** The AppSpec the deployment carries (revisionType AppSpecContent). */
  appSpec: string;
  target: LambdaTargetRecord;
  statusMessages: string[];
}

interface StoredState {
  applications: ApplicationRecord[];
  groups: DeploymentGroupRecord[];
  configs: DeploymentConfigRecord[];
  deployments: DeploymentRecord[];
}

export class CodeDeployStore {
  private state: StoredState = { applications: [], groups: [], configs: [], deployments: [] };
  private readonly file: string;

  constructor(directory: string, logger: Logger) {
    this.file = join(directory, 'codedeploy', 'codedeploy.json');
    if (!existsSync(this.file)) return;
    try {
      this.state = { ...this.state, ...(JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoredState>) };
    } catch (error) {
      logger.warn(`[localcloud] unreadable CodeDeploy state ${this.file}: ${String(error)}`);
    }
  }

  application(name: string): ApplicationRecord | undefined {
    return this.state.applications.find((application) => application.applicationName === name);
  }

  applications(): ApplicationRecord[] {
    return [...this.state.applications].sort((a, b) => (a.applicationName < b.applicationName ? -1 : 1));
  }

  putApplication(record: ApplicationRecord): void {
    this.state.applications = [
      ...this.state.applications.filter((application) => application.applicationName !== record.applicationName),
      record,
    ];
    this.save();
  }

  /** Deletes an application with its groups (as AWS does). */
  deleteApplication(name: string): void {
    this.state.applications = this.state.applications.filter((application) => application.applicationName !== name);
    this.state.groups = this.state.groups.filter((group) => group.configuration.applicationName !== name);
    this.save();
  }

  /** Renames an application (its groups and deployments follow). */
  renameApplication(from: string, to: string): void {
    const application = this.application(from);
    if (!application) return;
    application.applicationName = to;
    for (const group of this.state.groups) {
      if (group.configuration.applicationName === from) group.configuration.applicationName = to;
    }
    for (const deployment of this.state.deployments) {
      if (deployment.applicationName === from) deployment.applicationName = to;
    }
    this.save();
  }

  group(applicationName: string, groupName: string): DeploymentGroupRecord | undefined {
    return this.state.groups.find(
      (group) =>
        group.configuration.applicationName === applicationName &&
        group.configuration.deploymentGroupName === groupName,
    );
  }

  groups(applicationName: string): DeploymentGroupRecord[] {
    return this.state.groups
      .filter((group) => group.configuration.applicationName === applicationName)
      .sort((a, b) => (a.configuration.deploymentGroupName < b.configuration.deploymentGroupName ? -1 : 1));
  }

  putGroup(record: DeploymentGroupRecord): void {
    this.state.groups = [
      ...this.state.groups.filter((group) => group.deploymentGroupId !== record.deploymentGroupId),
      record,
    ];
    this.save();
  }

  deleteGroup(applicationName: string, groupName: string): void {
    const group = this.group(applicationName, groupName);
    if (!group) return;
    this.state.groups = this.state.groups.filter((candidate) => candidate !== group);
    this.save();
  }

  customConfig(name: string): DeploymentConfigRecord | undefined {
    return this.state.configs.find((config) => config.deploymentConfigName === name);
  }

  customConfigs(): DeploymentConfigRecord[] {
    return [...this.state.configs];
  }

  putConfig(record: DeploymentConfigRecord): void {
    this.state.configs = [
      ...this.state.configs.filter((config) => config.deploymentConfigName !== record.deploymentConfigName),
      record,
    ];
    this.save();
  }

  deleteConfig(name: string): void {
    this.state.configs = this.state.configs.filter((config) => config.deploymentConfigName !== name);
    this.save();
  }

  deployment(id: string): DeploymentRecord | undefined {
    return this.state.deployments.find((deployment) => deployment.deploymentId === id);
  }

  /** Deployments, newest first. */
  deployments(): DeploymentRecord[] {
    return [...this.state.deployments].reverse();
  }

  addDeployment(record: DeploymentRecord): void {
    this.state.deployments.push(record);
    this.save();
  }

  /** Writes the state after a record (returned by this store) was changed in place. */
  save(): void {
    writeFileAtomic(this.file, JSON.stringify(this.state));
  }
}

/** Deployment states that have ended. */
export function isFinished(status: DeploymentStatus): boolean {
  return status === 'Succeeded' || status === 'Failed' || status === 'Stopped';
}
