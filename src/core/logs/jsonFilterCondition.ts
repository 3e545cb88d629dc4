// The parser of JSON filter patterns: `{ $.level = "ERROR" }`, `{ ($.latency > 500) && ($.path = "/users*") }`,
// `{ $.user.id IS NULL }`, `{ $.trace NOT EXISTS }`.

/** One step of a `$.a.b[0]` selector: a property name or an array index. */
export type SelectorStep = string | number;

/** A comparison operator of JSON and space-delimited patterns. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A literal on the right of a comparison; strings may contain `*` wildcards. */
export type FilterValue = { kind: 'string'; text: string } | { kind: 'number'; value: number };

/** A parsed JSON filter condition tree. */
export type JsonCondition =
  | { kind: 'and' | 'or'; left: JsonCondition; right: JsonCondition }
  | { kind: 'compare'; selector: SelectorStep[]; operator: ComparisonOperator; value: FilterValue }
  | { kind: 'isNull' | 'isTrue' | 'isFalse' | 'notExists' | 'exists'; selector: SelectorStep[] };

type Token =
  | { kind: 'punct'; text: '(' | ')' | '&&' | '||' }
  | { kind: 'operator'; text: ComparisonOperator }
  | { kind: 'selector'; steps: SelectorStep[] }
  | { kind: 'string'; text: string }
  | { kind: 'word'; text: string };

/** Parses the text of a JSON pattern, braces included. Throws Error with a reason on bad syntax. */
export function parseJsonCondition(pattern: string): JsonCondition {
  const trimmed = pattern.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) throw new Error('a JSON pattern must be wrapped in { }');
  const tokens = tokenize(trimmed.slice(1, -1));
  if (tokens.length === 0) throw new Error('empty JSON pattern');
  const parser = new ConditionParser(tokens);
  const condition = parser.parseOr();
  if (!parser.done()) throw new Error(`unexpected ${describe(parser.peek())}`);
  return condition;
}

class ConditionParser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.index >= this.tokens.length;
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  parseOr(): JsonCondition {
    let left = this.parseAnd();
    while (this.isPunct('||')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): JsonCondition {
    let left = this.parseUnary();
    while (this.isPunct('&&')) {
      this.index++;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): JsonCondition {
    if (this.isPunct('(')) {
      this.index++;
      const inner = this.parseOr();
      if (!this.isPunct(')')) throw new Error(`expected ")" but found ${describe(this.peek())}`);
      this.index++;
      return inner;
    }
    const selector = this.tokens[this.index++];
    if (selector?.kind !== 'selector') throw new Error(`expected a $. selector but found ${describe(selector)}`);
    const next = this.tokens[this.index++];
    if (next?.kind === 'operator') {
      return { kind: 'compare', selector: selector.steps, operator: next.text, value: this.parseValue() };
    }
    if (next?.kind === 'word') return this.parseKeywordTest(selector.steps, next.text.toUpperCase());
    throw new Error(`expected an operator after the selector but found ${describe(next)}`);
  }

  private parseKeywordTest(selector: SelectorStep[], keyword: string): JsonCondition {
    const argument = this.tokens[this.index++];
    const word = argument?.kind === 'word' ? argument.text.toUpperCase() : undefined;
    if (keyword === 'IS' && word === 'NULL') return { kind: 'isNull', selector };
    if (keyword === 'IS' && word === 'TRUE') return { kind: 'isTrue', selector };
    if (keyword === 'IS' && word === 'FALSE') return { kind: 'isFalse', selector };
    if (keyword === 'NOT' && word === 'EXISTS') return { kind: 'notExists', selector };
    if (keyword === 'EXISTS' && argument === undefined) return { kind: 'exists', selector };
    throw new Error(`expected IS NULL, IS TRUE, IS FALSE or NOT EXISTS after the selector`);
  }

  private parseValue(): FilterValue {
    const token = this.tokens[this.index++];
    if (token?.kind === 'string') return { kind: 'string', text: token.text };
    if (token?.kind === 'word') return parseLiteral(token.text);
    throw new Error(`expected a value but found ${describe(token)}`);
  }

  private isPunct(text: string): boolean {
    const token = this.tokens[this.index];
    return token?.kind === 'punct' && token.text === text;
  }
}

/** A bare word is a number when it reads as one, else a string (which may hold `*` wildcards). */
export function parseLiteral(text: string): FilterValue {
  const number = Number(text);
  if (text !== '' && Number.isFinite(number) && /^-?[\d.]+(e[+-]?\d+)?$/i.test(text)) {
    return { kind: 'number', value: number };
  }
  return { kind: 'string', text };
}

function describe(token: Token | undefined): string {
  if (!token) return 'the end of the pattern';
  if (token.kind === 'selector') return 'a selector';
  return JSON.stringify(token.text);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    const pair = text.slice(index, index + 2);
    if (/\s/.test(char)) {
      index++;
    } else if (pair === '&&' || pair === '||') {
      tokens.push({ kind: 'punct', text: pair });
      index += 2;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: 'punct', text: char });
      index++;
    } else if (pair === '!=' || pair === '<=' || pair === '>=') {
      tokens.push({ kind: 'operator', text: pair });
      index += 2;
    } else if (char === '=' || char === '<' || char === '>') {
      tokens.push({ kind: 'operator', text: char });
      index++;
    } else if (char === '"') {
      const [value, next] = readQuoted(text, index);
      tokens.push({ kind: 'string', text: value });
      index = next;
    } else if (char === '$') {
      const [steps, next] = readSelector(text, index);
      tokens.push({ kind: 'selector', steps });
      index = next;
    } else {
      let end = index;
      while (end < text.length && !/[\s()=!<>&|"]/.test(text[end]!)) end++;
      if (end === index) throw new Error(`unexpected character ${JSON.stringify(char)}`);
      tokens.push({ kind: 'word', text: text.slice(index, end) });
      index = end;
    }
  }
  return tokens;
}

/** Reads a double-quoted string starting at `start`; returns its text and the index after the closing quote. */
export function readQuoted(text: string, start: number): [string, number] {
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\\' && index + 1 < text.length) {
      value += text[index + 1];
      index += 2;
    } else if (char === '"') {
      return [value, index + 1];
    } else {
      value += char;
      index++;
    }
  }
  throw new Error('unterminated string');
}

/**
 * Reads a whole `$.a.b[0]` selector (a metric filter's value or dimension names one); undefined when the text is
 * not exactly one selector.
 */
export function parseSelector(text: string): SelectorStep[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('$')) return undefined;
  try {
    const [steps, end] = readSelector(trimmed, 0);
    return end === trimmed.length ? steps : undefined;
  } catch {
    return undefined;
  }
}

function readSelector(text: string, start: number): [SelectorStep[], number] {
  const steps: SelectorStep[] = [];
  let index = start + 1;
  for (;;) {
    if (text[index] === '.') {
      let end = index + 1;
      while (end < text.length && /[\w\-@:]/.test(text[end]!)) end++;
      if (end === index + 1) throw new Error('expected a property name after "." in the selector');
      steps.push(text.slice(index + 1, end));
      index = end;
    } else if (text[index] === '[') {
      const close = text.indexOf(']', index);
      const inside = close < 0 ? '' : text.slice(index + 1, close);
      if (!/^\d+$/.test(inside)) throw new Error('expected an array index like [0] in the selector');
      steps.push(Number(inside));
      index = close + 1;
    } else {
      break;
    }
  }
  if (steps.length === 0) throw new Error('a selector needs at least one property, e.g. $.level');
  return [steps, index];
}
