// Hostile content, as a person would meet it: a function whose response, logs and error carry HTML, <script>,
// onerror= and ANSI escapes, and a template whose Description carries them plus a command: link. The invoke result
// view and the hover must show all of it as text: no element, no link, no script of the content's making.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';
import {
  openServerlessView,
  sideBarTreeRow,
  startE2eSession,
  type E2eSession,
  EDITOR_WEBVIEW,
} from '../support/e2eSession';

const IMG = '<img src=x onerror="document.title=\'pwned\'">';
const SCRIPT = "<script>document.title='pwned'</script>";
const COMMAND_LINK = '[Open a terminal](command:workbench.action.terminal.new)';
const ANSI_RED = '\u001b[31mRED\u001b[0m';

function hostileWorkspace(): string {
  const folder = createSampleWorkspaceWithBadInput();
  mkdirSync(join(folder, 'hostile', 'src'), { recursive: true });
  writeFileSync(
    join(folder, 'hostile', 'template.yaml'),
    [
      'Transform: AWS::Serverless-2016-10-31',
      'Parameters:',
      '  Stage:',
      '    Type: String',
      '    Default: dev',
      `    Description: ${JSON.stringify(`${IMG} ${SCRIPT} ${COMMAND_LINK} ${ANSI_RED}`)}`,
      'Resources:',
      '  HostileFunction:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      CodeUri: src/',
      '      Handler: app.handler',
      '      Runtime: nodejs20.x',
      '      Environment:',
      '        Variables:',
      '          STAGE: !Ref Stage',
      '',
    ].join('\n'),
  );
  // The first run answers with hostile content; the next (Run again, same warm worker) throws it.
  writeFileSync(
    join(folder, 'hostile', 'src', 'app.js'),
    [
      'let runs = 0;',
      'exports.handler = async () => {',
      `  console.log(${JSON.stringify(`${SCRIPT} ${ANSI_RED} ${IMG}`)});`,
      `  if (++runs > 1) throw new Error(${JSON.stringify(`${IMG} ${COMMAND_LINK}`)});`,
      `  return { html: ${JSON.stringify(`${IMG}${SCRIPT}<b>bold</b>`)}, link: ${JSON.stringify(COMMAND_LINK)} };`,
      '};',
      '',
    ].join('\n'),
  );
  return folder;
}

/** Nothing the content made is an element: no image, bold, inline handler, command link or extra script. */
async function assertNoInjectedMarkup(scope: FrameLocator | Locator, where: string): Promise<void> {
  for (const selector of ['img', 'b', '[onerror]', 'a[href^="command:"]', 'a[data-href^="command:"]']) {
    assert.equal(await scope.locator(selector).count(), 0, `${where} has ${selector}`);
  }
  // The webview host has inline scripts of its own; none carries the content's.
  assert.equal(await scope.locator('script', { hasText: 'pwned' }).count(), 0, `${where} runs the content's script`);
}

describe('Hostile content in the result view and hovers, as a person sees it', () => {
  let session: E2eSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows HTML, scripts, command: links and ANSI escapes as inert text', async () => {
    session = await startE2eSession('hostile', hostileWorkspace());
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'HostileFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Invoke locally' }).first().click();

    const view = page.frameLocator(EDITOR_WEBVIEW).frameLocator('#active-frame');
    await view.locator('.status.succeeded').waitFor({ timeout: 60_000 });
    const response = (await view.locator('pre.response').textContent()) ?? '';
    assert.ok(response.includes('<img src=x onerror=\\"document.title='), response);
    assert.ok(response.includes("<script>document.title='pwned'</script><b>bold</b>"), response);
    const logs = (await view.locator('pre.logs').textContent()) ?? '';
    assert.ok(logs.includes(`${SCRIPT} `), logs);
    assert.ok(logs.includes('RED'), logs);
    await assertNoInjectedMarkup(view, 'the result view');

    await view.locator('button', { hasText: 'Run again' }).click();
    await view.locator('.status.failed').waitFor({ timeout: 60_000 });
    const message = (await view.locator('.error-message').textContent()) ?? '';
    assert.equal(message, `Error: ${IMG} ${COMMAND_LINK}`);
    await assertNoInjectedMarkup(view, 'the error view');
    await session.screenshot('hostile-result');

    // The parameter's Description in the hover of its name.
    const name = page
      .locator('.monaco-editor .view-line span span')
      .filter({ hasText: /^Stage$/ })
      .first();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Parameter' }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(0, 0);
      await name.hover();
      try {
        await hover.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 6) throw error;
      }
    }
    const shown = (await hover.textContent()) ?? '';
    assert.ok(shown.includes(`${IMG} ${SCRIPT} ${COMMAND_LINK} RED`), shown);
    assert.ok(!shown.includes('\u001b'), 'no escape character reaches the hover');
    await assertNoInjectedMarkup(hover, 'the hover');
    assert.notEqual(await page.title(), 'pwned');
    await session.screenshot('hostile-hover');
  });
});
