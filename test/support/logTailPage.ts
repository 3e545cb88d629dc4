// The log tail webview outside VS Code (test/support/webviewPage.ts): for the page test and the render bench.
import type { Browser, Page } from 'playwright-core';
import { LOG_TAIL_BODY } from '../../src/features/logTail/logTailMarkup';
import { openWebviewPage, type WebviewPage } from './webviewPage';

const LOG_TAIL_PAGE: WebviewPage = { stylesheets: ['logTail.css'], body: LOG_TAIL_BODY, script: 'logTail.js' };

/** Headless Chromium showing the page (`dist/webviews/logTail.js` built by npm run build). */
export async function openLogTailPage(
  viewport = { width: 1400, height: 500 },
): Promise<{ browser: Browser; page: Page }> {
  return openWebviewPage(LOG_TAIL_PAGE, viewport);
}
