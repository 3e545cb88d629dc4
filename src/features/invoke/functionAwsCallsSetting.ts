// The settings behind local runs' AWS access: where the functions' SDK calls go (serverlessWorkbench.invoke.awsCalls)
// and where the SDK their runtime provides comes from (serverlessWorkbench.runtime.sdkDirectory).
import { join } from 'node:path';
import * as vscode from 'vscode';
import { callsToAws, callsToEndpoint, UNCHANGED_CALLS, type FunctionAwsCalls } from '../../core/aws/functionAwsCalls';
import type { Logger } from '../../core/logger';
import { createProvidedSdk, type ProvidedSdk } from '../../core/runtime/providedSdk/providedSdk';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';

/** Where locally run functions' SDK calls go now, starting the local cloud when they go there. */
export async function resolveFunctionAwsCalls(backend: AwsBackendConnection): Promise<FunctionAwsCalls> {
  const choice = vscode.workspace.getConfiguration('serverlessWorkbench.invoke').get<string>('awsCalls', 'backend');
  if (choice === 'unchanged') return UNCHANGED_CALLS;
  const current = backend.backend;
  if (choice === 'localCloud' || current.kind === 'localCloud') {
    return callsToEndpoint(await backend.localCloudManager.ensureRunning(), 'local cloud');
  }
  if (current.kind === 'endpoint') return callsToEndpoint(current.url, current.preset ?? 'endpoint');
  const resolution = await backend.resolveProfile();
  return callsToAws(resolution?.profileName ?? current.profile, resolution?.region ?? current.region);
}

/** The provided-SDK resolver of the local runtime: a configured folder, else a store in the global storage. */
export function providedSdkFromSettings(globalStorage: vscode.Uri, logger: Logger): ProvidedSdk {
  const configured = vscode.workspace.getConfiguration('serverlessWorkbench.runtime').get<string>('sdkDirectory', '');
  return createProvidedSdk({
    storeDirectory: join(globalStorage.fsPath, 'runtime-sdks'),
    ...(configured ? { configuredDirectory: configured } : {}),
    logger,
    onInstall: (description, done) =>
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: description }, () =>
        done.catch(() => undefined),
      ),
  });
}
