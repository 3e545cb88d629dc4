// A person's view of issue #4: open the sample template, click "Invoke locally" above UsersFunction, read the result.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';
import {
  openServerlessView,
  sideBarTreeRow,
  startE2eSession,
  type E2eSession,
  EDITOR_WEBVIEW,
} from '../support/e2eSession';

describe('Invoking a function from its code lens, as a person sees it', () => {
  let session: E2eSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('clicks "Invoke locally" on the sample template and sees statusCode 200 in the result view', async () => {
    session = await startE2eSession('invoke', createSampleWorkspaceWithBadInput());
    const { page } = session;
    // Open the template at UsersFunction through the Serverless explorer.
    await openServerlessView(page);
    await sideBarTreeRow(page, 'UsersFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();

    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Invoke locally' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();

    // The result panel opens beside the template; its content lives in the webview's nested frame.
    await page.locator('.tabs-container .tab', { hasText: 'UsersFunction result' }).waitFor({ timeout: 60_000 });
    const view = page.frameLocator(EDITOR_WEBVIEW).frameLocator('#active-frame');
    await view.locator('.status.succeeded').waitFor({ timeout: 60_000 });
    const response = (await view.locator('pre.response').textContent()) ?? '';
    assert.match(response, /"statusCode": 200/);
    assert.match(response, /Hello, user \w+!/);
    const metrics = await view.locator('.metric dt').allTextContents();
    assert.deepEqual(metrics, ['Duration', 'Billed duration', 'Memory used / size', 'Start', 'AWS calls']);
    const values = await view.locator('.metric dd').allTextContents();
    assert.match(values.at(-1) ?? '', /^local cloud \(http:\/\/127\.0\.0\.1:\d+\)$/);
    assert.match((await view.locator('pre.logs').textContent()) ?? '', /REPORT RequestId: /);
    await view.locator('button', { hasText: 'Run again' }).waitFor();
    await session.screenshot('invoke-result');
  });

  it('says why the lenses are disabled in an untrusted workspace and offers to manage trust', async () => {
    session = await startE2eSession(
      'invoke-untrusted',
      createSampleWorkspaceWithBadInput(),
      {},
      { restrictedMode: true },
    );
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'UsersFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();

    const disabled = page.locator('.monaco-editor .codelens-decoration a', {
      hasText: 'Local runs are disabled: this workspace is not trusted',
    });
    await disabled.first().waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Invoke locally' }).count(), 0);
    await session.screenshot('invoke-untrusted');
    await disabled.first().click();
    // The lens opens VS Code's Workspace Trust editor; trusting the folder turns the lenses back on.
    await page.getByText('You are in Restricted Mode').waitFor();
    await page.getByRole('button', { name: 'Trust', exact: true }).click();
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Invoke locally' }).first().waitFor();
  });

  it('shows a failing handler with its stack, and a click on a frame opens the source at that line', async () => {
    const folder = createSampleWorkspaceWithBadInput();
    mkdirSync(join(folder, 'throwing', 'src'), { recursive: true });
    writeFileSync(
      join(folder, 'throwing', 'template.yaml'),
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  ThrowingFunction:\n    Type: AWS::Serverless::Function\n' +
        '    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: nodejs20.x\n',
    );
    writeFileSync(
      join(folder, 'throwing', 'src', 'app.js'),
      'exports.handler = async () => {\n  const order = undefined;\n  return order.total;\n};\n',
    );
    session = await startE2eSession('invoke-error', folder);
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'ThrowingFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();
    await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Invoke locally' }).first().click();

    const view = page.frameLocator(EDITOR_WEBVIEW).frameLocator('#active-frame');
    await view.locator('.status.failed', { hasText: 'Failed: TypeError' }).waitFor({ timeout: 60_000 });
    assert.match((await view.locator('.error-message').textContent()) ?? '', /Cannot read properties of undefined/);
    const frame = view.locator('a.linked', { hasText: 'throwing/src/app.js:3' }).first();
    await frame.waitFor();
    await session.screenshot('invoke-error');
    await frame.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'app.js' }).waitFor();
    await page.locator('.statusbar-item', { hasText: /Ln 3, Col \d+/ }).waitFor();
  });
});
