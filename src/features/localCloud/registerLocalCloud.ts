import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { AwsBackendConnection } from './awsBackendConnection';
import { LocalCloudManager } from './localCloudManager';
import { createLocalCloudStatusBar } from './localCloudStatusBar';

/** The local cloud (started on demand) and the AWS backend connection remote features use. */
export function registerLocalCloud(
  context: vscode.ExtensionContext,
  logger: Logger,
): { manager: LocalCloudManager; backend: AwsBackendConnection; disposable: vscode.Disposable } {
  const settings = () => vscode.workspace.getConfiguration('serverlessWorkbench.localCloud');
  const manager = new LocalCloudManager({
    logger,
    entryPoint: vscode.Uri.joinPath(context.extensionUri, 'dist', 'localcloud.js').fsPath,
    stateDirectory: () =>
      settings().get<string>('stateDirectory') ||
      vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'localcloud').fsPath,
    port: () => settings().get<number>('port', 4566),
  });
  const backend = new AwsBackendConnection(manager);
  return { manager, backend, disposable: vscode.Disposable.from(manager, createLocalCloudStatusBar(manager)) };
}
