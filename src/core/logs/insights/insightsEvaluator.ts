// Evaluates Logs Insights expressions on one row: comparisons (numeric when both sides are numbers, else text),
// like (substring or regex), =~, in, and/or/not, arithmetic, and the scalar functions of the language.
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Expression } from './insightsParser';
import { InsightsTime, type InsightsValue } from './insightsEventFields';

/** Where an expression reads field values (and, inside stats, the results of aggregate calls). */
export interface EvaluationScope {
  field(name: string): InsightsValue;
  aggregate?(call: Extract<Expression, { kind: 'call' }>): InsightsValue;
}

/** The aggregate functions of `stats`. */
export const AGGREGATE_FUNCTIONS = new Set([
  'count',
  'count_distinct',
  'sum',
  'avg',
  'min',
  'max',
  'pct',
  'stddev',
  'earliest',
  'latest',
  'sortsfirst',
  'sortslast',
]);

/** The value as a number, or undefined when it is not one. */
export function numberOf(value: InsightsValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value instanceof InsightsTime) return value.milliseconds;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

/** The value as text, as results print it. */
export function textOf(value: InsightsValue): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

export function isTruthy(value: InsightsValue): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  return value !== 0;
}

/** Evaluates an expression in a scope. */
export function evaluate(expression: Expression, scope: EvaluationScope): InsightsValue {
  switch (expression.kind) {
    case 'literal':
      return expression.value;
    case 'field':
      return scope.field(expression.name);
    case 'duration':
      return expression.milliseconds;
    case 'regex':
    case 'list':
    case 'star':
      return undefined;
    case 'unary': {
      const operand = evaluate(expression.operand, scope);
      if (expression.operator === 'not') return !isTruthy(operand);
      const number = numberOf(operand);
      return number === undefined ? undefined : -number;
    }
    case 'binary':
      return binary(expression, scope);
    case 'call':
      if (AGGREGATE_FUNCTIONS.has(expression.name)) {
        if (!scope.aggregate) throw new Error(`${expression.name}() can only be used in stats`);
        return scope.aggregate(expression);
      }
      return callFunction(expression, scope);
  }
}

function binary(expression: Extract<Expression, { kind: 'binary' }>, scope: EvaluationScope): InsightsValue {
  const { operator } = expression;
  if (operator === 'and')
    return isTruthy(evaluate(expression.left, scope)) && isTruthy(evaluate(expression.right, scope));
  if (operator === 'or')
    return isTruthy(evaluate(expression.left, scope)) || isTruthy(evaluate(expression.right, scope));
  const left = evaluate(expression.left, scope);
  switch (operator) {
    case 'like':
    case 'not like':
    case '=~': {
      if (left === undefined || left === null) return operator === 'not like' ? true : false;
      const text = String(left);
      const right = expression.right;
      const found =
        right.kind === 'regex' ? right.pattern.test(text) : text.includes(textOf(evaluate(right, scope)) ?? '\u0000');
      return operator === 'not like' ? !found : found;
    }
    case 'in':
    case 'not in': {
      const items = expression.right.kind === 'list' ? expression.right.items.map((item) => evaluate(item, scope)) : [];
      const found = left !== undefined && items.some((item) => compare(left, item) === 0);
      return operator === 'not in' ? !found : found;
    }
  }
  const right = evaluate(expression.right, scope);
  if (['=', '!=', '<', '<=', '>', '>='].includes(operator)) {
    if (left === undefined || right === undefined) return false;
    const order = compare(left, right);
    if (order === undefined) return operator === '!=';
    return { '=': order === 0, '!=': order !== 0, '<': order < 0, '<=': order <= 0, '>': order > 0, '>=': order >= 0 }[
      operator
    ];
  }
  const a = numberOf(left);
  const b = numberOf(right);
  if (a === undefined || b === undefined) return undefined;
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    case '%':
      return b === 0 ? undefined : a % b;
    default:
      return a ** b;
  }
}

/** Orders two values: numerically when both are numbers, else as text. */
export function compare(left: InsightsValue, right: InsightsValue): number | undefined {
  if (left === undefined || left === null || right === undefined || right === null) return undefined;
  const a = numberOf(left);
  const b = numberOf(right);
  if (a !== undefined && b !== undefined) return a - b;
  const x = String(left);
  const y = String(right);
  return x < y ? -1 : x > y ? 1 : 0;
}

function callFunction(call: Extract<Expression, { kind: 'call' }>, scope: EvaluationScope): InsightsValue {
  // bin() runs once per row in `stats ... by bin(...)`: no helper closures on that path.
  if (call.name === 'bin') {
    const period = numberOf(evaluate(call.args[0]!, scope));
    const time = numberOf(scope.field('@timestamp'));
    if (!period || time === undefined) return undefined;
    return new InsightsTime(Math.floor(time / period) * period);
  }
  const args = call.args.map((arg) => evaluate(arg, scope));
  const text = (index: number) => textOf(args[index]);
  const number = (index: number) => numberOf(args[index]);
  const numeric = (operation: (value: number) => number) => {
    const value = number(0);
    return value === undefined ? undefined : operation(value);
  };
  switch (call.name) {
    case 'datefloor':
    case 'dateceil': {
      const time = number(0);
      const period = number(1);
      if (time === undefined || !period) return undefined;
      const rounded = call.name === 'datefloor' ? Math.floor(time / period) : Math.ceil(time / period);
      return new InsightsTime(rounded * period);
    }
    case 'frommillis':
      return numeric((value) => value) === undefined ? undefined : new InsightsTime(number(0)!);
    case 'tomillis':
      return number(0);
    case 'abs':
      return numeric(Math.abs);
    case 'ceil':
      return numeric(Math.ceil);
    case 'floor':
      return numeric(Math.floor);
    case 'round': {
      const digits = number(1) ?? 0;
      return numeric((value) => Math.round(value * 10 ** digits) / 10 ** digits);
    }
    case 'sqrt':
      return numeric(Math.sqrt);
    case 'log':
      return numeric(Math.log);
    case 'exp':
      return numeric(Math.exp);
    case 'pow': {
      const [base, exponent] = [number(0), number(1)];
      return base === undefined || exponent === undefined ? undefined : base ** exponent;
    }
    case 'greatest':
    case 'least': {
      const values = args.map(numberOf).filter((value): value is number => value !== undefined);
      if (values.length === 0) return undefined;
      return call.name === 'greatest' ? Math.max(...values) : Math.min(...values);
    }
    case 'strlen':
      return text(0)?.length;
    case 'toupper':
      return text(0)?.toUpperCase();
    case 'tolower':
      return text(0)?.toLowerCase();
    case 'trim':
    case 'ltrim':
    case 'rtrim':
      return trimmed(text(0), call.name, args.length > 1 ? text(1) : undefined);
    case 'concat':
      return args.map((value) => textOf(value) ?? '').join('');
    case 'substr': {
      const value = text(0);
      const start = number(1) ?? 0;
      const length = number(2);
      return value === undefined ? undefined : value.substr(start, length);
    }
    case 'replace': {
      const value = text(0);
      return value === undefined ? undefined : value.split(text(1) ?? '').join(text(2) ?? '');
    }
    case 'strcontains':
      return text(0) === undefined ? undefined : text(0)!.includes(text(1) ?? '') ? 1 : 0;
    case 'isempty':
      return args[0] === undefined || args[0] === null || text(0) === '';
    case 'isblank':
      return args[0] === undefined || args[0] === null || text(0)!.trim() === '';
    case 'ispresent':
      return args[0] !== undefined && args[0] !== null;
    case 'coalesce':
      return args.find((value) => value !== undefined && value !== null);
    case 'isvalidip':
    case 'isvalidipv4':
    case 'isvalidipv6':
      return isValidIp(text(0), call.name);
    case 'isipinsubnet':
    case 'isipv4insubnet':
    case 'isipv6insubnet':
      return isIpInSubnet(text(0), text(1), call.name);
    default:
      throw new Error(`unknown function ${call.name}`);
  }
}

function isValidIp(value: string | undefined, kind: string): boolean {
  if (value === undefined) return false;
  const v4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(value);
  const v6 = /^[0-9a-f:]+$/i.test(value) && value.includes(':') && value.split(':').length <= 8;
  return kind === 'isvalidipv4' ? v4 : kind === 'isvalidipv6' ? v6 : v4 || v6;
}

/**
 * trim / ltrim / rtrim: whitespace, or with a second argument every character of it (AWS:
 * `ltrim("xyZfooxyZ", "xyZ")` is `fooxyZ`).
 */
function trimmed(value: string | undefined, side: string, characters: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (characters === undefined) {
    return side === 'ltrim' ? value.trimStart() : side === 'rtrim' ? value.trimEnd() : value.trim();
  }
  const set = new Set(characters);
  let start = 0;
  let end = value.length;
  if (side !== 'rtrim') while (start < end && set.has(value[start]!)) start++;
  if (side !== 'ltrim') while (end > start && set.has(value[end - 1]!)) end--;
  return value.slice(start, end);
}

/** isIpInSubnet(ip, "10.0.0.0/16") and its v4/v6-only forms: false for a malformed address or subnet. */
function isIpInSubnet(address: string | undefined, subnet: string | undefined, kind: string): boolean {
  const match = subnet === undefined ? null : /^([^/]+)\/(\d{1,3})$/.exec(subnet);
  if (address === undefined || !match) return false;
  const family = isIPv4(match[1]!) ? 'ipv4' : isIPv6(match[1]!) ? 'ipv6' : undefined;
  if (!family || (kind === 'isipv4insubnet' && family !== 'ipv4') || (kind === 'isipv6insubnet' && family !== 'ipv6'))
    return false;
  if ((family === 'ipv4' ? !isIPv4(address) : !isIPv6(address)) || Number(match[2]) > (family === 'ipv4' ? 32 : 128))
    return false;
  const list = new BlockList();
  list.addSubnet(match[1]!, Number(match[2]), family);
  return list.check(address, family);
}

/** The functions the evaluator knows, for the parser's "unknown function" check. */
export const SCALAR_FUNCTIONS = new Set([
  'bin',
  'datefloor',
  'dateceil',
  'frommillis',
  'tomillis',
  'abs',
  'ceil',
  'floor',
  'round',
  'sqrt',
  'log',
  'exp',
  'pow',
  'greatest',
  'least',
  'strlen',
  'toupper',
  'tolower',
  'trim',
  'ltrim',
  'rtrim',
  'concat',
  'substr',
  'replace',
  'strcontains',
  'isempty',
  'isblank',
  'ispresent',
  'coalesce',
  'isvalidip',
  'isvalidipv4',
  'isvalidipv6',
  'isipinsubnet',
  'isipv4insubnet',
  'isipv6insubnet',
]);
