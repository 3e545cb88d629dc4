// What each AWS profile is: where its credentials come from (in the order the SDK's fromIni checks them), its region,
// its endpoints, and what is wrong with it, so the backend picker can describe it and offer "Sign in" for SSO.
import type { SharedConfig } from './sharedConfigFiles';

/** Where a profile's credentials come from. Never holds a secret. */
export type ProfileCredentials =
  | { kind: 'assumeRole'; roleArn: string; sourceProfile?: string; credentialSource?: string; mfaSerial?: string }
  | { kind: 'static'; sessionToken: boolean }
  | { kind: 'webIdentity'; roleArn: string; tokenFile: string }
  | { kind: 'process'; command: string }
  | { kind: 'sso'; sso: SsoLogin; accountId: string | undefined; roleName: string | undefined }
  | { kind: 'login'; session: string }
  | { kind: 'none' };

/** What signing in to IAM Identity Center needs, and the key of its token in ~/.aws/sso/cache. */
export interface SsoLogin {
  startUrl: string;
  region: string;
  /** The `[sso-session NAME]` the profile names; absent for legacy profiles with sso_start_url. */
  sessionName: string | undefined;
  /** Scopes to register the client with (sso-session profiles only; the legacy flow has none). */
  scopes: string[];
}

export interface ProfileSummary {
  name: string;
  credentials: ProfileCredentials;
  region: string | undefined;
  /** The profile's `services` setting: the `[services NAME]` section with per-service endpoints. */
  servicesSection: string | undefined;
  /** The profile's own `endpoint_url`, for every service without one of its own. */
  endpointUrl: string | undefined;
  /** Problems that will make credentials fail, in words; empty when the profile looks usable. */
  problems: string[];
}

/** Describes one profile; `undefined` when no file defines it. */
export function describeProfile(config: SharedConfig, name: string): ProfileSummary | undefined {
  const profile = config.profiles.get(name);
  if (!profile) return undefined;
  const properties = profile.properties;
  const problems: string[] = [];
  const credentials = credentialsOf(config, name, properties, problems);
  const servicesSection = properties['services'];
  if (servicesSection && !config.services.has(servicesSection)) {
    problems.push(`its services section [services ${servicesSection}] is not in the config file`);
  }
  return {
    name,
    credentials,
    region: properties['region'],
    servicesSection,
    endpointUrl: properties['endpoint_url'],
    problems,
  };
}

function credentialsOf(
  config: SharedConfig,
  name: string,
  properties: Record<string, string>,
  problems: string[],
): ProfileCredentials {
  const roleArn = properties['role_arn'];
  const sourceProfile = properties['source_profile'];
  const credentialSource = properties['credential_source'];
  if (roleArn && (sourceProfile || credentialSource)) {
    if (sourceProfile) checkSourceChain(config, name, problems);
    return {
      kind: 'assumeRole',
      roleArn,
      ...(sourceProfile ? { sourceProfile } : {}),
      ...(credentialSource ? { credentialSource } : {}),
      ...(properties['mfa_serial'] ? { mfaSerial: properties['mfa_serial'] } : {}),
    };
  }
  if (properties['aws_access_key_id'] && properties['aws_secret_access_key']) {
    return { kind: 'static', sessionToken: Boolean(properties['aws_session_token']) };
  }
  if (roleArn && properties['web_identity_token_file']) {
    return { kind: 'webIdentity', roleArn, tokenFile: properties['web_identity_token_file'] };
  }
  if (properties['credential_process']) return { kind: 'process', command: properties['credential_process'] };
  const sso = ssoLoginOf(config, properties, problems);
  if (sso) {
    return { kind: 'sso', sso, accountId: properties['sso_account_id'], roleName: properties['sso_role_name'] };
  }
  if (properties['login_session']) return { kind: 'login', session: properties['login_session'] };
  if (roleArn) problems.push('role_arn needs source_profile or credential_source');
  else if (properties['aws_access_key_id']) problems.push('aws_access_key_id has no aws_secret_access_key');
  return { kind: 'none' };
}

function ssoLoginOf(
  config: SharedConfig,
  properties: Record<string, string>,
  problems: string[],
): SsoLogin | undefined {
  const sessionName = properties['sso_session'];
  if (sessionName) {
    const session = config.ssoSessions.get(sessionName);
    if (!session) {
      problems.push(`its sso_session [sso-session ${sessionName}] is not in the config file`);
      return undefined;
    }
    const startUrl = session['sso_start_url'];
    const region = session['sso_region'];
    if (!startUrl || !region) {
      problems.push(`[sso-session ${sessionName}] needs sso_start_url and sso_region`);
      return undefined;
    }
    const scopes = (session['sso_registration_scopes'] ?? 'sso:account:access')
      .split(',')
      .map((scope) => scope.trim())
      .filter(Boolean);
    return { startUrl, region, sessionName, scopes };
  }
  const startUrl = properties['sso_start_url'];
  if (!startUrl) return undefined;
  const region = properties['sso_region'];
  if (!region) {
    problems.push('sso_start_url needs sso_region');
    return undefined;
  }
  return { startUrl, region, sessionName: undefined, scopes: [] };
}

/** A source_profile chain must end at a profile with credentials of its own and must not loop. */
function checkSourceChain(config: SharedConfig, name: string, problems: string[]): void {
  const seen = new Set<string>([name]);
  let current = config.profiles.get(name)?.properties['source_profile'];
  while (current) {
    const source = config.profiles.get(current);
    if (!source) {
      problems.push(`its source_profile ${current} does not exist`);
      return;
    }
    if (seen.has(current)) {
      // A profile may name itself when it also holds static keys (the SDK allows that one loop).
      const selfWithKeys = current === [...seen].at(-1) && source.properties['aws_access_key_id'];
      if (!selfWithKeys) problems.push(`its source_profile chain loops back to ${current}`);
      return;
    }
    seen.add(current);
    const next = source.properties['role_arn'] ? source.properties['source_profile'] : undefined;
    current = next;
  }
}

/** A few words on where the credentials come from, for the picker. */
export function describeCredentials(credentials: ProfileCredentials): string {
  switch (credentials.kind) {
    case 'assumeRole':
      return `assumes ${credentials.roleArn}${credentials.sourceProfile ? ` from ${credentials.sourceProfile}` : ''}`;
    case 'static':
      return credentials.sessionToken ? 'temporary keys' : 'access keys';
    case 'webIdentity':
      return `web identity for ${credentials.roleArn}`;
    case 'process':
      return 'credential_process';
    case 'sso':
      return `IAM Identity Center${credentials.accountId ? ` ${credentials.accountId}` : ''}${credentials.roleName ? `/${credentials.roleName}` : ''}`;
    case 'login':
      return `console sign-in (${credentials.session})`;
    case 'none':
      return 'no credentials';
  }
}
