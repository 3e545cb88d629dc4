// One deploy from the editor: build (incremental), package, change set shown in the preview, then execute with a
// cancellable progress notification, events in the "Serverless Deploy" output, failures in the Problems panel at
// the template line, outputs offered afterwards (URLs open in the browser).
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { buildApplication } from '../../core/deploy/build/buildApplication';
import { describeChangeCounts } from '../../core/deploy/changeSetSummary';
import {
  DeploymentError,
  prepareDeployment,
  type DeploymentFailure,
  type PreparedDeployment,
} from '../../core/deploy/deployApplication';
import { describeEvent, describeFailures, describeOutputs, outputLinks } from '../../core/deploy/deploymentText';
import { apiUrlContextOf } from '../../core/deployed/apiUrls';
import type { DeploymentOutcome } from '../../core/deploy/stackDeployment';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import { ChangeSetPanel } from './changeSetPanel';
import type { DeploySettings } from './deploySettings';

/** What a deployment run needs from the feature. */
export interface DeploymentRunContext {
  extensionUri: vscode.Uri;
  backend: AwsBackendConnection;
  output: vscode.OutputChannel;
  diagnostics: vscode.DiagnosticCollection;
  /** Called with each preview, so tests can answer it as a click would. */
  onPreview?: (panel: ChangeSetPanel) => void;
  /** Called when the stack starts changing and when it settles (the Deployed tree refreshes). */
  onStackChanged?: () => void;
}

/** How the run ended, for callers and tests. */
export type DeploymentRunResult =
  | { kind: 'deployed'; outcome: DeploymentOutcome; links: Array<{ key: string; url: string }> }
  | { kind: 'failed'; outcome: DeploymentOutcome }
  | { kind: 'noChanges' }
  | { kind: 'cancelled' };

/** Runs one deployment of the template with the settings. */
export async function runDeployment(
  context: DeploymentRunContext,
  templatePath: string,
  settings: DeploySettings,
): Promise<DeploymentRunResult> {
  const { output } = context;
  output.show(true);
  output.appendLine(`\n=== Deploying ${settings.stackName} from ${templatePath} to ${context.backend.describe()}`);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Deploying ${settings.stackName}`, cancellable: true },
    async (progress, token) => {
      progress.report({ message: 'building...' });
      const built = await buildApplication({
        templatePath,
        buildDirectory: join(dirname(templatePath), '.aws-sam', 'build'),
        onProgress: (event) =>
          output.appendLine(`  build ${event.logicalId}: ${event.status}${event.detail ? ` (${event.detail})` : ''}`),
      });
      if (token.isCancellationRequested) return { kind: 'cancelled' };
      progress.report({ message: 'uploading and creating the change set...' });
      const prepared = await prepare(context, built.builtTemplatePath, settings);
      try {
        const { changeSet } = prepared;
        if (changeSet.empty) {
          await prepared.discard();
          context.diagnostics.delete(vscode.Uri.file(prepared.sourceTemplatePath));
          output.appendLine(`No changes to deploy. Stack ${settings.stackName} is up to date`);
          void vscode.window.showInformationMessage(`No changes to deploy: ${settings.stackName} is up to date.`);
          return { kind: 'noChanges' };
        }
        output.appendLine(`Change set: ${describeChangeCounts(changeSet.changes)}`);
        const panel = new ChangeSetPanel(context.extensionUri, {
          stackName: settings.stackName,
          backend: context.backend.describe(),
          changeSetType: changeSet.changeSetType,
          counts: describeChangeCounts(changeSet.changes),
          rows: changeSet.changes,
          parameters: Object.entries(settings.parameterOverrides).map(([key, value]) => ({ key, value })),
        });
        context.onPreview?.(panel);
        progress.report({ message: 'review the change set, then Deploy or Cancel' });
        const cancelWait = token.onCancellationRequested(() => panel.respond('cancel'));
        const decision = await panel.decision;
        cancelWait.dispose();
        if (decision === 'cancel') {
          await prepared.discard();
          panel.report('Cancelled: nothing was deployed (the change set was deleted).');
          output.appendLine('Cancelled: the change set was deleted.');
          return { kind: 'cancelled' };
        }
        panel.report('Deploying... (progress in the notification and the Serverless Deploy output)');
        const abort = new AbortController();
        const cancelRun = token.onCancellationRequested(() => abort.abort());
        const started = Date.now();
        context.onStackChanged?.();
        const outcome = await prepared
          .execute({
            signal: abort.signal,
            onEvent: (event) => {
              output.appendLine(describeEvent(event, started));
              progress.report({ message: `${event.logicalId} ${event.status}` });
            },
          })
          .finally(() => {
            cancelRun.dispose();
            context.onStackChanged?.();
          });
        return await finish(context, prepared, panel, outcome, settings);
      } finally {
        prepared.dispose();
      }
    },
  );
}

async function prepare(
  context: DeploymentRunContext,
  templatePath: string,
  settings: DeploySettings,
): Promise<PreparedDeployment> {
  const { backend } = context;
  const [clients, s3, cloudFormation] = await Promise.all([
    backend.loadClients(),
    backend.clientSettings('s3'),
    backend.clientSettings('cloudformation'),
  ]);
  const local = backend.backend.kind !== 'aws';
  try {
    return await prepareDeployment(
      {
        clients,
        settings: (service) => (service === 's3' ? s3 : cloudFormation),
        backendDescription: backend.describe(),
        pollIntervalMs: local ? { min: 20, max: 250 } : { min: 1000, max: 5000 },
        onArtifact: (artifact) =>
          context.output.appendLine(
            `  ${artifact.uploaded ? 'uploaded' : 'already uploaded'} ${artifact.key} (${artifact.size} B)`,
          ),
        onNotice: (message) => context.output.appendLine(message),
      },
      {
        templatePath,
        stackName: settings.stackName,
        parameterOverrides: settings.parameterOverrides,
        capabilities: settings.capabilities,
        tags: settings.tags,
        artifacts: {
          ...(settings.s3Bucket ? { bucket: settings.s3Bucket } : {}),
          ...(settings.s3Prefix ? { prefix: settings.s3Prefix } : {}),
        },
      },
    );
  } catch (error) {
    if (error instanceof DeploymentError) showProblems(context.diagnostics, error.failures);
    throw error;
  }
}

async function finish(
  context: DeploymentRunContext,
  prepared: PreparedDeployment,
  panel: ChangeSetPanel,
  outcome: DeploymentOutcome,
  settings: DeploySettings,
): Promise<DeploymentRunResult> {
  const { output } = context;
  const templateUri = vscode.Uri.file(prepared.sourceTemplatePath);
  if (!outcome.succeeded) {
    const failures = prepared.locateFailures(outcome);
    output.appendLine(describeFailures(outcome, failures));
    showProblems(context.diagnostics, failures);
    panel.report(`Failed: ${outcome.status}. The Problems panel shows where.`);
    void vscode.window
      .showErrorMessage(
        `Deploying ${settings.stackName} failed: ${failures[0]?.reason ?? outcome.statusReason ?? outcome.status}`,
        'Show Problems',
        'Show Output',
      )
      .then((choice) => {
        if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
        else if (choice === 'Show Output') output.show(true);
      });
    return { kind: 'failed', outcome };
  }
  context.diagnostics.delete(templateUri);
  // Output URLs as the backend serves them (the local cloud answers API Gateway URLs on 127.0.0.1).
  const urls = apiUrlContextOf(context.backend.backend, await context.backend.clientSettings('apigateway'));
  output.appendLine(describeOutputs(outcome, urls));
  output.appendLine(`${outcome.status}: ${settings.stackName}`);
  panel.report(`Deployed: ${outcome.status}.`);
  // A notification shows three buttons at most: two links and Show Outputs.
  const allLinks = outputLinks(outcome, urls);
  const links = allLinks.slice(0, 2);
  const actions = [...links.map((link) => `Open ${link.key}`), 'Show Outputs'];
  void vscode.window
    .showInformationMessage(`Deployed ${settings.stackName}: ${outcome.status}`, ...actions)
    .then((choice) => {
      const link = links.find((entry) => choice === `Open ${entry.key}`);
      if (link) void vscode.env.openExternal(vscode.Uri.parse(link.url));
      else if (choice === 'Show Outputs') output.show(true);
    });
  return { kind: 'deployed', outcome, links: allLinks };
}

/** Failures as errors in the Problems panel, at the resource's line in the template the person edits. */
function showProblems(collection: vscode.DiagnosticCollection, failures: readonly DeploymentFailure[]): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const failure of failures) {
    const location = failure.location;
    const range = location
      ? new vscode.Range(location.line, location.character, location.endLine, location.endCharacter)
      : new vscode.Range(0, 0, 0, 0);
    const diagnostic = new vscode.Diagnostic(
      range,
      `${failure.logicalId}${failure.resourceType ? ` (${failure.resourceType})` : ''}: ${failure.reason}`,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'deploy';
    byFile.set(failure.templatePath, [...(byFile.get(failure.templatePath) ?? []), diagnostic]);
  }
  for (const [file, diagnostics] of byFile) collection.set(vscode.Uri.file(file), diagnostics);
}
