// EventBridge event patterns (also the syntax of event source mapping filters and, nearly, SNS filter
// policies): build a sample that a pattern matches, and check whether an event matches a pattern.
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html

/** A decoded event pattern: keys to nested patterns or to lists of allowed values and matchers. */
export type EventPattern = { [key: string]: unknown };

type JsonObject = Record<string, unknown>;

const OMIT = Symbol('omit');
const SAMPLE_TEXT = 'sample';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A minimal object the pattern matches: every constrained field gets a value its first satisfiable
 * condition accepts (`exists: false` fields are left out). Unconstrained fields are not invented here.
 */
export function sampleFromPattern(pattern: unknown): JsonObject {
  if (!isObject(pattern)) return {};
  const sample: JsonObject = {};
  for (const [key, condition] of Object.entries(pattern)) {
    if (key === '$or') {
      const first = Array.isArray(condition) ? condition.find(isObject) : undefined;
      deepMerge(sample, sampleFromPattern(first));
      continue;
    }
    const value = Array.isArray(condition) ? sampleFromConditions(condition) : sampleFromPattern(condition);
    if (value !== OMIT) sample[key] = value;
  }
  return sample;
}

function sampleFromConditions(conditions: unknown[]): unknown {
  for (const condition of conditions) {
    const candidate = isObject(condition) ? sampleFromMatcher(condition) : condition;
    if (candidate === undefined) continue;
    if (candidate === OMIT) return OMIT;
    if (matchesConditions(conditions, candidate, true)) return candidate;
  }
  return conditions.length === 0 ? SAMPLE_TEXT : OMIT;
}

function sampleFromMatcher(matcher: JsonObject): unknown {
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix': {
      const prefix = textOperand(operand);
      return /[A-Za-z0-9]$/.test(prefix) ? `${prefix}-${SAMPLE_TEXT}` : `${prefix}${SAMPLE_TEXT}`;
    }
    case 'suffix': {
      const suffix = textOperand(operand);
      return /^[A-Za-z0-9]/.test(suffix) ? `${SAMPLE_TEXT}-${suffix}` : `${SAMPLE_TEXT}${suffix}`;
    }
    case 'equals-ignore-case':
      return textOperand(operand);
    case 'wildcard':
      return textOperand(operand)
        .replace(/(?<!\\)\*/g, SAMPLE_TEXT)
        .replace(/\\\*/g, '*');
    case 'exists':
      return operand === false ? OMIT : SAMPLE_TEXT;
    case 'numeric':
      return Array.isArray(operand) ? sampleNumber(operand) : undefined;
    case 'cidr':
      return typeof operand === 'string' ? firstHost(operand) : undefined;
    case 'anything-but':
      return sampleAnythingBut(operand);
    default:
      return undefined;
  }
}

function textOperand(operand: unknown): string {
  if (isObject(operand)) return textOperand(operand['equals-ignore-case']);
  return typeof operand === 'string' ? operand : '';
}

function sampleAnythingBut(operand: unknown): unknown {
  const excluded = Array.isArray(operand) ? operand : [operand];
  if (excluded.length > 0 && excluded.every((value) => typeof value === 'number')) {
    return Math.max(...excluded) + 1;
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = attempt === 0 ? 'sample-value' : `sample-value-${attempt}`;
    const prefixed = `x-${candidate}`;
    for (const value of [candidate, prefixed]) {
      if (!matchesMatcher({ 'anything-but': operand }, value)) continue;
      return value;
    }
  }
  return undefined;
}

function sampleNumber(conditions: unknown[]): number | undefined {
  let low = -Infinity;
  let high = Infinity;
  let lowStrict = false;
  let highStrict = false;
  for (let index = 0; index + 1 < conditions.length; index += 2) {
    const operator = conditions[index];
    const bound = Number(conditions[index + 1]);
    if (!Number.isFinite(bound)) return undefined;
    if (operator === '=') return bound;
    if (operator === '>' || operator === '>=') [low, lowStrict] = [bound, operator === '>'];
    if (operator === '<' || operator === '<=') [high, highStrict] = [bound, operator === '<'];
  }
  if (low === -Infinity && high === Infinity) return 0;
  if (low === -Infinity) return highStrict ? high - 1 : high;
  if (high === Infinity) return lowStrict ? low + 1 : low;
  const integer = lowStrict ? Math.floor(low) + 1 : Math.ceil(low);
  if (integer < high || (!highStrict && integer === high)) return integer;
  return (low + high) / 2;
}

function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return undefined;
  return parts.reduce((total, part) => total * 256 + part, 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function parseCidr(cidr: string): { network: number; size: number } | undefined {
  const [address = '', bits = '32'] = cidr.split('/');
  const base = ipv4ToNumber(address);
  const prefix = Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { network: Math.floor(base / size) * size, size };
}

function firstHost(cidr: string): string | undefined {
  const parsed = parseCidr(cidr);
  if (!parsed) return cidr.includes(':') ? cidr.split('/')[0] : undefined;
  return numberToIpv4(parsed.network + (parsed.size > 2 ? 1 : 0));
}

/** Merges `source` into `target` recursively (objects merge, everything else replaces). */
export function deepMerge(target: JsonObject, source: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isObject(existing) && isObject(value)) deepMerge(existing, value);
    else target[key] = value;
  }
  return target;
}

/** True when the event matches the pattern, following EventBridge's matching rules. */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) return false;
  for (const [key, condition] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(condition) || !condition.some((alternative) => matchesEventPattern(alternative, event))) {
        return false;
      }
      continue;
    }
    const present = isObject(event) && Object.hasOwn(event, key);
    const value = present ? event[key] : undefined;
    if (Array.isArray(condition)) {
      if (!matchesConditions(condition, value, present)) return false;
    } else if (isObject(condition)) {
      if (!isObject(value) || !matchesEventPattern(condition, value)) return false;
    } else {
      return false;
    }
  }
  return true;
}

function matchesConditions(conditions: unknown[], value: unknown, present: boolean): boolean {
  // A field that holds an array matches when any of its elements does.
  const candidates = Array.isArray(value) ? value : [value];
  return conditions.some((condition) => {
    if (isObject(condition)) {
      if ('exists' in condition) return condition.exists === present;
      return present && candidates.some((candidate) => matchesMatcher(condition, candidate));
    }
    return present && candidates.some((candidate) => equalsLiteral(condition, candidate));
  });
}

function equalsLiteral(literal: unknown, value: unknown): boolean {
  if (typeof literal === 'number' && typeof value === 'number') return literal === value;
  return literal === value;
}

function matchesMatcher(matcher: JsonObject, value: unknown): boolean {
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && textCompare(operand, value, (text, part) => text.startsWith(part));
    case 'suffix':
      return typeof value === 'string' && textCompare(operand, value, (text, part) => text.endsWith(part));
    case 'equals-ignore-case':
      return typeof value === 'string' && typeof operand === 'string' && value.toLowerCase() === operand.toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && typeof operand === 'string' && wildcardRegExp(operand).test(value);
    case 'numeric':
      return typeof value === 'number' && Array.isArray(operand) && matchesNumeric(operand, value);
    case 'cidr':
      return typeof value === 'string' && typeof operand === 'string' && matchesCidr(operand, value);
    case 'anything-but':
      return !matchesAny(operand, value);
    default:
      return false;
  }
}

function textCompare(operand: unknown, value: string, test: (text: string, part: string) => boolean): boolean {
  if (isObject(operand) && typeof operand['equals-ignore-case'] === 'string') {
    return test(value.toLowerCase(), operand['equals-ignore-case'].toLowerCase());
  }
  return typeof operand === 'string' && test(value, operand);
}

function matchesAny(operand: unknown, value: unknown): boolean {
  if (isObject(operand)) return matchesMatcher(operand, value);
  const excluded = Array.isArray(operand) ? operand : [operand];
  return excluded.some((literal) => equalsLiteral(literal, value));
}

function wildcardRegExp(wildcard: string): RegExp {
  const parts = wildcard
    .split(/(?<!\\)\*/)
    .map((part) => part.replace(/\\\*/g, '*').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

function matchesNumeric(conditions: unknown[], value: number): boolean {
  for (let index = 0; index + 1 < conditions.length; index += 2) {
    const bound = Number(conditions[index + 1]);
    const ok = {
      '=': value === bound,
      '>': value > bound,
      '>=': value >= bound,
      '<': value < bound,
      '<=': value <= bound,
    }[String(conditions[index])];
    if (!ok) return false;
  }
  return true;
}

function matchesCidr(cidr: string, value: string): boolean {
  const parsed = parseCidr(cidr);
  const address = ipv4ToNumber(value);
  if (!parsed || address === undefined) return false;
  return address >= parsed.network && address < parsed.network + parsed.size;
}
