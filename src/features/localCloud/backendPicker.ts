import * as vscode from 'vscode';
import { AWS_REGIONS, isRegionId } from '../../core/aws/awsRegions';
import { describeCredentials, describeProfile, type ProfileSummary } from '../../core/aws/awsProfiles';
import { LOCALSTACK_DEFAULT_URL, type Backend } from '../../core/aws/backend';
import { profileNames } from '../../core/aws/sharedConfigFiles';
import { needsSignIn, readSsoToken } from '../../core/aws/ssoSignIn';
import type { AwsBackendConnection } from './awsBackendConnection';
import { showLocalCloudActions } from './localCloudActions';
import { signInToProfile } from './ssoSignInFlow';

type PickItem = vscode.QuickPickItem & { run?: () => Promise<unknown> };

/**
 * The backend picker (status bar item, "Serverless: Switch Backend"): the local cloud, LocalStack, a custom
 * endpoint, every profile of the shared config files (with how it gets credentials, and whether an SSO profile must
 * sign in first), then the region and the current backend's own actions.
 */
export async function showBackendPicker(connection: AwsBackendConnection): Promise<void> {
  const current = connection.backend;
  const config = await connection.sharedConfig.load();
  const check = (selected: boolean): string => (selected ? '$(check) ' : '');
  const items: PickItem[] = [{ label: 'Backends', kind: vscode.QuickPickItemKind.Separator }];
  items.push({
    label: `${check(current.kind === 'localCloud')}$(cloud) Local cloud`,
    description: 'on this machine, no AWS account',
    run: () => switchTo(connection, { kind: 'localCloud' }),
  });
  const localstack = current.kind === 'endpoint' && current.preset === 'localstack';
  items.push({
    label: `${check(localstack)}$(vm) LocalStack`,
    description: localstack ? current.url : LOCALSTACK_DEFAULT_URL,
    run: () =>
      switchTo(connection, {
        kind: 'endpoint',
        url: localstack ? current.url : LOCALSTACK_DEFAULT_URL,
        region: current.kind === 'localCloud' ? undefined : current.region,
        preset: 'localstack',
      }),
  });
  const customEndpoint = current.kind === 'endpoint' && !current.preset;
  items.push({
    label: `${check(customEndpoint)}$(plug) Custom endpoint...`,
    description: customEndpoint ? current.url : 'any AWS-compatible URL',
    run: () => pickEndpoint(connection),
  });
  const names = profileNames(config);
  items.push({ label: 'AWS profiles', kind: vscode.QuickPickItemKind.Separator });
  if (names.length === 0) {
    items.push({
      label: '$(info) No profiles',
      description: `none in ${connection.sharedConfig.paths.config}`,
      run: () => openConfigFile(connection),
    });
  }
  const currentProfile = current.kind === 'aws' ? (await connection.resolveProfile())?.profileName : undefined;
  for (const name of names) {
    const summary = describeProfile(config, name)!;
    items.push(await profileItem(connection, summary, name === currentProfile));
  }
  items.push({ label: 'Current backend', kind: vscode.QuickPickItemKind.Separator });
  if (current.kind !== 'localCloud') {
    const region = current.kind === 'aws' ? (await connection.resolveProfile())?.region : current.region;
    items.push({
      label: '$(globe) Switch region...',
      description: region ?? 'us-east-1',
      run: () => pickRegion(connection),
    });
  } else {
    items.push({
      label: '$(server-process) Local cloud actions...',
      run: () => showLocalCloudActions(connection.localCloudManager),
    });
  }
  items.push({
    label: '$(edit) Edit AWS config file',
    description: connection.sharedConfig.paths.config,
    run: () => openConfigFile(connection),
  });
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Serverless: where remote calls go',
    placeHolder: `Now: ${connection.describe()}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  await choice?.run?.();
}

async function profileItem(
  connection: AwsBackendConnection,
  summary: ProfileSummary,
  selected: boolean,
): Promise<PickItem> {
  const details: string[] = [];
  let signIn = false;
  if (summary.credentials.kind === 'sso') {
    signIn = needsSignIn(await readSsoToken(connection.sharedConfig.homeDirectory, summary.credentials.sso));
    if (signIn) details.push('signed out: choosing it opens the sign-in');
  }
  for (const problem of summary.problems) details.push(`problem: ${problem}`);
  const endpoint = summary.endpointUrl ?? (summary.servicesSection ? `services ${summary.servicesSection}` : undefined);
  return {
    label: `${selected ? '$(check) ' : ''}$(account) ${summary.name}`,
    description: [describeCredentials(summary.credentials), summary.region, endpoint].filter(Boolean).join(' · '),
    ...(details.length > 0 ? { detail: details.join('; ') } : {}),
    run: async () => {
      // A new profile brings its own region: a region chosen for the previous profile no longer applies.
      await switchTo(connection, { kind: 'aws', profile: summary.name, region: undefined });
      if (signIn) await signInToProfile(connection, summary.name);
    },
  };
}

function switchTo(connection: AwsBackendConnection, backend: Backend): Promise<void> {
  return connection.switchTo(backend);
}

async function pickEndpoint(connection: AwsBackendConnection): Promise<void> {
  const current = connection.backend;
  const url = await vscode.window.showInputBox({
    title: 'Custom endpoint',
    prompt: 'The URL of an AWS-compatible endpoint (every service is called there, with test credentials)',
    value: current.kind === 'endpoint' ? current.url : 'http://localhost:4566',
    validateInput: (value) => (/^https?:\/\/[^\s/]+/.test(value.trim()) ? undefined : 'An http:// or https:// URL'),
  });
  if (url === undefined) return;
  await switchTo(connection, {
    kind: 'endpoint',
    url: url.trim(),
    region: current.kind === 'localCloud' ? undefined : current.region,
  });
}

/** Picks a region for the current backend; for a profile, "the profile's region" clears the override. */
export async function pickRegion(connection: AwsBackendConnection): Promise<void> {
  const current = connection.backend;
  if (current.kind === 'localCloud') {
    void vscode.window.showInformationMessage('The local cloud has one region, us-east-1.');
    return;
  }
  const resolution = await connection.resolveProfile();
  const selected = current.region;
  const items: (vscode.QuickPickItem & { region: string | undefined })[] = [];
  if (resolution?.summary?.region) {
    items.push({
      label: `${selected ? '' : '$(check) '}The profile's region`,
      description: resolution.summary.region,
      region: undefined,
    });
  }
  for (const region of AWS_REGIONS) {
    items.push({
      label: `${selected === region.id ? '$(check) ' : ''}${region.id}`,
      description: region.name,
      region: region.id,
    });
  }
  const quickPick = vscode.window.createQuickPick<(typeof items)[number]>();
  quickPick.title = 'Region';
  quickPick.placeholder = 'Choose a region, or type one';
  quickPick.items = items;
  quickPick.matchOnDescription = true;
  const region = await new Promise<string | undefined | null>((resolve) => {
    quickPick.onDidAccept(() => {
      const typed = quickPick.value.trim();
      const picked = quickPick.selectedItems[0];
      if (picked) resolve(picked.region);
      else if (isRegionId(typed)) resolve(typed);
      else return;
      quickPick.hide();
    });
    quickPick.onDidHide(() => resolve(null));
    quickPick.show();
  });
  quickPick.dispose();
  if (region === null) return;
  await switchTo(connection, { ...current, region });
}

async function openConfigFile(connection: AwsBackendConnection): Promise<void> {
  const uri = vscode.Uri.file(connection.sharedConfig.paths.config);
  try {
    await vscode.workspace.fs.stat(uri);
    await vscode.window.showTextDocument(uri);
  } catch {
    // No config file yet: open an untitled one at that path, with a commented example.
    const document = await vscode.workspace.openTextDocument(uri.with({ scheme: 'untitled' }));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), EXAMPLE_CONFIG));
  }
}

const EXAMPLE_CONFIG = `# Profiles for Serverless Workbench, the AWS CLI and the SDKs.
# [profile dev]
# sso_session = my-sso
# sso_account_id = 111122223333
# sso_role_name = Developer
# region = eu-west-1
#
# [sso-session my-sso]
# sso_start_url = https://my-company.awsapps.com/start
# sso_region = eu-west-1
`;
