// The Serverless Logs panel's page in headless Chromium, outside VS Code (the same markup, stylesheet and bundled
// script; test/support/logTailPage records what it would post to the host). What a person does with the lines:
// scrolling up pauses the auto-scroll and counts "N new", JSON expands pretty-printed, stack frames post openFrame,
// "show only this request", one colour per instance, hostile text inert, export. Needs `npm run build` (the e2e
// tier runs after the integration tier, which builds).
import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import { packLines } from '../../src/core/logs/lineBatch';
import type { IncomingLine } from '../../src/core/logs/logLineStore';
import { generateLogLines } from '../../bench/logTailWorkload';
import { openLogTailPage } from '../support/logTailPage';

const SESSION = {
  id: 1,
  title: 'orders',
  backend: 'local cloud',
  startText: '10mins ago',
  endText: undefined,
  filterPattern: '',
  follow: true,
  canReplayCloud: true,
};

interface Sent {
  type: string;
  [key: string]: unknown;
}

async function post(page: Page, lines: IncomingLine[]): Promise<void> {
  await page.evaluate(
    (batch) => window.postMessage({ type: 'lines', sessionId: 1, batch }, '*'),
    packLines(lines, 'cloud'),
  );
}

async function sent(page: Page): Promise<Sent[]> {
  return page.evaluate(() => (window as unknown as { sent: Sent[] }).sent);
}

describe('Serverless Logs page in a browser (what a person does with the lines)', () => {
  let browser: Browser | undefined;
  let page: Page;

  beforeEach(async () => {
    ({ browser, page } = await openLogTailPage({ width: 1200, height: 400 }));
    await page.evaluate((session) => window.postMessage({ type: 'session', session }, '*'), SESSION);
  });
  afterEach(async () => {
    await browser?.close();
  });

  it('follows new lines at the bottom; scrolling up pauses that and counts "N new" until clicked', async () => {
    await post(page, generateLogLines(500));
    const list = page.locator('#list');
    const atBottom = () => list.evaluate((node) => node.scrollTop + node.clientHeight >= node.scrollHeight - 2);
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 0);
    await page.waitForFunction(() => {
      const node = document.getElementById('list')!;
      return node.scrollTop > 0 && node.scrollTop + node.clientHeight >= node.scrollHeight - 2;
    });
    assert.ok(await page.locator('#new-lines').isHidden());

    await list.evaluate((node) => {
      node.scrollTop = 100;
      node.dispatchEvent(new Event('scroll'));
    });
    await post(page, generateLogLines(507).slice(500));
    await page.locator('#new-lines', { hasText: '7 new ↓' }).waitFor();
    assert.equal(await list.evaluate((node) => node.scrollTop), 100, 'the lines being read stay where they are');

    await page.click('#new-lines');
    await page.waitForFunction(() => {
      const node = document.getElementById('list')!;
      return node.scrollTop + node.clientHeight >= node.scrollHeight - 2;
    });
    assert.ok(await atBottom());
    assert.ok(await page.locator('#new-lines').isHidden());
  });

  it('expands a JSON line pretty-printed, links stack frames, narrows to one request and colours instances', async () => {
    const lines = generateLogLines(60);
    await post(page, lines);
    await page.fill('#highlight', 'db query');
    await page.check('#only');
    const jsonRow = page.locator('.row', { hasText: 'db query' }).first();
    await jsonRow.locator('.row-head').click();
    const pretty = await jsonRow.locator('pre.full.json').textContent();
    assert.match(pretty ?? '', /\{\n {2}"level": "INFO",\n {2}"message": "db query"/);

    await page.fill('#highlight', 'TypeError');
    const errorRow = page.locator('.row', { hasText: 'Invoke Error' }).first();
    await errorRow.locator('.row-head').click();
    await errorRow.locator('a.frame').first().click();
    const frames = (await sent(page)).filter((message) => message.type === 'openFrame');
    assert.deepEqual(frames.at(-1), { type: 'openFrame', file: '/var/task/src/app.js', line: 12, column: 20 });

    // The list is virtualized: find the line first (only matching), then narrow to its request and show all of it.
    await page.fill('#highlight', 'processing order 3 ');
    const requestButton = page.locator('.row', { hasText: 'processing order 3 ' }).locator('button.request');
    const requestId = (await requestButton.getAttribute('title'))!.replace('Show only request ', '');
    await requestButton.click();
    await page.fill('#highlight', '');
    await page.uncheck('#only');
    await page.waitForFunction(() => document.querySelectorAll('.row').length < 10);
    const kinds = await page
      .locator('.row')
      .evaluateAll((rows: Element[]) => rows.map((row) => row.className.split(' ')[1] ?? ''));
    assert.deepEqual(kinds, ['kind-start', 'kind-app', 'kind-app', 'kind-app', 'kind-end', 'kind-report']);
    const ids = await page.locator('.row button.request').evaluateAll((buttons) => buttons.map((b) => b.textContent));
    assert.ok(ids.every((id) => id === requestId.slice(0, 8)));

    await page.locator('.row button.request').first().click();
    await page.waitForFunction(() => document.querySelectorAll('.row').length > 10);
    const colours = await page
      .locator('.row .inst')
      .evaluateAll((chips) => chips.map((chip) => `${chip.textContent} ${chip.className}`));
    const byInstance = new Map<string, Set<string>>();
    for (const entry of colours) {
      const [id, , colour] = entry.split(' ');
      byInstance.set(id!, (byInstance.get(id!) ?? new Set()).add(colour!));
    }
    assert.ok(byInstance.size >= 2, 'several instances shown');
    assert.ok(
      [...byInstance.values()].every((set) => set.size === 1),
      'one colour per instance',
    );
    assert.ok(new Set([...byInstance.values()].map((set) => [...set][0])).size >= 2, 'instances told apart');
  });

  it('keeps hostile text inert and readable, and exports what it shows', async () => {
    const stream = '2026/01/15/[$LATEST]0123456789abcdef0123456789abcdef';
    const hostile = [
      '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>',
      '\u001b[31mred text\u001b[0m and \u001b]8;;https://evil.example\u0007a link\u001b]8;;\u0007',
      `huge ${'x'.repeat(1_000_000)}`,
      'broken \ud800 surrogate and \u202eright-to-left override',
    ].map((message, index) => ({
      timestamp: Date.UTC(2026, 0, 15, 12, 0, index),
      logStreamName: stream,
      message,
      source: 'evil',
      origin: 'cloud' as const,
    }));
    await post(page, hostile);
    await page.locator('.row', { hasText: 'red text' }).waitFor();
    assert.equal(await page.locator('#list img, #list script').count(), 0);
    assert.notEqual(await page.title(), 'pwned');
    const texts = await page.locator('.row .msg').allTextContents();
    assert.ok(
      texts.some((text) => text.startsWith('<img src=x onerror=')),
      'markup shown as text',
    );
    assert.ok(texts.includes('red text and a link'), `escape sequences removed: ${JSON.stringify(texts[1])}`);
    assert.ok(
      texts.some((text) => /^huge x+ \(\d+(\.\d)? [KM]B more\)$/.test(text)),
      'a 1 MB line cut with its size said',
    );
    assert.ok(texts.some((text) => text.includes('broken \ufffd surrogate and <U+202E>right-to-left')));
    assert.ok(texts.every((text) => !text.includes('\u001b')));

    await page.click('#export-text');
    const exported = (await sent(page)).find((message) => message.type === 'exported')!;
    assert.equal(exported['lines'], 4);
    assert.match(String(exported['text']), /red text and a link/);
  });

  it('keeps to its memory cap and says how many older lines it dropped', async () => {
    await page.evaluate(() => window.postMessage({ type: 'settings', maxLines: 100, maxChars: 1_000_000 }, '*'));
    await page.evaluate((session) => window.postMessage({ type: 'session', session }, '*'), SESSION);
    await post(page, generateLogLines(250));
    // Past the cap it drops down to 90 % of it, so that it does not drop on every line.
    const dropped = page.locator('#dropped', { hasText: /^\d+ older lines dropped \(memory cap\)$/ });
    await dropped.waitFor();
    const count = Number(/^(\d+)/.exec((await dropped.textContent()) ?? '')![1]);
    assert.ok(count >= 150 && count <= 160, `${count} dropped`);
    await page.click('#export-json');
    const exported = (await sent(page)).find((message) => message.type === 'exported')!;
    assert.equal(exported['lines'], 250 - count, 'the newest lines are kept');
    assert.match(String(exported['text']), /REPORT RequestId/);
  });

  it('narrows to warnings and errors by level; range, pattern and Start/Stop go to the host', async () => {
    // The first 52 lines end with an invocation's Invoke Error (the list follows the newest line).
    await post(page, generateLogLines(52));
    const levels = async () => [...new Set(await page.locator('.row .level').allTextContents())].filter(Boolean).sort();
    await page.locator('.row', { hasText: 'Invoke Error' }).waitFor();
    assert.deepEqual(await levels(), ['ERROR', 'INFO', 'WARN']);
    await page.selectOption('#levels', 'error');
    await page.locator('.row', { hasText: 'slow downstream call' }).first().waitFor({ state: 'detached' });
    assert.deepEqual(await levels(), ['ERROR'], 'platform lines (no level) stay, leveled lines below ERROR go');
    await page.selectOption('#levels', 'warn');
    await page.locator('.row', { hasText: 'slow downstream call' }).first().waitFor();
    assert.deepEqual(await levels(), ['ERROR', 'WARN']);

    await page.fill('#start', '2 hours ago');
    await page.fill('#end', '1 hour ago');
    await page.press('#end', 'Enter');
    await page.fill('#pattern', '{ $.level = "ERROR" }');
    await page.press('#pattern', 'Enter');
    const status = (state: string) =>
      page.evaluate(
        (next) => window.postMessage({ type: 'status', sessionId: 1, status: { state: next, text: next } }, '*'),
        state,
      );
    await status('connecting');
    await page.locator('#follow', { hasText: 'Stop' }).click();
    await status('stopped');
    await page.locator('#follow', { hasText: 'Start' }).click();
    const requests = (await sent(page)).filter((message) => /^set/.test(message.type));
    assert.deepEqual(requests, [
      { type: 'setRange', start: '2 hours ago', end: '1 hour ago' },
      { type: 'setPattern', pattern: '{ $.level = "ERROR" }' },
      { type: 'setFollow', follow: false },
      { type: 'setFollow', follow: true },
    ]);
  });
});
