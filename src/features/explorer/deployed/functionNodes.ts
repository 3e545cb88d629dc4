import type { AliasConfiguration, FunctionConfiguration } from '@aws-sdk/client-lambda';
import * as vscode from 'vscode';
import { describeAliasTarget, isShifting, type AliasRouting } from '../../../core/deployed/aliasRouting';
import { ACTIVE_DEPLOYMENT_STATUSES } from '../../../core/deployed/deploymentProgress';
import { describeError } from '../../../core/errors';
import { formatAge, formatBytes, parseLambdaTimestamp } from '../../../core/deployed/displayFormats';
import type { ExplorerNode } from '../explorerNode';
import {
  createDeploymentNode,
  findAliasDeployments,
  isDeploymentActive,
  type AliasDeployment,
} from './aliasDeployments';
import { ChildCache, PagedChildren, type DeployedNode, type DeployedTreeContext } from './deployedTreeContext';

/** A deployed function, wherever it was found (a stack's resources or the region's function list). */
export interface DeployedFunctionTarget {
  kind: 'function';
  functionName: string;
  /** The stack and logical ID, when the function came from a stack: links it to the workspace template. */
  stackName?: string;
  logicalId?: string;
  arn?: string;
}

/** $LATEST, a published version or an alias of a deployed function: what invoke and the alias actions use. */
export interface QualifiedFunctionTarget {
  kind: 'latest' | 'version' | 'alias';
  function: DeployedFunctionTarget;
  qualifier: string;
  arn: string | undefined;
  /** Set for aliases. */
  alias?: AliasRouting;
}

export interface FunctionNodeOptions {
  /** The label, when not the function name (a stack shows logical IDs). */
  label?: string;
  description?: string;
  configuration?: FunctionConfiguration;
  /**
   * The function's stack deploys through CodeDeploy (it has deployment groups): its aliases may be under a
   * deployment even before traffic moves. Without it, deployments are looked for only when an alias is shifting.
   */
  codeDeploy?: boolean;
}

/**
 * A deployed function. Expanding it lists its aliases (with their routing), then $LATEST and its published versions
 * from ListVersionsByFunction, a page at a time.
 */
export function createFunctionNode(
  context: DeployedTreeContext,
  parent: ExplorerNode,
  target: DeployedFunctionTarget,
  options: FunctionNodeOptions = {},
): DeployedNode<DeployedFunctionTarget> {
  const node: DeployedNode<DeployedFunctionTarget> & { invalidate(): void } = {
    id: `${parent.id}/fn:${target.functionName}`,
    parent,
    target,
    getTreeItem: () => {
      const item = new vscode.TreeItem(options.label ?? target.functionName, vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('symbol-function');
      const configuration = options.configuration;
      item.description =
        options.description ?? [configuration?.Runtime, ageOf(configuration?.LastModified)].filter(Boolean).join(' · ');
      item.tooltip = [
        target.functionName,
        target.stackName && `Stack: ${target.stackName} (${target.logicalId ?? '?'})`,
        configuration?.Runtime && `Runtime: ${configuration.Runtime}`,
        configuration?.Handler && `Handler: ${configuration.Handler}`,
        configuration?.MemorySize && `Memory: ${configuration.MemorySize} MB`,
      ]
        .filter(Boolean)
        .join('\n');
      item.contextValue = target.logicalId ? 'deployedFunction:linked' : 'deployedFunction';
      return item;
    },
    getChildren: async () => [...(await aliases.get()), ...(await versions.children())],
    invalidate: () => {
      aliases.clear();
      versions.reset();
    },
  };
  const aliases = new ChildCache(context, node, `Listing the aliases of ${target.functionName}`, async () => {
    const found = (await listAllAliases(context, target.functionName)).map(aliasRoutingOf);
    const deployments =
      options.codeDeploy || found.some((alias) => isShifting(alias.routing))
        ? await activeDeployments(context, target.functionName)
        : new Map<string, AliasDeployment>();
    watchDeployments(context, node, deployments);
    return found.map((alias) => createAliasNode(node, target, alias, deployments.get(alias.routing.name)));
  });
  const versions = new PagedChildren<FunctionConfiguration>(
    context,
    node,
    `Listing the versions of ${target.functionName}`,
    async (marker) => {
      const [clients, lambda] = await Promise.all([context.backend.loadClients(), context.backend.lambda()]);
      try {
        const page = await lambda.send(
          new clients.lambda.ListVersionsByFunctionCommand({
            FunctionName: target.functionName,
            MaxItems: context.pageSize,
            ...(marker ? { Marker: marker } : {}),
          }),
        );
        return { items: page.Versions ?? [], next: page.NextMarker };
      } finally {
        lambda.destroy();
      }
    },
    (configuration) => createVersionNode(node, target, configuration),
  );
  return node;
}

async function listAllAliases(context: DeployedTreeContext, functionName: string): Promise<AliasConfiguration[]> {
  const [clients, lambda] = await Promise.all([context.backend.loadClients(), context.backend.lambda()]);
  const all: AliasConfiguration[] = [];
  try {
    let marker: string | undefined;
    // Functions have few aliases; all of them are shown (a page is 50).
    do {
      const page = await lambda.send(
        new clients.lambda.ListAliasesCommand({ FunctionName: functionName, ...(marker ? { Marker: marker } : {}) }),
      );
      all.push(...(page.Aliases ?? []));
      marker = page.NextMarker;
    } while (marker);
  } finally {
    lambda.destroy();
  }
  return all.sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
}

function createVersionNode(
  parent: ExplorerNode,
  fn: DeployedFunctionTarget,
  configuration: FunctionConfiguration,
): DeployedNode<QualifiedFunctionTarget> {
  const version = configuration.Version ?? '$LATEST';
  const latest = version === '$LATEST';
  const target: QualifiedFunctionTarget = {
    kind: latest ? 'latest' : 'version',
    function: fn,
    qualifier: version,
    arn: configuration.FunctionArn,
  };
  return {
    id: `${parent.id}/v:${version}`,
    parent,
    target,
    getTreeItem: () => {
      const item = new vscode.TreeItem(version, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(latest ? 'edit' : 'versions');
      const size = configuration.CodeSize !== undefined ? formatBytes(configuration.CodeSize) : undefined;
      item.description = [latest ? undefined : configuration.Description, ageOf(configuration.LastModified), size]
        .filter(Boolean)
        .join(' · ');
      item.tooltip = [
        configuration.FunctionArn,
        configuration.Description && `Description: ${configuration.Description}`,
        configuration.LastModified && `${latest ? 'Last modified' : 'Published'}: ${configuration.LastModified}`,
        size && `Code: ${size}, SHA-256 ${configuration.CodeSha256 ?? '?'}`,
        configuration.Runtime && `Runtime: ${configuration.Runtime}`,
      ]
        .filter(Boolean)
        .join('\n');
      item.contextValue = latest ? 'deployedLatest' : 'deployedVersion';
      return item;
    },
  };
}

/** An alias as ListAliases gives it, with its routing as the tree reads it. */
interface ListedAlias {
  configuration: AliasConfiguration;
  routing: AliasRouting;
}

function aliasRoutingOf(configuration: AliasConfiguration): ListedAlias {
  return {
    configuration,
    routing: {
      name: configuration.Name ?? '?',
      functionVersion: configuration.FunctionVersion ?? '?',
      additionalVersionWeights: configuration.RoutingConfig?.AdditionalVersionWeights,
    },
  };
}

/** The CodeDeploy deployments of the function's aliases; none when CodeDeploy cannot be read (it is extra). */
async function activeDeployments(
  context: DeployedTreeContext,
  functionName: string,
): Promise<Map<string, AliasDeployment>> {
  try {
    return await findAliasDeployments(context, functionName);
  } catch (error) {
    context.logger.warn(`[deployed] CodeDeploy deployments of ${functionName} not read: ${describeError(error)}`);
    return new Map();
  }
}

/** Polls the function (its aliases' weights, the deployment's step) while a deployment of one of them runs. */
function watchDeployments(
  context: DeployedTreeContext,
  node: ExplorerNode,
  deployments: Map<string, AliasDeployment>,
): void {
  const active = [...deployments.values()]
    .filter((deployment) => (ACTIVE_DEPLOYMENT_STATUSES as readonly string[]).includes(deployment.facts.status))
    .map((deployment) => deployment.facts.deploymentId);
  if (active.length === 0) return;
  context.watch(node, async () => {
    const running = await Promise.all(active.map((id) => isDeploymentActive(context, id)));
    return running.some(Boolean) ? 'moving' : 'settled';
  });
}

function createAliasNode(
  parent: ExplorerNode,
  fn: DeployedFunctionTarget,
  { configuration, routing: alias }: ListedAlias,
  deployment: AliasDeployment | undefined,
): DeployedNode<QualifiedFunctionTarget> {
  const target: QualifiedFunctionTarget = {
    kind: 'alias',
    function: fn,
    qualifier: alias.name,
    arn: configuration.AliasArn,
    alias,
  };
  const node: DeployedNode<QualifiedFunctionTarget> = {
    // Under a deployment the alias is a new item to VS Code, which applies Expanded only to items it has not seen (it
    // keeps the collapsed state of the leaf the alias was), so the deployment shows without a click.
    id: `${parent.id}/a:${alias.name}${deployment ? `/d:${deployment.facts.deploymentId}` : ''}`,
    parent,
    target,
    getTreeItem: () => {
      const shifting = isShifting(alias);
      const item = new vscode.TreeItem(
        `${alias.name} → ${describeAliasTarget(alias)}`,
        deployment ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
      );
      item.iconPath = new vscode.ThemeIcon(shifting ? 'git-compare' : 'tag');
      const deploying =
        deployment && `deploying ${deployment.target.currentVersion} → ${deployment.target.targetVersion}`;
      item.description = [deploying, configuration.Description].filter(Boolean).join(' · ');
      item.tooltip = [
        configuration.AliasArn,
        shifting ? `Traffic: ${describeAliasTarget(alias)}` : `All traffic to version ${alias.functionVersion}`,
        configuration.Description,
      ]
        .filter(Boolean)
        .join('\n');
      item.contextValue = shifting ? 'deployedAlias:shifting' : 'deployedAlias';
      return item;
    },
    ...(deployment ? { getChildren: () => [createDeploymentNode(node, fn, alias, deployment)] } : {}),
  };
  return node;
}

function ageOf(lastModified: string | undefined): string | undefined {
  const date = parseLambdaTimestamp(lastModified);
  return date ? formatAge(date) : undefined;
}
