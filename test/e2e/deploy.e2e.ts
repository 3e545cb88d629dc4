// A person's view of issue #10: click "Deploy" above Resources in the sample app, read the change set preview, confirm,
// see CREATE_COMPLETE and open the API URL; edit the handler, deploy again and see the function as a Modify.
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';
import {
  openServerlessView,
  runPaletteCommand,
  screenshotDir,
  sideBarTreeRow,
  startE2eSession,
  type E2eSession,
} from '../support/e2eSession';

const LONG = { timeout: 180_000 };

/** The change set preview's content (the webview's nested frame). */
function preview(page: Page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

async function clickDeployLens(page: Page): Promise<void> {
  const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: /^\W*Deploy$/ }).first();
  await lens.waitFor({ timeout: 60_000 });
  await lens.click();
}

describe('Deploying from the editor, as a person sees it', () => {
  let session: E2eSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('previews, deploys, opens the API URL, then previews a handler edit as a Modify', async () => {
    const folder = createSampleWorkspaceWithBadInput();
    // A local cloud of this session's own (a free port), so stacks of other runs cannot turn Create into Update.
    // UsersFunction deploys with Canary10Percent5Minutes: the handler edit below runs a CodeDeploy deployment,
    // rehearsed 600 times faster (half a second instead of five minutes).
    session = await startE2eSession('deploy', folder, {
      'serverlessWorkbench.localCloud.port': 0,
      'serverlessWorkbench.localCloud.timeScale': 600,
    });
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'UsersFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();
    await clickDeployLens(page);

    // The preview: a CREATE change set with the functions, the API and their roles as additions.
    await page.locator('.tabs-container .tab', { hasText: 'Deploy hello-sam' }).waitFor(LONG);
    const view = preview(page);
    await view.locator('h1', { hasText: 'Create stack hello-sam' }).waitFor(LONG);
    await view.locator('tr.change.add[data-logical-id="UsersFunction"]').waitFor();
    await view.locator('tr.change.add[data-logical-id="ServerlessRestApi"]').waitFor();
    assert.deepEqual(await view.locator('th').allTextContents(), [
      'Action',
      'Logical ID',
      'Type',
      'Replacement',
      'Changed properties',
    ]);
    assert.match(
      (await view.locator('header p').textContent()) ?? '',
      /local cloud \(http:\/\/127\.0\.0\.1:\d+\) · \d+ to add, 0 to modify, 0 to remove/,
    );
    await session.screenshot('deploy-preview-create');

    await view.locator('button', { hasText: 'Deploy' }).click();
    await view.locator('#decision', { hasText: 'Deployed: CREATE_COMPLETE.' }).waitFor(LONG);
    const done = page.locator('.notifications-toasts .notification-toast', {
      hasText: 'Deployed hello-sam: CREATE_COMPLETE',
    });
    await done.waitFor(LONG);
    await session.screenshot('deploy-create-complete');

    // The output button opens the API URL in the browser (after VS Code's own link confirmation): where the local
    // cloud serves it on 127.0.0.1, not AWS's execute-api host that the stack output names (nothing answers there).
    const opened = page.context().waitForEvent('page', { timeout: 60_000 });
    await done.locator('a.monaco-button', { hasText: 'Open UsersApiUrl' }).click();
    const confirm = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
    if (
      await confirm.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      )
    )
      await confirm.click();
    const apiPage = await opened;
    await apiPage.waitForLoadState();
    const apiUrl = apiPage.url();
    // code-server (a remote window) forwards the local port through its own /proxy/PORT/; a desktop VS Code opens
    // the 127.0.0.1 URL itself.
    assert.match(apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/(?:proxy\/\d+\/)?_aws\/execute-api\/\w+\/Prod\/users\/$/);
    // The output names the collection; API Gateway answers a path without a method as AWS does. With an id, the
    // function answers.
    assert.match((await apiPage.textContent('body')) ?? '', /Missing Authentication Token/);
    await apiPage.goto(`${apiUrl}7`);
    assert.match((await apiPage.textContent('body')) ?? '', /Hello, user 7!/);
    await apiPage.screenshot({ path: join(screenshotDir, 'deploy-api-opened.png') });
    await apiPage.close();

    // The events went to the "Serverless Deploy" output.
    await page.locator('.part.panel .view-lines', { hasText: 'CREATE_COMPLETE' }).first().waitFor();

    // A handler edit: the next preview is an update that modifies UsersFunction (and not the Python function).
    const handler = join(folder, 'src', 'users', 'app.mjs');
    writeFileSync(handler, readFileSync(handler, 'utf8').replace('statusCode: 200', 'statusCode: 201'));
    await runPaletteCommand(page, 'View: Close All Editors');
    // The Serverless view is still open (a click on its activity bar icon now would close it).
    await sideBarTreeRow(page, 'UsersFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();
    await clickDeployLens(page);
    await preview(page).locator('h1', { hasText: 'Update stack hello-sam' }).waitFor(LONG);
    const modified = preview(page).locator('tr.change.modify[data-logical-id="UsersFunction"]');
    await modified.waitFor();
    assert.match((await modified.locator('.properties').textContent()) ?? '', /Code/);
    assert.equal(await preview(page).locator('tr.change[data-logical-id="OrderProcessorFunction"]').count(), 0);
    await session.screenshot('deploy-preview-modify');
    await preview(page).locator('button', { hasText: 'Deploy' }).click();
    await preview(page).locator('#decision', { hasText: 'Deployed: UPDATE_COMPLETE.' }).waitFor(LONG);
    await session.screenshot('deploy-update-complete');
  });
});
