import * as vscode from 'vscode';
import { clientSettingsFor, describeBackend, type AwsClientSettings, type Backend } from '../../core/aws/backend';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type * as awsClients from '../../core/aws/awsClients';
import type { LocalCloudManager } from './localCloudManager';

type AwsClientsModule = typeof awsClients;

/** Reads the backend the user chose; the local cloud unless settings say otherwise. */
export function readBackend(): Backend {
  const settings = vscode.workspace.getConfiguration('serverlessWorkbench');
  const kind = settings.get<string>('backend', 'localCloud');
  const region = settings.get<string>('aws.region') || undefined;
  if (kind === 'aws') return { kind: 'aws', profile: settings.get<string>('aws.profile') || undefined, region };
  const url = settings.get<string>('endpoint.url');
  if (kind === 'endpoint' && url) return { kind: 'endpoint', url, region };
  return { kind: 'localCloud' };
}

/**
 * The AWS side of remote features: SDK clients configured for the chosen backend, created on first use (the SDK is
 * a separate bundle loaded then), starting the local cloud when it is the backend.
 */
export class AwsBackendConnection {
  private clients: AwsClientsModule | undefined;

  constructor(private readonly localCloud: LocalCloudManager) {}

  /** Client settings for the current backend, starting the local cloud when it is the backend. */
  async clientSettings(): Promise<AwsClientSettings> {
    const backend = readBackend();
    const endpoint = backend.kind === 'localCloud' ? await this.localCloud.ensureRunning() : undefined;
    return clientSettingsFor(backend, endpoint);
  }

  /** A short description of where calls go, for messages. */
  describe(): string {
    const state = this.localCloud.state;
    return describeBackend(readBackend(), state.kind === 'running' ? state.endpoint : undefined);
  }

  async lambda(): Promise<LambdaClient> {
    const [clients, settings] = await Promise.all([this.loadClients(), this.clientSettings()]);
    return new clients.LambdaClient(settings);
  }

  /** The AWS SDK module (clients and commands), loaded once. */
  async loadClients(): Promise<AwsClientsModule> {
    this.clients ??= await import('../../core/aws/awsClients');
    return this.clients;
  }
}
