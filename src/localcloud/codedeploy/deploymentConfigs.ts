// CodeDeploy's deployment configurations: the predefined ones every account has (CodeDeployDefault.*) and the
// traffic plan of a Lambda configuration: which share of traffic the new version gets, and how long each share
// stays before the next shift. See AWS-FACTS.md "CodeDeploy for Lambda".
import { createHash } from 'node:crypto';
import type { DeploymentConfigInfo, TrafficRoutingConfig } from '../models/generated/codedeploy';

/** A stored or predefined configuration (timestamps as ISO text). */
export interface DeploymentConfigRecord {
  deploymentConfigId: string;
  deploymentConfigName: string;
  computePlatform: 'Server' | 'Lambda' | 'ECS';
  minimumHealthyHosts?: { type?: string; value?: number };
  trafficRoutingConfig?: TrafficRoutingConfig;
  createTime: string;
}

/** One step of a traffic shift: the new version's share (0..1], then how long it stays before the next step. */
export interface TrafficStep {
  weight: number;
  /** Minutes before the next step (0 for the last). */
  waitMinutes: number;
}

/** When AWS's predefined configurations appeared (their createTime in GetDeploymentConfig). */
const PREDEFINED_CREATED = '2017-11-28T00:00:00.000Z';

function predefined(
  name: string,
  computePlatform: DeploymentConfigRecord['computePlatform'],
  rest: Pick<DeploymentConfigRecord, 'minimumHealthyHosts' | 'trafficRoutingConfig'>,
): DeploymentConfigRecord {
  return {
    deploymentConfigId: stableUuid(name),
    deploymentConfigName: name,
    computePlatform,
    createTime: PREDEFINED_CREATED,
    ...rest,
  };
}

const canary = (percentage: number, minutes: number): TrafficRoutingConfig => ({
  type: 'TimeBasedCanary',
  timeBasedCanary: { canaryPercentage: percentage, canaryInterval: minutes },
});
const linear = (percentage: number, minutes: number): TrafficRoutingConfig => ({
  type: 'TimeBasedLinear',
  timeBasedLinear: { linearPercentage: percentage, linearInterval: minutes },
});
const allAtOnce: TrafficRoutingConfig = { type: 'AllAtOnce' };

/** Every predefined configuration, by name. */
export const PREDEFINED_CONFIGS: ReadonlyMap<string, DeploymentConfigRecord> = new Map(
  [
    predefined('CodeDeployDefault.OneAtATime', 'Server', {
      minimumHealthyHosts: { type: 'MOST_CONCURRENCY', value: 1 },
    }),
    predefined('CodeDeployDefault.HalfAtATime', 'Server', {
      minimumHealthyHosts: { type: 'FLEET_PERCENT', value: 50 },
    }),
    predefined('CodeDeployDefault.AllAtOnce', 'Server', { minimumHealthyHosts: { type: 'HOST_COUNT', value: 0 } }),
    predefined('CodeDeployDefault.LambdaAllAtOnce', 'Lambda', { trafficRoutingConfig: allAtOnce }),
    ...[5, 10, 15, 30].map((minutes) =>
      predefined(`CodeDeployDefault.LambdaCanary10Percent${minutes}Minutes`, 'Lambda', {
        trafficRoutingConfig: canary(10, minutes),
      }),
    ),
    ...[1, 2, 3, 10].map((minutes) =>
      predefined(`CodeDeployDefault.LambdaLinear10PercentEvery${minutes}Minute${minutes === 1 ? '' : 's'}`, 'Lambda', {
        trafficRoutingConfig: linear(10, minutes),
      }),
    ),
    predefined('CodeDeployDefault.ECSAllAtOnce', 'ECS', { trafficRoutingConfig: allAtOnce }),
    predefined('CodeDeployDefault.ECSLinear10PercentEvery1Minutes', 'ECS', { trafficRoutingConfig: linear(10, 1) }),
    predefined('CodeDeployDefault.ECSLinear10PercentEvery3Minutes', 'ECS', { trafficRoutingConfig: linear(10, 3) }),
    predefined('CodeDeployDefault.ECSCanary10Percent5Minutes', 'ECS', { trafficRoutingConfig: canary(10, 5) }),
    predefined('CodeDeployDefault.ECSCanary10Percent15Minutes', 'ECS', { trafficRoutingConfig: canary(10, 15) }),
  ].map((config) => [config.deploymentConfigName, config]),
);

/**
 * The steps of a Lambda traffic shift. Canary: the canary share, its interval, then everything. Linear: one more
 * share every interval until everything (10 % every minute is 10 %, 20 %, ... 100 % over nine minutes).
 */
export function trafficPlan(routing: TrafficRoutingConfig | undefined): TrafficStep[] {
  if (routing?.type === 'TimeBasedCanary') {
    const share = percentOf(routing.timeBasedCanary?.canaryPercentage);
    const minutes = routing.timeBasedCanary?.canaryInterval ?? 0;
    return share >= 1
      ? [{ weight: 1, waitMinutes: 0 }]
      : [
          { weight: share, waitMinutes: minutes },
          { weight: 1, waitMinutes: 0 },
        ];
  }
  if (routing?.type === 'TimeBasedLinear') {
    const share = percentOf(routing.timeBasedLinear?.linearPercentage);
    const minutes = routing.timeBasedLinear?.linearInterval ?? 0;
    const steps: TrafficStep[] = [];
    // Integer percentages keep 10 % steps from drifting (0.1 + 0.2 is not 0.3 in floating point).
    const stepPercent = Math.max(1, Math.round(share * 100));
    for (let percent = stepPercent; percent < 100; percent += stepPercent) {
      steps.push({ weight: percent / 100, waitMinutes: minutes });
    }
    steps.push({ weight: 1, waitMinutes: 0 });
    return steps;
  }
  return [{ weight: 1, waitMinutes: 0 }];
}

function percentOf(value: number | undefined): number {
  return Math.min(100, Math.max(1, value ?? 100)) / 100;
}

/** The configuration as GetDeploymentConfig answers it. */
export function describeConfig(config: DeploymentConfigRecord): DeploymentConfigInfo {
  return {
    deploymentConfigId: config.deploymentConfigId,
    deploymentConfigName: config.deploymentConfigName,
    computePlatform: config.computePlatform,
    createTime: new Date(config.createTime),
    ...(config.minimumHealthyHosts ? { minimumHealthyHosts: config.minimumHealthyHosts } : {}),
    ...(config.trafficRoutingConfig ? { trafficRoutingConfig: config.trafficRoutingConfig } : {}),
  };
}

/** A UUID-shaped ID derived from a name, so predefined configurations keep their IDs across restarts. */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
