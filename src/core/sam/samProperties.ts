// The checks the translator's resource models run before transforming a SAM resource: unknown properties, required
// ones and JSON kinds, in AWS's words ("property X not defined for resource of type T", "Missing required
// property 'X'.", "Property 'X' should be a map.").
import { InvalidResourceError } from './samTransformError';
import { checkProperties, type PropertyKind } from './transformContext';
import { isObject, type JsonObject } from './intrinsics';

export interface SamPropertySpec {
  type: string;
  /** Every property the type accepts, with its kind(s). */
  kinds: Readonly<Record<string, PropertyKind | readonly PropertyKind[]>>;
  required?: readonly string[];
}

/** The resource's Properties (a map), checked against the spec. */
export function checkedSamProperties(logicalId: string, resource: JsonObject, spec: SamPropertySpec): JsonObject {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  for (const name of Object.keys(properties)) {
    if (!(name in spec.kinds)) {
      throw new InvalidResourceError(logicalId, `property ${name} not defined for resource of type ${spec.type}`, [
        'Properties',
        name,
      ]);
    }
  }
  for (const name of spec.required ?? []) {
    if (properties[name] === undefined || properties[name] === null) {
      throw new InvalidResourceError(logicalId, `Missing required property '${name}'.`, ['Properties']);
    }
  }
  checkProperties(logicalId, properties, spec.kinds);
  return properties;
}
