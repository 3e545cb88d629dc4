// The backend flags every command that talks to AWS shares (deploy, package, logs...): where calls go, parsed one
// way and turned into SDK v3 client settings one way. The local cloud is the default, as in the extension:
//   (none)               the local cloud on 127.0.0.1:4566, found by its health endpoint or started in the background
//   --endpoint-url URL   any AWS-compatible endpoint (LocalStack, a local cloud elsewhere)
//   --profile NAME       AWS with that profile from ~/.aws/config (SSO profiles included)
//   --aws                AWS with the SDK's default credential chain (environment, AWS_PROFILE, instance roles)
import type * as awsClients from '../core/aws/awsClients';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import {
  clientSettingsFor,
  DEFAULT_REGION,
  describeBackend,
  resolveProfileBackend,
  type AwsClientSettings,
  type Backend,
} from '../core/aws/backend';
import { profileCredentialsProvider, sharedConfigPaths } from '../core/aws/profileCredentials';
import type { AwsService } from '../core/aws/serviceEndpoints';
import { parseSharedConfig } from '../core/aws/sharedConfigFiles';
import type { Logger } from '../core/logger';
import { cliUsageError, parsePort } from './templateCommandOptions';
import {
  DEFAULT_LOCAL_CLOUD_PORT,
  defaultLocalCloudStateDirectory,
  findOrStartLocalCloud,
  type CliLocalCloud,
} from './cliLocalCloud';

type AwsClientsModule = typeof awsClients;

/** The backend flags as given on the command line. */
export interface BackendFlags {
  endpointUrl?: string;
  profile?: string;
  aws?: boolean;
  region?: string;
  localCloudPort?: number;
  localCloudStateDir?: string;
}

/** Help text lines for the backend flags. */
export const BACKEND_OPTIONS_HELP = `Where calls go (default: the local cloud on 127.0.0.1:4566, started in the background when none runs):
  --endpoint-url URL     Any AWS-compatible endpoint (LocalStack, a local cloud elsewhere)
  --profile NAME         AWS, with this profile from ~/.aws/config
  --aws                  AWS, with the SDK's default credentials (environment, AWS_PROFILE, roles)
  --region R             Default: samconfig, AWS_REGION, AWS_DEFAULT_REGION, the profile's, us-east-1
                         (profiles, SSO and endpoints come from ~/.aws/config, as for the AWS CLI)
  --local-cloud-port N   The local cloud's port (default SW_LOCAL_CLOUD_PORT or 4566)
  --local-cloud-state-dir DIR
                         Where a local cloud started here keeps its state (default SW_LOCAL_CLOUD_STATE_DIR
                         or ~/.local/state/serverless-workbench/localcloud)
`;

/** Reads one backend flag into `flags`; false for any other argument. */
export function readBackendFlag(command: string, arg: string, value: () => string, flags: BackendFlags): boolean {
  switch (arg) {
    case '--endpoint-url': {
      const url = value();
      if (!/^https?:\/\/[^/]/.test(url))
        throw cliUsageError(command, `--endpoint-url needs an http(s) URL, not "${url}".`);
      flags.endpointUrl = url.replace(/\/+$/, '');
      return true;
    }
    case '--profile':
      flags.profile = value();
      return true;
    case '--aws':
      flags.aws = true;
      return true;
    case '--region':
      flags.region = value();
      return true;
    case '--local-cloud-port':
      flags.localCloudPort = parsePort(command, arg, value());
      return true;
    case '--local-cloud-state-dir':
      flags.localCloudStateDir = value();
      return true;
    default:
      return false;
  }
}

/** The backend the flags select; conflicting flags are a usage error. */
export function backendFromFlags(command: string, flags: BackendFlags): Backend {
  if (flags.endpointUrl && (flags.profile || flags.aws)) {
    throw cliUsageError(command, '--endpoint-url cannot be combined with --profile or --aws.');
  }
  if (flags.endpointUrl) return { kind: 'endpoint', url: flags.endpointUrl, region: flags.region };
  if (flags.profile || flags.aws) return { kind: 'aws', profile: flags.profile, region: flags.region };
  return { kind: 'localCloud' };
}

/** A connected backend: client settings per service, a description for messages, and the SDK module on demand. */
export interface CliBackend {
  backend: Backend;
  region: string;
  /** Where calls go, without secrets: "local cloud (http://127.0.0.1:4566)", "AWS profile dev in eu-west-1". */
  description: string;
  localCloud?: CliLocalCloud;
  /** SDK v3 client settings for one service (profiles may give services their own endpoints). */
  settings(service: AwsService): AwsClientSettings;
  clients(): Promise<AwsClientsModule>;
}

/**
 * Connects to the backend the flags select, resolved as the extension's AwsBackendConnection resolves it: the local
 * cloud (found or started), an endpoint, or an AWS profile from the shared config files with its region, per-service
 * endpoints and cached credentials. `fallbackRegion` (samconfig's) applies when --region is absent.
 */
export async function connectCliBackend(
  command: string,
  flags: BackendFlags,
  options: { logger: Logger; fallbackRegion?: string; environment?: NodeJS.ProcessEnv },
): Promise<CliBackend> {
  const environment = options.environment ?? process.env;
  // The SDK warns about Node 20 on every client; a terminal command should print its own output only.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const chosen = backendFromFlags(command, { ...flags, region: flags.region ?? options.fallbackRegion });
  let loaded: AwsClientsModule | undefined;
  const clients = async () => (loaded ??= await import('../core/aws/awsClients'));

  if (chosen.kind === 'aws') {
    const paths = sharedConfigPaths(environment, homedir());
    const config = parseSharedConfig(await readOptional(paths.config), await readOptional(paths.credentials));
    const resolution = resolveProfileBackend(chosen, config, environment);
    const credentials = profileCredentialsProvider(await clients(), resolution, {
      named: Boolean(chosen.profile || environment['AWS_PROFILE']),
    });
    return {
      backend: chosen,
      region: resolution.region,
      description: `AWS profile ${resolution.profileName} in ${resolution.region}`,
      settings: (service) => ({ ...clientSettingsFor(chosen, undefined, { resolution, service }), credentials }),
      clients,
    };
  }
  let localCloud: CliLocalCloud | undefined;
  if (chosen.kind === 'localCloud') {
    const portText = environment['SW_LOCAL_CLOUD_PORT'];
    localCloud = await findOrStartLocalCloud({
      port:
        flags.localCloudPort ??
        (portText ? parsePort(command, 'SW_LOCAL_CLOUD_PORT', portText) : DEFAULT_LOCAL_CLOUD_PORT),
      stateDirectory: flags.localCloudStateDir ?? defaultLocalCloudStateDirectory(environment),
      logger: options.logger,
    });
  }
  const region =
    flags.region ??
    options.fallbackRegion ??
    environment['AWS_REGION'] ??
    environment['AWS_DEFAULT_REGION'] ??
    DEFAULT_REGION;
  const settings = { ...clientSettingsFor(chosen, localCloud?.endpoint), region };
  return {
    backend: chosen,
    region,
    description: describeBackend(chosen, localCloud?.endpoint),
    ...(localCloud ? { localCloud } : {}),
    settings: () => ({ ...settings }),
    clients,
  };
}

async function readOptional(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}
