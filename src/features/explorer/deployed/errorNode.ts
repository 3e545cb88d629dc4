import * as vscode from 'vscode';
import type { WorkbenchError } from '../../../core/errors';
import { COMMAND_IDS } from '../../../platform/commandIds';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import type { ExplorerNode } from '../explorerNode';

/** What an error item says and which command its click runs. */
interface ErrorPresentation {
  label: string;
  action: string;
  command: string;
  arguments: unknown[];
}

/** The argument of an error item's commands: the node whose children failed to load. */
export interface ErrorTarget {
  kind: 'error';
  owner: ExplorerNode;
  error: WorkbenchError;
}

/**
 * A failed AWS call as a tree item: what happened in a few words, the whole explanation in the tooltip, and a click
 * that does what fixes it (sign in, switch profile, start the local cloud, retry). Never an exception.
 */
export function createErrorNode(
  owner: ExplorerNode,
  error: WorkbenchError,
  backend: AwsBackendConnection,
): ExplorerNode {
  const node: ExplorerNode & { target: ErrorTarget } = {
    id: `${owner.id}/…error`,
    parent: owner,
    target: { kind: 'error', owner, error },
    getTreeItem: () => {
      const presentation = presentError(error, backend, owner);
      const item = new vscode.TreeItem(presentation.label, vscode.TreeItemCollapsibleState.None);
      item.description = presentation.action;
      item.tooltip = new vscode.MarkdownString().appendText(`${error.message}\n\n${error.hint ?? ''}`.trim());
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.contextValue = 'deployedError';
      item.command = { command: presentation.command, title: presentation.action, arguments: presentation.arguments };
      return item;
    },
  };
  return node;
}

function presentError(error: WorkbenchError, backend: AwsBackendConnection, owner: ExplorerNode): ErrorPresentation {
  const retry = { action: 'Retry', command: COMMAND_IDS.deployedRefresh, arguments: [owner] };
  const switchBackend = { action: 'Switch backend or profile', command: COMMAND_IDS.backendSwitch, arguments: [] };
  const signIn = { action: 'Sign in', command: COMMAND_IDS.backendSignIn, arguments: [] };
  const local = backend.backend.kind === 'localCloud';
  const startLocalCloud = { action: 'Start it', command: COMMAND_IDS.localCloudStart, arguments: [] };
  switch (error.code) {
    case 'SignInRequired':
      return { label: 'Signed out of IAM Identity Center', ...signIn };
    case 'ExpiredCredentials':
      return { label: 'The credentials have expired', ...(ssoProfile(backend) ? signIn : switchBackend) };
    case 'InvalidCredentials':
      return { label: 'The credentials were not accepted', ...switchBackend };
    case 'AccessDenied':
      return { label: 'Access denied', ...switchBackend };
    case 'Throttled':
      return { label: 'Throttled: too many requests', ...retry };
    case 'EndpointUnreachable':
      return local
        ? { label: 'The local cloud is not running', ...startLocalCloud }
        : { label: 'The endpoint does not answer', ...switchBackend };
    case 'LocalCloudStartFailed':
      return { label: 'The local cloud did not start', ...startLocalCloud };
    case 'UnknownOperationException':
    case 'UnknownService':
    case 'InvalidAction':
      return { label: 'This backend does not serve it', ...switchBackend };
    default:
      return { label: 'Could not load', ...retry };
  }
}

function ssoProfile(backend: AwsBackendConnection): boolean {
  return backend.backend.kind === 'aws' && backend.lastProfile?.summary?.credentials.kind === 'sso';
}
