import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../platform/commandIds';
import type { LocalCloudManager, LocalCloudState } from './localCloudManager';

/** The local cloud's actions (start, stop, restart, copy endpoint), from the backend picker or the palette. */
export async function showLocalCloudActions(manager: LocalCloudManager): Promise<void> {
  const state = manager.state;
  const actions: (vscode.QuickPickItem & { run: () => Thenable<unknown> })[] = [];
  if (state.kind === 'running') {
    actions.push(
      {
        label: '$(copy) Copy endpoint',
        description: state.endpoint,
        run: () => vscode.env.clipboard.writeText(state.endpoint),
      },
      { label: '$(debug-restart) Restart', run: () => manager.restart() },
      { label: '$(debug-stop) Stop', run: () => manager.stop() },
    );
  } else {
    actions.push({ label: '$(play) Start', run: () => manager.ensureRunning() });
  }
  actions.push({ label: '$(output) Show log', run: () => vscode.commands.executeCommand(COMMAND_IDS.showLog) });
  const choice = await vscode.window.showQuickPick(actions, { title: 'Local cloud', placeHolder: describe(state) });
  await choice?.run();
}

function describe(state: LocalCloudState): string {
  switch (state.kind) {
    case 'running':
      return `Running at ${state.endpoint}${state.startedBy ? `, started by ${state.startedBy}` : ''}`;
    case 'failed':
      return state.message;
    default:
      return `The local cloud is ${state.kind}`;
  }
}
