// The CloudWatch Logs Insights query language, read into commands: tokens, then a recursive-descent parser for
// the commands (fields, display, filter, stats ... by, sort, limit, parse, dedup) and their expressions.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
// Pure: no I/O, no vscode; the local cloud's StartQuery runs what this produces (insightsQueryRunner.ts).

/** A query the language rejects; `start`/`end` are character offsets, as AWS's queryCompileError gives them. */
export class InsightsSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = 'InsightsSyntaxError';
  }
}

export type TokenKind = 'word' | 'field' | 'number' | 'duration' | 'string' | 'regex' | 'symbol' | 'end';

/** One token and where it sits in the query text. */
export interface Token {
  kind: TokenKind;
  text: string;
  /** The string's contents, the regex's source, or the number's value as text. */
  value: string;
  start: number;
  end: number;
}

const SYMBOLS = ['!=', '<=', '>=', '=~', '|', ',', '(', ')', '[', ']', '+', '-', '*', '/', '%', '^', '=', '<', '>'];
const DURATION_UNITS =
  /^(ms|mo|s|m|h|d|w|q|y|sec|min|hr|day|week|month|year|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b/;

/** Splits a query into tokens; `#` starts a comment that runs to the end of the line. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const push = (kind: TokenKind, start: number, end: number, value = query.slice(start, end)) =>
    tokens.push({ kind, text: query.slice(start, end), value, start, end });
  while (index < query.length) {
    const char = query[index]!;
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    if (char === '#') {
      while (index < query.length && query[index] !== '\n') index++;
      continue;
    }
    const start = index;
    if (char === '"' || char === "'") {
      const [value, end] = readDelimited(query, index, char);
      push('string', start, end, value);
      index = end;
      continue;
    }
    if (char === '`') {
      const [value, end] = readDelimited(query, index, '`');
      push('field', start, end, value);
      index = end;
      continue;
    }
    if (char === '/' && regexAllowedAfter(tokens)) {
      const [value, end] = readDelimited(query, index, '/');
      let flagsEnd = end;
      while (flagsEnd < query.length && /[imsx]/.test(query[flagsEnd]!) && !/\w/.test(query[flagsEnd + 1] ?? ''))
        flagsEnd++;
      push('regex', start, flagsEnd, value + (flagsEnd > end ? `/${query.slice(end, flagsEnd)}` : ''));
      index = flagsEnd;
      continue;
    }
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(query.slice(index));
    if (number) {
      index += number[0].length;
      const unit = DURATION_UNITS.exec(query.slice(index));
      if (unit && !number[0].includes('.')) {
        index += unit[0].length;
        push('duration', start, index);
      } else {
        push('number', start, index);
      }
      continue;
    }
    const word = /^@?[A-Za-z_$][\w.@$]*(\[\d+\][\w.@$]*)*/.exec(query.slice(index));
    if (word) {
      index += word[0].length;
      push(word[0].startsWith('@') || word[0].includes('.') ? 'field' : 'word', start, index);
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => query.startsWith(candidate, index));
    if (!symbol)
      throw new InsightsSyntaxError(
        `unexpected symbol found ${char} at line ${lineOf(query, index)}`,
        index,
        index + 1,
      );
    index += symbol.length;
    push('symbol', start, index);
  }
  tokens.push({ kind: 'end', text: '', value: '', start: query.length, end: query.length });
  return tokens;
}

/**
 * A `/` starts a regex unless it can divide (after a value: a field, number, string or closing bracket), except
 * in `parse <field> /regex/`.
 */
function regexAllowedAfter(tokens: Token[]): boolean {
  const previous = tokens.at(-1);
  if (!previous) return true;
  if (tokens.at(-2)?.text.toLowerCase() === 'parse' && (previous.kind === 'field' || previous.kind === 'word'))
    return true;
  if (previous.kind === 'symbol') return previous.text !== ')' && previous.text !== ']';
  if (previous.kind === 'word') return isKeyword(previous.text) || isCommandName(previous.text);
  return false;
}

function readDelimited(text: string, start: number, delimiter: string): [string, number] {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      const next = text[index + 1]!;
      // Regexes keep their escapes; strings and quoted names unescape the delimiter and backslash.
      value +=
        delimiter === '/' && next !== '/' ? `\\${next}` : next === delimiter || next === '\\' ? next : `\\${next}`;
      index += 2;
      continue;
    }
    if (char === delimiter) return [value, index + 1];
    value += char;
    index++;
  }
  throw new InsightsSyntaxError(
    `unterminated ${delimiter === '/' ? 'regular expression' : 'string'}`,
    start,
    text.length,
  );
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);
const COMMANDS = new Set(['fields', 'display', 'filter', 'stats', 'sort', 'limit', 'parse', 'dedup', 'unmask']);

export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word.toLowerCase());
}

export function isCommandName(word: string): boolean {
  return COMMANDS.has(word.toLowerCase());
}
