import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { AwsBackendConnection } from './awsBackendConnection';
import { LocalCloudManager } from './localCloudManager';
import { createBackendStatusBar } from './backendStatusBar';

/** The local cloud (started on demand), the AWS backend connection remote features use, and its status bar item. */
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
    timeScale: () => settings().get<number>('timeScale', 1),
  });
  const backend = new AwsBackendConnection(manager, { logger });
  // A local cloud already running on the port (the one `npm start` runs) shows in the status bar at once; a
  // loopback probe after activation, never during it.
  const detect = setTimeout(() => void manager.detectRunning(), 0);
  const onPortChange = vscode.workspace.onDidChangeConfiguration((change) => {
    if (change.affectsConfiguration('serverlessWorkbench.localCloud.port')) void manager.detectRunning();
  });
  return {
    manager,
    backend,
    disposable: vscode.Disposable.from(createBackendStatusBar(backend), backend, manager, onPortChange, {
      dispose: () => clearTimeout(detect),
    }),
  };
}
