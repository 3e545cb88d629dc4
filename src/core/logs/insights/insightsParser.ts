// Logs Insights commands and expressions, parsed from tokens (insightsSyntax.ts). Each expression keeps the text
// it was written as: an unnamed column is called by that text (`count(*)`, `avg(@duration)`), as AWS does.
import { InsightsSyntaxError, isCommandName, tokenize, type Token } from './insightsSyntax';

export type Expression =
  | { kind: 'literal'; value: string | number | boolean | null; text: string }
  | { kind: 'field'; name: string; text: string }
  | { kind: 'regex'; pattern: RegExp; text: string }
  | { kind: 'duration'; milliseconds: number; text: string }
  | { kind: 'list'; items: Expression[]; text: string }
  | { kind: 'star'; text: string }
  | { kind: 'call'; name: string; args: Expression[]; text: string }
  | { kind: 'unary'; operator: 'not' | '-'; operand: Expression; text: string }
  | { kind: 'binary'; operator: string; left: Expression; right: Expression; text: string };

/** An expression with the name its column gets. */
export interface NamedExpression {
  expression: Expression;
  name: string;
}

export type Command =
  | { kind: 'fields'; items: NamedExpression[] }
  | { kind: 'display'; names: string[] }
  | { kind: 'filter'; condition: Expression }
  | { kind: 'stats'; aggregates: NamedExpression[]; groups: NamedExpression[] }
  | { kind: 'sort'; keys: { expression: Expression; descending: boolean }[] }
  | { kind: 'limit'; count: number }
  | { kind: 'parse'; source: Expression; pattern: { glob: string } | { regex: RegExp }; names: string[] }
  | { kind: 'dedup'; names: string[] };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const UNIT_ALIASES: Record<string, string> = {
  sec: 's',
  second: 's',
  seconds: 's',
  min: 'm',
  minute: 'm',
  minutes: 'm',
  hr: 'h',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  week: 'w',
  weeks: 'w',
  mo: 'mo',
  month: 'mo',
  months: 'mo',
  q: 'q',
  y: 'y',
  year: 'y',
  years: 'y',
};

/** Parses a query; throws InsightsSyntaxError with AWS-like wording and the offending offsets. */
export function parseInsightsQuery(query: string): Command[] {
  const parser = new Parser(query, tokenize(query));
  const commands: Command[] = [];
  do {
    commands.push(parser.command());
  } while (parser.accept('|'));
  parser.expectEnd();
  return commands;
}

class Parser {
  private position = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  command(): Command {
    const token = this.next();
    const name = token.text.toLowerCase();
    if (token.kind !== 'word' || !isCommandName(name)) throw this.unexpected(token);
    switch (name) {
      case 'fields':
      case 'unmask':
        return { kind: 'fields', items: this.commaList(() => this.named()) };
      case 'display':
        return { kind: 'display', names: this.commaList(() => this.fieldName()) };
      case 'filter':
        return { kind: 'filter', condition: this.expression() };
      case 'stats': {
        const aggregates = this.commaList(() => this.named());
        const groups = this.acceptWord('by') ? this.commaList(() => this.named()) : [];
        return { kind: 'stats', aggregates, groups };
      }
      case 'sort':
        return {
          kind: 'sort',
          keys: this.commaList(() => {
            const expression = this.expression();
            const descending = this.acceptWord('desc') ? true : (this.acceptWord('asc'), false);
            return { expression, descending };
          }),
        };
      case 'limit': {
        const count = this.next();
        if (count.kind !== 'number' || !/^\d+$/.test(count.text)) throw this.unexpected(count);
        return { kind: 'limit', count: Number(count.text) };
      }
      case 'parse':
        return this.parseCommand();
      default:
        return { kind: 'dedup', names: this.commaList(() => this.fieldName()) };
    }
  }

  private parseCommand(): Command {
    const source = this.primary();
    const patternToken = this.next();
    if (patternToken.kind === 'regex') {
      const pattern = toRegExp(patternToken);
      const names = Object.keys(new RegExp(`${pattern.source}|`).exec('')?.groups ?? {});
      if (names.length === 0) {
        throw new InsightsSyntaxError(
          'parse with a regular expression needs named groups (?<name>...)',
          patternToken.start,
          patternToken.end,
        );
      }
      return { kind: 'parse', source, pattern: { regex: pattern }, names };
    }
    if (patternToken.kind !== 'string') throw this.unexpected(patternToken);
    if (!this.acceptWord('as')) throw this.unexpected(this.peek());
    const names = this.commaList(() => this.fieldName());
    const wildcards = (patternToken.value.match(/\*/g) ?? []).length;
    if (wildcards !== names.length) {
      throw new InsightsSyntaxError(
        `parse pattern has ${wildcards} wildcards but ${names.length} field names`,
        patternToken.start,
        this.tokens[this.position - 1]!.end,
      );
    }
    return { kind: 'parse', source, pattern: { glob: patternToken.value }, names };
  }

  private named(): NamedExpression {
    const expression = this.expression();
    return { expression, name: this.acceptWord('as') ? this.fieldName() : expression.text };
  }

  private fieldName(): string {
    const token = this.next();
    if (token.kind !== 'field' && token.kind !== 'word') throw this.unexpected(token);
    return token.value;
  }

  expression(): Expression {
    return this.binaryLevel(0);
  }

  /** Precedence climbing: or, and, comparisons, + -, * / %, ^. */
  private binaryLevel(level: number): Expression {
    const levels = [
      ['or'],
      ['and'],
      ['=', '!=', '<', '<=', '>', '>=', '=~', 'like', 'in', 'not'],
      ['+', '-'],
      ['*', '/', '%'],
      ['^'],
    ];
    if (level === 2 && this.acceptWord('not')) {
      const start = this.tokens[this.position - 1]!.start;
      const operand = this.binaryLevel(2);
      return { kind: 'unary', operator: 'not', operand, text: this.textFrom(start) };
    }
    if (level >= levels.length) return this.unary();
    const start = this.peek().start;
    let left = this.binaryLevel(level + 1);
    for (;;) {
      const token = this.peek();
      const operator = token.kind === 'word' || token.kind === 'symbol' ? token.text.toLowerCase() : '';
      if (!levels[level]!.includes(operator)) return left;
      this.position++;
      let resolved = operator;
      if (operator === 'not') {
        const following = this.next().text.toLowerCase();
        if (following !== 'like' && following !== 'in') throw this.unexpected(this.tokens[this.position - 1]!);
        resolved = `not ${following}`;
      }
      const right = this.binaryLevel(level + 1);
      left = { kind: 'binary', operator: resolved, left, right, text: this.textFrom(start) };
      if (level === 2) return left;
    }
  }

  private unary(): Expression {
    if (this.accept('-')) {
      const start = this.tokens[this.position - 1]!.start;
      const operand = this.unary();
      return { kind: 'unary', operator: '-', operand, text: this.textFrom(start) };
    }
    return this.primary();
  }

  private primary(): Expression {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: Number(token.text), text: token.text };
      case 'string':
        return { kind: 'literal', value: token.value, text: token.text };
      case 'regex':
        return { kind: 'regex', pattern: toRegExp(token), text: token.text };
      case 'duration':
        return { kind: 'duration', milliseconds: durationOf(token), text: token.text };
      case 'field':
        return { kind: 'field', name: token.value, text: token.text };
      case 'word': {
        const lower = token.text.toLowerCase();
        if (this.accept('(')) return this.call(token);
        if (lower === 'true' || lower === 'false')
          return { kind: 'literal', value: lower === 'true', text: token.text };
        if (lower === 'null') return { kind: 'literal', value: null, text: token.text };
        if (isCommandName(lower) && this.peek().kind !== 'end') throw this.unexpected(token);
        return { kind: 'field', name: token.text, text: token.text };
      }
      case 'symbol':
        if (token.text === '*') return { kind: 'star', text: '*' };
        if (token.text === '(') {
          const inner = this.expression();
          this.expect(')');
          return { ...inner, text: this.textFrom(token.start) };
        }
        if (token.text === '[') {
          const items = this.peek().text === ']' ? [] : this.commaList(() => this.expression());
          this.expect(']');
          return { kind: 'list', items, text: this.textFrom(token.start) };
        }
        throw this.unexpected(token);
      default:
        throw this.unexpected(token);
    }
  }

  private call(name: Token): Expression {
    const args = this.peek().text === ')' ? [] : this.commaList(() => this.expression());
    this.expect(')');
    return { kind: 'call', name: name.text.toLowerCase(), args, text: this.textFrom(name.start) };
  }

  private commaList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.accept(',')) items.push(item());
    return items;
  }

  private textFrom(start: number): string {
    return this.query.slice(start, this.tokens[this.position - 1]!.end).replace(/\s+/g, ' ');
  }

  accept(symbol: string): boolean {
    const token = this.peek();
    if (token.kind === 'symbol' && token.text === symbol) {
      this.position++;
      return true;
    }
    return false;
  }

  private acceptWord(word: string): boolean {
    const token = this.peek();
    if (token.kind === 'word' && token.text.toLowerCase() === word) {
      this.position++;
      return true;
    }
    return false;
  }

  private expect(symbol: string): void {
    if (!this.accept(symbol)) throw this.unexpected(this.peek());
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw this.unexpected(token);
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private next(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private unexpected(token: Token): InsightsSyntaxError {
    if (token.kind === 'end') return new InsightsSyntaxError('unexpected end of query', token.start, token.end);
    const line = this.query.slice(0, token.start).split('\n').length;
    const column = token.start - this.query.lastIndexOf('\n', token.start - 1);
    return new InsightsSyntaxError(
      `unexpected symbol found ${token.text} at line ${line} and position ${column}`,
      token.start,
      token.end,
    );
  }
}

/** A regex token as a RegExp: a leading `(?i)` or trailing flags become JavaScript flags. */
function toRegExp(token: Token): RegExp {
  let source = token.value;
  let flags = '';
  const trailing = /\/([imsx]+)$/.exec(source);
  if (trailing) {
    source = source.slice(0, -trailing[0].length);
    flags = trailing[1]!.replace('x', '');
  }
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    if (!flags.includes('i')) flags += 'i';
  }
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new InsightsSyntaxError(`invalid regular expression: ${(error as Error).message}`, token.start, token.end);
  }
}

function durationOf(token: Token): number {
  const match = /^(\d+)([a-z]+)$/i.exec(token.text)!;
  const unit = UNIT_ALIASES[match[2]!.toLowerCase()] ?? match[2]!.toLowerCase();
  const calendar: Record<string, number> = { mo: 30 * 86_400_000, q: 91 * 86_400_000, y: 365 * 86_400_000 };
  const size = UNIT_MS[unit] ?? calendar[unit];
  if (size === undefined) throw new InsightsSyntaxError(`unknown time unit ${match[2]}`, token.start, token.end);
  return Number(match[1]) * size;
}
