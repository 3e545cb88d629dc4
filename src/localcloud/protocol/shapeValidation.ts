// Member validation against the model's constraints (required, length, range, pattern, enum), worded exactly as
// AWS's front ends word it: "1 validation error detected: Value 'x' at 'limit' failed to satisfy constraint:
// Member must have value less than or equal to 50", several errors joined by "; " after "N validation errors
// detected: ".
import { shapeOf, type ServiceModel, type Shape } from './serviceModel';

/** One constraint violation: where, the value as AWS prints it, and the constraint's words. */
export interface Violation {
  path: string;
  value: unknown;
  constraint: string;
  /** The value is not printed (the model marks its shape sensitive). */
  sensitive?: boolean;
}

/** The message AWS answers for a list of violations. */
export function validationMessage(violations: readonly Violation[]): string {
  const count = violations.length;
  const head = `${count} validation error${count === 1 ? '' : 's'} detected: `;
  return head + violations.map(describeViolation).join('; ');
}

function describeViolation(violation: Violation): string {
  if (violation.sensitive) return `Value at '${violation.path}' failed to satisfy constraint: ${violation.constraint}`;
  const value = violation.value === undefined || violation.value === null ? 'null' : `'${printValue(violation.value)}'`;
  return `Value ${value} at '${violation.path}' failed to satisfy constraint: ${violation.constraint}`;
}

/** Values printed as the Java services print them: lists `[a, b]`, maps `{k=v}`. */
export function printValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printValue).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${key}=${printValue(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** The name a member has in validation paths: the model's name with a lower-case first letter. */
export function pathName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

const patternCache = new Map<string, RegExp | null>();

/** The model's (Java) pattern as a whole-value JavaScript RegExp; null when JavaScript cannot express it. */
export function compilePattern(pattern: string): RegExp | null {
  let compiled = patternCache.get(pattern);
  if (compiled !== undefined) return compiled;
  compiled = null;
  for (const flags of ['u', '']) {
    try {
      compiled = new RegExp(`^(?:${pattern})$`, flags);
      break;
    } catch {
      // Java-only syntax (possessive quantifiers, POSIX classes): try the next flags, else skip the check.
    }
  }
  patternCache.set(pattern, compiled);
  return compiled;
}

/** Collects every violation in a structure value (an operation's parsed input). */
export function validateShape(model: ServiceModel, shape: Shape, value: unknown, path: string, out: Violation[]): void {
  if (value === undefined || value === null) return;
  const first = out.length;
  validateValue(model, shape, value, path, out);
  if (shape.sensitive) for (let index = first; index < out.length; index++) out[index]!.sensitive = true;
}

function validateValue(model: ServiceModel, shape: Shape, value: unknown, path: string, out: Violation[]): void {
  switch (shape.type) {
    case 'structure':
      validateStructure(model, shape, value as Record<string, unknown>, path, out);
      return;
    case 'list': {
      const list = value as unknown[];
      checkLength(shape, list.length, list, path, out);
      const memberShape = shapeOf(model, shape.member!);
      if (isPlainScalar(memberShape)) {
        for (let index = 0; index < list.length; index++) {
          checkScalar(memberShape, list[index], `${path}.${index + 1}.member`, out);
        }
        return;
      }
      for (let index = 0; index < list.length; index++) {
        validateShape(model, memberShape, list[index], `${path}.${index + 1}.member`, out);
      }
      return;
    }
    case 'map': {
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(shape, entries.length, value, path, out);
      validateMapEntries(model, shape, entries, value, path, out);
      return;
    }
    default:
      checkScalar(shape, value, path, out);
  }
}

function validateStructure(
  model: ServiceModel,
  shape: Shape,
  value: Record<string, unknown>,
  path: string,
  out: Violation[],
): void {
  const prefix = path === '' ? '' : `${path}.`;
  for (const name of shape.required ?? []) {
    if (value[name] === undefined || value[name] === null) {
      out.push({ path: prefix + pathName(name), value: null, constraint: 'Member must not be null' });
    }
  }
  const members = shape.members ?? {};
  for (const name in value) {
    const member = members[name];
    const item = value[name];
    if (!member || item === undefined || item === null) continue;
    validateShape(model, shapeOf(model, member), item, prefix + pathName(name), out);
  }
}

/** Map keys and values are reported once per map, as "Map keys must satisfy constraint: [...]". */
function validateMapEntries(
  model: ServiceModel,
  shape: Shape,
  entries: [string, unknown][],
  value: unknown,
  path: string,
  out: Violation[],
): void {
  const keyShape = shapeOf(model, shape.key!);
  const valueShape = shapeOf(model, shape.value!);
  const keyProblems = new Set<string>();
  const valueProblems = new Set<string>();
  for (const [key, item] of entries) {
    const found: Violation[] = [];
    checkScalar(keyShape, key, path, found);
    for (const problem of found) keyProblems.add(problem.constraint);
    if (isPlainScalar(valueShape)) {
      const valueFound: Violation[] = [];
      checkScalar(valueShape, item, path, valueFound);
      for (const problem of valueFound) valueProblems.add(problem.constraint);
    } else {
      validateShape(model, valueShape, item, `${path}.${key}`, out);
    }
  }
  if (keyProblems.size > 0) {
    out.push({ path, value, constraint: `Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]` });
  }
  if (valueProblems.size > 0) {
    out.push({ path, value, constraint: `Map value must satisfy constraint: [${[...valueProblems].join(', ')}]` });
  }
}

function isPlainScalar(shape: Shape): boolean {
  return shape.type !== 'structure' && shape.type !== 'list' && shape.type !== 'map';
}

function checkLength(shape: Shape, length: number, value: unknown, path: string, out: Violation[]): void {
  if (shape.min !== undefined && length < shape.min) {
    out.push({ path, value, constraint: `Member must have length greater than or equal to ${shape.min}` });
  }
  if (shape.max !== undefined && length > shape.max) {
    out.push({ path, value, constraint: `Member must have length less than or equal to ${shape.max}` });
  }
}

function checkScalar(shape: Shape, value: unknown, path: string, out: Violation[]): void {
  if (value === undefined || value === null) return;
  switch (shape.type) {
    case 'string': {
      const text = value as string;
      checkLength(shape, text.length, text, path, out);
      if (shape.enum && !shape.enum.includes(text)) {
        out.push({ path, value, constraint: `Member must satisfy enum value set: [${shape.enum.join(', ')}]` });
      }
      if (shape.pattern !== undefined && compilePattern(shape.pattern)?.test(text) === false) {
        out.push({ path, value, constraint: `Member must satisfy regular expression pattern: ${shape.pattern}` });
      }
      return;
    }
    case 'blob':
      checkLength(shape, (value as Uint8Array).length, value, path, out);
      return;
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      const number = value as number;
      if (shape.min !== undefined && number < shape.min) {
        out.push({ path, value, constraint: `Member must have value greater than or equal to ${shape.min}` });
      }
      if (shape.max !== undefined && number > shape.max) {
        out.push({ path, value, constraint: `Member must have value less than or equal to ${shape.max}` });
      }
      return;
    }
    default:
  }
}
