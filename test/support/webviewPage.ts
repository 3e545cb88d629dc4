// A webview's page outside VS Code: the same stylesheets, static markup and bundled script in headless Chromium, with
// a stand-in for acquireVsCodeApi that records what the script posts (window.sent). For page tests and render
// benches; the scripts come from dist/webviews (npm run build).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(__dirname, '..', '..');

/** Theme variables VS Code would set, so the page looks as it does in a dark editor. */
const THEME = `:root{--vscode-foreground:#ccc;--vscode-editor-background:#1e1e1e;--vscode-panel-background:#1e1e1e;
--vscode-descriptionForeground:#9d9d9d;--vscode-badge-background:#4d4d4d;--vscode-badge-foreground:#fff;
--vscode-terminal-ansiBlue:#2472c8;--vscode-terminal-ansiGreen:#0dbc79;--vscode-terminal-ansiMagenta:#bc3fbc;
--vscode-terminal-ansiCyan:#11a8cd;--vscode-terminal-ansiYellow:#e5e510;--vscode-terminal-ansiBrightBlue:#3b8eea;
--vscode-terminal-ansiBrightMagenta:#d670d6;--vscode-terminal-ansiBrightGreen:#23d18b;--vscode-errorForeground:#f48771;
--vscode-editorWarning-foreground:#cca700;--vscode-textLink-foreground:#3794ff;--vscode-button-background:#0e639c;
--vscode-button-foreground:#fff;--vscode-button-secondaryBackground:#3a3d41;--vscode-button-secondaryForeground:#ccc;
--vscode-input-background:#3c3c3c;--vscode-input-foreground:#ccc;--vscode-editor-findMatchHighlightBackground:#623315;
--vscode-panel-border:#444;--vscode-gitDecoration-addedResourceForeground:#81b88b;
--vscode-gitDecoration-modifiedResourceForeground:#e2c08d;
--vscode-font-family:sans-serif;--vscode-font-size:13px;--vscode-editor-font-family:monospace;--vscode-editor-font-size:12px}`;

/** What a page is made of, as the view's renderWebviewDocument call names it. */
export interface WebviewPage {
  /** Files in media/, in cascade order. */
  stylesheets: readonly string[];
  /** The static markup of the view. */
  body: string;
  /** The bundled script in dist/webviews/. */
  script: string;
}

/** The page's HTML, with the styles and script inline (no server needed). */
export function webviewPageHtml(view: WebviewPage): string {
  const css = view.stylesheets.map((name) => readFileSync(join(root, 'media', name), 'utf8')).join('\n');
  const script = readFileSync(join(root, 'dist', 'webviews', view.script), 'utf8');
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><style>${THEME}\n${css}</style></head><body>${view.body}
<script>window.sent=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.sent.push(m)});</script>
<script>${script}</script></body></html>`;
}

/** Headless Chromium showing the page, once its script has posted 'ready'. */
export async function openWebviewPage(
  view: WebviewPage,
  viewport: { width: number; height: number },
): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env['SW_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport });
  await page.setContent(webviewPageHtml(view));
  await page.waitForFunction(() =>
    (window as unknown as { sent: Array<{ type: string }> }).sent.some((m) => m.type === 'ready'),
  );
  return { browser, page };
}
