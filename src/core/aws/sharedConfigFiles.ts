// The AWS shared config and credentials files (~/.aws/config, ~/.aws/credentials), parsed the way the AWS SDK for
// JavaScript v3 parses them (@smithy/core/config parseIni), so what the backend picker shows is what the SDK's
// credential providers will use. Pure: the feature layer reads the files and passes their text in.

/** One profile, merged from both files (the credentials file wins per key, as in the SDK and the CLI). */
export interface ProfileSection {
  name: string;
  properties: Record<string, string>;
  inConfigFile: boolean;
  inCredentialsFile: boolean;
}

/** Both files, by section kind. Keys of nested settings are dotted: `s3.addressing_style`, `lambda.endpoint_url`. */
export interface SharedConfig {
  profiles: Map<string, ProfileSection>;
  /** `[sso-session NAME]` sections of the config file. */
  ssoSessions: Map<string, Record<string, string>>;
  /** `[services NAME]` sections of the config file: per-service endpoint_url and the like. */
  services: Map<string, Record<string, string>>;
}

const PREFIXED_SECTION = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/;
const KNOWN_PREFIXES = new Set(['profile', 'sso-session', 'services']);

/** Sections of an ini text, named as written (`profile dev`, `default`, `services local`). */
export function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  let subSection: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    // A comment starts at ';' or '#' at the start of a line or after whitespace (inline comments too).
    const line = rawLine.split(/(?:^|\s)[;#]/)[0]!.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = normalizeSectionName(line.slice(1, -1).trim());
      subSection = undefined;
      if (name === undefined || name === '__proto__' || name === 'profile __proto__') {
        current = undefined;
        continue;
      }
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (!current || equals <= 0) continue;
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (value === '') {
      // `s3 =` opens nested settings on the following indented lines.
      subSection = key;
      continue;
    }
    if (subSection && rawLine.trimStart() === rawLine) subSection = undefined;
    current[subSection ? `${subSection}.${key}` : key] = value;
  }
  return sections;
}

/** `profile "dev"` -> `profile dev`; an unknown prefix (`foo bar`) is not a section the SDK reads. */
function normalizeSectionName(name: string): string | undefined {
  const prefixed = PREFIXED_SECTION.exec(name);
  if (prefixed) return KNOWN_PREFIXES.has(prefixed[1]!) ? `${prefixed[1]!} ${prefixed[3]!}` : undefined;
  return name;
}

/**
 * Merges the config file (`[default]`, `[profile NAME]`, `[sso-session NAME]`, `[services NAME]`) and the
 * credentials file (`[NAME]`). In the config file a section without the `profile ` prefix is ignored, except
 * `[default]`, as the SDK does.
 */
export function parseSharedConfig(configText: string, credentialsText: string): SharedConfig {
  const profiles = new Map<string, ProfileSection>();
  const ssoSessions = new Map<string, Record<string, string>>();
  const services = new Map<string, Record<string, string>>();
  const profileNamed = (name: string): ProfileSection => {
    let profile = profiles.get(name);
    if (!profile) {
      profile = { name, properties: {}, inConfigFile: false, inCredentialsFile: false };
      profiles.set(name, profile);
    }
    return profile;
  };
  for (const [section, properties] of parseIni(configText)) {
    const space = section.indexOf(' ');
    const prefix = space === -1 ? section : section.slice(0, space);
    const name = section.slice(space + 1);
    if (section === 'default' || prefix === 'profile') {
      const profile = profileNamed(section === 'default' ? 'default' : name);
      profile.properties = { ...profile.properties, ...properties };
      profile.inConfigFile = true;
    } else if (prefix === 'sso-session') {
      ssoSessions.set(name, properties);
    } else if (prefix === 'services') {
      services.set(name, properties);
    }
  }
  for (const [section, properties] of parseIni(credentialsText)) {
    if (section.includes(' ')) continue;
    const profile = profileNamed(section);
    profile.properties = { ...profile.properties, ...properties };
    profile.inCredentialsFile = true;
  }
  return { profiles, ssoSessions, services };
}

/** Profile names, `default` first, then alphabetically. */
export function profileNames(config: SharedConfig): string[] {
  return [...config.profiles.keys()].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}
