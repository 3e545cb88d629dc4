// A new user's first minutes: the Getting Started walkthrough opens by itself on the first activation in a SAM
// workspace, and its buttons run the extension's commands (here: invoke a function, then see its result).
import { strict as assert } from 'node:assert';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';
import { startE2eSession, type E2eSession, EDITOR_WEBVIEW } from '../support/e2eSession';

describe('The Getting Started walkthrough, as a new user sees it', () => {
  let session: E2eSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('opens once on first activation in a SAM workspace, and its Invoke button runs a function', async () => {
    session = await startE2eSession('walkthrough', createSampleWorkspaceWithBadInput(), {
      'serverlessWorkbench.walkthrough.openOnFirstActivation': true,
    });
    const { page } = session;
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText('Get started with Serverless Workbench').first().waitFor({ timeout: 90_000 });
    const steps = await walkthrough.locator('.getting-started-step .step-title').allTextContents();
    assert.deepEqual(
      steps.map((title) => title.trim()),
      ['Open your SAM application', 'Invoke a function locally', 'Debug it', 'Use the local cloud', 'Tail the logs'],
    );
    await session.screenshot('walkthrough');

    await walkthrough.locator('.getting-started-step', { hasText: 'Invoke a function locally' }).click();
    // As a person reads the step before pressing its button: its media (a webview) has loaded and settled focus.
    await page
      .frameLocator(EDITOR_WEBVIEW)
      .frameLocator('#active-frame')
      .getByText('Run a function where you write it')
      .waitFor();
    // The function picker can lose the focus to the walkthrough page while it settles (and close, as quick picks do):
    // pick again then, as a person would.
    const resultTab = page.locator('.tabs-container .tab', { hasText: 'UsersFunction result' });
    for (let attempt = 1; ; attempt++) {
      await walkthrough.getByRole('button', { name: 'Invoke a function', exact: true }).click();
      const picker = page.locator('.quick-input-widget');
      await picker.locator('.monaco-list-row', { hasText: 'UsersFunction' }).first().waitFor();
      await page.keyboard.type('UsersFunction');
      await page.keyboard.press('Enter');
      try {
        await resultTab.waitFor({ timeout: 20_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
        await page.keyboard.press('Escape');
      }
    }
    // The step is done once the function ran: the walkthrough ticks it.
    await walkthrough
      .locator('.getting-started-step', { hasText: 'Invoke a function locally' })
      .locator('[role="checkbox"][aria-checked="true"]')
      .waitFor({ timeout: 30_000 });
    await session.screenshot('walkthrough-invoked');
  });
});
