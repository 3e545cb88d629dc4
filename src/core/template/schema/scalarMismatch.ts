import type { TemplateNode } from '../templateTree';
import type { ValueShape } from './templateSchema';

// CloudFormation converts scalars the way its documentation promises: a number or boolean is a fine string,
// "128" is a fine integer and "true" a fine boolean. Only values that cannot be converted are wrong.
const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const BOOLEAN_TEXT = /^(true|false)$/i;

type PrimitiveType = (ValueShape & { kind: 'primitive' })['type'];

/** Why `node` cannot stand where a primitive of `type` is expected, or undefined when it can. */
export function scalarMismatch(node: TemplateNode, type: PrimitiveType): string | undefined {
  if (type === 'json' || type === 'any') return undefined;
  const expected = { string: 'a String', integer: 'an Integer', number: 'a Number', boolean: 'a Boolean' }[type];
  if (node.kind !== 'scalar') return `Expected ${expected}, found ${describeNodeKind(node)}.`;
  const value = node.value;
  if (value === null || type === 'string') return undefined;
  const fits =
    type === 'boolean'
      ? typeof value === 'boolean' || (typeof value === 'string' && BOOLEAN_TEXT.test(value))
      : type === 'integer'
        ? (typeof value === 'number' && Number.isInteger(value)) ||
          (typeof value === 'string' && INTEGER_TEXT.test(value))
        : typeof value === 'number' || (typeof value === 'string' && NUMBER_TEXT.test(value));
  return fits ? undefined : `Expected ${expected}, found ${describeNodeKind(node)}.`;
}

/** "an object", "a list", "the string 'abc'"... for messages. */
export function describeNodeKind(node: TemplateNode): string {
  if (node.kind === 'map') return 'an object';
  if (node.kind === 'seq') return 'a list';
  if (typeof node.value === 'string') return `the string '${truncate(node.value)}'`;
  if (typeof node.value === 'number') return `the number ${node.value}`;
  if (typeof node.value === 'boolean') return `the boolean ${node.value}`;
  return 'nothing';
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
