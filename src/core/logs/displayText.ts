// Log text made safe and readable for display. The webview inserts it as text (never HTML), so markup is inert
// already; this takes care of what text nodes would still render badly or deceptively: ANSI escape sequences
// (removed), other control characters (shown as their Unicode control pictures), bidirectional overrides that could
// reorder what is shown (shown as their code), lone surrogates from broken UTF-16 (U+FFFD), and huge lines (cut,
// with the size said).

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text fit for a text node: escapes removed, controls visible, no reordering, well-formed. */
export function displayText(text: string): string {
  let result = text;
  if (result.includes('\u001b')) result = result.replace(ANSI, '');
  result = result.replace(CONTROL, (char) =>
    char === '\u007f' ? '\u2421' : String.fromCharCode(0x2400 + char.charCodeAt(0)),
  );
  result = result.replace(BIDI, (char) => `<U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
  return result.replace(LONE_SURROGATE, '\ufffd');
}

/** ANSI escape sequences removed, nothing else changed (for exports and the CLI without colours). */
export function stripAnsi(text: string): string {
  return text.includes('\u001b') ? text.replace(ANSI, '') : text;
}

/** One row's text: the first line, cut at `maxChars`, with a marker saying what was left out. */
export function rowText(text: string, maxChars = 2000): { text: string; more: string | undefined } {
  const newline = text.indexOf('\n');
  const firstLine = newline >= 0 ? text.slice(0, newline) : text;
  const cut = firstLine.length > maxChars ? firstLine.slice(0, maxChars) : firstLine;
  const parts: string[] = [];
  if (cut.length < firstLine.length) parts.push(`${formatSize(firstLine.length - cut.length)} more`);
  const hiddenLines = newline >= 0 ? linesAfter(text, newline) : 0;
  if (hiddenLines > 0) parts.push(`${hiddenLines} more line${hiddenLines === 1 ? '' : 's'}`);
  return { text: displayText(cut.replace(/\r$/, '')), more: parts.length > 0 ? parts.join(', ') : undefined };
}

/** The expanded text of a line: whole up to `maxChars` (100 KB), then cut with the size said. */
export function expandedText(text: string, maxChars = 100_000): string {
  if (text.length <= maxChars) return displayText(text);
  return `${displayText(text.slice(0, maxChars))}\n… ${formatSize(text.length - maxChars)} more (export the lines to read all of it)`;
}

/** Lines after the first newline, a trailing newline not counting as a line. */
function linesAfter(text: string, firstNewline: number): number {
  let count = 0;
  for (let index = firstNewline; index >= 0 && index < text.length - 1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** `812 characters`, `1.0 MB`. */
export function formatSize(chars: number): string {
  if (chars < 10_000) return `${chars} characters`;
  if (chars < 1_000_000) return `${Math.round(chars / 1000)} KB`;
  return `${(chars / 1_000_000).toFixed(1)} MB`;
}
