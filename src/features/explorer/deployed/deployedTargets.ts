import type { AliasConfiguration } from '@aws-sdk/client-lambda';
import * as vscode from 'vscode';
import type { AliasRouting } from '../../../core/deployed/aliasRouting';
import { WorkbenchError } from '../../../core/errors';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import type { ExplorerNode } from '../explorerNode';
import type { DeploymentTarget } from './aliasDeployments';
import type { DeployedNode } from './deployedTreeContext';
import type { DeployedFunctionTarget, QualifiedFunctionTarget } from './functionNodes';
import { aliasItem, listAliases, withLambda } from './lambdaCalls';
import type { StackResourceTarget, StackTarget } from './stackNodes';

/** Every target a Deployed tree command may receive. */
export type AnyDeployedTarget =
  DeployedFunctionTarget | QualifiedFunctionTarget | StackTarget | StackResourceTarget | DeploymentTarget;

/** The target of a tree node given to a command, if it is one of ours. */
export function targetOf(argument: unknown): AnyDeployedTarget | undefined {
  if (typeof argument !== 'object' || argument === null || !('target' in argument)) return undefined;
  const target = (argument as DeployedNode).target as { kind?: unknown } | undefined;
  const kinds = ['function', 'latest', 'version', 'alias', 'stack', 'resource', 'api', 'deployment'];
  return typeof target?.kind === 'string' && kinds.includes(target.kind) ? (target as AnyDeployedTarget) : undefined;
}

/** $LATEST, a version or an alias. */
export function isQualified(target: AnyDeployedTarget | undefined): target is QualifiedFunctionTarget {
  return target?.kind === 'latest' || target?.kind === 'version' || target?.kind === 'alias';
}

/** The node whose children an action on `argument` changes: the function of a version or alias, else itself. */
export function functionNodeOf(argument: unknown): ExplorerNode | undefined {
  const target = targetOf(argument);
  if (!target) return undefined;
  const node = argument as ExplorerNode;
  if (target.kind === 'deployment') return node.parent?.parent;
  return target.kind === 'function' ? node : target.kind === 'stack' ? node : node.parent;
}

/** The function a command acts on: the node's, else one the person picks from the region's functions. */
export async function functionFrom(
  argument: unknown,
  backend: AwsBackendConnection,
  title: string,
): Promise<DeployedFunctionTarget> {
  const target = targetOf(argument);
  if (target?.kind === 'function') return target;
  if (isQualified(target)) return target.function;
  const names = await withLambda(backend, 'Listing functions', async (lambda, sdk) => {
    const found: { name: string; runtime?: string }[] = [];
    let marker: string | undefined;
    // A picker over at most 1,000 functions; typing filters them.
    do {
      const page = await lambda.send(new sdk.ListFunctionsCommand({ ...(marker ? { Marker: marker } : {}) }));
      for (const fn of page.Functions ?? [])
        if (fn.FunctionName) found.push({ name: fn.FunctionName, ...(fn.Runtime ? { runtime: fn.Runtime } : {}) });
      marker = page.NextMarker;
    } while (marker && found.length < 1000);
    return found;
  });
  if (names.length === 0) {
    throw new WorkbenchError(`No functions are deployed to the ${backend.describe()}`, {
      code: 'NoDeployedFunctions',
      hint: 'Deploy the application first, or switch backend from the status bar.',
    });
  }
  const picked = await vscode.window.showQuickPick(
    names.map((fn) => ({ label: fn.name, description: fn.runtime, name: fn.name })),
    { title, placeHolder: `A function of the ${backend.describe()}` },
  );
  if (!picked) throw new vscode.CancellationError();
  return { kind: 'function', functionName: picked.name };
}

/** The alias a command acts on: the node's, else one the person picks (after the function, if needed). */
export async function aliasFrom(
  argument: unknown,
  backend: AwsBackendConnection,
  title: string,
): Promise<{ fn: DeployedFunctionTarget; alias: AliasRouting }> {
  const target = targetOf(argument);
  if (target?.kind === 'alias' && target.alias) return { fn: target.function, alias: target.alias };
  const fn = await functionFrom(argument, backend, title);
  const aliases = await listAliases(backend, fn.functionName);
  if (aliases.length === 0) {
    throw new WorkbenchError(`${fn.functionName} has no alias`, {
      code: 'NoAlias',
      hint: 'Create one first ("Create Alias" on the function).',
    });
  }
  const picked = await vscode.window.showQuickPick(aliases.map(aliasItem), { title, placeHolder: 'Choose the alias' });
  if (!picked) throw new vscode.CancellationError();
  return { fn, alias: toRouting(picked.alias) };
}

export function toRouting(alias: AliasConfiguration): AliasRouting {
  return {
    name: alias.Name ?? '?',
    functionVersion: alias.FunctionVersion ?? '?',
    additionalVersionWeights: alias.RoutingConfig?.AdditionalVersionWeights,
  };
}
