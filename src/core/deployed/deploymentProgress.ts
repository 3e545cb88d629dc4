// A CodeDeploy deployment of a Lambda alias as the tree shows it: which alias and versions (from its AppSpec), how
// its configuration shifts traffic (canary, linear, all at once), which step it is at and how long is left, and
// its status in words. Pure: the calls (ListDeployments, BatchGetDeployments, GetDeploymentConfig) are made by the
// tree; the step comes from the alias's routing weight, so it stays true when the local cloud's clock runs faster.
import { parse } from 'yaml';
import { formatPercent } from './aliasRouting';

/** Statuses of a deployment that is not over (ListDeployments' includeOnlyStatuses). */
export const ACTIVE_DEPLOYMENT_STATUSES = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'] as const;

/** The alias an AppSpec moves: `Name` may be a function name or ARN. */
export interface AppSpecAliasTarget {
  functionName: string;
  alias: string;
  currentVersion: string;
  targetVersion: string;
}

/** How a deployment configuration shifts traffic (minutes, percentages 0-100). */
export type TrafficRouting =
  | { type: 'AllAtOnce' }
  | { type: 'TimeBasedCanary'; percentage: number; intervalMinutes: number }
  | { type: 'TimeBasedLinear'; percentage: number; intervalMinutes: number };

/** The fields of a CodeDeploy DeploymentInfo the tree reads. */
export interface DeploymentFacts {
  deploymentId: string;
  status: string;
  deploymentConfigName?: string | undefined;
  createTime?: Date | undefined;
  startTime?: Date | undefined;
  errorMessage?: string | undefined;
}

export interface DeploymentProgress {
  /** `step 1 of 2 · 10 % on 4 · ~3 min left`. */
  summary: string;
  step: number;
  steps: number;
  /** Milliseconds left by the configuration's schedule (wall clock), when it can be told. */
  msLeft: number | undefined;
  active: boolean;
  status: string;
}

/** The alias target of a Lambda AppSpec (JSON or YAML text), or undefined when it is not one. */
export function appSpecAliasTarget(content: string | undefined): AppSpecAliasTarget | undefined {
  if (!content) return undefined;
  let document: unknown;
  try {
    document = parse(content);
  } catch {
    return undefined;
  }
  const resources = (document as { Resources?: unknown } | null)?.Resources;
  const entries = Array.isArray(resources) ? resources : [resources];
  for (const entry of entries) {
    for (const resource of Object.values((entry ?? {}) as Record<string, unknown>)) {
      const { Type, Properties } = (resource ?? {}) as { Type?: unknown; Properties?: Record<string, unknown> };
      if (Type !== 'AWS::Lambda::Function' || !Properties) continue;
      const { Name, Alias, CurrentVersion, TargetVersion } = Properties;
      if (
        [Name, Alias, CurrentVersion, TargetVersion].some(
          (value) => typeof value !== 'string' && typeof value !== 'number',
        )
      )
        continue;
      return {
        functionName: functionNameOf(String(Name)),
        alias: String(Alias),
        currentVersion: String(CurrentVersion),
        targetVersion: String(TargetVersion),
      };
    }
  }
  return undefined;
}

/** `arn:aws:lambda:us-east-1:123:function:name[:qualifier]` -> `name`; a plain name stays. */
function functionNameOf(name: string): string {
  return /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(name)?.[1] ?? name;
}

/**
 * The traffic routing of CodeDeploy's predefined Lambda configurations, from their names
 * (`CodeDeployDefault.LambdaCanary10Percent5Minutes`, `...LambdaLinear10PercentEvery1Minute`, `...LambdaAllAtOnce`,
 * and SAM's short forms `Canary10Percent5Minutes`...); undefined for a custom one (GetDeploymentConfig tells).
 */
export function predefinedTrafficRouting(configName: string | undefined): TrafficRouting | undefined {
  if (!configName) return undefined;
  const name = configName.replace(/^CodeDeployDefault\.(Lambda)?/, '');
  if (name === 'AllAtOnce') return { type: 'AllAtOnce' };
  const canary = /^Canary(\d+)Percent(\d+)Minutes?$/.exec(name);
  if (canary) return { type: 'TimeBasedCanary', percentage: Number(canary[1]), intervalMinutes: Number(canary[2]) };
  const linear = /^Linear(\d+)PercentEvery(\d+)Minutes?$/.exec(name);
  if (linear) return { type: 'TimeBasedLinear', percentage: Number(linear[1]), intervalMinutes: Number(linear[2]) };
  return undefined;
}

/** GetDeploymentConfig's trafficRoutingConfig as a TrafficRouting. */
export function trafficRoutingFromConfig(config: {
  type?: string | undefined;
  timeBasedCanary?: { canaryPercentage?: number | undefined; canaryInterval?: number | undefined } | undefined;
  timeBasedLinear?: { linearPercentage?: number | undefined; linearInterval?: number | undefined } | undefined;
}): TrafficRouting {
  if (config.type === 'TimeBasedCanary' && config.timeBasedCanary) {
    return {
      type: 'TimeBasedCanary',
      percentage: config.timeBasedCanary.canaryPercentage ?? 0,
      intervalMinutes: config.timeBasedCanary.canaryInterval ?? 0,
    };
  }
  if (config.type === 'TimeBasedLinear' && config.timeBasedLinear) {
    return {
      type: 'TimeBasedLinear',
      percentage: config.timeBasedLinear.linearPercentage ?? 0,
      intervalMinutes: config.timeBasedLinear.linearInterval ?? 0,
    };
  }
  return { type: 'AllAtOnce' };
}

/** `canary: 10 %, then all after 5 min`, `linear: 10 % every 1 min`, `all at once`. */
export function describeTrafficRouting(routing: TrafficRouting): string {
  switch (routing.type) {
    case 'AllAtOnce':
      return 'all at once';
    case 'TimeBasedCanary':
      return `canary: ${routing.percentage} %, then all after ${routing.intervalMinutes} min`;
    case 'TimeBasedLinear':
      return `linear: ${routing.percentage} % every ${routing.intervalMinutes} min`;
  }
}

/**
 * Where a deployment is: the step from the share of traffic the target version has now (`targetWeight`, 0-1, read
 * from the alias), the time left by the schedule since it started, and its status. `timeScale` is how much faster
 * the backend's waits pass (a local cloud rehearsing a canary), so the time left stays true there too.
 */
export function deploymentProgress(
  deployment: DeploymentFacts,
  routing: TrafficRouting | undefined,
  targetWeight: number,
  now: number,
  timeScale = 1,
): DeploymentProgress {
  const active = (ACTIVE_DEPLOYMENT_STATUSES as readonly string[]).includes(deployment.status);
  const steps = stepCount(routing);
  const percent = Math.round(targetWeight * 1000) / 10;
  const done = deployment.status === 'Succeeded' || percent >= 100;
  const step = done ? steps : stepAt(routing, percent);
  const started = (deployment.startTime ?? deployment.createTime)?.getTime();
  const total = routing && routing.type !== 'AllAtOnce' ? scheduleMs(routing, steps) / timeScale : undefined;
  const msLeft =
    active && total !== undefined && started !== undefined ? Math.max(0, total - (now - started)) : undefined;
  const parts = [
    `step ${step} of ${steps}`,
    active && percent > 0 && percent < 100 ? `${formatPercent(targetWeight)} on the new version` : undefined,
    msLeft !== undefined ? `~${formatDuration(msLeft)} left` : undefined,
    readableDeploymentStatus(deployment.status),
  ];
  return {
    summary: parts.filter(Boolean).join(' · '),
    step,
    steps,
    msLeft,
    active,
    status: deployment.status,
  };
}

function stepCount(routing: TrafficRouting | undefined): number {
  if (!routing || routing.type === 'AllAtOnce') return 1;
  if (routing.type === 'TimeBasedCanary') return 2;
  return Math.max(1, Math.ceil(100 / Math.max(1, routing.percentage)));
}

/** Step 0 is before any traffic moved (the BeforeAllowTraffic hook). */
function stepAt(routing: TrafficRouting | undefined, percent: number): number {
  if (percent <= 0) return 0;
  if (!routing || routing.type !== 'TimeBasedLinear') return 1;
  return Math.min(stepCount(routing), Math.max(1, Math.round(percent / Math.max(1, routing.percentage))));
}

/** How long the schedule takes from the first shift to all traffic. */
function scheduleMs(routing: Exclude<TrafficRouting, { type: 'AllAtOnce' }>, steps: number): number {
  const interval = routing.intervalMinutes * 60_000;
  return routing.type === 'TimeBasedCanary' ? interval : (steps - 1) * interval;
}

/** `95 s`, `4 min`, `1 h 5 min`. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** `InProgress` -> `in progress`. */
export function readableDeploymentStatus(status: string): string {
  return status.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
