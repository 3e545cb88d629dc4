// A person's view of issue #12: the sample app's function deployed to the local cloud and invoked 20 times, tailed
// from the palette in the Serverless Logs panel: 20 REPORT badges, one cold start, the cost strip, a filter pattern,
// one request on its own, and a function that logs hostile text, shown inert and readable.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Frame, Page } from 'playwright-core';
import { startLocalCloudProcess, type LocalCloudProcess } from '../../src/localcloud/localCloudProcess';
import { EDITOR_WEBVIEW, runPaletteCommand, startE2eSession, type E2eSession } from '../support/e2eSession';
import { repoRoot } from '../support/paths';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';

const USERS = 'hello-sam-UsersFunction-E2ETAIL00001';
const HOSTILE = 'hostile-logger';
const HOSTILE_CODE = `exports.handler = async () => {
  console.log('<img src=x onerror="document.title=1"><script>document.title=2</script> markup stays text');
  console.log('\\u001b[31mred\\u001b[0m and \\u001b]0;retitled\\u0007 escape sequences');
  console.log('M'.repeat(1024 * 1024));
  process.stdout.write(Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x62, 0x79, 0x74, 0x65, 0x73, 0x0a]));
  console.log('right-to-left \\u202e override');
  return 'ok';
};
`;

async function createFunction(endpoint: string, name: string, files: Record<string, Uint8Array>, handler: string) {
  const answer = await fetch(`${endpoint}/2015-03-31/functions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: handler,
      Architectures: ['arm64'],
      MemorySize: 256,
      Role: 'arn:aws:iam::123456789012:role/lambda',
      Code: { ZipFile: Buffer.from(zipSync(files)).toString('base64') },
    }),
  });
  assert.equal(answer.status, 201, await answer.text());
}

async function invoke(endpoint: string, name: string, event: unknown) {
  const answer = await fetch(`${endpoint}/2015-03-31/functions/${name}/invocations`, {
    method: 'POST',
    body: JSON.stringify(event),
  });
  assert.equal(answer.status, 200, await answer.text());
}

/** The frame of the Serverless Logs webview. */
async function logPanel(page: Page): Promise<Frame> {
  for (let attempt = 0; attempt < 300; attempt++) {
    for (const frame of page.frames()) {
      if (await frame.$('#list.list').catch(() => null)) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the Serverless Logs panel did not show');
}

async function pickTailTarget(page: Page, name: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click();
}

describe('Tailing logs in the Serverless Logs panel, as a person sees it', () => {
  let session: E2eSession | undefined;
  let cloud: LocalCloudProcess | undefined;
  let stateDirectory: string | undefined;
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await session?.screenshot('logs-failure').catch(() => undefined);
    await session?.close();
    await cloud?.stop();
    if (stateDirectory) rmSync(stateDirectory, { recursive: true, force: true });
    session = undefined;
    cloud = undefined;
  });

  it('shows 20 REPORT badges, one cold start and the cost of 20 invocations, filters by pattern, shows one request', async () => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-e2e-logs-'));
    cloud = await startLocalCloudProcess({ entryPoint: join(repoRoot, 'dist', 'localcloud.js'), stateDirectory });
    const folder = createSampleWorkspaceWithBadInput();
    await createFunction(
      cloud.endpoint,
      USERS,
      { 'app.mjs': readFileSync(join(folder, 'src', 'users', 'app.mjs')) },
      'app.handler',
    );
    await createFunction(
      cloud.endpoint,
      HOSTILE,
      { 'index.js': new TextEncoder().encode(HOSTILE_CODE) },
      'index.handler',
    );
    for (let index = 0; index < 20; index++)
      await invoke(cloud.endpoint, USERS, { pathParameters: { id: String(index) } });
    await invoke(cloud.endpoint, HOSTILE, {});

    session = await startE2eSession('logs', folder, { 'serverlessWorkbench.localCloud.port': cloud.port });
    const { page } = session;
    await runPaletteCommand(page, 'Serverless: Tail Logs...');
    await pickTailTarget(page, USERS);
    // Room for 20 rows: the panel maximized (from the workbench, not the webview, which keeps F1 to itself).
    await logPanel(page);
    await page.locator('.part.editor').click({ position: { x: 20, y: 20 } });
    await runPaletteCommand(page, 'View: Toggle Maximized Panel');
    const panel = await logPanel(page);

    // The service applies the pattern: only REPORT lines come back, one row (and badge set) per invocation.
    await panel.fill('#pattern', 'REPORT');
    await panel.press('#pattern', 'Enter');
    await panel.locator('.row .badge.duration').nth(19).waitFor({ timeout: 60_000 });
    assert.equal(await panel.locator('.row .badge.duration').count(), 20);
    assert.equal(await panel.locator('.row .badge.cold').count(), 1);
    // The strip follows the lines a moment later (it is recomputed at most five times a second).
    await panel.locator('.figure-invocations .value', { hasText: /^20$/ }).waitFor();
    assert.equal(await panel.locator('.figure-coldStarts .value').textContent(), '1 (5%)');
    assert.match((await panel.locator('.figure-cost .value').textContent()) ?? '', /^\$0\.0000\d+$/);
    assert.match(
      (await panel.locator('.figure-cost').getAttribute('title')) ?? '',
      /arm64 in us-east-1, first-tier on-demand prices of \d{4}-\d{2}-\d{2}/,
    );
    await session.screenshot('logs-report-badges');

    // All lines again, then one request on its own, from its request id.
    await panel.fill('#pattern', '');
    await panel.press('#pattern', 'Enter');
    await panel.locator('.row', { hasText: 'Looking up user 19' }).waitFor({ timeout: 60_000 });
    // Find the line by quick text (applied here, not by the service), then narrow to its request.
    await panel.fill('#highlight', 'Looking up user 7');
    await panel.check('#only');
    await panel.locator('.row mark', { hasText: 'Looking up user 7' }).waitFor();
    await panel.locator('.row', { hasText: 'Looking up user 7' }).locator('button.request').click();
    await panel.uncheck('#only');
    await panel.locator('.row').nth(3).waitFor();
    const kinds: string[] = await panel.locator('.row').evaluateAll((rows) => rows.map((row) => String(row.className)));
    assert.deepEqual(
      kinds.map((kind) => /kind-(\w+)/.exec(kind)?.[1]),
      ['start', 'app', 'end', 'report'],
    );
    await panel.locator('.row.kind-report').click();
    await panel.locator('.details button', { hasText: 'Replay locally' }).waitFor();
    await session.screenshot('logs-one-request');

    // Replay locally: the local cloud kept the event; the workspace's UsersFunction runs it, its result shows.
    await panel.locator('.details button', { hasText: 'Replay locally' }).click();
    await page.locator('.tabs-container .tab', { hasText: 'UsersFunction result' }).waitFor({ timeout: 60_000 });
    const result = page.frameLocator(EDITOR_WEBVIEW).frameLocator('#active-frame');
    await result.locator('.status.succeeded').waitFor({ timeout: 60_000 });
    assert.match((await result.locator('pre.response').textContent()) ?? '', /Hello, user 7!/);
  });

  it('shows hostile log lines as inert, readable text', async () => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-e2e-logs-'));
    cloud = await startLocalCloudProcess({ entryPoint: join(repoRoot, 'dist', 'localcloud.js'), stateDirectory });
    const folder = createSampleWorkspaceWithBadInput();
    await createFunction(
      cloud.endpoint,
      HOSTILE,
      { 'index.js': new TextEncoder().encode(HOSTILE_CODE) },
      'index.handler',
    );
    await invoke(cloud.endpoint, HOSTILE, {});

    session = await startE2eSession('logs-hostile', folder, { 'serverlessWorkbench.localCloud.port': cloud.port });
    const { page } = session;
    const title = await page.title();
    await runPaletteCommand(page, 'Serverless: Tail Logs...');
    await pickTailTarget(page, HOSTILE);
    const panel = await logPanel(page);
    await panel.locator('.row', { hasText: 'markup stays text' }).waitFor({ timeout: 60_000 });
    const markup = (await panel.locator('.row', { hasText: 'markup stays text' }).textContent()) ?? '';
    assert.match(markup, /<img src=x onerror="document\.title=1"><script>document\.title=2<\/script>/);
    assert.equal(await panel.locator('.list img, .list script').count(), 0);
    const escapes = (await panel.locator('.row', { hasText: 'escape sequences' }).textContent()) ?? '';
    assert.match(escapes, /red and +escape sequences/);
    assert.ok(!escapes.includes('\u001b'));
    const huge = panel.locator('.row', { hasText: 'MMMM' });
    assert.match((await huge.locator('.more').textContent()) ?? '', /1\.0 MB more/);
    assert.match((await panel.locator('.row', { hasText: 'bytes' }).textContent()) ?? '', /bad\ufffd+bytes/);
    assert.match((await panel.locator('.row', { hasText: 'right-to-left' }).textContent()) ?? '', /<U\+202E> override/);
    assert.equal(await page.title(), title, 'nothing in the logs ran');
    await huge.click();
    await panel.locator('.details pre.full').waitFor();
    await session.screenshot('logs-hostile');
  });
});
