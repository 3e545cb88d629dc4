// Reads the block structure of one YAML line: its `- ` item markers, its `key:`, and the inline value after
// them. The cursor context walks these upwards by indentation, which works on half-typed text the parser rejects.

/** A sequence item marker or a map key on a line. */
export interface BlockEntry {
  kind: 'item' | 'key';
  /** Zero-based column where the marker or key starts. */
  column: number;
  /** The key's text, unquoted. */
  key?: string;
}

/** The structure of one line. */
export interface BlockLine {
  /** Blank or comment-only. */
  trivia: boolean;
  indent: number;
  entries: BlockEntry[];
  /** Column where the inline value after the last entry starts (after `: ` or `- `). */
  valueColumn: number;
  /** The inline value, without a trailing comment. */
  value: string;
  /** A leading tag of the inline value (`!If` in `Key: !If`). */
  valueTag: string | undefined;
  /** The value is a block scalar header (`|`, `>-`, `!Sub |`): the lines below are its text. */
  blockScalar: boolean;
}

const KEY =
  /^(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\n]|'')*)'|([^\s#'"[\]{},!&*|>%@`-][^\n#]*?|-[^\s\n#][^\n#]*?))[ \t]*:(?=[ \t\r]|$)/;
const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*[ \t\r]*(?:#.*)?$/;

/** Parses one line (without its newline). */
export function parseBlockLine(line: string): BlockLine {
  let indent = 0;
  while (line.charCodeAt(indent) === 32) indent++;
  const entries: BlockEntry[] = [];
  let column = indent;
  for (;;) {
    if (line[column] === '-' && (column + 1 === line.length || /[ \r]/.test(line[column + 1]!))) {
      entries.push({ kind: 'item', column });
      column++;
      while (line[column] === ' ') column++;
      continue;
    }
    const match = KEY.exec(line.slice(column));
    if (match) {
      const key = match[1] ?? match[2]?.replace(/''/g, "'") ?? match[3] ?? '';
      entries.push({ kind: 'key', column, key: key.trimEnd() });
      column += match[0].length;
      while (line[column] === ' ') column++;
    }
    break;
  }
  const value = stripComment(line.slice(column)).trimEnd();
  const tagMatch = /^(![^\s[\]{},]*)(?:\s+|$)/.exec(value);
  const valueTag = tagMatch?.[1];
  const afterTag = tagMatch ? value.slice(tagMatch[0].length) : value;
  return {
    trivia: entries.length === 0 && (value === '' || value.startsWith('#')),
    indent,
    entries,
    valueColumn: column,
    value,
    valueTag,
    blockScalar: BLOCK_SCALAR_HEADER.test(afterTag),
  };
}

/** Drops a ` # comment` outside quotes. */
function stripComment(value: string): string {
  let quote: string | undefined;
  for (let index = 0; index < value.length; index++) {
    const char = value[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      if (index === 0 || /[\s[{,:]/.test(value[index - 1]!)) quote = char;
    } else if (char === '#' && (index === 0 || /\s/.test(value[index - 1]!))) {
      return value.slice(0, index);
    }
  }
  return value;
}

/** The literal text of a plain or quoted scalar value, or undefined for tags, collections and empty values. */
export function literalValue(value: string): string | undefined {
  if (value === '' || /^[!&*[{|>]/.test(value)) return undefined;
  const quoted = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^']|'')*)'$/.exec(value);
  if (quoted) return quoted[1] ?? quoted[2]?.replace(/''/g, "'");
  return value;
}
