import * as vscode from 'vscode';
import { renderWebviewDocument, webviewResourceRoots } from '../../platform/webviewDocument';

export const LOG_TAIL_VIEW_ID = 'serverlessWorkbench.logTail';

/** The log tail panel view. It explains itself until a function's logs are tailed (a later issue streams them). */
export function registerLogTailView(context: vscode.ExtensionContext): vscode.Disposable {
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(view) {
      view.webview.options = { enableScripts: false, localResourceRoots: webviewResourceRoots(context.extensionUri) };
      view.webview.html = renderWebviewDocument(view.webview, context.extensionUri, {
        title: 'Log tail',
        stylesheet: 'logTail.css',
        body: '<p class="empty">No log stream yet. Choose a function in the Serverless explorer to tail its logs.</p>',
      });
    },
  };
  return vscode.window.registerWebviewViewProvider(LOG_TAIL_VIEW_ID, provider);
}
