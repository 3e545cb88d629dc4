// How the generated JSON Schema writes a value position. Every position also accepts an intrinsic function
// ({"Ref": ...}, {"Fn::If": ...}, {"Condition": ...}): primitives through shared definitions that include it,
// everything else as `anyOf: [<concrete>..., Intrinsic]`. src/core/template/schema/loadTemplateSchema.ts reads
// positions back with the same conventions.

export const INTRINSIC_REF = '#/definitions/Intrinsic';

/** The primitive definitions every position may point at, by the ValueShape primitive they stand for. */
export const PRIMITIVE_DEFINITIONS = {
  string: 'String',
  number: 'Number',
  integer: 'Integer',
  boolean: 'Boolean',
  json: 'Json',
  any: 'Any',
};

const intrinsic = { $ref: INTRINSIC_REF };

export function definitionRef(name) {
  return `#/definitions/${name}`;
}

/** A position for a primitive shape. */
export function primitivePosition(primitive) {
  const definition = PRIMITIVE_DEFINITIONS[primitive];
  if (!definition) throw new Error(`Unknown primitive ${primitive}`);
  return { $ref: definitionRef(definition) };
}

/** Wraps concrete alternatives (object refs, arrays, maps, enums) with the intrinsic alternative. */
export function withIntrinsic(...concretes) {
  const flattened = concretes.flatMap((concrete) => concreteAlternatives(concrete));
  return { anyOf: [...flattened, intrinsic] };
}

/** The concrete alternatives of a position (what it accepts besides an intrinsic). */
export function concreteAlternatives(position) {
  if (position.anyOf) return position.anyOf.filter((option) => option.$ref !== INTRINSIC_REF);
  return [position];
}

export function objectPosition(definitionName) {
  return withIntrinsic({ $ref: definitionRef(definitionName) });
}

export function arrayPosition(items) {
  return withIntrinsic({ type: 'array', items });
}

export function mapPosition(values) {
  return withIntrinsic({ type: 'object', additionalProperties: values });
}

export function enumPosition(values) {
  return withIntrinsic({ enum: values });
}

/** Joins positions into one that accepts any of them. */
export function unionPosition(positions) {
  if (positions.length === 1) return positions[0];
  return withIntrinsic(...positions);
}

/** The shared definitions: intrinsic functions and the lenient primitives CloudFormation accepts. */
export function sharedDefinitions() {
  return {
    Intrinsic: {
      description:
        'An intrinsic function in long form: a map with exactly one key, Ref, Condition or Fn::*. Short forms (!Ref, !Sub...) are converted to this before checking.',
      type: 'object',
      minProperties: 1,
      maxProperties: 1,
      patternProperties: { '^(Ref|Condition|Fn::[A-Za-z0-9:]+)$': {} },
      additionalProperties: false,
    },
    // CloudFormation converts scalars: a number or boolean where a string is expected is fine.
    String: { anyOf: [{ type: ['string', 'number', 'boolean'] }, intrinsic] },
    Number: {
      anyOf: [
        { type: 'number' },
        { type: 'string', pattern: '^\\s*[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?\\s*$' },
        intrinsic,
      ],
    },
    Integer: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^\\s*[-+]?[0-9]+\\s*$' }, intrinsic] },
    Boolean: { anyOf: [{ type: 'boolean' }, { enum: ['true', 'false', 'True', 'False', 'TRUE', 'FALSE'] }, intrinsic] },
    Json: { description: 'A JSON document (an object, or for some properties a string holding JSON).' },
    Any: {},
  };
}
