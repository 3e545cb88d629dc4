// Space-delimited filter patterns: `[ip, user, ..., status = 4*, size > 1000]`. A message is split into fields on
// spaces; "quoted" and [bracketed] runs count as one field. `...` stands for any number of fields.
import { parseLiteral, readQuoted, type ComparisonOperator, type FilterValue } from './jsonFilterCondition';
import { compareValue } from './jsonFilterMatcher';

/** A parsed space-delimited pattern. */
export interface SpaceDelimitedPattern {
  /** Field names in order; `...` marks an ellipsis. Unnamed fields get `$<position>`. */
  fields: string[];
  /** Per field entry, its conditions as alternatives (`||`) of conjunctions (`&&`); every entry must hold. */
  conditions: FieldCondition[][][];
}

interface FieldCondition {
  field: string;
  operator: ComparisonOperator;
  value: FilterValue;
}

/** Parses `[a, b = 1 || b = 2, ...]`; throws Error with a reason on bad syntax. */
export function parseSpaceDelimitedPattern(pattern: string): SpaceDelimitedPattern {
  const trimmed = pattern.trim();
  if (!trimmed.endsWith(']')) throw new Error('a space-delimited pattern must end with "]"');
  const fields: string[] = [];
  const conditions: FieldCondition[][][] = [];
  for (const [position, rawEntry] of splitOutsideQuotes(trimmed.slice(1, -1), ',').entries()) {
    const entry = rawEntry.trim();
    if (entry === '...') {
      fields.push('...');
      continue;
    }
    const parts = splitConditions(entry);
    const first = parts[0];
    const name = /^[\w-]+/.exec(first?.text ?? '')?.[0] ?? `$${position}`;
    fields.push(name);
    const alternatives: FieldCondition[][] = [[]];
    for (const part of parts) {
      const condition = parseCondition(part.text, name);
      if (!condition) continue;
      if (part.joiner === '||') alternatives.push([]);
      alternatives[alternatives.length - 1]!.push(condition);
    }
    const nonEmpty = alternatives.filter((group) => group.length > 0);
    if (nonEmpty.length > 0) conditions.push(nonEmpty);
  }
  return { fields, conditions };
}

/** True when the message splits into fields that fit the pattern and satisfy its conditions. */
export function matchesSpaceDelimited(pattern: SpaceDelimitedPattern, message: string): boolean {
  const tokens = splitMessage(message);
  const bound = bindFields(pattern.fields, tokens);
  if (!bound) return false;
  return pattern.conditions.every((alternatives) =>
    alternatives.some((group) =>
      group.every((condition) => {
        const value = bound.get(condition.field);
        return value !== undefined && compareValue(value, condition.operator, condition.value);
      }),
    ),
  );
}

/**
 * The named fields of a matching message, keyed `$name` as TestMetricFilter's extractedValues are (unnamed
 * positions and `...` are not reported); undefined when the message does not match.
 */
export function extractSpaceDelimited(
  pattern: SpaceDelimitedPattern,
  message: string,
): Record<string, string> | undefined {
  if (!matchesSpaceDelimited(pattern, message)) return undefined;
  const bound = bindFields(pattern.fields, splitMessage(message))!;
  const values: Record<string, string> = {};
  for (const [name, value] of bound) if (!name.startsWith('$')) values[`$${name}`] = value;
  return values;
}

function bindFields(fields: string[], tokens: string[]): Map<string, string> | undefined {
  const ellipsis = fields.indexOf('...');
  const bound = new Map<string, string>();
  if (ellipsis < 0) {
    if (fields.length !== tokens.length) return undefined;
    fields.forEach((field, index) => bound.set(field, tokens[index]!));
    return bound;
  }
  const before = fields.slice(0, ellipsis);
  const after = fields.slice(ellipsis + 1).filter((field) => field !== '...');
  if (before.length + after.length > tokens.length) return undefined;
  before.forEach((field, index) => bound.set(field, tokens[index]!));
  after.forEach((field, index) => bound.set(field, tokens[tokens.length - after.length + index]!));
  return bound;
}

function parseCondition(text: string, defaultField: string): FieldCondition | undefined {
  const match = /^([\w-]+)?\s*(!=|<=|>=|=|<|>)\s*(.+)$/s.exec(text.trim());
  if (!match) {
    if (/[=<>]/.test(text)) throw new Error(`cannot read the condition ${JSON.stringify(text.trim())}`);
    return undefined;
  }
  const rawValue = match[3]!.trim();
  const value: FilterValue = rawValue.startsWith('"')
    ? { kind: 'string', text: readQuoted(rawValue, 0)[0] }
    : parseLiteral(rawValue);
  return { field: match[1] ?? defaultField, operator: match[2] as ComparisonOperator, value };
}

function splitConditions(entry: string): { text: string; joiner?: '&&' | '||' }[] {
  const parts: { text: string; joiner?: '&&' | '||' }[] = [];
  let joiner: '&&' | '||' | undefined;
  for (const piece of entry.split(/(&&|\|\|)/)) {
    if (piece === '&&' || piece === '||') joiner = piece;
    else parts.push({ text: piece, joiner });
  }
  return parts;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (quoted) throw new Error('unterminated string');
  parts.push(current);
  return parts;
}

function splitMessage(message: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < message.length) {
    const char = message[index]!;
    if (char === ' ' || char === '\t') {
      index++;
      continue;
    }
    const close = char === '"' ? '"' : char === '[' ? ']' : undefined;
    if (close) {
      const end = message.indexOf(close, index + 1);
      const stop = end < 0 ? message.length : end;
      tokens.push(message.slice(index + 1, stop));
      index = stop + 1;
      continue;
    }
    let end = index;
    while (end < message.length && message[end] !== ' ' && message[end] !== '\t') end++;
    tokens.push(message.slice(index, end));
    index = end;
  }
  return tokens;
}
