// Links between a function of a workspace template and the function deployed from it, both ways: a template
// resolves to a stack name (samconfig.toml's stack_name, else the folder's name, as `sam deploy` names it), and the
// stack's resource with the function's logical ID is the deployed function.
import * as vscode from 'vscode';
import { WorkbenchError } from '../../../core/errors';
import type { Logger } from '../../../core/logger';
import { isFunctionTarget, resolveTarget, type FunctionTarget } from '../../invoke/functionTarget';
import type { ExplorerNode } from '../explorerNode';
import type { ScanResult } from '../templateScanner';
import type { ResourceLocation } from '../templateNodes';
import type { DeployedNode } from './deployedTreeContext';
import type { DeployedFunctionTarget } from './functionNodes';

export interface WorkspaceLinkDependencies {
  scan(): Promise<ScanResult>;
  logger: Logger;
}

/** A workspace function the deployed one came from. */
export interface LinkedTemplateFunction {
  target: FunctionTarget;
  location: ResourceLocation;
}

/**
 * The workspace template function a deployed function was deployed from: the templates that declare its logical
 * ID, and among several, the one whose stack name is the deployed stack's. Undefined when none matches.
 */
export async function findTemplateFunction(
  deps: WorkspaceLinkDependencies,
  fn: DeployedFunctionTarget,
): Promise<LinkedTemplateFunction | undefined> {
  if (!fn.logicalId) return undefined;
  const { templates } = await deps.scan();
  const candidates = templates.flatMap((template) =>
    template.functions
      .filter((candidate) => candidate.logicalId === fn.logicalId && template.uri.scheme === 'file')
      .map((candidate) => ({
        target: { templateUri: template.uri.toString(), logicalId: candidate.logicalId },
        location: { uri: template.uri.toString(), start: candidate.position, end: candidate.endPosition },
      })),
  );
  const sameStack = candidates.filter((candidate) => stackNameOf(deps, candidate.target) === fn.stackName);
  if (sameStack.length > 0) return sameStack[0];
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The stack a template deploys to, as `sam deploy` would name it; undefined when it cannot be resolved. */
export function stackNameOf(deps: WorkspaceLinkDependencies, target: FunctionTarget): string | undefined {
  try {
    return resolveTarget(target, deps.logger).template.scope.identity.stackName;
  } catch {
    return undefined;
  }
}

/** The workspace function of a command argument: a template function node (or its target). */
export function workspaceTargetOf(argument: unknown): FunctionTarget | undefined {
  if (isFunctionTarget(argument)) return argument;
  const target = (argument as { target?: unknown } | undefined)?.target;
  return isFunctionTarget(target) ? target : undefined;
}

/**
 * Finds the deployed function node of a workspace function in the Deployed tree (stack by name, its Functions group,
 * the logical ID), loading what is needed; a WorkbenchError when the stack or function is not deployed.
 */
export async function findDeployedNode(
  deps: WorkspaceLinkDependencies,
  root: ExplorerNode,
  target: FunctionTarget,
  backendLabel: string,
): Promise<DeployedNode<DeployedFunctionTarget>> {
  const stackName = stackNameOf(deps, target);
  if (!stackName) {
    throw new WorkbenchError(`Cannot tell which stack ${target.logicalId}'s template deploys to`, {
      code: 'NoStackName',
      hint: 'Set stack_name in samconfig.toml next to the template.',
    });
  }
  const stacks = (await root.getChildren?.()) ?? [];
  const stack = stacks.find((node) => (node as DeployedNode<{ stackName?: string }>).target?.stackName === stackName);
  if (!stack) {
    throw new WorkbenchError(`${target.logicalId} is not deployed to the ${backendLabel}: no stack ${stackName}`, {
      code: 'StackNotDeployed',
      hint: 'Deploy the application first, or switch backend from the status bar.',
    });
  }
  const groups = (await stack.getChildren?.()) ?? [];
  const functions = groups.find((node) => node.id.endsWith('/group:functions'));
  const fnNodes = ((await functions?.getChildren?.()) ?? []) as DeployedNode<DeployedFunctionTarget>[];
  const found = fnNodes.find((node) => node.target.logicalId === target.logicalId);
  if (!found) {
    throw new WorkbenchError(`The stack ${stackName} has no function ${target.logicalId}`, {
      code: 'FunctionNotInStack',
      hint: 'The template changed since the last deploy: deploy again.',
    });
  }
  return found;
}

/** Opens the template of a deployed function with its logical ID selected. */
export async function openLinkedTemplate(deps: WorkspaceLinkDependencies, fn: DeployedFunctionTarget): Promise<void> {
  const linked = await findTemplateFunction(deps, fn);
  if (!linked) {
    throw new WorkbenchError(`No template in this workspace declares ${fn.logicalId ?? fn.functionName}`, {
      code: 'NoTemplate',
      hint: fn.stackName
        ? `Open the folder with the template of the stack ${fn.stackName}.`
        : 'Only functions of a stack can be linked to their template.',
    });
  }
  const { start, end } = linked.location;
  await vscode.window.showTextDocument(vscode.Uri.parse(linked.location.uri), {
    selection: new vscode.Range(start.line, start.character, end.line, end.character),
  });
}
