import * as vscode from 'vscode';
import { describeCredentials } from '../../core/aws/awsProfiles';
import { needsSignIn, readSsoToken } from '../../core/aws/ssoSignIn';
import { COMMAND_IDS } from '../../platform/commandIds';
import type { AwsBackendConnection } from './awsBackendConnection';
import type { LocalCloudState } from './localCloudManager';
import { localCloudStatusText } from './localCloudStatusText';

/** What the status bar item shows. */
interface StatusView {
  text: string;
  tooltip: string;
  warning: boolean;
}

/**
 * One status bar item for where remote calls go: the local cloud (with its state and port), an AWS profile and
 * region (warning when signed out or misconfigured), or an endpoint. A click opens the backend picker.
 */
export function createBackendStatusBar(connection: AwsBackendConnection): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('serverlessWorkbench.backend', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Serverless Workbench Backend';
  item.command = COMMAND_IDS.backendSwitch;
  let generation = 0;
  const show = (view: StatusView): void => {
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  const render = (): void => {
    const current = ++generation;
    const backend = connection.backend;
    if (backend.kind === 'localCloud') return show(localCloudView(connection.localCloudManager.state));
    if (backend.kind === 'endpoint') {
      return show({
        text: `$(plug) ${backend.preset === 'localstack' ? 'LocalStack' : new URL(backend.url).host}`,
        tooltip: `Remote calls go to ${connection.describe()}${backend.region ? ` in ${backend.region}` : ''}. Click to switch.`,
        warning: false,
      });
    }
    show({ text: `$(account) ${backend.profile ?? 'AWS'}`, tooltip: 'Reading the AWS profile...', warning: false });
    // The files are read after activation, never during it.
    void awsView(connection).then(
      (view) => current === generation && show(view),
      (error: unknown) =>
        current === generation && show({ text: '$(warning) AWS', tooltip: String(error), warning: true }),
    );
  };
  render();
  item.show();
  return vscode.Disposable.from(
    item,
    connection.onDidChangeBackend(render),
    connection.localCloudManager.onDidChangeState(() => connection.backend.kind === 'localCloud' && render()),
  );
}

function localCloudView(state: LocalCloudState): StatusView {
  return localCloudStatusText(state);
}

async function awsView(connection: AwsBackendConnection): Promise<StatusView> {
  const resolution = (await connection.resolveProfile())!;
  const { profileName, region, summary } = resolution;
  const text = `$(account) ${profileName} · ${region}`;
  if (!summary) {
    return {
      text: `$(warning) ${profileName} · ${region}`,
      tooltip: `No profile ${profileName} in ${connection.sharedConfig.paths.config}; the SDK's default credential chain applies.`,
      warning: profileName !== 'default',
    };
  }
  const lines = [`AWS profile ${profileName} in ${region} (region from ${resolution.regionSource})`];
  lines.push(`Credentials: ${describeCredentials(summary.credentials)}`);
  const lambdaEndpoint = resolution.endpoint('lambda');
  if (lambdaEndpoint) lines.push(`Endpoint: ${lambdaEndpoint.url} (from the ${lambdaEndpoint.source})`);
  let warning = summary.problems.length > 0;
  for (const problem of summary.problems) lines.push(`Problem: the profile ${problem}`);
  if (summary.credentials.kind === 'sso') {
    const token = await readSsoToken(connection.sharedConfig.homeDirectory, summary.credentials.sso);
    if (needsSignIn(token)) {
      warning = true;
      lines.push('Signed out: click and choose "Sign in".');
      return { text: `$(sign-in) ${profileName} · ${region}`, tooltip: lines.join('\n'), warning };
    }
  }
  lines.push('Click to switch the backend, profile or region.');
  return { text, tooltip: lines.join('\n'), warning };
}
