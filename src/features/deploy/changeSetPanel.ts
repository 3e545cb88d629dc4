import * as vscode from 'vscode';
import {
  isPreviewWebviewMessage,
  type ChangeSetPreviewView,
  type PreviewHostMessage,
} from '../../core/deploy/changeSetPreviewProtocol';
import { CHANGE_SET_PREVIEW_BODY, CHANGE_SET_PREVIEW_STYLESHEETS } from './changeSetPreviewMarkup';
import { renderWebviewDocument, webviewResourceRoots } from '../../platform/webviewDocument';

export const CHANGE_SET_VIEW_TYPE = 'serverlessWorkbench.changeSetPreview';

/**
 * Shows a change set and resolves with the person's decision: 'deploy', or 'cancel' (also when the panel is
 * closed). The panel stays open afterwards, saying what happened, until the person closes it.
 */
export class ChangeSetPanel {
  private readonly panel: vscode.WebviewPanel;
  private decided: ((decision: 'deploy' | 'cancel') => void) | undefined;
  /** The last report, sent again when the webview reloads (it is not kept while hidden). */
  private lastReport: string | undefined;
  readonly decision: Promise<'deploy' | 'cancel'>;

  constructor(extensionUri: vscode.Uri, view: ChangeSetPreviewView) {
    this.panel = vscode.window.createWebviewPanel(
      CHANGE_SET_VIEW_TYPE,
      `Deploy ${view.stackName}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: webviewResourceRoots(extensionUri) },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'serverless.svg');
    this.panel.webview.html = renderWebviewDocument(this.panel.webview, extensionUri, {
      title: 'Change set preview',
      stylesheets: CHANGE_SET_PREVIEW_STYLESHEETS,
      script: 'changeSetPreview.js',
      body: CHANGE_SET_PREVIEW_BODY,
    });
    this.decision = new Promise((resolve) => (this.decided = resolve));
    const subscriptions = [
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isPreviewWebviewMessage(message)) return;
        if (message.type === 'ready') {
          this.post({ type: 'show', view });
          if (this.lastReport) this.post({ type: 'decided', message: this.lastReport });
        } else this.decide(message.type);
      }),
      this.panel.onDidDispose(() => {
        this.decide('cancel');
        for (const subscription of subscriptions) subscription.dispose();
      }),
    ];
  }

  /** Tells the person what happens now (deploying, cancelled, deployed). */
  report(message: string): void {
    this.lastReport = message;
    this.post({ type: 'decided', message });
  }

  /** The same as a click on Deploy or Cancel (integration tests answer through this). */
  respond(decision: 'deploy' | 'cancel'): void {
    this.decide(decision);
  }

  dispose(): void {
    this.panel.dispose();
  }

  private decide(decision: 'deploy' | 'cancel'): void {
    this.decided?.(decision);
    this.decided = undefined;
  }

  private post(message: PreviewHostMessage): void {
    void this.panel.webview.postMessage(message);
  }
}
