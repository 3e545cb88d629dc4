import type { ValueShape } from './templateSchema';

const PRIMITIVE_NAMES = {
  string: 'String',
  number: 'Number',
  integer: 'Integer',
  boolean: 'Boolean',
  json: 'JSON',
  any: 'Any',
} as const;

/** A short human name for a shape, as the CloudFormation reference writes types: `List of String`, `Environment`. */
export function describeShape(shape: ValueShape): string {
  switch (shape.kind) {
    case 'primitive':
      return PRIMITIVE_NAMES[shape.type];
    case 'object':
      return objectTypeLabel(shape.typeName);
    case 'array':
      return `List of ${describeShape(shape.items)}`;
    case 'map':
      return `Map of ${describeShape(shape.values)}`;
    case 'union':
      return shape.options.map(describeShape).join(' | ');
  }
}

/** `AWS::Lambda::Function.Environment` reads as `Environment`; structural names stay as they are. */
export function objectTypeLabel(typeName: string): string {
  const dot = typeName.lastIndexOf('.');
  return dot >= 0 ? typeName.slice(dot + 1) : typeName;
}
