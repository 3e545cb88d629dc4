import * as vscode from 'vscode';
import { LOCALSTACK_DEFAULT_URL, type Backend } from '../../core/aws/backend';

const SECTION = 'serverlessWorkbench';
/** The settings that choose the backend: a change to any of them switches where remote calls go. */
export const BACKEND_SETTINGS = ['backend', 'aws.profile', 'aws.region', 'endpoint.url'] as const;

/** Reads the backend the user chose; the local cloud unless settings say otherwise. */
export function readBackend(): Backend {
  const settings = vscode.workspace.getConfiguration(SECTION);
  const kind = settings.get<string>('backend', 'localCloud');
  const region = settings.get<string>('aws.region') || undefined;
  if (kind === 'aws') return { kind: 'aws', profile: settings.get<string>('aws.profile') || undefined, region };
  const url = settings.get<string>('endpoint.url');
  if (kind === 'localstack')
    return { kind: 'endpoint', url: url || LOCALSTACK_DEFAULT_URL, region, preset: 'localstack' };
  if (kind === 'endpoint' && url) return { kind: 'endpoint', url, region };
  return { kind: 'localCloud' };
}

/** Whether a configuration change touches the backend settings. */
export function affectsBackend(event: vscode.ConfigurationChangeEvent): boolean {
  return BACKEND_SETTINGS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`));
}

/**
 * Saves a backend chosen in the picker. Each setting is written where it is already set (the workspace),
 * else in the user settings, so a choice made in the picker sticks without adding a settings file
 * to the user's repository. Values equal to the default are removed rather than written.
 */
export async function writeBackend(backend: Backend): Promise<void> {
  const values: Record<(typeof BACKEND_SETTINGS)[number], string | undefined> =
    backend.kind === 'localCloud'
      ? { backend: undefined, 'aws.profile': undefined, 'aws.region': undefined, 'endpoint.url': undefined }
      : backend.kind === 'aws'
        ? { backend: 'aws', 'aws.profile': backend.profile, 'aws.region': backend.region, 'endpoint.url': undefined }
        : {
            backend: backend.preset === 'localstack' ? 'localstack' : 'endpoint',
            'aws.profile': undefined,
            'aws.region': backend.region,
            'endpoint.url':
              backend.preset === 'localstack' && backend.url === LOCALSTACK_DEFAULT_URL ? undefined : backend.url,
          };
  const settings = vscode.workspace.getConfiguration(SECTION);
  for (const key of BACKEND_SETTINGS) {
    const inspected = settings.inspect<string>(key);
    const value = values[key] || undefined;
    if (inspected?.workspaceValue !== undefined) {
      await settings.update(key, value, vscode.ConfigurationTarget.Workspace);
    } else if (value !== undefined || inspected?.globalValue !== undefined) {
      await settings.update(key, value, vscode.ConfigurationTarget.Global);
    }
  }
}
