import { getMapPair, scalarString, type TemplateNode } from '../templateTree';
import { intrinsicName } from './isIntrinsicNode';
import {
  SCHEMA_TYPES,
  type ObjectTypeSpec,
  type PropertySpec,
  type ResourceTypeSpec,
  type TemplateSchema,
  type ValueShape,
} from './templateSchema';

/** A path of map keys and sequence indexes from the template root, e.g. `['Resources', 'MyFn', 'Properties']`. */
export type TemplatePath = readonly (string | number)[];

/** The resource a path runs through. */
export interface ResourceContext {
  logicalId: string;
  /** The resource's `Type`, while it is a plain string. */
  type: string | undefined;
  /** The schema's type, when it knows `type`. */
  spec: ResourceTypeSpec | undefined;
}

/** What the schema expects at one position of a template. */
export interface SchemaLocation {
  /** The expected shape; `any` where the schema leaves the position free. */
  shape: ValueShape;
  /** The property whose value sits at the path, when the path ends at a property of an object type. */
  property?: PropertySpec;
  /** The object type declaring `property`. */
  parentType?: ObjectTypeSpec;
  /** When the value is an object: its type, with the resource type or the event variant already chosen. */
  objectType?: ObjectTypeSpec;
  /** When `objectType` is a variant chosen by a discriminator: the family it belongs to (SAM's event type). */
  family?: ObjectTypeSpec;
  /** The family of `parentType`, when that is a discriminated variant: it lists every value of the discriminator. */
  parentFamily?: ObjectTypeSpec;
  /** The resource the path is inside. */
  resource?: ResourceContext;
  /** The template's node at the path, when it has one yet (the user may still be typing). */
  node?: TemplateNode;
  /** True while the path stands on the argument list of `Fn::If`, whose branches keep this location's shape. */
  ifArguments?: boolean;
}

const ANY: ValueShape = { kind: 'primitive', type: 'any' };

/**
 * Resolves what the schema expects at `path`: the resource type from the entry's `Type`, a SAM event's
 * Properties from the event's `Type`, Globals sections from the SAM types, and the branches of `Fn::If` as the
 * position the `Fn::If` stands in. Undefined when the path leaves the schema (an unknown property, or inside an
 * intrinsic function other than `Fn::If`).
 */
export function resolveSchemaAtPath(
  root: TemplateNode | undefined,
  schema: TemplateSchema,
  path: TemplatePath,
): SchemaLocation | undefined {
  let location: SchemaLocation | undefined = withObjectType(schema, {
    shape: { kind: 'object', typeName: SCHEMA_TYPES.template },
    node: root,
  });
  for (const segment of path) {
    if (!location) return undefined;
    location = step(schema, location, segment);
  }
  return location;
}

/** The location one key or index below `location`. */
export function stepSchemaLocation(
  schema: TemplateSchema,
  location: SchemaLocation,
  segment: string | number,
): SchemaLocation | undefined {
  return step(schema, location, segment);
}

function step(schema: TemplateSchema, location: SchemaLocation, segment: string | number): SchemaLocation | undefined {
  const node = location.node;
  const child = childNode(node, segment);
  const base = location.resource ? { resource: location.resource } : {};

  // Fn::If [condition, whenTrue, whenFalse]: both branches stand where the Fn::If stands.
  if (location.ifArguments) {
    if (segment === 1 || segment === 2) return withObjectType(schema, { ...withoutNode(location), node: child });
    return { ...base, shape: { kind: 'primitive', type: 'string' }, node: child };
  }
  if (node) {
    const intrinsic = intrinsicName(node);
    if (intrinsic === 'Fn::If') {
      if (node.tag !== undefined && (segment === 1 || segment === 2)) {
        return withObjectType(schema, { ...withoutNode(location), node: child });
      }
      if (node.tag === undefined && segment === 'Fn::If')
        return { ...withoutNode(location), node: child, ifArguments: true };
      if (node.tag !== undefined) return { ...base, shape: { kind: 'primitive', type: 'string' }, node: child };
    }
    if (intrinsic !== undefined && !location.objectType?.properties.has(String(segment))) return undefined;
  }

  const type = location.objectType;
  if (type && typeof segment === 'string') {
    if (type.name === SCHEMA_TYPES.resource && segment === 'Properties') return resourceProperties(location, child);
    const property = type.properties.get(segment);
    if (property) {
      const located: SchemaLocation = { ...base, shape: property.shape, property, parentType: type, node: child };
      if (location.family) located.parentFamily = location.family;
      return withObjectType(schema, located);
    }
    return type.additionalProperties ? { ...base, shape: ANY, node: child } : undefined;
  }

  const shape = containerFor(location.shape, segment);
  if (!shape) return undefined;
  const entering = location.property?.name === 'Resources' && location.parentType?.name === SCHEMA_TYPES.template;
  const resource =
    entering && typeof segment === 'string' ? resourceContext(schema, segment, child) : location.resource;
  if (shape.kind === 'map')
    return withObjectType(schema, { shape: shape.values, node: child, ...(resource ? { resource } : {}) });
  if (shape.kind === 'array') return withObjectType(schema, { shape: shape.items, node: child, ...base });
  return { ...base, shape: ANY, node: child };
}

/** Properties of a resource entry: the type named by the entry's `Type`. */
function resourceProperties(location: SchemaLocation, child: TemplateNode | undefined): SchemaLocation {
  const resource = location.resource;
  const spec = resource?.spec;
  const property = location.objectType?.properties.get('Properties');
  const located: SchemaLocation = spec
    ? { shape: { kind: 'object', typeName: spec.name }, objectType: spec.properties }
    : { shape: { kind: 'primitive', type: 'json' } };
  if (property) located.property = property;
  if (location.objectType) located.parentType = location.objectType;
  if (resource) located.resource = resource;
  if (child) located.node = child;
  return located;
}

function resourceContext(schema: TemplateSchema, logicalId: string, node: TemplateNode | undefined): ResourceContext {
  const type = scalarString(getMapPair(node, 'Type')?.value);
  return { logicalId, type, spec: type === undefined ? undefined : schema.resourceType(type) };
}

/** The collection shape a key or index steps into (a union picks its list or map member). */
function containerFor(shape: ValueShape, segment: string | number): ValueShape | undefined {
  if (shape.kind === 'union') {
    const wanted = typeof segment === 'number' ? 'array' : 'map';
    return shape.options.find((option) => option.kind === wanted) ?? shape.options.find(isFree);
  }
  if (typeof segment === 'number' && shape.kind === 'array') return shape;
  if (typeof segment === 'string' && shape.kind === 'map') return shape;
  return isFree(shape) ? shape : undefined;
}

function isFree(shape: ValueShape): boolean {
  return shape.kind === 'primitive' && (shape.type === 'json' || shape.type === 'any');
}

/** Fills in `objectType`: the shape's object type, narrowed to the variant the node's discriminator names. */
function withObjectType(schema: TemplateSchema, location: SchemaLocation): SchemaLocation {
  const objectType = objectTypeFor(schema, location.shape, location.node);
  delete location.objectType;
  delete location.family;
  if (objectType) location.objectType = objectType;
  const declared = declaredObjectType(schema, location.shape);
  if (objectType && declared?.discriminator && declared !== objectType) location.family = declared;
  return location;
}

function declaredObjectType(schema: TemplateSchema, shape: ValueShape): ObjectTypeSpec | undefined {
  const objectShape = shape.kind === 'union' ? shape.options.find((option) => option.kind === 'object') : shape;
  return objectShape?.kind === 'object' ? schema.objectType(objectShape.typeName) : undefined;
}

/** The object type a shape stands for at `node`, if any. */
export function objectTypeFor(
  schema: TemplateSchema,
  shape: ValueShape,
  node: TemplateNode | undefined,
): ObjectTypeSpec | undefined {
  const objectShape = shape.kind === 'union' ? shape.options.find((option) => option.kind === 'object') : shape;
  if (objectShape?.kind !== 'object') return undefined;
  if (shape.kind === 'union' && node !== undefined && node.kind !== 'map') return undefined;
  const type = schema.objectType(objectShape.typeName);
  const discriminator = type?.discriminator;
  if (!discriminator) return type;
  const chosen = scalarString(getMapPair(node, discriminator.property)?.value);
  const variant = chosen === undefined ? undefined : discriminator.mapping.get(chosen);
  return (variant ? schema.objectType(variant) : undefined) ?? type;
}

function childNode(node: TemplateNode | undefined, segment: string | number): TemplateNode | undefined {
  if (node?.kind === 'map') return node.pairs.find((pair) => String(pair.key.value) === String(segment))?.value;
  if (node?.kind === 'seq' && typeof segment === 'number') return node.items[segment];
  return undefined;
}

function withoutNode(location: SchemaLocation): SchemaLocation {
  const copy: SchemaLocation = { ...location };
  delete copy.node;
  delete copy.ifArguments;
  return copy;
}
