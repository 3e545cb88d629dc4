// CloudWatch Logs filter patterns, parsed once and matched against many messages.
// Syntax: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
// Pure: shared by the local cloud's FilterLogEvents / StartLiveTail and the log tail view.
import { WorkbenchError } from '../errors';
import { parseJsonCondition, type JsonCondition } from './jsonFilterCondition';
import { matchesJsonCondition } from './jsonFilterMatcher';
import {
  extractSpaceDelimited,
  parseSpaceDelimitedPattern,
  matchesSpaceDelimited,
  type SpaceDelimitedPattern,
} from './spaceDelimitedPattern';

/** A parsed filter pattern; `matchesFilterPattern` applies it. */
export type FilterPattern =
  | { kind: 'all' }
  | { kind: 'terms'; required: string[]; anyOf: string[]; excluded: string[] }
  | { kind: 'json'; condition: JsonCondition }
  | { kind: 'regex'; expression: RegExp }
  | { kind: 'spaceDelimited'; pattern: SpaceDelimitedPattern };

/** Thrown for a pattern CloudWatch would reject; the Logs service answers InvalidParameterException. */
export class FilterPatternError extends WorkbenchError {
  constructor(pattern: string, reason: string) {
    super(`Invalid filter pattern ${JSON.stringify(pattern)}: ${reason}`, {
      code: 'InvalidFilterPattern',
      hint: 'See the CloudWatch Logs filter pattern syntax: terms, "quoted phrases", ?alternatives, -exclusions, { $.field = value }.',
    });
    this.name = 'FilterPatternError';
  }
}

/** Parses a filter pattern; an empty or blank pattern matches every event. */
export function parseFilterPattern(text: string | undefined): FilterPattern {
  const pattern = (text ?? '').trim();
  if (pattern === '') return { kind: 'all' };
  try {
    if (pattern.startsWith('{')) return { kind: 'json', condition: parseJsonCondition(pattern) };
    if (pattern.startsWith('[')) return { kind: 'spaceDelimited', pattern: parseSpaceDelimitedPattern(pattern) };
    if (pattern.length >= 2 && pattern.startsWith('%') && pattern.endsWith('%')) {
      return { kind: 'regex', expression: new RegExp(pattern.slice(1, -1)) };
    }
    return parseTerms(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError) throw error;
    throw new FilterPatternError(pattern, error instanceof Error ? error.message : String(error));
  }
}

/** True when the log message matches the pattern. */
export function matchesFilterPattern(pattern: FilterPattern, message: string): boolean {
  switch (pattern.kind) {
    case 'all':
      return true;
    case 'terms':
      return matchesTerms(pattern, message);
    case 'regex':
      return pattern.expression.test(message);
    case 'json':
      return matchesJsonMessage(pattern.condition, message);
    case 'spaceDelimited':
      return matchesSpaceDelimited(pattern.pattern, message);
  }
}

/**
 * What a metric filter reads from a matching message (TestMetricFilter's extractedValues): the named fields of a
 * space-delimited pattern, keyed `$name`; nothing for other patterns. Undefined when the message does not match.
 */
export function extractFilterValues(pattern: FilterPattern, message: string): Record<string, string> | undefined {
  if (pattern.kind === 'spaceDelimited') return extractSpaceDelimited(pattern.pattern, message);
  return matchesFilterPattern(pattern, message) ? {} : undefined;
}

/** A parser that parses each pattern text once: for filters applied to every event that arrives. */
export function filterPatternCache(): (text: string | undefined) => FilterPattern {
  const patterns = new Map<string, FilterPattern>();
  return (text) => {
    const key = text ?? '';
    let pattern = patterns.get(key);
    if (!pattern) {
      pattern = parseFilterPattern(key);
      patterns.set(key, pattern);
    }
    return pattern;
  };
}

/** Parses and returns a predicate, the common case for callers that filter a list. */
export function compileFilterPattern(text: string | undefined): (message: string) => boolean {
  const pattern = parseFilterPattern(text);
  return (message) => matchesFilterPattern(pattern, message);
}

function matchesTerms(pattern: Extract<FilterPattern, { kind: 'terms' }>, message: string): boolean {
  for (const term of pattern.required) if (!message.includes(term)) return false;
  for (const term of pattern.excluded) if (message.includes(term)) return false;
  if (pattern.anyOf.length === 0) return true;
  return pattern.anyOf.some((term) => message.includes(term));
}

function matchesJsonMessage(condition: JsonCondition, message: string): boolean {
  // Only events whose message is a JSON object take part; a cheap check avoids parsing plain lines.
  const start = message.indexOf('{');
  if (start < 0 || message.slice(0, start).trim() !== '') return false;
  let document: unknown;
  try {
    document = JSON.parse(message);
  } catch {
    return false;
  }
  return typeof document === 'object' && document !== null && matchesJsonCondition(condition, document);
}

/** Splits `ERROR "bad thing" ?WARN -DEBUG` into its terms; quotes keep spaces and special characters. */
function parseTerms(pattern: string): FilterPattern {
  const required: string[] = [];
  const anyOf: string[] = [];
  const excluded: string[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === ' ' || char === '\t') {
      index++;
      continue;
    }
    let bucket = required;
    if (char === '?') {
      bucket = anyOf;
      index++;
    } else if (char === '-' && index + 1 < pattern.length && pattern[index + 1] !== ' ') {
      bucket = excluded;
      index++;
    }
    const [term, next] = readTerm(pattern, index);
    if (term === '') throw new FilterPatternError(pattern, `empty term at position ${index}`);
    bucket.push(term);
    index = next;
  }
  return { kind: 'terms', required, anyOf, excluded };
}

function readTerm(pattern: string, start: number): [string, number] {
  if (pattern[start] !== '"') {
    let end = start;
    while (end < pattern.length && pattern[end] !== ' ' && pattern[end] !== '\t') end++;
    return [pattern.slice(start, end), end];
  }
  let term = '';
  let index = start + 1;
  while (index < pattern.length) {
    const char = pattern[index]!;
    if (char === '\\' && index + 1 < pattern.length) {
      term += pattern[index + 1];
      index += 2;
      continue;
    }
    if (char === '"') return [term, index + 1];
    term += char;
    index++;
  }
  throw new FilterPatternError(pattern, 'unterminated quoted phrase');
}
