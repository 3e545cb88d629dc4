// Credentials of AWS profiles: where the shared files are, what the SDK's inner STS/SSO clients need to reach the
// profile's endpoints, and one cache per backend so an assumed role or an SSO role is fetched once per expiry
// instead of once per client (every remote call creates a client).
import { join } from 'node:path';
import type * as awsClients from './awsClients';
import type { ProfileResolution } from './backend';

/** Credentials as the SDK's providers return them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialsProvider = () => Promise<AwsCredentials>;

/** The shared config and credentials files, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE as the SDK does. */
export function sharedConfigPaths(
  environment: Record<string, string | undefined>,
  homeDirectory: string,
): { config: string; credentials: string } {
  return {
    config: environment['AWS_CONFIG_FILE'] || join(homeDirectory, '.aws', 'config'),
    credentials: environment['AWS_SHARED_CREDENTIALS_FILE'] || join(homeDirectory, '.aws', 'credentials'),
  };
}

/**
 * Configuration for the SDK's inner clients that fetch a profile's credentials. SSO profiles call the SSO portal
 * in the session's own region (so no region here; the SDK would otherwise use it instead of sso_region); roles are
 * assumed through STS in the profile's region. A configured endpoint (the local cloud in tests) is used for both.
 */
export function innerClientConfig(resolution: ProfileResolution): { region?: string; endpoint?: string } {
  const credentials = resolution.summary?.credentials;
  if (credentials?.kind === 'sso') {
    const endpoint = resolution.endpoint('sso')?.url;
    return endpoint ? { endpoint } : {};
  }
  const endpoint = resolution.endpoint('sts')?.url;
  return { region: resolution.region, ...(endpoint ? { endpoint } : {}) };
}

const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Caches what `provider` returns until five minutes before it expires (forever for keys without expiry). Concurrent
 * callers share one fetch; failures are not cached, so the next call tries again (after a sign-in, say).
 */
export function cacheCredentials(provider: CredentialsProvider, now: () => number = Date.now): CredentialsProvider {
  let cached: AwsCredentials | undefined;
  let pending: Promise<AwsCredentials> | undefined;
  return () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - now() > REFRESH_MARGIN_MS)) {
      return Promise.resolve(cached);
    }
    pending ??= provider().then(
      (credentials) => {
        cached = credentials;
        pending = undefined;
        return credentials;
      },
      (error: unknown) => {
        cached = undefined;
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
}

/**
 * The SDK credential provider for a profile backend, cached: a profile the files define (or one named explicitly)
 * uses the files (fromIni: static keys, SSO, credential_process, assumed roles); otherwise the SDK's whole default
 * chain (environment variables, container and instance credentials), as the AWS CLI would.
 */
export function profileCredentialsProvider(
  clients: Pick<typeof awsClients, 'fromIni' | 'fromNodeProviderChain'>,
  resolution: ProfileResolution,
  options: { named: boolean; mfaCodeProvider?: (serial: string) => Promise<string> },
): CredentialsProvider {
  const clientConfig = innerClientConfig(resolution);
  const provider =
    resolution.summary || options.named
      ? clients.fromIni({
          profile: resolution.profileName,
          ignoreCache: true,
          clientConfig,
          ...(options.mfaCodeProvider ? { mfaCodeProvider: options.mfaCodeProvider } : {}),
        })
      : clients.fromNodeProviderChain({ clientConfig });
  return cacheCredentials(() => provider());
}
