// Signing in to IAM Identity Center (SSO) with the OAuth device authorization flow, as `aws sso login` does, and
// caching the token where the AWS SDKs and the CLI read it (~/.aws/sso/cache/<sha1 of the session name or start
// URL>.json), so every SDK client of the extension, the CLI and boto3 share the sign-in.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { SsoLogin } from './awsProfiles';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const CLIENT_NAME = 'serverless-workbench';
/** A cached client registration is reused while it has at least this long left. */
const REGISTRATION_MARGIN_MS = 15 * 60_000;

/** The SSO OIDC operations the flow calls (the SDK's SSOOIDCClient commands, passed in: the SDK loads lazily). */
export interface SsoOidcOperations {
  registerClient(input: {
    clientName: string;
    clientType: string;
    scopes?: string[];
  }): Promise<{ clientId?: string; clientSecret?: string; clientSecretExpiresAt?: number }>;
  startDeviceAuthorization(input: { clientId: string; clientSecret: string; startUrl: string }): Promise<{
    deviceCode?: string;
    userCode?: string;
    verificationUri?: string;
    verificationUriComplete?: string;
    expiresIn?: number;
    interval?: number;
  }>;
  createToken(input: {
    clientId: string;
    clientSecret: string;
    grantType: string;
    deviceCode: string;
  }): Promise<{ accessToken?: string; expiresIn?: number; refreshToken?: string }>;
}

/** What the person must do: open the URL and check that the page shows the code. */
export interface DeviceAuthorizationPrompt {
  userCode: string;
  verificationUri: string;
  /** The URL with the code filled in. */
  verificationUriComplete: string;
  expiresAt: Date;
}

/** The token file the SDKs read (the CLI's format). */
export interface SsoTokenFile {
  startUrl: string;
  region: string;
  accessToken: string;
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

export interface SsoSignInOptions {
  login: SsoLogin;
  operations: SsoOidcOperations;
  /** The home directory (~/.aws/sso/cache lives there). */
  homeDirectory: string;
  /** Called once the device code exists: show it and open the browser. */
  onPrompt(prompt: DeviceAuthorizationPrompt): void;
  signal?: AbortSignal;
  /** Injected for tests; waits between polls. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

/** The cache file of a login: sha1 of the session name, or of the start URL for legacy profiles. */
export function ssoTokenPath(homeDirectory: string, login: SsoLogin): string {
  const key = login.sessionName ?? login.startUrl;
  return join(homeDirectory, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
}

/** The cached token, if any (whether or not it has expired). */
export async function readSsoToken(homeDirectory: string, login: SsoLogin): Promise<SsoTokenFile | undefined> {
  try {
    const token = JSON.parse(await readFile(ssoTokenPath(homeDirectory, login), 'utf8')) as Partial<SsoTokenFile>;
    return typeof token.accessToken === 'string' && typeof token.expiresAt === 'string'
      ? (token as SsoTokenFile)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the login needs a sign-in: no token, or an expired token that cannot be refreshed (the SDK refreshes
 * sso-session tokens with their refresh token on its own).
 */
export function needsSignIn(token: SsoTokenFile | undefined, now = Date.now()): boolean {
  if (!token) return true;
  if (Date.parse(token.expiresAt) > now) return false;
  const registrationValid = token.registrationExpiresAt ? Date.parse(token.registrationExpiresAt) > now : false;
  return !(token.refreshToken && token.clientId && token.clientSecret && registrationValid);
}

/** Runs the device authorization flow and writes the token cache. Resolves with the token's expiry. */
export async function signInWithSso(options: SsoSignInOptions): Promise<Date> {
  const { login, operations, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const previous = await readSsoToken(options.homeDirectory, login);
  const registration = await reuseOrRegister(previous, options, now());
  const authorization = await operations.startDeviceAuthorization({
    clientId: registration.clientId,
    clientSecret: registration.clientSecret,
    startUrl: login.startUrl,
  });
  const { deviceCode, userCode, verificationUri } = authorization;
  if (!deviceCode || !userCode || !verificationUri) {
    throw new WorkbenchError('IAM Identity Center did not start the device authorization', {
      code: 'SsoSignInFailed',
    });
  }
  const expiresAt = now() + (authorization.expiresIn ?? 600) * 1000;
  options.onPrompt({
    userCode,
    verificationUri,
    verificationUriComplete: authorization.verificationUriComplete ?? verificationUri,
    expiresAt: new Date(expiresAt),
  });
  let intervalMs = (authorization.interval ?? 5) * 1000;
  for (;;) {
    if (signal?.aborted) throw new WorkbenchError('Sign-in cancelled', { code: 'Cancelled' });
    if (now() > expiresAt) {
      throw new WorkbenchError('The sign-in code expired before it was confirmed in the browser', {
        code: 'SsoSignInExpired',
        hint: 'Sign in again and confirm the code within its time limit.',
      });
    }
    await sleep(intervalMs, signal);
    try {
      const token = await operations.createToken({
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        grantType: DEVICE_GRANT,
        deviceCode,
      });
      if (!token.accessToken) throw new Error('CreateToken returned no access token');
      const tokenExpiresAt = new Date(now() + (token.expiresIn ?? 3600) * 1000);
      await writeSsoToken(options.homeDirectory, login, {
        startUrl: login.startUrl,
        region: login.region,
        accessToken: token.accessToken,
        expiresAt: isoWithoutMilliseconds(tokenExpiresAt),
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        registrationExpiresAt: isoWithoutMilliseconds(new Date(registration.expiresAtMs)),
        ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
      });
      return tokenExpiresAt;
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'AuthorizationPendingException') continue;
      if (name === 'SlowDownException') {
        intervalMs += 5000;
        continue;
      }
      throw WorkbenchError.chain(error, explainTokenFailure(name), { code: 'SsoSignInFailed' });
    }
  }
}

function explainTokenFailure(name: string | undefined): string {
  if (name === 'AccessDeniedException') return 'The sign-in was denied in the browser';
  if (name === 'ExpiredTokenException') return 'The sign-in code expired before it was confirmed in the browser';
  return 'Signing in to IAM Identity Center failed';
}

interface Registration {
  clientId: string;
  clientSecret: string;
  expiresAtMs: number;
}

async function reuseOrRegister(
  previous: SsoTokenFile | undefined,
  options: SsoSignInOptions,
  nowMs: number,
): Promise<Registration> {
  const cachedExpiry = previous?.registrationExpiresAt ? Date.parse(previous.registrationExpiresAt) : 0;
  if (previous?.clientId && previous.clientSecret && cachedExpiry - nowMs > REGISTRATION_MARGIN_MS) {
    return { clientId: previous.clientId, clientSecret: previous.clientSecret, expiresAtMs: cachedExpiry };
  }
  const registered = await options.operations.registerClient({
    clientName: CLIENT_NAME,
    clientType: 'public',
    ...(options.login.scopes.length > 0 ? { scopes: options.login.scopes } : {}),
  });
  if (!registered.clientId || !registered.clientSecret) {
    throw new WorkbenchError('IAM Identity Center did not register the client', { code: 'SsoSignInFailed' });
  }
  return {
    clientId: registered.clientId,
    clientSecret: registered.clientSecret,
    // clientSecretExpiresAt is in seconds since the epoch.
    expiresAtMs: (registered.clientSecretExpiresAt ?? nowMs / 1000 + 90 * 86_400) * 1000,
  };
}

/** Writes the token file readable only by its owner, atomically (the SDK may read it at any moment). */
async function writeSsoToken(homeDirectory: string, login: SsoLogin, token: SsoTokenFile): Promise<void> {
  const path = ssoTokenPath(homeDirectory, login);
  await mkdir(join(homeDirectory, '.aws', 'sso', 'cache'), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(token, null, 2), { mode: 0o600 });
  await rename(temporary, path);
}

/** The CLI writes `2026-01-01T00:00:00Z`. */
function isoWithoutMilliseconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
