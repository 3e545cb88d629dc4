// CodeDeploy deployments moving a function's aliases (a SAM DeploymentPreference, or any CreateDeployment with a
// Lambda AppSpec): the active ones are found with ListDeployments (active statuses only, so one short call when none
// runs) and BatchGetDeployments, matched to the alias by their AppSpec, and shown under the alias with their progress.
import type { DeploymentInfo } from '@aws-sdk/client-codedeploy';
import * as vscode from 'vscode';
import {
  ACTIVE_DEPLOYMENT_STATUSES,
  appSpecAliasTarget,
  deploymentProgress,
  describeTrafficRouting,
  predefinedTrafficRouting,
  readableDeploymentStatus,
  trafficRoutingFromConfig,
  type AppSpecAliasTarget,
  type DeploymentFacts,
  type TrafficRouting,
} from '../../../core/deployed/deploymentProgress';
import type { AliasRouting } from '../../../core/deployed/aliasRouting';
import { formatAge } from '../../../core/deployed/displayFormats';
import type { ExplorerNode } from '../explorerNode';
import type { DeployedNode, DeployedTreeContext } from './deployedTreeContext';
import type { DeployedFunctionTarget } from './functionNodes';

/** An active deployment of one alias, with what its progress is computed from. */
export interface AliasDeployment {
  facts: DeploymentFacts;
  target: AppSpecAliasTarget;
  routing: TrafficRouting | undefined;
  /** How much faster the backend's waits pass (1 but for a local cloud rehearsing at a time scale). */
  timeScale: number;
}

/** The argument of the deployment commands (stop with rollback). */
export interface DeploymentTarget {
  kind: 'deployment';
  function: DeployedFunctionTarget;
  deployment: AliasDeployment;
}

/** At most this many active deployments are read (BatchGetDeployments takes 25 at a time). */
const MAX_DEPLOYMENTS = 100;

/** The active deployments of `functionName`'s aliases, by alias name. */
export async function findAliasDeployments(
  context: DeployedTreeContext,
  functionName: string,
): Promise<Map<string, AliasDeployment>> {
  const deployments = await findActiveAliasDeployments(context, (target) => target.functionName === functionName);
  return new Map(deployments.map((deployment) => [deployment.target.alias, deployment]));
}

/** The active CodeDeploy deployments of Lambda aliases (those `accept` keeps), oldest first. */
export async function findActiveAliasDeployments(
  context: DeployedTreeContext,
  accept: (target: AppSpecAliasTarget) => boolean = () => true,
): Promise<AliasDeployment[]> {
  const [clients, codeDeploy] = await Promise.all([context.backend.loadClients(), context.backend.codeDeploy()]);
  const found: AliasDeployment[] = [];
  try {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await codeDeploy.send(
        new clients.codedeploy.ListDeploymentsCommand({
          includeOnlyStatuses: [...ACTIVE_DEPLOYMENT_STATUSES],
          ...(nextToken ? { nextToken } : {}),
        }),
      );
      ids.push(...(page.deployments ?? []));
      nextToken = page.nextToken;
    } while (nextToken && ids.length < MAX_DEPLOYMENTS);
    const routings = new Map<string, TrafficRouting | undefined>();
    for (let start = 0; start < ids.length; start += 25) {
      const batch = await codeDeploy.send(
        new clients.codedeploy.BatchGetDeploymentsCommand({ deploymentIds: ids.slice(start, start + 25) }),
      );
      for (const info of batch.deploymentsInfo ?? []) {
        const target = appSpecAliasTarget(info.revision?.appSpecContent?.content);
        if (!target || !accept(target) || !info.deploymentId) continue;
        const configName = info.deploymentConfigName;
        if (configName && !routings.has(configName)) {
          routings.set(configName, await routingOf(configName, codeDeploy, clients));
        }
        found.push({
          facts: factsOf(info),
          target,
          routing: configName ? routings.get(configName) : undefined,
          timeScale: timeScaleOf(context),
        });
      }
    }
  } finally {
    codeDeploy.destroy();
  }
  return found.sort((a, b) => (a.facts.createTime?.getTime() ?? 0) - (b.facts.createTime?.getTime() ?? 0));
}

/** The local cloud's time scale, when it reports one (its status carries it). */
function timeScaleOf(context: DeployedTreeContext): number {
  if (context.backend.backend.kind !== 'localCloud') return 1;
  const state = context.backend.localCloudManager.state as { timeScale?: number };
  return state.timeScale ?? 1;
}

type Clients = Awaited<ReturnType<DeployedTreeContext['backend']['loadClients']>>;

async function routingOf(
  configName: string,
  codeDeploy: InstanceType<Clients['CodeDeployClient']>,
  clients: Clients,
): Promise<TrafficRouting | undefined> {
  const predefined = predefinedTrafficRouting(configName);
  if (predefined) return predefined;
  const answer = await codeDeploy.send(
    new clients.codedeploy.GetDeploymentConfigCommand({ deploymentConfigName: configName }),
  );
  const routing = answer.deploymentConfigInfo?.trafficRoutingConfig;
  return routing ? trafficRoutingFromConfig(routing) : undefined;
}

function factsOf(info: DeploymentInfo): DeploymentFacts {
  return {
    deploymentId: info.deploymentId ?? '?',
    status: info.status ?? 'Unknown',
    deploymentConfigName: info.deploymentConfigName,
    createTime: info.createTime,
    startTime: info.startTime,
    errorMessage: info.errorInformation?.message,
  };
}

/** Whether a deployment is still running, for the poll (BatchGetDeployments of one id). */
export async function isDeploymentActive(context: DeployedTreeContext, deploymentId: string): Promise<boolean> {
  const [clients, codeDeploy] = await Promise.all([context.backend.loadClients(), context.backend.codeDeploy()]);
  try {
    const answer = await codeDeploy.send(new clients.codedeploy.GetDeploymentCommand({ deploymentId }));
    const status = answer.deploymentInfo?.status ?? '';
    return (ACTIVE_DEPLOYMENT_STATUSES as readonly string[]).includes(status);
  } finally {
    codeDeploy.destroy();
  }
}

/** The share of traffic the deployment's target version has now, read from the alias (0-1). */
export function targetWeightOf(alias: AliasRouting, deployment: AliasDeployment): number {
  if (
    alias.functionVersion === deployment.target.targetVersion &&
    !alias.additionalVersionWeights?.[deployment.target.currentVersion]
  )
    return 1;
  return alias.additionalVersionWeights?.[deployment.target.targetVersion] ?? 0;
}

/** The deployment under its alias: step, share, time left and status; its context menu stops it with rollback. */
export function createDeploymentNode(
  parent: ExplorerNode,
  fn: DeployedFunctionTarget,
  alias: AliasRouting,
  deployment: AliasDeployment,
): DeployedNode<DeploymentTarget> {
  const { facts, target, routing } = deployment;
  return {
    id: `${parent.id}/deployment:${facts.deploymentId}`,
    parent,
    target: { kind: 'deployment', function: fn, deployment },
    getTreeItem: () => {
      const weight = targetWeightOf(alias, deployment);
      const progress = deploymentProgress(facts, routing, weight, Date.now(), deployment.timeScale);
      const item = new vscode.TreeItem(
        `Deployment ${target.currentVersion} → ${target.targetVersion}`,
        vscode.TreeItemCollapsibleState.None,
      );
      item.description = progress.summary;
      item.iconPath = new vscode.ThemeIcon(progress.active ? 'sync~spin' : 'pass');
      item.tooltip = [
        `CodeDeploy deployment ${facts.deploymentId}: ${readableDeploymentStatus(facts.status)}`,
        `${fn.functionName}:${target.alias} from version ${target.currentVersion} to ${target.targetVersion}`,
        facts.deploymentConfigName &&
          `${facts.deploymentConfigName}${routing ? ` (${describeTrafficRouting(routing)})` : ''}`,
        facts.createTime && `Started ${facts.createTime.toISOString()}`,
        facts.errorMessage,
      ]
        .filter(Boolean)
        .join('\n');
      item.contextValue = progress.active ? 'deployedDeployment:active' : 'deployedDeployment';
      return item;
    },
  };
}

/**
 * The deployment a palette command acts on: the only one in progress, or the one picked among them. Says so and
 * resolves undefined when none is in progress.
 */
export async function pickActiveDeployment(
  context: DeployedTreeContext,
  title: string,
): Promise<DeploymentTarget | undefined> {
  let deployments: AliasDeployment[];
  try {
    deployments = await findActiveAliasDeployments(context);
  } catch (error) {
    throw context.backend.explain(error, 'Listing CodeDeploy deployments');
  }
  const targetOf = (deployment: AliasDeployment): DeploymentTarget => ({
    kind: 'deployment',
    function: { kind: 'function', functionName: deployment.target.functionName },
    deployment,
  });
  if (deployments.length === 0) {
    void vscode.window.showInformationMessage(
      `No CodeDeploy deployment of a Lambda alias is in progress in the ${context.backend.describe()}.`,
    );
    return undefined;
  }
  if (deployments.length === 1) return targetOf(deployments[0]!);
  const picked = await vscode.window.showQuickPick(
    deployments.map((deployment) => {
      const { facts, target, routing } = deployment;
      return {
        label: `${target.functionName}:${target.alias}`,
        description: `Deployment ${target.currentVersion} → ${target.targetVersion}`,
        detail: [
          facts.deploymentId,
          facts.deploymentConfigName && (routing ? describeTrafficRouting(routing) : facts.deploymentConfigName),
          readableDeploymentStatus(facts.status),
          facts.createTime && `started ${formatAge(facts.createTime)}`,
        ]
          .filter(Boolean)
          .join(' · '),
        deployment,
      };
    }),
    { title, placeHolder: 'The deployment to stop' },
  );
  if (!picked) throw new vscode.CancellationError();
  return targetOf(picked.deployment);
}
