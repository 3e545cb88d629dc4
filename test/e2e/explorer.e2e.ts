// A person's view: open the sample app in a real VS Code, open the Serverless view, see its functions.
import { strict as assert } from 'node:assert';
import { createWorkspace, createSampleWorkspaceWithBadInput } from '../support/workspaces';
import { openServerlessView, sideBarTreeRow, startE2eSession, type E2eSession } from '../support/e2eSession';

describe('Serverless explorer, as a person sees it', () => {
  let session: E2eSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('lists the sample app functions and opens one in the template', async () => {
    session = await startE2eSession('sample', createSampleWorkspaceWithBadInput());
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'UsersFunction').waitFor();
    await sideBarTreeRow(page, 'OrderProcessorFunction').waitFor();
    await sideBarTreeRow(page, 'broken/template.yaml').waitFor();
    assert.match((await sideBarTreeRow(page, 'template.yaml', true).textContent()) ?? '', /2 functions/);
    await session.screenshot('explorer-sample-app');

    await sideBarTreeRow(page, 'OrderProcessorFunction').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'template.yaml' }).waitFor();
    await page.locator('.monaco-editor .selected-text').first().waitFor();
    await session.screenshot('explorer-open-resource');
  });

  it('says so when the workspace has no templates', async () => {
    session = await startE2eSession('empty', createWorkspace('empty'));
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'No SAM or CloudFormation templates found').waitFor();
    await session.screenshot('explorer-no-templates');
  });
});
