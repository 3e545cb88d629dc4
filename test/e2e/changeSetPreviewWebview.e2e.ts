// The change set preview's page in headless Chromium, outside VS Code (the same markup, stylesheets and bundled
// script; test/support/webviewPage records what it posts to the host). What a person sees when the panel opens
// beside the template (narrow) and when it is wide: every changed property in sight without scrolling sideways,
// Deploy / Cancel above the table however long the change set, the decision posted once, hostile text inert.
// Needs `npm run build` (the e2e tier runs after the integration tier, which builds).
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ChangeSetPreviewView } from '../../src/core/deploy/changeSetPreviewProtocol';
import type { ResourceChangeRow } from '../../src/core/deploy/changeSetSummary';
import {
  CHANGE_SET_PREVIEW_BODY,
  CHANGE_SET_PREVIEW_STYLESHEETS,
} from '../../src/features/deploy/changeSetPreviewMarkup';
import { repoRoot } from '../support/paths';
import { openWebviewPage } from '../support/webviewPage';

const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

const PAGE = {
  stylesheets: CHANGE_SET_PREVIEW_STYLESHEETS,
  body: CHANGE_SET_PREVIEW_BODY,
  script: 'changeSetPreview.js',
};

function modify(logicalId: string, property: string, recreation: string): ResourceChangeRow {
  return {
    action: 'Modify',
    logicalId,
    resourceType: 'AWS::Lambda::Function',
    replacement: recreation === 'Always' ? 'True' : 'False',
    changedProperties: [property],
    details: [{ property, requiresRecreation: recreation, cause: 'edited in the template', evaluation: 'Static' }],
  };
}

function view(rows: ResourceChangeRow[]): ChangeSetPreviewView {
  return {
    stackName: 'hello-sam',
    backend: 'local cloud (http://127.0.0.1:4566)',
    changeSetType: 'UPDATE',
    counts: `0 to add, ${rows.length} to modify, 0 to remove`,
    rows,
    parameters: [{ key: 'Stage', value: 'dev' }],
  };
}

const ROWS: ResourceChangeRow[] = [
  {
    action: 'Add',
    logicalId: 'OrdersQueue',
    resourceType: 'AWS::SQS::Queue',
    replacement: 'N/A',
    changedProperties: [],
    details: [],
  },
  modify('UsersFunctionWithAVeryLongLogicalIdThatKeepsGoingAndGoing', 'Code', 'Never'),
  modify('UsersTable', 'KeySchema.AttributeDefinitions.PartitionKeyOfTheTableThatIsLong', 'Always'),
];

async function show(page: Page, rows: ResourceChangeRow[]): Promise<void> {
  await page.evaluate((data) => window.postMessage({ type: 'show', view: data }, '*'), view(rows));
  await page.locator('tr.change').first().waitFor();
}

/** How far the page's content reaches past the viewport's right edge (0: nothing cut off). */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let furthest = document.documentElement.scrollWidth;
    for (const node of Array.from(document.querySelectorAll('td, th, li, span')))
      furthest = Math.max(furthest, node.getBoundingClientRect().right);
    return Math.max(0, Math.ceil(furthest - width));
  });
}

describe('Change set preview page in a browser (narrow and wide panels)', () => {
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it('beside the template (narrow) stacks each change with its fields named; nothing is cut off', async () => {
    let page: Page;
    ({ browser, page } = await openWebviewPage(PAGE, { width: 420, height: 700 }));
    await show(page, ROWS);
    assert.equal(await horizontalOverflow(page), 0, 'no column reaches past the panel edge');
    assert.ok(await page.locator('tr.columns').isHidden(), 'the column headings give way to labels');

    const table = page.locator('tr.change[data-logical-id="UsersTable"]');
    const properties = table.locator('td.properties');
    assert.ok(await properties.isVisible());
    const label = await properties.evaluate((node) => getComputedStyle(node, '::before').content);
    assert.equal(label, '"Changed properties: "');
    assert.match(await properties.innerText(), /KeySchema\.AttributeDefinitions\.PartitionKeyOfTheTableThatIsLong/);
    assert.match(await properties.innerText(), /replaces/);
    const replacement = table.locator('td.replacement');
    assert.equal(await replacement.evaluate((node) => getComputedStyle(node, '::before').content), '"Replacement: "');

    // The added queue has no replacement nor changed properties: no empty labels for it.
    const queue = page.locator('tr.change[data-logical-id="OrdersQueue"]');
    assert.equal(await queue.locator('td.properties').isVisible(), false);
    assert.equal(await queue.locator('td.not-applicable').isVisible(), false);
    const action = await queue.locator('td.action').boundingBox();
    const name = await queue.locator('td.logical-id').boundingBox();
    assert.ok(action && name && Math.abs(action.y - name.y) < 2 && name.x > action.x + action.width, 'Add OrdersQueue');

    // Each change sits below the previous one (stacked), not beside it.
    const first = await page.locator('tr.change').nth(0).boundingBox();
    const second = await page.locator('tr.change').nth(1).boundingBox();
    assert.ok(first && second && second.y >= first.y + first.height - 1);
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'deploy-preview-narrow.png'), fullPage: true });
  });

  it('wide shows the five columns in one table row per change, long names wrapped inside their column', async () => {
    let page: Page;
    ({ browser, page } = await openWebviewPage(PAGE, { width: 1000, height: 600 }));
    await show(page, ROWS);
    assert.equal(await horizontalOverflow(page), 0);
    assert.ok(await page.locator('tr.columns').isVisible());
    const headings = await page.locator('tr.columns th').allInnerTexts();
    assert.deepEqual(headings, ['Action', 'Logical ID', 'Type', 'Replacement', 'Changed properties']);
    const row = page.locator('tr.change[data-logical-id="UsersTable"]');
    const cells = await row.locator('td').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().top));
    assert.equal(new Set(cells.map(Math.round)).size, 1, 'one line of cells per change');
    assert.equal(
      await row.locator('td.properties').evaluate((node) => getComputedStyle(node, '::before').content),
      'none',
    );
  });

  it('keeps Deploy / Cancel in sight on a long change set, posts one decision, and shows the outcome', async () => {
    let page: Page;
    ({ browser, page } = await openWebviewPage(PAGE, { width: 420, height: 400 }));
    const many = Array.from({ length: 60 }, (_, index) => modify(`Function${index}`, 'Code', 'Never'));
    await show(page, many);
    await page.mouse.wheel(0, 5000);
    await page.waitForFunction(() => window.scrollY > 1000);
    const deploy = page.locator('button[data-action="deploy"]');
    const box = await deploy.boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 400, 'Deploy stays in the viewport');
    await deploy.click();
    assert.ok(await page.locator('button[data-action="cancel"]').isDisabled(), 'one decision only');
    const sent = await page.evaluate(() => (window as unknown as { sent: Array<{ type: string }> }).sent);
    assert.deepEqual(
      sent.map((message) => message.type),
      ['ready', 'deploy'],
    );
    await page.evaluate(() => window.postMessage({ type: 'decided', message: 'Deploying hello-sam...' }, '*'));
    await page.locator('#decision', { hasText: 'Deploying hello-sam...' }).waitFor();
  });

  it('shows hostile stack names, logical IDs and parameter values as text', async () => {
    let page: Page;
    ({ browser, page } = await openWebviewPage(PAGE, { width: 800, height: 600 }));
    const hostile = '<img src=x onerror="window.pwned=1">';
    await page.evaluate((data) => window.postMessage({ type: 'show', view: data }, '*'), {
      ...view([modify(hostile, hostile, 'Never')]),
      stackName: hostile,
      parameters: [{ key: 'P', value: hostile }],
    });
    await page.locator('tr.change').first().waitFor();
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);
    assert.match(await page.locator('h1').innerText(), /<img src=x/);
  });
});
