// Template text (names, descriptions, default values, excerpts) inside the Markdown of hovers: it must show as
// written and never act. The editor renders hovers untrusted and without HTML, so `command:` links and tags cannot
// run; escaping also keeps a Description from posing as a link, a heading or a code fence, and terminal control
// sequences (ANSI colours) are dropped rather than shown as garbage.

/** Terminal control sequences (CSI and OSC) and the other C0/C1 control characters but tab and newline. */
const CONTROL =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Inline syntax: emphasis, code, links and images, HTML and entities, tables, strikethrough. */
const INLINE_SYNTAX = /[\\`*_[\]<>&|~]/g;
/** Block syntax at the start of a line: headings, lists, quotes, setext underlines, ordered lists. */
const LINE_START_SYNTAX = /^(\s*\d*)([-+=#>.)])/gm;

/** Text without terminal control sequences. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}

/** Text shown literally in Markdown: what Markdown could read as syntax is escaped, the rest left readable. */
export function markdownText(text: string): string {
  return withoutControlCharacters(text)
    .replace(INLINE_SYNTAX, (character) => `\\${character}`)
    .replace(LINE_START_SYNTAX, (_match, indent: string, marker: string) => `${indent}\\${marker}`);
}

/** Text as an inline code span, fenced with more backticks than it contains in a row. */
export function markdownCode(text: string): string {
  const clean = withoutControlCharacters(text).replace(/\n/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(clean) + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Text as a fenced code block that the text cannot close. */
export function markdownCodeBlock(text: string, language: string): string {
  const clean = withoutControlCharacters(text);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(clean) + 1));
  return `${fence}${language}\n${clean}\n${fence}`;
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
