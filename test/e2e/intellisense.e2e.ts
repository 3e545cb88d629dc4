// A person's view of issue #3: type inside a resource's Properties in the sample template and see the completion
// list; hover a resource type and read its documentation.
import { strict as assert } from 'node:assert';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';
import { openServerlessView, sideBarTreeRow, startE2eSession, type E2eSession } from '../support/e2eSession';

/** The 1-based line of `VisibilityTimeout: 60` in OrdersQueue's Properties of samples/hello-sam/template.yaml. */
const QUEUE_PROPERTY_LINE = 57;

describe('Template IntelliSense, as a person sees it', () => {
  let session: E2eSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('offers the properties of AWS::SQS::Queue while typing in its Properties and documents the type on hover', async () => {
    session = await startE2eSession('intellisense', createSampleWorkspaceWithBadInput());
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'OrderProcessorFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();
    const editor = page.locator('.monaco-editor .view-lines').first();
    await editor.click();

    // A new line under VisibilityTimeout keeps its indentation; type the start of a property and ask for more.
    const goToLine = page.locator('.quick-input-widget');
    await page.keyboard.press('Control+G');
    await goToLine.waitFor({ state: 'visible' });
    await page.keyboard.type(String(QUEUE_PROPERTY_LINE));
    await page.keyboard.press('Enter');
    await goToLine.waitFor({ state: 'hidden' });
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('De');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.editor-widget.suggest-widget.visible');
    await suggest.locator('.monaco-list-row', { hasText: 'DelaySeconds' }).waitFor({ timeout: 60_000 });
    const labels = await suggest.locator('.monaco-list-row .label-name').allTextContents();
    assert.ok(labels.includes('DeduplicationScope'), `the list shows ${labels.join(', ')}`);
    // A second Ctrl+Space shows the focused property's documentation beside the list, as a person would ask.
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-details-container .suggest-details').waitFor({ state: 'visible' });
    await session.screenshot('intellisense-completion');

    // Put the template back as it was, then hover the queue's type.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'template.yaml' }).waitFor();
    const queueType = page
      .locator('.monaco-editor .view-line span span')
      .filter({ hasText: /^AWS::SQS::Queue$/ })
      .first();
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'AWS::SQS::Queue' }).first();
    // Code lenses above may still be settling and move the text under a resting mouse: move onto it again until
    // the hover shows.
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(0, 0);
      await queueType.hover();
      try {
        await hover.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 6) throw error;
      }
    }
    // Rendered Markdown: the code spans are formatted, not shown with their backticks.
    assert.match((await hover.textContent()) ?? '', /Ref returns the QueueUrl of the resource/);
    await session.screenshot('intellisense-hover');
  });
});
