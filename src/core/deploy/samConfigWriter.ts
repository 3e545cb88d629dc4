// Saving deploy choices to samconfig.toml the way a person would edit it: only the `[<env>.<command>.parameters]`
// lines that change are rewritten, everything else (comments, other tables, formatting) stays as it was.
import { parse as parseToml } from 'smol-toml';
import { WorkbenchError } from '../errors';

/** A value samconfig holds. */
export type SamConfigValue = string | boolean | number | readonly string[];

/** Sets `values` in the command's table of `text` (created when missing); returns the new text. */
export function setSamConfigValues(
  text: string,
  environment: string,
  command: string,
  values: Readonly<Record<string, SamConfigValue>>,
): string {
  const lines = text.length > 0 ? text.replace(/\r\n/g, '\n').split('\n') : [];
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) lines.push('version = 0.1');
  const header = new RegExp(
    `^\\s*\\[\\s*"?${escape(environment)}"?\\s*\\.\\s*"?${escape(command)}"?\\s*\\.\\s*"?parameters"?\\s*\\]\\s*(#.*)?$`,
  );
  let start = lines.findIndex((line) => header.test(line));
  if (start < 0) {
    lines.push('', `[${environment}.${command}.parameters]`);
    start = lines.length - 1;
  }
  for (const [key, value] of Object.entries(values)) {
    let end = start + 1;
    while (end < lines.length && !/^\s*\[/.test(lines[end] ?? '')) end++;
    const assignment = new RegExp(`^\\s*"?${escape(key)}"?\\s*=`);
    const at = lines.findIndex((line, index) => index > start && index < end && assignment.test(line));
    const rendered = `${key} = ${renderValue(value)}`;
    if (at >= 0) {
      lines.splice(at, valueLineCount(lines, at), rendered);
    } else {
      // After the table's last assignment, so blank lines and comments before the next table stay in place.
      let last = start;
      for (let index = start + 1; index < end; index++) if (/^\s*[^#\s]/.test(lines[index] ?? '')) last = index;
      lines.splice(last + 1, 0, rendered);
    }
  }
  const result = `${lines.join('\n')}\n`;
  try {
    parseToml(result);
  } catch (error) {
    throw WorkbenchError.chain(error, 'samconfig.toml would not be valid TOML after saving the deploy settings', {
      code: 'InvalidSamConfig',
      hint: 'Fix the file by hand (the deploy itself is not affected).',
    });
  }
  return result;
}

function renderValue(value: SamConfigValue): string {
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
}

/** How many lines an assignment spans (a multi-line array or string continues until it closes). */
function valueLineCount(lines: readonly string[], at: number): number {
  const first = lines[at] ?? '';
  const value = first.slice(first.indexOf('=') + 1).trim();
  const closing = value.startsWith('[')
    ? ']'
    : value.startsWith('"""')
      ? '"""'
      : value.startsWith("'''")
        ? "'''"
        : undefined;
  if (!closing) return 1;
  const rest = value.slice(closing === ']' ? 1 : 3);
  if (rest.includes(closing)) return 1;
  for (let index = at + 1; index < lines.length; index++)
    if ((lines[index] ?? '').includes(closing)) return index - at + 1;
  return 1;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
