// Evaluates a parsed JSON filter condition against a parsed log message.
import type { ComparisonOperator, FilterValue, JsonCondition, SelectorStep } from './jsonFilterCondition';

/** True when the JSON document satisfies the condition. */
export function matchesJsonCondition(condition: JsonCondition, document: object): boolean {
  switch (condition.kind) {
    case 'and':
      return matchesJsonCondition(condition.left, document) && matchesJsonCondition(condition.right, document);
    case 'or':
      return matchesJsonCondition(condition.left, document) || matchesJsonCondition(condition.right, document);
    case 'compare': {
      const field = select(document, condition.selector);
      if (field === undefined) return false;
      // A selector that ends on an array matches when any element does, as CloudWatch does.
      const candidates = Array.isArray(field) ? (field as unknown[]) : [field];
      return candidates.some((candidate) => compareValue(candidate, condition.operator, condition.value));
    }
    case 'isNull':
      return select(document, condition.selector) === null;
    case 'isTrue':
      return select(document, condition.selector) === true;
    case 'isFalse':
      return select(document, condition.selector) === false;
    case 'notExists':
      return select(document, condition.selector) === undefined;
    case 'exists':
      return select(document, condition.selector) !== undefined;
  }
}

/** Compares one field value (JSON or a space-delimited token) with a pattern literal. */
export function compareValue(field: unknown, operator: ComparisonOperator, value: FilterValue): boolean {
  if (value.kind === 'number') {
    const number = typeof field === 'number' ? field : typeof field === 'string' ? Number(field) : Number.NaN;
    if (Number.isNaN(number)) return operator === '!=' && field !== undefined && field !== null;
    return compareNumbers(number, operator, value.value);
  }
  if (typeof field === 'object' && field !== null) return false;
  const text = String(field);
  if (operator === '=') return matchesWildcard(text, value.text);
  if (operator === '!=') return !matchesWildcard(text, value.text);
  return false;
}

function compareNumbers(left: number, operator: ComparisonOperator, right: number): boolean {
  switch (operator) {
    case '=':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

const wildcardCache = new Map<string, RegExp>();

/** `*` matches any run of characters; everything else is literal. */
export function matchesWildcard(text: string, pattern: string): boolean {
  if (!pattern.includes('*')) return text === pattern;
  let expression = wildcardCache.get(pattern);
  if (!expression) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    expression = new RegExp(`^${source}$`, 's');
    wildcardCache.set(pattern, expression);
  }
  return expression.test(text);
}

/** The value a selector names in a parsed JSON document, undefined when absent. */
export function select(document: unknown, steps: SelectorStep[]): unknown {
  let current: unknown = document;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = (current as unknown[])[step];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
