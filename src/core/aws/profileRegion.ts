// The region a named profile sets in the shared config file, as the AWS CLI and SDKs read it, for callers that must
// know the region before creating a client (to print it, to build S3 URLs).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `region` of the profile in AWS_CONFIG_FILE (default ~/.aws/config), or undefined. */
export function profileRegion(profile: string, environment: NodeJS.ProcessEnv = process.env): string | undefined {
  let text: string;
  try {
    text = readFileSync(environment['AWS_CONFIG_FILE'] || join(homedir(), '.aws', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  // The config file names sections `[profile NAME]`, except `[default]`.
  const wanted = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  let inSection = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/[#;].*$/, '').trim();
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section) {
      inSection = wanted.includes((section[1] ?? '').replace(/\s+/g, ' '));
      continue;
    }
    const setting = /^region\s*=\s*(\S+)$/.exec(line);
    if (inSection && setting) return setting[1];
  }
  return undefined;
}
