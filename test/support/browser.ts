// Headless Chromium (Debian's, driven by playwright-core) attached to a code-server workbench.
import { chromium, type Browser, type Page } from 'playwright-core';

/** Flags this machine needs: no sandbox as root, no GPU, and no background connections to a closed network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WorkbenchBrowser {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Opens the workbench URL and waits for VS Code's workbench to render. */
export async function openWorkbench(url: string, timeoutMs = 120_000): Promise<WorkbenchBrowser> {
  const browser = await chromium.launch({
    executablePath: process.env.SW_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    return { browser, page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
