// A small notation for the hand-written SAM definitions (scripts/schema/sam*.mjs), compiled to JSON Schema by
// samDefinitions.mjs. Shapes:
//   'string' | 'integer' | 'number' | 'boolean' | 'json' | 'any'   primitives
//   '.Name'                                                        an object type of the resource being defined
//   'AWS::Lambda::Function.Environment'                            any other object type, by its full name
//   arrayOf(shape), mapOf(shape), oneOf('A', 'B'), [shapeA, shapeB] (a union)
// Descriptions are our own words; pass-through properties take CloudFormation's text.

/** A property: its shape, a one-line description and options ({ suggest: [...], deprecated: true }). */
export function p(shape, doc, options = {}) {
  return { shape, doc, ...options };
}

/**
 * A property SAM hands to a CloudFormation resource unchanged: shape, allowed values and documentation come
 * from `owner`'s property (the same name unless `property` is given).
 */
export function pass(owner, property, doc) {
  return { pass: owner, property, doc };
}

export function arrayOf(items) {
  return { array: items };
}

export function mapOf(values) {
  return { map: values };
}

export function oneOf(...values) {
  return { enum: values };
}

/** An object type: `{ doc, required, properties, additional }` (additional: keys beyond these are fine). */
export function object(doc, properties, options = {}) {
  return { doc, properties, ...options };
}

/** The SAM documentation page of a resource type or property type. */
export function samPage(page) {
  return `https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/${page}.html`;
}

/** Properties every event source that polls a stream or queue through an event source mapping shares. */
export const ESM = 'AWS::Lambda::EventSourceMapping';
