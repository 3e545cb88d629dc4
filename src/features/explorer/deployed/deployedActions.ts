// The actions of the Deployed tree, as the command table calls them: each takes the node it was invoked on (or
// asks, from the palette), runs behind the one error boundary, and refreshes the nodes it changed.
import * as vscode from 'vscode';
import { describeAliasTarget } from '../../../core/deployed/aliasRouting';
import { WorkbenchError } from '../../../core/errors';
import type { TailLogsArguments } from '../../../core/logs/tailLogsArguments';
import { COMMAND_IDS } from '../../../platform/commandIds';
import type { InvokeFeature, InvokeOutcome } from '../../invoke/invokeFeature';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import type { ExplorerNode } from '../explorerNode';
import type { DeployedTree } from './deployedTree';
import { pickActiveDeployment } from './aliasDeployments';
import { functionFrom, functionNodeOf, isQualified, targetOf } from './deployedTargets';
import { createAlias, pointAlias, publishVersion, shiftAliasTraffic, type LambdaActionResult } from './lambdaActions';
import { aliasItem, listAliases, listPublishedVersions, versionItem, withLambda } from './lambdaCalls';
import { deleteStack, showStackEvents, showStackOutputs, showStackParameters } from './stackActions';
import { StackDocuments } from './stackDocuments';
import {
  findDeployedNode,
  findTemplateFunction,
  openLinkedTemplate,
  workspaceTargetOf,
  type WorkspaceLinkDependencies,
} from './workspaceLinks';

/** StopDeployment with autoRollbackEnabled, behind the backend's error explanation. */
async function stopDeploymentWithRollback(backend: AwsBackendConnection, deploymentId: string): Promise<void> {
  const [clients, codeDeploy] = await Promise.all([backend.loadClients(), backend.codeDeploy()]);
  try {
    await codeDeploy.send(new clients.codedeploy.StopDeploymentCommand({ deploymentId, autoRollbackEnabled: true }));
  } catch (error) {
    throw backend.explain(error, `Stopping deployment ${deploymentId}`);
  } finally {
    codeDeploy.destroy();
  }
}

/** Reveals tried before a tree that keeps refreshing is reported. */
const REVEAL_ATTEMPTS = 3;

export interface DeployedActionsDependencies {
  backend: AwsBackendConnection;
  tree: DeployedTree;
  treeView: vscode.TreeView<ExplorerNode>;
  invoke: Pick<InvokeFeature, 'invokeDeployedFunction'>;
  links: WorkspaceLinkDependencies;
}

export class DeployedActions implements vscode.Disposable {
  private readonly documents = new StackDocuments();

  constructor(private readonly deps: DeployedActionsDependencies) {}

  dispose(): void {
    this.documents.dispose();
  }

  /** Invokes $LATEST, a version or an alias: the node's, else picked ($LATEST, aliases, versions newest first). */
  async invoke(argument?: unknown, qualifierArgument?: string, event?: unknown): Promise<InvokeOutcome | undefined> {
    const { backend } = this.deps;
    const target = targetOf(argument);
    const fn = await functionFrom(argument, backend, 'Invoke Deployed Function');
    const qualifier =
      qualifierArgument ??
      (target && 'qualifier' in target ? target.qualifier : await this.pickQualifier(fn.functionName));
    if (!qualifier) return undefined;
    const linked = await findTemplateFunction(this.deps.links, fn);
    return this.deps.invoke.invokeDeployedFunction(
      { functionName: fn.functionName, qualifier, ...(linked ? { workspaceTarget: linked.target } : {}) },
      event,
    );
  }

  /** The qualifier picker: $LATEST, every alias with its routing, every version newest first. */
  async pickQualifier(functionName: string): Promise<string | undefined> {
    const [aliases, versions] = await Promise.all([
      listAliases(this.deps.backend, functionName),
      listPublishedVersions(this.deps.backend, functionName),
    ]);
    type Item = vscode.QuickPickItem & { qualifier?: string };
    const items: Item[] = [{ label: '$(edit) $LATEST', description: 'the unpublished code', qualifier: '$LATEST' }];
    if (aliases.length > 0) items.push({ label: 'Aliases', kind: vscode.QuickPickItemKind.Separator });
    for (const alias of aliases) items.push({ ...aliasItem(alias), qualifier: alias.Name });
    if (versions.length > 0) items.push({ label: 'Versions', kind: vscode.QuickPickItemKind.Separator });
    for (const version of versions) {
      const item = versionItem(version);
      items.push({ ...item, label: `$(versions) ${item.label}`, qualifier: item.version });
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: `Invoke ${functionName}`,
      placeHolder: 'Which code runs: $LATEST, an alias (with its traffic split) or a version',
      matchOnDescription: true,
    });
    return picked?.qualifier;
  }

  async publishVersion(argument?: unknown, description?: string): Promise<LambdaActionResult | undefined> {
    return this.refreshAfter(argument, await publishVersion(this.deps.backend, argument, description));
  }

  async createAlias(
    argument?: unknown,
    input?: { name?: string; version?: string; description?: string },
  ): Promise<LambdaActionResult | undefined> {
    return this.refreshAfter(argument, await createAlias(this.deps.backend, argument, input));
  }

  async pointAlias(argument?: unknown, version?: string): Promise<LambdaActionResult | undefined> {
    return this.refreshAfter(argument, await pointAlias(this.deps.backend, argument, version));
  }

  async shiftTraffic(
    argument?: unknown,
    input?: { version?: string; percent?: number },
  ): Promise<LambdaActionResult | undefined> {
    return this.refreshAfter(argument, await shiftAliasTraffic(this.deps.backend, argument, input));
  }

  showStackOutputs(argument?: unknown, outputKey?: string): Promise<string | undefined> {
    return showStackOutputs(this.deps.backend, argument, outputKey);
  }

  showStackEvents(argument?: unknown): Promise<vscode.Uri> {
    return showStackEvents(this.deps.backend, this.documents, argument);
  }

  showStackParameters(argument?: unknown): Promise<vscode.Uri> {
    return showStackParameters(this.deps.backend, this.documents, argument);
  }

  async deleteStack(argument?: unknown, confirmed?: boolean): Promise<boolean> {
    const started = await deleteStack(this.deps.backend, argument, confirmed === true);
    // The stack shows DELETE_IN_PROGRESS and is polled until it is gone.
    if (started) this.deps.tree.refresh((argument as ExplorerNode | undefined)?.parent ?? this.deps.tree.root);
    return started;
  }

  /**
   * Stops a CodeDeploy deployment of an alias with rollback (after a modal naming it, unless `confirmed`):
   * CodeDeploy points the alias back at the version it served before. Refreshes the function. From the palette: the
   * deployment in progress (picked when there are several).
   */
  async stopDeployment(argument?: unknown, confirmed?: boolean): Promise<boolean> {
    const node = targetOf(argument);
    const target =
      node?.kind === 'deployment'
        ? node
        : await pickActiveDeployment(this.deps.tree.nodeContext, 'Stop Deployment and Roll Back');
    if (!target) return false;
    const { facts, target: alias } = target.deployment;
    const name = `${target.function.functionName}:${alias.alias}`;
    if (!confirmed) {
      const stop = 'Stop and Roll Back';
      const answer = await vscode.window.showWarningMessage(
        `Stop deployment ${facts.deploymentId} of ${name}?`,
        { modal: true, detail: `CodeDeploy rolls ${alias.alias} back to version ${alias.currentVersion}.` },
        stop,
      );
      if (answer !== stop) return false;
    }
    await stopDeploymentWithRollback(this.deps.backend, facts.deploymentId);
    this.deps.tree.nodeContext.logger.info(`[deployed] Stopped deployment ${facts.deploymentId} of ${name}`);
    this.deps.tree.refresh(functionNodeOf(argument) ?? this.deps.tree.root);
    return true;
  }

  /** Copies the ARN of a function, version, alias or stack (or a resource whose physical ID is an ARN). */
  async copyArn(argument?: unknown): Promise<string> {
    const target = targetOf(argument);
    let arn: string | undefined;
    if (target?.kind === 'function') arn = target.arn ?? (await this.functionArn(target.functionName));
    else if (isQualified(target)) arn = target.arn;
    else if (target?.kind === 'stack') arn = target.stackId;
    else if (target?.kind !== 'deployment' && target?.resource.physicalId?.startsWith('arn:'))
      arn = target.resource.physicalId;
    if (!arn)
      throw new WorkbenchError('This item has no ARN to copy', { code: 'NoArn', hint: 'Copy its name instead.' });
    return this.copy(arn, 'ARN');
  }

  /** Copies a name: function, `function:qualifier`, stack, deployment ID, or a resource's physical ID. */
  copyName(argument?: unknown): Promise<string> {
    const target = targetOf(argument);
    if (!target) throw new WorkbenchError('Copy Name works on an item of the Deployed tree', { code: 'NoTarget' });
    const name =
      target.kind === 'function'
        ? target.functionName
        : target.kind === 'stack'
          ? target.stackName
          : isQualified(target)
            ? `${target.function.functionName}:${target.qualifier}`
            : target.kind === 'deployment'
              ? target.deployment.facts.deploymentId
              : (target.resource.physicalId ?? target.resource.logicalId);
    return this.copy(name, 'name');
  }

  copyUrl(argument?: unknown): Promise<string> {
    return this.copy(this.urlOf(argument), 'URL');
  }

  async openUrl(argument?: unknown): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(this.urlOf(argument)));
  }

  /** Tails the logs of a function (at its qualifier: an alias's versions) or of a stack's functions, in the log panel. */
  async tailLogs(argument?: unknown): Promise<void> {
    const target = targetOf(argument);
    const request =
      target?.kind === 'stack'
        ? { stackName: target.stackName }
        : isQualified(target)
          ? { functionName: target.function.functionName, qualifier: target.qualifier }
          : { functionName: (await functionFrom(argument, this.deps.backend, 'Tail Logs')).functionName };
    await vscode.commands.executeCommand(COMMAND_IDS.logsTail, request satisfies TailLogsArguments);
  }

  /** Opens the template a deployed function was deployed from, with its logical ID selected. */
  async openInTemplate(argument?: unknown): Promise<void> {
    await openLinkedTemplate(this.deps.links, await functionFrom(argument, this.deps.backend, 'Open in Template'));
  }

  /** Reveals the deployed function of a workspace template function in the Deployed tree. */
  async goToDeployed(argument?: unknown): Promise<ExplorerNode> {
    const target = workspaceTargetOf(argument);
    if (!target)
      throw new WorkbenchError('Go to Deployed works on a function of a workspace template', { code: 'NoTarget' });
    // A refresh of the tree while revealing (polling, another action's refresh) cancels the reveal: the nodes it
    // walked are gone, so find the function again in the new tree rather than silently doing nothing.
    for (let attempt = 1; ; attempt++) {
      const node = await findDeployedNode(this.deps.links, this.deps.tree.root, target, this.deps.backend.describe());
      try {
        await this.deps.treeView.reveal(node, { select: true, focus: true, expand: true });
        return node;
      } catch (error) {
        if (attempt >= REVEAL_ATTEMPTS || !isCancellation(error)) throw error;
        this.deps.tree.nodeContext.logger.info(
          `[deployed] The tree changed while revealing ${target.logicalId}: again`,
        );
      }
    }
  }

  private async functionArn(functionName: string): Promise<string | undefined> {
    return withLambda(this.deps.backend, `Reading ${functionName}`, async (lambda, sdk) => {
      const answer = await lambda.send(new sdk.GetFunctionConfigurationCommand({ FunctionName: functionName }));
      return answer.FunctionArn;
    });
  }

  private urlOf(argument: unknown): string {
    const target = targetOf(argument);
    if ((target?.kind === 'api' || target?.kind === 'resource') && target.url) return target.url;
    throw new WorkbenchError('This item has no URL', { code: 'NoUrl', hint: 'URLs belong to the APIs of a stack.' });
  }

  private async copy(text: string, what: string): Promise<string> {
    await vscode.env.clipboard.writeText(text);
    void vscode.window.setStatusBarMessage(`Copied the ${what}: ${text}`, 3000);
    return text;
  }

  /** Refreshes the function an action changed (the whole tree when it came from the palette). */
  private refreshAfter(argument: unknown, result: LambdaActionResult | undefined): LambdaActionResult | undefined {
    if (result) {
      this.deps.tree.refresh(functionNodeOf(argument) ?? this.deps.tree.root);
      if (result.alias)
        this.deps.tree.nodeContext.logger.info(
          `[deployed] ${result.functionName}:${result.alias.name} → ${describeAliasTarget(result.alias)}`,
        );
    }
    return result;
  }
}

/** A reveal cancelled by a refresh of the tree: VS Code rejects it with a `Canceled` error. */
function isCancellation(error: unknown): boolean {
  return error instanceof vscode.CancellationError || (error instanceof Error && error.name === 'Canceled');
}
