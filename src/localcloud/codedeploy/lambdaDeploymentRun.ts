// One Lambda deployment as CodeDeploy runs it: the BeforeAllowTraffic hook, the traffic shift step by step on the
// injected clock (alarms watched throughout), the AfterAllowTraffic hook; a failure, an alarm or a stop ends it
// and, when the deployment's auto-rollback says so, puts all traffic back on the current version. Every change is
// saved, so GetDeployment shows the progress and a restart knows where it stopped.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../core/logger';
import type { Clock } from '../clock';
import type { AlarmStore } from '../cloudwatch/alarmStore';
import type { InvokeFunction } from '../lambda/functionInvocation';
import type { CodeDeployStore, DeploymentRecord, LifecycleEventRecord } from './codeDeployStore';
import type { TrafficStep } from './deploymentConfigs';
import { DeploymentFailure, errorMessage } from './deploymentFailure';
import { runLifecycleHook } from './lifecycleHooks';

/** Moves the alias: the target version's share of traffic (0: all on the current version, 1: all on the target). */
export type RouteTraffic = (targetWeight: number) => Promise<void>;

/** What a run uses. */
export interface DeploymentEnvironment {
  clock: Clock;
  store: CodeDeployStore;
  alarms: AlarmStore;
  invoke: InvokeFunction;
  logger: Logger;
  region: string;
  /** Progress in words (CloudFormation turns these into stack events on the alias). */
  report: (message: string) => void;
  /** Creates the record of the rollback deployment (codeDeployRollback) that undid `record`. */
  recordRollback: (record: DeploymentRecord) => DeploymentRecord;
}

export class LambdaDeploymentRun {
  readonly done: Promise<DeploymentRecord>;
  private readonly abort = new AbortController();
  private failure: DeploymentFailure | undefined;
  private readonly hookStatuses = new Map<string, (status: 'Succeeded' | 'Failed') => void>();

  constructor(
    private readonly environment: DeploymentEnvironment,
    readonly record: DeploymentRecord,
    private readonly plan: readonly TrafficStep[],
    private readonly route: RouteTraffic,
  ) {
    this.done = this.run();
  }

  get deploymentId(): string {
    return this.record.deploymentId;
  }

  /** Ends the deployment with this failure (the first one counts). */
  stop(failure: DeploymentFailure): void {
    if (this.failure) return;
    this.failure = failure;
    this.abort.abort();
  }

  /** A hook's PutLifecycleEventHookExecutionStatus; false when no hook of this run waits for that ID. */
  reportHookStatus(executionId: string, status: 'Succeeded' | 'Failed'): boolean {
    const waiting = this.hookStatuses.get(executionId);
    if (!waiting) return false;
    this.hookStatuses.delete(executionId);
    waiting(status);
    return true;
  }

  private async run(): Promise<DeploymentRecord> {
    const { record } = this;
    const watched = watchedAlarms(record);
    const unsubscribe = this.environment.alarms.onStateChange((change) => {
      if (change.current === 'ALARM' && watched.includes(change.alarmName)) this.stop(alarmFailure([change.alarmName]));
    });
    try {
      record.status = 'InProgress';
      record.startTime = this.now();
      this.save();
      this.checkAlarms();
      await this.hook(this.event('BeforeAllowTraffic'));
      await this.shiftTraffic();
      await this.hook(this.event('AfterAllowTraffic'));
      this.throwIfStopped();
      record.status = 'Succeeded';
      record.target.status = 'Succeeded';
      record.completeTime = this.now();
      this.save();
      this.environment.report(`CodeDeploy deployment ${record.deploymentId} succeeded`);
    } catch (error) {
      await this.fail(
        error instanceof DeploymentFailure
          ? error
          : new DeploymentFailure('INTERNAL_ERROR', errorMessage(error), false, 'DEPLOYMENT_FAILURE'),
      );
    } finally {
      unsubscribe();
      this.abort.abort();
    }
    return record;
  }

  private async shiftTraffic(): Promise<void> {
    const { record } = this;
    const event = this.event('AllowTraffic');
    this.begin(event);
    for (const [index, step] of this.plan.entries()) {
      this.throwIfStopped();
      this.checkAlarms();
      await this.route(step.weight);
      record.target.targetVersionWeight = step.weight;
      this.save();
      const last = index === this.plan.length - 1;
      this.environment.report(
        last
          ? `CodeDeploy deployment ${record.deploymentId}: 100% of traffic on version ${record.target.targetVersion}`
          : `CodeDeploy deployment ${record.deploymentId}: ${percent(step.weight)} of traffic on version ${record.target.targetVersion}, ${percent(1 - step.weight)} on version ${record.target.currentVersion}; next shift in ${step.waitMinutes} minute${step.waitMinutes === 1 ? '' : 's'}`,
      );
      if (step.waitMinutes > 0 && !last) await this.wait(step.waitMinutes * 60_000);
    }
    this.end(event, 'Succeeded');
  }

  private async hook(event: LifecycleEventRecord): Promise<void> {
    this.throwIfStopped();
    const hookFunction = event.hookFunction;
    if (!hookFunction) {
      this.begin(event);
      this.end(event, 'Succeeded');
      return;
    }
    const executionId = newHookExecutionId(this.record.deploymentId, event.name);
    event.hookExecutionId = executionId;
    this.begin(event);
    this.environment.report(
      `CodeDeploy deployment ${this.record.deploymentId}: ${event.name} hook ${event.hookFunction} invoked`,
    );
    const status = new Promise<'Succeeded' | 'Failed'>((resolve) => this.hookStatuses.set(executionId, resolve));
    try {
      await runLifecycleHook({
        deploymentId: this.record.deploymentId,
        event: { ...event, hookFunction },
        executionId,
        status,
        invoke: this.environment.invoke,
        region: this.environment.region,
        sleep: (milliseconds, signal) => this.wait(milliseconds, signal),
        report: (message) => this.environment.report(`CodeDeploy deployment ${this.record.deploymentId}: ${message}`),
      });
    } catch (error) {
      if (error instanceof DeploymentFailure) event.message = error.message;
      throw error;
    } finally {
      this.hookStatuses.delete(executionId);
    }
    this.end(event, 'Succeeded');
  }

  private async fail(failure: DeploymentFailure): Promise<void> {
    const { record } = this;
    const final = this.failure ?? failure;
    record.status = final.stopped ? 'Stopped' : 'Failed';
    record.errorInformation = { code: final.code, message: final.message };
    record.target.status = 'Failed';
    for (const event of record.target.lifecycleEvents) {
      if (event.status === 'InProgress') this.end(event, final.stopped ? 'Unknown' : 'Failed');
      else if (event.status === 'Pending') event.status = 'Skipped';
    }
    const automatic = record.autoRollbackConfiguration;
    const rollback =
      final.rollbackOverride ?? (automatic?.enabled === true && (automatic.events ?? []).includes(final.trigger));
    if (rollback && record.target.targetVersionWeight > 0) {
      try {
        await this.route(0);
        record.target.targetVersionWeight = 0;
        const rollbackRecord = this.environment.recordRollback(record);
        record.rollbackInfo = {
          rollbackDeploymentId: rollbackRecord.deploymentId,
          rollbackMessage: `Deployment ${record.deploymentId} was rolled back by deployment ${rollbackRecord.deploymentId}: all traffic is on version ${record.target.currentVersion} again.`,
        };
      } catch (error) {
        this.environment.logger.warn(`[codedeploy] rollback of ${record.deploymentId} failed: ${errorMessage(error)}`);
      }
    }
    record.completeTime = this.now();
    this.save();
    this.environment.report(
      `CodeDeploy deployment ${record.deploymentId} ${record.status === 'Stopped' ? 'stopped' : 'failed'}: ${final.message}`,
    );
  }

  /** Throws the alarm failure when a watched alarm is in ALARM (or cannot be found, unless that is ignored). */
  private checkAlarms(): void {
    const configuration = this.record.alarmConfiguration;
    if (!configuration?.enabled) return;
    const firing: string[] = [];
    for (const name of watchedAlarms(this.record)) {
      const alarm = this.environment.alarms.get(name);
      if (!alarm) {
        if (configuration.ignorePollAlarmFailure) continue;
        throw new DeploymentFailure(
          'ALARM_ACTIVE',
          `CodeDeploy could not retrieve the state of alarm ${name} from CloudWatch: the local cloud has no alarm of that name.`,
          false,
          'DEPLOYMENT_FAILURE',
        );
      }
      if (alarm.stateValue === 'ALARM') firing.push(name);
    }
    if (firing.length > 0) throw alarmFailure(firing);
  }

  /** Waits on the clock; a stop (or the caller's own signal) ends the wait at once. */
  private async wait(milliseconds: number, signal?: AbortSignal): Promise<void> {
    const signals = signal ? AbortSignal.any([this.abort.signal, signal]) : this.abort.signal;
    await this.environment.clock.sleep(milliseconds, signals);
    this.throwIfStopped();
  }

  private throwIfStopped(): void {
    if (this.failure) throw this.failure;
  }

  private event(name: LifecycleEventRecord['name']): LifecycleEventRecord {
    return this.record.target.lifecycleEvents.find((event) => event.name === name)!;
  }

  private begin(event: LifecycleEventRecord): void {
    event.status = 'InProgress';
    event.startTime = this.now();
    this.save();
  }

  private end(event: LifecycleEventRecord, status: LifecycleEventRecord['status']): void {
    event.status = status;
    event.endTime = this.now();
    this.save();
  }

  private save(): void {
    this.record.target.lastUpdatedAt = this.now();
    this.environment.store.save();
  }

  private now(): string {
    return this.environment.clock.now().toISOString();
  }
}

/** The alarms a deployment watches (when its alarm configuration is enabled). */
function watchedAlarms(record: DeploymentRecord): string[] {
  if (!record.alarmConfiguration?.enabled) return [];
  return (record.alarmConfiguration.alarms ?? []).flatMap((alarm) => (alarm.name ? [alarm.name] : []));
}

function alarmFailure(names: string[]): DeploymentFailure {
  return new DeploymentFailure(
    'ALARM_ACTIVE',
    `One or more alarms have been activated according to the Amazon CloudWatch metrics you selected, and the affected deployments have been stopped. Activated alarms: <${names.join(', ')}>`,
    true,
    'DEPLOYMENT_STOP_ON_ALARM',
  );
}

/** An opaque execution ID, as CodeDeploy hands to hooks. */
function newHookExecutionId(deploymentId: string, event: string): string {
  const text = JSON.stringify({ deploymentId, event, nonce: randomBytes(12).toString('hex') });
  return Buffer.from(text, 'utf8').toString('base64');
}

function percent(weight: number): string {
  return `${Math.round(weight * 1000) / 10}%`;
}
