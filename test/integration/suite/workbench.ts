// Helpers for suites running inside the extension host.
import * as vscode from 'vscode';
import type { WorkbenchApi } from '../../../src/extension';

export const EXTENSION_ID = 'serverless-workbench.serverless-workbench';

/** Activates Serverless Workbench (if the workspace has not already) and returns its API. */
export async function activateWorkbench(): Promise<WorkbenchApi> {
  const extension = vscode.extensions.getExtension<WorkbenchApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  return extension.activate();
}

/** The workspace folder the harness opened. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration tests need a workspace folder');
  return folder.uri;
}

/** Polls until `condition` holds. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Records a figure measured inside the real extension host; the harness prints it after the run. */
export function recordMetric(name: string, value: number): void {
  const store = globalThis as { serverlessWorkbenchMetrics?: Record<string, number> };
  store.serverlessWorkbenchMetrics = { ...store.serverlessWorkbenchMetrics, [name]: value };
}
