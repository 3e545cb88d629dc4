// Wiring only: create the shared services, register each feature, register the command table.
import * as vscode from 'vscode';
import { createCommandTable } from './commands';
import { ExplorerFeature } from './features/explorer/registerExplorer';
import { registerLogTailView } from './features/logTail/logTailView';
import { registerCommandTable } from './platform/commandTable';

/** What the extension exposes to other extensions and to its own integration tests. */
export interface WorkbenchApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  explorer: Pick<ExplorerFeature, 'scan' | 'refresh'>;
}

export function activate(context: vscode.ExtensionContext): WorkbenchApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Serverless Workbench', { log: true });
  context.subscriptions.push(log);

  const explorer = new ExplorerFeature(log);
  context.subscriptions.push(explorer, registerLogTailView(context));
  context.subscriptions.push(registerCommandTable(createCommandTable({ log, explorer }), log));

  const activationMs = performance.now() - started;
  log.info(`[activation] Activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, explorer };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
