// One e2e session: a code-server with the packaged extension, a workspace, and headless Chromium looking at it.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { provision } from '../../scripts/provisionCodeServer.mjs';
import { extensionVsix, packageExtension } from '../../scripts/packageExtension';
import { openWorkbench, type WorkbenchBrowser } from './browser';
import {
  createProfile,
  installExtensions,
  removeProfile,
  startCodeServer,
  type CodeServerInstance,
} from './codeServer';
import { repoRoot } from './paths';

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/**
 * The webviews of the editor area (result views, walkthrough media), not those of views in the panel or side bar
 * (the Serverless Logs panel opens beside a local invoke's result): VS Code marks a view's iframe purpose=webviewView.
 */
export const EDITOR_WEBVIEW = 'iframe.webview.ready:not([src*="purpose=webviewView"])';

export interface E2eSession {
  page: Page;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Reuses the .vsix the integration tier just built when `npm test` says so; otherwise packages one. */
function ensureVsix(): string {
  if (process.env.SW_REUSE_VSIX === '1' && existsSync(extensionVsix)) return extensionVsix;
  return packageExtension().path;
}

/** Options of an e2e session beyond its settings. */
export interface E2eSessionOptions {
  /** Open the folder untrusted, in Restricted Mode, instead of disabling workspace trust. */
  restrictedMode?: boolean;
}

export async function startE2eSession(
  name: string,
  folder: string,
  settings: Record<string, unknown> = {},
  options: E2eSessionOptions = {},
): Promise<E2eSession> {
  provision();
  const trustSettings = options.restrictedMode
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }
    : {};
  const profile = createProfile(`e2e-${name}`, { ...settings, ...trustSettings });
  installExtensions(profile, [ensureVsix()]);
  let server: CodeServerInstance | undefined;
  let workbench: WorkbenchBrowser | undefined;
  try {
    server = await startCodeServer({ profile, folder, workspaceTrust: options.restrictedMode === true });
    workbench = await openWorkbench(server.url);
  } catch (error) {
    await server?.stop();
    throw error;
  }
  const { page } = workbench;
  mkdirSync(screenshotDir, { recursive: true });
  return {
    page,
    screenshot: async (shot) => {
      const path = join(screenshotDir, `${shot}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: async () => {
      await workbench?.close();
      await server?.stop();
      removeProfile(profile);
    },
  };
}

/** Opens the Serverless view container from the activity bar. */
export async function openServerlessView(page: Page): Promise<void> {
  await page
    .locator(
      '.activitybar .action-item a[aria-label^="Serverless"], .activitybar .action-item[aria-label^="Serverless"]',
    )
    .first()
    .click();
  // With a single view in the container, VS Code hides the pane header and titles the side bar instead.
  await page
    .locator('.part.sidebar .title-label', { hasText: /serverless/i })
    .first()
    .waitFor();
}

/** The first side bar tree row whose text contains `text`, or whose label is exactly `text` when `exact`. */
export function sideBarTreeRow(page: Page, text: string, exact = false) {
  const rows = page.locator('.part.sidebar .monaco-list-row');
  if (!exact) return rows.filter({ hasText: text }).first();
  return rows
    .filter({
      has: page.locator('.label-name', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
    })
    .first();
}

/**
 * Runs a command from the palette (F1) as a person would: the words after the category, then the row that names the
 * command. The palette lists a command once the extension host has registered its extension: reopen it until it does.
 */
export async function runPaletteCommand(page: Page, title: string): Promise<void> {
  const words = title.replace(/^[^:]*: /, '').replace(/\.\.\.$/, '');
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: words }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${words}`);
    try {
      await row.waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt >= 12) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(2000);
    }
  }
  await row.click();
}

/** Drags the side bar's sash so it is `width` pixels wide: long tree descriptions show whole in screenshots. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const sideBar = await page.locator('.part.sidebar').boundingBox();
  if (!sideBar) throw new Error('The side bar is not showing');
  const edge = sideBar.x + sideBar.width;
  // The sash is the vertical one straddling the side bar's right edge (the workbench has several).
  const sashes = page.locator('.monaco-sash.vertical');
  for (let index = 0; index < (await sashes.count()); index++) {
    const sash = await sashes.nth(index).boundingBox();
    if (!sash || sash.height < sideBar.height / 2 || Math.abs(sash.x + sash.width / 2 - edge) > 6) continue;
    const y = sideBar.y + sideBar.height / 2;
    await page.mouse.move(sash.x + sash.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(sideBar.x + width, y, { steps: 8 });
    await page.mouse.up();
    return;
  }
  throw new Error(`No sash at the side bar's edge (x ${edge})`);
}
