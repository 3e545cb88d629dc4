import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** What a webview page is made of; everything else (CSP, nonce, resource URIs) is the same for every view. */
export interface WebviewDocument {
  title: string;
  /** Stylesheets in media/, in cascade order (shared ones such as documentPanel.css first). */
  stylesheets: readonly string[];
  /** A bundled script in dist/webviews/, if the view runs one. */
  script?: string;
  /** Static markup written by us (never data: views insert data as text from their script). */
  body: string;
}

/**
 * The one HTML shell of our webviews: a strict Content Security Policy (no inline styles or scripts; our script only,
 * by nonce), the stylesheets from media/, and the script from dist/webviews/.
 */
export function renderWebviewDocument(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  document: WebviewDocument,
): string {
  const nonce = randomBytes(16).toString('base64');
  const styles = document.stylesheets.map((name) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name)),
  );
  const script = document.script
    ? webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webviews', document.script))
    : undefined;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.map((style) => `<link rel="stylesheet" href="${style.toString()}">`).join('\n')}
<title>${document.title}</title>
</head>
<body>
${document.body}
${script ? `<script nonce="${nonce}" src="${script.toString()}"></script>` : ''}
</body>
</html>`;
}

/** Webview options that allow only our own media and bundled scripts. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')];
}
