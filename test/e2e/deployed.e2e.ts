// A person's view of issue #11: the Deployed tree shows an alias splitting traffic 90/10 between two versions, the
// status bar's backend picker, and the inline Invoke action offering $LATEST, the alias with its split and the
// versions, then running the alias; then a canary that CodeDeploy runs at the local cloud's time scale, shown under
// its alias with its step and time left, and stopped with rollback from the deployment's inline action; then stack
// commands run from the palette, which ask which stack with a quick pick of the backend's stacks.
// The local cloud is one the test runs (as `npm start` would) and seeds with the SDK; the editor finds it by port.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeDeployClient,
  CreateApplicationCommand,
  CreateDeploymentCommand,
  CreateDeploymentGroupCommand,
} from '@aws-sdk/client-codedeploy';
import { CloudFormationClient, CreateStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import { silentLogger } from '../../src/core/logger';
import { startLocalCloudProcess, type LocalCloudProcess } from '../../src/localcloud/localCloudProcess';
import { clientConfig, zipOf } from '../support/localCloudHarness';
import { repoRoot } from '../support/paths';
import { createSampleWorkspaceWithBadInput } from '../support/workspaces';
import {
  openServerlessView,
  runPaletteCommand,
  sideBarTreeRow,
  startE2eSession,
  widenSideBar,
  type E2eSession,
} from '../support/e2eSession';

const FUNCTION = 'orders-api';

function handlerOf(version: number): Uint8Array {
  return zipOf({ 'index.js': `exports.handler = async () => ({ version: ${version} });\n` });
}

/** Waits until CloudFormation has created the stack (the local cloud's providers take a moment). */
async function createComplete(cloudFormation: CloudFormationClient, stackName: string): Promise<void> {
  for (;;) {
    const answer = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const status = answer.Stacks?.[0]?.StackStatus ?? '';
    if (status === 'CREATE_COMPLETE') return;
    assert.doesNotMatch(status, /FAILED|ROLLBACK/, `${stackName}: ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('The Deployed tree, as a person sees it', () => {
  let session: E2eSession | undefined;
  let cloud: LocalCloudProcess | undefined;
  let stateDirectory: string | undefined;

  afterEach(async () => {
    await session?.close();
    await cloud?.stop();
    if (stateDirectory) rmSync(stateDirectory, { recursive: true, force: true });
    session = cloud = stateDirectory = undefined;
  });

  it('shows an alias at 90/10 between two versions, and invokes it from the qualifier picker', async () => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-e2e-deployed-'));
    cloud = await startLocalCloudProcess({
      entryPoint: join(repoRoot, 'dist', 'localcloud.js'),
      stateDirectory,
      startedBy: 'the e2e test',
      logger: silentLogger,
    });
    const lambda = new LambdaClient(clientConfig(cloud.endpoint));
    try {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: FUNCTION,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::000000000000:role/e2e',
          Handler: 'index.handler',
          Code: { ZipFile: handlerOf(1) },
        }),
      );
      await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION, Description: 'first release' }));
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: FUNCTION, ZipFile: handlerOf(2) }));
      await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION, Description: 'canary' }));
      await lambda.send(
        new CreateAliasCommand({
          FunctionName: FUNCTION,
          Name: 'live',
          FunctionVersion: '1',
          RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
        }),
      );
    } finally {
      lambda.destroy();
    }

    session = await startE2eSession('deployed', createSampleWorkspaceWithBadInput(), {
      'serverlessWorkbench.localCloud.port': cloud.port,
    });
    const { page } = session;
    await openServerlessView(page);
    await sideBarTreeRow(page, 'Deployed', true).click();
    await sideBarTreeRow(page, 'All functions', true).click();
    await sideBarTreeRow(page, FUNCTION, true).click();
    const alias = sideBarTreeRow(page, 'live → 1 (90 %), 2 (10 %)', true);
    await alias.waitFor({ timeout: 60_000 });
    await sideBarTreeRow(page, '$LATEST', true).waitFor();
    assert.match((await sideBarTreeRow(page, '1', true).textContent()) ?? '', /first release/);
    assert.match((await sideBarTreeRow(page, '2', true).textContent()) ?? '', /canary/);
    await session.screenshot('deployed-tree-alias-shift');

    // The status bar item names the backend; its picker offers the local cloud, LocalStack, an endpoint, profiles.
    await page
      .locator('.statusbar-item', { hasText: new RegExp(`Local cloud :${cloud.port}`) })
      .first()
      .click();
    const backends = page.locator('.quick-input-widget');
    await backends.locator('.quick-input-list-row', { hasText: 'LocalStack' }).waitFor();
    const backendRows = (await backends.locator('.quick-input-list-row').allTextContents()).join('\n');
    for (const expected of [/Local cloud/, /LocalStack/, /Custom endpoint/, /Local cloud actions/]) {
      assert.match(backendRows, expected);
    }
    await session.screenshot('deployed-backend-picker');
    await page.keyboard.press('Escape');
    await backends.waitFor({ state: 'hidden' });

    // The function row's inline Invoke action asks which code runs.
    const functionRow = sideBarTreeRow(page, FUNCTION, true);
    await functionRow.hover();
    await functionRow.locator('.action-label[aria-label="Invoke..."]').click();
    const picker = page.locator('.quick-input-widget');
    await picker.locator('.quick-input-list-row', { hasText: 'live' }).waitFor();
    const rows = await picker.locator('.quick-input-list-row').allTextContents();
    assert.match(rows.join('\n'), /\$LATEST/);
    assert.match(rows.join('\n'), /live.*1 \(90 %\), 2 \(10 %\)/);
    await session.screenshot('deployed-qualifier-picker');

    await page.keyboard.type('live');
    await page.keyboard.press('Enter');
    // Not linked to a template: the event is an empty one or typed.
    await picker.locator('.quick-input-list-row', { hasText: 'Empty event' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: `${FUNCTION}:live` }).waitFor({ timeout: 60_000 });
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('.status.succeeded').waitFor({ timeout: 60_000 });
    assert.match((await view.locator('pre.response').textContent()) ?? '', /"version": [12]/);
    await session.screenshot('deployed-invoke-alias');
  });

  it("shows a canary's progress under its alias at the local cloud's time scale, and stops it with rollback", async () => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-e2e-canary-'));
    // Five minutes at 10 % pass in 100 s: long enough for a loaded machine to show and stop it.
    cloud = await startLocalCloudProcess({
      entryPoint: join(repoRoot, 'dist', 'localcloud.js'),
      stateDirectory,
      startedBy: 'the e2e test',
      timeScale: 3,
      logger: silentLogger,
    });
    const config = clientConfig(cloud.endpoint);
    const lambda = new LambdaClient(config);
    const codeDeploy = new CodeDeployClient(config);
    const applicationName = 'orders-api-app';
    try {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: FUNCTION,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::000000000000:role/e2e',
          Handler: 'index.handler',
          Code: { ZipFile: handlerOf(1) },
        }),
      );
      await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION, Description: 'first release' }));
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: FUNCTION, ZipFile: handlerOf(2) }));
      await lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION, Description: 'faster lookups' }));
      await lambda.send(new CreateAliasCommand({ FunctionName: FUNCTION, Name: 'live', FunctionVersion: '1' }));
      await codeDeploy.send(new CreateApplicationCommand({ applicationName, computePlatform: 'Lambda' }));
      await codeDeploy.send(
        new CreateDeploymentGroupCommand({
          applicationName,
          deploymentGroupName: 'live',
          serviceRoleArn: 'arn:aws:iam::000000000000:role/codedeploy',
          deploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
          deploymentStyle: { deploymentType: 'BLUE_GREEN', deploymentOption: 'WITH_TRAFFIC_CONTROL' },
        }),
      );

      session = await startE2eSession('deployed-canary', createSampleWorkspaceWithBadInput(), {
        'serverlessWorkbench.localCloud.port': cloud.port,
      });
      const { page } = session;
      await openServerlessView(page);
      await sideBarTreeRow(page, 'Deployed', true).click();
      await sideBarTreeRow(page, 'All functions', true).click();
      await sideBarTreeRow(page, FUNCTION, true).click();
      await sideBarTreeRow(page, 'live → 1', true).waitFor({ timeout: 60_000 });
      // Wide enough for the deployment's step, share and time left to show whole in the screenshot.
      await widenSideBar(page, 640);
      // The status bar says the local cloud rehearses at 3×.
      await page
        .locator('.statusbar-item', { hasText: /Local cloud :\d+ ×3/ })
        .first()
        .waitFor();

      // A gradual deployment starts (as `sam deploy` of a new version with DeploymentPreference would).
      const appSpec = {
        version: 0.0,
        Resources: [
          {
            Target: {
              Type: 'AWS::Lambda::Function',
              Properties: { Name: FUNCTION, Alias: 'live', CurrentVersion: '1', TargetVersion: '2' },
            },
          },
        ],
      };
      await codeDeploy.send(
        new CreateDeploymentCommand({
          applicationName,
          deploymentGroupName: 'live',
          revision: { revisionType: 'AppSpecContent', appSpecContent: { content: JSON.stringify(appSpec) } },
        }),
      );
      const functionRow = sideBarTreeRow(page, FUNCTION, true);
      await functionRow.hover();
      await functionRow.locator('.action-label[aria-label="Refresh Deployed"]').click();
      await sideBarTreeRow(page, 'live → 1 (90 %), 2 (10 %)', true).waitFor({ timeout: 60_000 });
      const deployment = sideBarTreeRow(page, 'Deployment 1 → 2', true);
      await deployment.waitFor();
      assert.match(
        (await deployment.textContent()) ?? '',
        /step 1 of 2 · 10 % on the new version · ~\d+ (s|min) left · in progress/,
      );
      await session.screenshot('deployed-tree-canary');

      // From the palette, Stop Deployment finds the one in progress and names it in a modal; Cancel leaves it be.
      await runPaletteCommand(page, 'Serverless: Stop Deployment and Roll Back...');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 60_000 });
      assert.match((await dialog.textContent()) ?? '', /Stop deployment d-[A-Z0-9]+ of orders-api:live\?/);
      await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      assert.equal(await deployment.count(), 1, 'the deployment still runs');

      // Stop Deployment and Roll Back, from the deployment's inline action, after the modal naming it.
      await deployment.hover();
      await deployment.locator('.action-label[aria-label="Stop Deployment and Roll Back..."]').click();
      await dialog.waitFor();
      assert.match((await dialog.textContent()) ?? '', /Stop deployment d-[A-Z0-9]+ of orders-api:live\?/);
      await session.screenshot('deployed-stop-deployment');
      await dialog.locator('.monaco-button', { hasText: /^Stop and Roll Back$/ }).click();
      await sideBarTreeRow(page, 'live → 1', true).waitFor({ timeout: 60_000 });
      await deployment.waitFor({ state: 'detached', timeout: 60_000 });
    } finally {
      lambda.destroy();
      codeDeploy.destroy();
    }
  });

  it('asks which stack a palette command acts on with a quick pick of the stacks, and deletes one after a modal naming it', async () => {
    stateDirectory = mkdtempSync(join(tmpdir(), 'sw-e2e-stacks-'));
    cloud = await startLocalCloudProcess({
      entryPoint: join(repoRoot, 'dist', 'localcloud.js'),
      stateDirectory,
      startedBy: 'the e2e test',
      logger: silentLogger,
    });
    const cloudFormation = new CloudFormationClient(clientConfig(cloud.endpoint));
    try {
      const stacks = {
        orders: {
          Description: 'Orders API',
          Resources: { Jobs: { Type: 'AWS::SQS::Queue' } },
          Outputs: { JobsQueueUrl: { Description: 'Where orders wait', Value: { Ref: 'Jobs' } } },
        },
        payments: { Description: 'Payments API', Resources: { Settled: { Type: 'AWS::SQS::Queue' } } },
      };
      for (const [StackName, template] of Object.entries(stacks)) {
        await cloudFormation.send(new CreateStackCommand({ StackName, TemplateBody: JSON.stringify(template) }));
      }
      for (const StackName of Object.keys(stacks)) await createComplete(cloudFormation, StackName);

      session = await startE2eSession('deployed-stacks', createSampleWorkspaceWithBadInput(), {
        'serverlessWorkbench.localCloud.port': cloud.port,
      });
      const { page } = session;
      await openServerlessView(page);
      await sideBarTreeRow(page, 'Deployed', true).click();
      await sideBarTreeRow(page, 'payments', true).waitFor({ timeout: 60_000 });

      // From the palette, Show Stack Outputs lists the backend's stacks (status, age, description), not an input box.
      await runPaletteCommand(page, 'Serverless: Show Stack Outputs');
      const picker = page.locator('.quick-input-widget');
      // A choice is one list row (its label line and its detail line inside), found by its label.
      const choice = (label: string) =>
        picker.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) });
      await choice('orders').waitFor({ timeout: 60_000 });
      assert.match((await choice('orders').textContent()) ?? '', /create complete · (just now|\d+ min ago)/);
      assert.match((await choice('payments').textContent()) ?? '', /Payments API/);
      assert.equal(await picker.locator('.monaco-list-row').count(), 2);
      await session.screenshot('deployed-stack-picker');
      await page.keyboard.type('orders');
      await page.keyboard.press('Enter');
      await picker.locator('.quick-input-title', { hasText: 'Outputs of orders' }).waitFor();
      await picker.locator('.quick-input-list-row', { hasText: 'JobsQueueUrl' }).first().waitFor();
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'hidden' });

      // Delete Stack... from the palette: the same picker, then a modal naming the stack; the tree drops it.
      await runPaletteCommand(page, 'Serverless: Delete Stack...');
      await choice('payments').waitFor({ timeout: 60_000 });
      await page.keyboard.type('payments');
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor();
      assert.match((await dialog.textContent()) ?? '', /Delete the stack payments\?/);
      await session.screenshot('deployed-delete-stack');
      await dialog.locator('.monaco-button', { hasText: /^Delete payments$/ }).click();
      await sideBarTreeRow(page, 'payments', true).waitFor({ state: 'detached', timeout: 60_000 });
      await sideBarTreeRow(page, 'orders', true).waitFor();
    } finally {
      cloudFormation.destroy();
    }
  });
});
