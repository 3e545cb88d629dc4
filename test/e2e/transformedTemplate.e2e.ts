// A person's view of issue #8's "Show Transformed Template": from the sample template's title bar, see what SAM
// generates beside it, switch it to JSON, and read AWS's message with its line when an edit breaks the template.
import { strict as assert } from 'node:assert';
import type { Locator, Page } from 'playwright-core';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';
import { openServerlessView, sideBarTreeRow, startE2eSession, type E2eSession } from '../support/e2eSession';

/** The 1-based line of `AutoPublishAlias: live` in samples/hello-sam/template.yaml. */
const ALIAS_LINE = 37;

/** The rendered text of the editor in the second editor group (Monaco renders spaces as no-break spaces). */
async function besideEditorText(page: Page): Promise<string> {
  const lines = await page
    .locator('.editor-group-container')
    .nth(1)
    .locator('.view-lines .view-line')
    .allTextContents();
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

async function waitForText(page: Page, predicate: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await besideEditorText(page);
    if (predicate(text)) return text;
    await page.waitForTimeout(250);
  }
  assert.fail(`${what}; the editor beside the template shows:\n${text}`);
}

function titleAction(page: Page, label: string): Locator {
  return page.locator(`.editor-actions .action-label[aria-label^="${label}"]`).first();
}

describe('Show Transformed Template, as a person sees it', () => {
  let session: E2eSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows what SAM generates beside the sample template, as YAML then JSON, and AWS refusing an edit', async () => {
    session = await startE2eSession('transformed-template', createSampleWorkspaceWithBadInput());
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'UsersFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();

    await titleAction(page, 'Show Transformed Template').click();
    await page.locator('.tabs-container .tab', { hasText: 'template.transformed.yaml' }).waitFor({ timeout: 60_000 });
    const yaml = await waitForText(page, (text) => /Type: AWS::Lambda::Function/.test(text), 'no Lambda function');
    assert.match(yaml, /Resources:/);
    assert.doesNotMatch(yaml, /AWS::Serverless::/);
    await session.screenshot('transformed-template-yaml');
    // Read-only: typing into it is refused, as the editor says.
    await page.locator('.editor-group-container').nth(1).locator('.view-lines').click();
    await page.keyboard.type('x');
    await page.getByText('Cannot edit in read-only editor').first().waitFor();
    assert.equal(await besideEditorText(page), yaml);

    // The switch sits in the transformed view's own title bar.
    await page.locator('.tabs-container .tab', { hasText: 'template.transformed.yaml' }).click();
    await titleAction(page, 'Switch Transformed Template').click();
    await page.locator('.tabs-container .tab', { hasText: 'template.transformed.json' }).waitFor({ timeout: 60_000 });
    const json = await waitForText(page, (text) => /"Type": "AWS::Lambda::Function"/.test(text), 'no JSON function');
    assert.match(json, /^\{/);
    // The YAML tab closes just after the JSON one opens (the switch opens first, then closes): wait for it.
    await page
      .locator('.tabs-container .tab', { hasText: 'template.transformed.yaml' })
      .waitFor({ state: 'detached', timeout: 10_000 });
    await session.screenshot('transformed-template-json');

    // Break the template in its editor (unsaved): the view says why, with the line, instead of a stale result.
    await page
      .locator('.tabs-container .tab', { hasText: /^template\.yaml/ })
      .first()
      .click();
    await page.locator('.editor-group-container').first().locator('.view-lines').click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
    await page.keyboard.type(String(ALIAS_LINE));
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    // `AutoPublishAlias: live` becomes `AutoPublishAlias: ''`.
    for (let index = 0; index < 4; index++) await page.keyboard.press('Backspace');
    await page.keyboard.type("''");
    const refused = await waitForText(page, (text) => text.includes('cannot be an empty string'), 'no refusal');
    assert.match(refused, /"Error": "The SAM transform refuses template.yaml:"/);
    assert.match(refused, new RegExp(`template\\.yaml:${ALIAS_LINE}:\\d+: Resource with id \\[UsersFunction\\]`));
    await session.screenshot('transformed-template-refused');
  });
});
