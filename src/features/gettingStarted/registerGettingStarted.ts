import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { ExplorerFeature } from '../explorer/registerExplorer';

/** The walkthrough's id in package.json (`contributes.walkthroughs`). */
export const WALKTHROUGH_ID = 'gettingStarted';
/** Set once the walkthrough was opened by itself, so it never opens again unasked. */
const SHOWN_KEY = 'serverlessWorkbench.walkthroughShown';

/**
 * Opens the Getting Started walkthrough once, on the first activation in a workspace that has a SAM/CloudFormation
 * template with functions (after activation, never during it). The Help > Welcome page keeps it afterwards.
 */
export function registerGettingStarted(
  context: vscode.ExtensionContext,
  explorer: Pick<ExplorerFeature, 'scan'>,
  logger: Logger,
): vscode.Disposable {
  const timer = setTimeout(() => {
    void openOnce().catch((error: unknown) => logger.warn(`[walkthrough] Not opened: ${String(error)}`));
  }, 0);
  async function openOnce(): Promise<void> {
    if (context.globalState.get<boolean>(SHOWN_KEY)) return;
    const settings = vscode.workspace.getConfiguration('serverlessWorkbench.walkthrough');
    if (!settings.get<boolean>('openOnFirstActivation', true)) return;
    const { templates } = await explorer.scan();
    if (!templates.some((template) => template.functions.length > 0)) return;
    await context.globalState.update(SHOWN_KEY, true);
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      `${context.extension.id}#${WALKTHROUGH_ID}`,
      false,
    );
  }
  return { dispose: () => clearTimeout(timer) };
}

/** What a walkthrough step waits for; its `onContext:` completion event names the context key. */
export type WalkthroughMilestone = 'templateOpened' | 'invoked' | 'debugged';

/**
 * Marks a walkthrough step done once its action has finished. Not `onCommand:` completion: that fires when the
 * command starts, and the walkthrough then moves on and takes the focus from the command's own quick pick.
 */
export function reachWalkthroughMilestone(milestone: WalkthroughMilestone): void {
  void vscode.commands.executeCommand('setContext', `serverlessWorkbench.walkthrough.${milestone}`, true);
}

/** Opens the workspace's template with functions (the one picked when there are several), for the walkthrough. */
export async function openTemplate(explorer: Pick<ExplorerFeature, 'scan'>): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.extension.serverlessWorkbench');
  const { templates } = await explorer.scan();
  const withFunctions = templates.filter((template) => template.functions.length > 0);
  const candidates = withFunctions.length > 0 ? withFunctions : templates;
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('No SAM or CloudFormation template in this workspace yet.');
    return;
  }
  const picked =
    candidates.length === 1
      ? candidates[0]
      : (
          await vscode.window.showQuickPick(
            candidates.map((template) => ({
              label: template.label,
              description: `${template.functions.length} function(s)`,
              template,
            })),
            { title: 'Open a template', placeHolder: 'Choose a template' },
          )
        )?.template;
  if (!picked) return;
  await vscode.window.showTextDocument(picked.uri);
  reachWalkthroughMilestone('templateOpened');
}
