import * as vscode from 'vscode';
import { describeProfile, type SsoLogin } from '../../core/aws/awsProfiles';
import { resolveServiceEndpoint } from '../../core/aws/serviceEndpoints';
import { signInWithSso, type SsoOidcOperations } from '../../core/aws/ssoSignIn';
import { WorkbenchError } from '../../core/errors';
import type { AwsBackendConnection } from './awsBackendConnection';

/**
 * "Sign in" for an IAM Identity Center profile: the device authorization flow in the browser, with the code shown
 * in a cancellable notification; the token lands in ~/.aws/sso/cache (shared with the CLI) and every view
 * refreshes. `profileName` defaults to the current backend's profile.
 */
export async function signInToProfile(connection: AwsBackendConnection, profileName?: string): Promise<void> {
  const config = await connection.sharedConfig.load();
  const name = profileName ?? (await connection.resolveProfile())?.profileName;
  if (!name) {
    throw new WorkbenchError('Signing in needs an AWS profile backend', {
      code: 'NoProfile',
      hint: 'Choose an AWS profile with "Serverless: Switch Backend" first.',
    });
  }
  const summary = describeProfile(config, name);
  if (summary?.credentials.kind !== 'sso') {
    throw new WorkbenchError(`The profile ${name} does not sign in with IAM Identity Center`, {
      code: 'NotAnSsoProfile',
      hint: summary?.problems.length
        ? `It ${summary.problems.join('; ')}.`
        : 'Only profiles with sso_session (or sso_start_url) sign in; edit ~/.aws/config to add one.',
    });
  }
  const login = summary.credentials.sso;
  const endpoint = resolveServiceEndpoint(config, name, 'ssoOidc', connection.environment)?.url;
  const clients = await connection.loadClients();
  const client = new clients.SSOOIDCClient({ region: login.region, ...(endpoint ? { endpoint } : {}) });
  const { ssoOidc } = clients;
  const operations: SsoOidcOperations = {
    registerClient: (input) => client.send(new ssoOidc.RegisterClientCommand(input)),
    startDeviceAuthorization: (input) => client.send(new ssoOidc.StartDeviceAuthorizationCommand(input)),
    createToken: (input) => client.send(new ssoOidc.CreateTokenCommand(input)),
  };
  try {
    const expires = await runWithProgress(login, operations, connection.sharedConfig.homeDirectory);
    connection.credentialsChanged();
    void vscode.window.showInformationMessage(
      `Signed in to ${login.sessionName ?? login.startUrl} for profile ${name} until ${expires.toLocaleTimeString()}.`,
    );
  } finally {
    client.destroy();
  }
}

function runWithProgress(login: SsoLogin, operations: SsoOidcOperations, homeDirectory: string): Thenable<Date> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Signing in to ${login.startUrl}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        return await signInWithSso({
          login,
          operations,
          homeDirectory,
          signal: abort.signal,
          onPrompt: (prompt) => {
            progress.report({ message: `confirm the code ${prompt.userCode} in the browser` });
            // Not awaited: the browser may ask first, and the flow polls meanwhile.
            void vscode.env.openExternal(vscode.Uri.parse(prompt.verificationUriComplete));
          },
        });
      } catch (error) {
        if (abort.signal.aborted) throw new vscode.CancellationError();
        throw error;
      } finally {
        cancelled.dispose();
      }
    },
  );
}
