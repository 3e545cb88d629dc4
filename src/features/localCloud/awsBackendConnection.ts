import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { S3Client } from '@aws-sdk/client-s3';
import * as vscode from 'vscode';
import {
  clientSettingsFor,
  describeBackend,
  resolveProfileBackend,
  sameBackend,
  type AwsClientSettings,
  type Backend,
  type ProfileResolution,
} from '../../core/aws/backend';
import type * as awsClients from '../../core/aws/awsClients';
import { explainAwsError } from '../../core/aws/explainAwsError';
import {
  innerClientConfig,
  profileCredentialsProvider,
  type CredentialsProvider,
} from '../../core/aws/profileCredentials';
import type { AwsService } from '../../core/aws/serviceEndpoints';
import type { WorkbenchError } from '../../core/errors';
import { silentLogger, taggedLogger, type Logger } from '../../core/logger';
import { Disposable } from '../../platform/disposable';
import { affectsBackend, readBackend, writeBackend } from './backendSettings';
import type { LocalCloudManager } from './localCloudManager';
import { SharedConfigSource } from './sharedConfigSource';

export { readBackend } from './backendSettings';

type AwsClientsModule = typeof awsClients;

export interface AwsBackendConnectionOptions {
  logger: Logger;
  /** process.env, passed in for tests. */
  environment?: Record<string, string | undefined>;
  sharedConfig?: SharedConfigSource;
}

/**
 * The AWS side of every remote feature (deploy, logs, the Deployed tree, deployed invokes): SDK clients configured
 * for the chosen backend, created on first use (the SDK is a separate bundle loaded then). The local cloud starts
 * when it is the backend; an AWS profile gets its region, per-service endpoints and cached credentials (SSO,
 * credential_process, assumed roles) from the shared config files.
 */
export class AwsBackendConnection extends Disposable {
  private clients: AwsClientsModule | undefined;
  private credentials: { key: string; provider: CredentialsProvider } | undefined;
  private lastResolution: ProfileResolution | undefined;
  private current: Backend;
  /** Set while switchTo writes several settings: the intermediate states are not backends anyone chose. */
  private writingSettings = false;
  private readonly logger: Logger;
  /** process.env (or the tests' stand-in): AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_*... */
  readonly environment: Record<string, string | undefined>;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<Backend>());
  /** Fires when calls go somewhere else (settings, shared config files, a sign-in): everything shown is stale. */
  readonly onDidChangeBackend = this.changeEmitter.event;
  readonly sharedConfig: SharedConfigSource;

  constructor(
    private readonly localCloud: LocalCloudManager,
    options: AwsBackendConnectionOptions = { logger: silentLogger },
  ) {
    super();
    this.logger = taggedLogger(options.logger, 'backend');
    this.environment = options.environment ?? process.env;
    this.sharedConfig = this._register(options.sharedConfig ?? new SharedConfigSource(this.environment));
    this.current = readBackend();
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsBackend(event) && !this.writingSettings) this.adopt(readBackend());
      }),
    );
    this._register(
      this.sharedConfig.onDidChange(() => {
        if (this.current.kind === 'aws') this.credentialsChanged();
      }),
    );
  }

  /** The backend remote calls go to now. */
  get backend(): Backend {
    return this.current;
  }

  /** The local cloud this connection starts when it is the backend. */
  get localCloudManager(): LocalCloudManager {
    return this.localCloud;
  }

  /** Switches the backend (from the picker): every view refreshes once, then the settings remember the choice. */
  async switchTo(backend: Backend): Promise<void> {
    this.adopt(backend);
    this.writingSettings = true;
    try {
      await writeBackend(backend);
    } finally {
      this.writingSettings = false;
    }
    // What the settings say now wins (a workspace value may override the user value just written).
    this.adopt(readBackend());
  }

  private adopt(backend: Backend): void {
    if (sameBackend(backend, this.current)) return;
    this.current = backend;
    this.lastResolution = undefined;
    this.logger.info(`Remote calls now go to the ${this.describe()}`);
    this.credentialsChanged();
  }

  /** Forgets cached credentials and tells every view to refresh (after a sign-in or a profile edit). */
  credentialsChanged(): void {
    this.credentials = undefined;
    this.lastResolution = undefined;
    this.changeEmitter.fire(this.current);
  }

  /** The profile resolved by the last call (without reading the files again); undefined before one. */
  get lastProfile(): ProfileResolution | undefined {
    return this.lastResolution;
  }

  /** The profile, region and endpoints of an `aws` backend; undefined for the others. */
  async resolveProfile(): Promise<ProfileResolution | undefined> {
    const backend = this.current;
    if (backend.kind !== 'aws') return undefined;
    const resolution = resolveProfileBackend(backend, await this.sharedConfig.load(), this.environment);
    this.lastResolution = resolution;
    return resolution;
  }

  /**
   * Client settings for one service of the current backend, starting the local cloud when it is the backend. For an
   * AWS profile they carry the service's endpoint and a credentials provider shared by every client.
   */
  async clientSettings(service: AwsService = 'lambda'): Promise<AwsClientSettings> {
    const backend = this.current;
    if (backend.kind === 'localCloud') return clientSettingsFor(backend, await this.localCloud.ensureRunning());
    if (backend.kind === 'endpoint') return clientSettingsFor(backend);
    const resolution = (await this.resolveProfile())!;
    const settings = clientSettingsFor(backend, undefined, { resolution, service });
    return { ...settings, credentials: await this.credentialsFor(resolution) };
  }

  /** A short description of where calls go, for messages; never includes credentials. */
  describe(): string {
    const backend = this.current;
    if (backend.kind === 'aws' && this.lastResolution) {
      const { profileName, region } = this.lastResolution;
      return `AWS profile ${profileName} in ${region}`;
    }
    const state = this.localCloud.state;
    return describeBackend(backend, state.kind === 'running' ? state.endpoint : undefined);
  }

  /** An SDK failure explained against this backend (what happened, what to do). */
  explain(error: unknown, action: string): WorkbenchError {
    return explainAwsError(error, action, this.describe());
  }

  async lambda(): Promise<LambdaClient> {
    const [clients, settings] = await Promise.all([this.loadClients(), this.clientSettings('lambda')]);
    return new clients.LambdaClient(settings);
  }

  async cloudFormation(): Promise<CloudFormationClient> {
    const [clients, settings] = await Promise.all([this.loadClients(), this.clientSettings('cloudformation')]);
    return new clients.CloudFormationClient(settings);
  }

  async logs(): Promise<CloudWatchLogsClient> {
    const [clients, settings] = await Promise.all([this.loadClients(), this.clientSettings('logs')]);
    return new clients.CloudWatchLogsClient(settings);
  }

  async codeDeploy(): Promise<CodeDeployClient> {
    const [clients, settings] = await Promise.all([this.loadClients(), this.clientSettings('codedeploy')]);
    return new clients.CodeDeployClient(settings);
  }

  async s3(): Promise<S3Client> {
    const [clients, settings] = await Promise.all([this.loadClients(), this.clientSettings('s3')]);
    return new clients.S3Client(settings);
  }

  /** The AWS SDK module (clients and commands), loaded once. */
  async loadClients(): Promise<AwsClientsModule> {
    this.clients ??= await import('../../core/aws/awsClients');
    return this.clients;
  }

  private async credentialsFor(resolution: ProfileResolution): Promise<CredentialsProvider> {
    const clientConfig = innerClientConfig(resolution);
    const key = JSON.stringify([resolution.profileName, clientConfig, resolution.summary !== undefined]);
    if (this.credentials?.key === key) return this.credentials.provider;
    const clients = await this.loadClients();
    const named = this.current.kind === 'aws' && Boolean(this.current.profile || this.environment['AWS_PROFILE']);
    const provider = profileCredentialsProvider(clients, resolution, { named, mfaCodeProvider: askForMfaCode });
    this.credentials = { key, provider };
    return this.credentials.provider;
  }
}

async function askForMfaCode(serial: string): Promise<string> {
  const code = await vscode.window.showInputBox({
    title: 'Multi-factor authentication',
    prompt: `The code of the MFA device ${serial}`,
    ignoreFocusOut: true,
    validateInput: (value) => (/^\d{6}$/.test(value.trim()) ? undefined : 'Six digits'),
  });
  if (code === undefined) throw new vscode.CancellationError();
  return code.trim();
}
