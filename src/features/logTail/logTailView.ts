import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';

export const LOG_TAIL_VIEW_ID = 'serverlessWorkbench.logTail';

/** The log tail panel view. It explains itself until a function's logs are tailed (a later issue streams them). */
export function registerLogTailView(context: vscode.ExtensionContext): vscode.Disposable {
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(view) {
      const mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'media');
      view.webview.options = { enableScripts: false, localResourceRoots: [mediaRoot] };
      const styleUri = view.webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'logTail.css'));
      const nonce = randomBytes(16).toString('base64');
      view.webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${view.webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri.toString()}">
<title>Log tail</title>
</head>
<body>
<p class="empty">No log stream yet. Choose a function in the Serverless explorer to tail its logs.</p>
</body>
</html>`;
    },
  };
  return vscode.window.registerWebviewViewProvider(LOG_TAIL_VIEW_ID, provider);
}
