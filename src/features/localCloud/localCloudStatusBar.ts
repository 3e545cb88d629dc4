import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../platform/commandIds';
import type { LocalCloudManager, LocalCloudState } from './localCloudManager';

/** The status bar item: whether the local cloud runs, on which port; a click offers the actions. */
export function createLocalCloudStatusBar(manager: LocalCloudManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('serverlessWorkbench.localCloud', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Serverless Workbench Local Cloud';
  item.command = COMMAND_IDS.localCloudShowActions;
  const render = (state: LocalCloudState): void => {
    switch (state.kind) {
      case 'stopped':
        item.text = '$(cloud) Local cloud: off';
        item.tooltip = 'The local cloud starts when a feature needs it. Click for actions.';
        item.backgroundColor = undefined;
        break;
      case 'starting':
        item.text = '$(loading~spin) Local cloud';
        item.tooltip = 'Starting the local cloud';
        item.backgroundColor = undefined;
        break;
      case 'running':
        item.text = `$(cloud) Local cloud :${state.port}`;
        item.tooltip = `Local cloud at ${state.endpoint}${state.pid ? ` (pid ${state.pid})` : ' (started outside this window)'}`;
        item.backgroundColor = undefined;
        break;
      case 'failed':
        item.text = '$(warning) Local cloud';
        item.tooltip = state.message;
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
    }
  };
  render(manager.state);
  item.show();
  return vscode.Disposable.from(item, manager.onDidChangeState(render));
}

/** The quick pick behind the status bar item. */
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
      return `Running at ${state.endpoint}`;
    case 'failed':
      return state.message;
    default:
      return `The local cloud is ${state.kind}`;
  }
}
