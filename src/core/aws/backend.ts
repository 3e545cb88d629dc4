// Where remote features (deployed invokes, stacks, logs) send their AWS calls. The local cloud is the default so
// every feature works on a fresh machine; an AWS profile or any other endpoint (LocalStack included) can be chosen.
import { describeProfile, type ProfileSummary } from './awsProfiles';
import type { CredentialsProvider } from './profileCredentials';
import { isLoopbackEndpoint, resolveServiceEndpoint, type AwsService, type ResolvedEndpoint } from './serviceEndpoints';
import type { SharedConfig } from './sharedConfigFiles';

/** The backend the user chose in settings. */
export type Backend =
  | { kind: 'localCloud' }
  | { kind: 'aws'; profile: string | undefined; region: string | undefined }
  | { kind: 'endpoint'; url: string; region: string | undefined; preset?: 'localstack' };

/** Client settings shared by every AWS SDK v3 client of the extension. */
export interface AwsClientSettings {
  region: string;
  endpoint?: string;
  /**
   * Static credentials for endpoints that accept anything (the local cloud, LocalStack), or the provider of an AWS
   * profile's credentials (added by the backend connection, which caches them).
   */
  credentials?: { accessKeyId: string; secretAccessKey: string } | CredentialsProvider;
  /** A named profile from ~/.aws/config for the SDK's default credential chain. */
  profile?: string;
  /** Path-style S3 addressing, needed for endpoints on localhost. */
  forcePathStyle?: boolean;
  /** The stream- host prefix of StartLiveTail cannot resolve against a custom endpoint. */
  disableHostPrefix?: boolean;
}

/** Credentials local endpoints accept (they do not verify signatures). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export const DEFAULT_REGION = 'us-east-1';

/** LocalStack's edge port on this machine (the preset when no endpoint URL is set). */
export const LOCALSTACK_DEFAULT_URL = 'http://localhost:4566';

/** An AWS profile backend resolved against the shared config files and the environment. */
export interface ProfileResolution {
  profileName: string;
  /** Undefined when no file defines the profile (the SDK will then fail to find credentials). */
  summary: ProfileSummary | undefined;
  region: string;
  regionSource: 'setting' | 'environment' | 'profile' | 'default';
  endpoint(service: AwsService): ResolvedEndpoint | undefined;
}

/**
 * Resolves the profile and region of an `aws` backend as the SDK would: the profile named in settings, else
 * AWS_PROFILE, else `default`; the region from settings, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's.
 */
export function resolveProfileBackend(
  backend: Extract<Backend, { kind: 'aws' }>,
  config: SharedConfig,
  environment: Record<string, string | undefined>,
): ProfileResolution {
  const profileName = backend.profile || environment['AWS_PROFILE'] || 'default';
  const summary = describeProfile(config, profileName);
  const environmentRegion = environment['AWS_REGION'] || environment['AWS_DEFAULT_REGION'];
  const [region, regionSource] = backend.region
    ? [backend.region, 'setting' as const]
    : environmentRegion
      ? [environmentRegion, 'environment' as const]
      : summary?.region
        ? [summary.region, 'profile' as const]
        : [DEFAULT_REGION, 'default' as const];
  return {
    profileName,
    summary,
    region,
    regionSource,
    endpoint: (service) => resolveServiceEndpoint(config, profileName, service, environment),
  };
}

/**
 * The SDK client settings for a backend. The local cloud's endpoint is passed in once it is running; for an AWS
 * profile, its resolution gives the region and the service's endpoint (credentials come from the profile).
 */
export function clientSettingsFor(
  backend: Backend,
  localCloudEndpoint?: string,
  profile?: { resolution: ProfileResolution; service: AwsService },
): AwsClientSettings {
  switch (backend.kind) {
    case 'localCloud':
      if (!localCloudEndpoint) throw new Error('The local cloud endpoint is needed for the localCloud backend');
      return localEndpointSettings(localCloudEndpoint, DEFAULT_REGION);
    case 'endpoint':
      return localEndpointSettings(backend.url, backend.region ?? DEFAULT_REGION);
    case 'aws': {
      if (!profile) {
        return { region: backend.region ?? DEFAULT_REGION, ...(backend.profile ? { profile: backend.profile } : {}) };
      }
      const { resolution, service } = profile;
      const endpoint = resolution.endpoint(service)?.url;
      const local = endpoint !== undefined && isLoopbackEndpoint(endpoint);
      return {
        region: resolution.region,
        profile: resolution.profileName,
        ...(endpoint ? { endpoint, disableHostPrefix: true } : {}),
        ...(local ? { forcePathStyle: true } : {}),
      };
    }
  }
}

function localEndpointSettings(endpoint: string, region: string): AwsClientSettings {
  return {
    region,
    endpoint,
    credentials: { ...LOCAL_CREDENTIALS },
    forcePathStyle: true,
    disableHostPrefix: true,
  };
}

/** A short description for status bars and logs; never includes credentials. */
export function describeBackend(backend: Backend, localCloudEndpoint?: string): string {
  switch (backend.kind) {
    case 'localCloud':
      return localCloudEndpoint ? `local cloud (${localCloudEndpoint})` : 'local cloud';
    case 'endpoint':
      return backend.preset === 'localstack' ? `LocalStack (${backend.url})` : `endpoint ${backend.url}`;
    case 'aws':
      return `AWS${backend.profile ? ` profile ${backend.profile}` : ''}${backend.region ? ` in ${backend.region}` : ''}`;
  }
}

/** The same backend? Switching to an equal one changes nothing (no refresh, no new credentials). */
export function sameBackend(a: Backend, b: Backend): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
