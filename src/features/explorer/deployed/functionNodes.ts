import type { AliasConfiguration, FunctionConfiguration } from '@aws-sdk/client-lambda';
import * as vscode from 'vscode';
import { describeAliasTarget, isShifting, type AliasRouting } from '../../../core/deployed/aliasRouting';
import { formatAge, formatBytes, parseLambdaTimestamp } from '../../../core/deployed/displayFormats';
import type { ExplorerNode } from '../explorerNode';
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
    const found = await listAllAliases(context, target.functionName);
    return found.map((alias) => createAliasNode(context, node, target, alias));
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

function createAliasNode(
  context: DeployedTreeContext,
  parent: ExplorerNode,
  fn: DeployedFunctionTarget,
  configuration: AliasConfiguration,
): DeployedNode<QualifiedFunctionTarget> {
  const alias: AliasRouting = {
    name: configuration.Name ?? '?',
    functionVersion: configuration.FunctionVersion ?? '?',
    additionalVersionWeights: configuration.RoutingConfig?.AdditionalVersionWeights,
  };
  const target: QualifiedFunctionTarget = {
    kind: 'alias',
    function: fn,
    qualifier: alias.name,
    arn: configuration.AliasArn,
    alias,
  };
  void context;
  return {
    id: `${parent.id}/a:${alias.name}`,
    parent,
    target,
    getTreeItem: () => {
      const shifting = isShifting(alias);
      const item = new vscode.TreeItem(
        `${alias.name} → ${describeAliasTarget(alias)}`,
        vscode.TreeItemCollapsibleState.None,
      );
      item.iconPath = new vscode.ThemeIcon(shifting ? 'git-compare' : 'tag');
      if (configuration.Description) item.description = configuration.Description;
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
  };
}

function ageOf(lastModified: string | undefined): string | undefined {
  const date = parseLambdaTimestamp(lastModified);
  return date ? formatAge(date) : undefined;
}
