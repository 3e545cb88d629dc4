// JSON bodies <-> shape values (awsJson and restJson): type checks on the way in (a wrong type becomes a
// violation, never a crash), timestamps as epoch seconds, blobs as base64. Shapes without timestamps or blobs
// are sent as the handler returned them, so large answers (10,000 log events) cost one JSON.stringify.
import { pathName, type Violation } from './shapeValidation';
import { shapeOf, type ServiceModel, type Shape } from './serviceModel';
import { formatTimestamp, parseTimestamp, timestampFormatOf } from './timestamps';

/** Converts a parsed JSON value to the shape's value: Dates for timestamps, Buffers for blobs. */
export function fromJson(
  model: ServiceModel,
  shape: Shape,
  value: unknown,
  path: string,
  out: Violation[],
  /** Also read members bound to the path, query or headers (in-process calls pass every member as JSON). */
  includeBound = false,
): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return typeProblem(value, path, 'be a structure', out);
      if (shape.document) return value;
      const members = shape.members ?? {};
      // On the wire a member goes by its locationName (API Gateway v2: `apiId` for ApiId); in process, by name.
      const wireNames = includeBound ? undefined : memberNamesByWireName(shape);
      const result: Record<string, unknown> = {};
      const prefix = path === '' ? '' : `${path}.`;
      for (const key in value as Record<string, unknown>) {
        const name = wireNames?.get(key) ?? key;
        const member = members[name];
        if (!member || (member.location && !includeBound)) continue;
        const converted = fromJson(
          model,
          shapeOf(model, member),
          (value as Record<string, unknown>)[key],
          prefix + pathName(name),
          out,
          includeBound,
        );
        if (converted !== undefined) result[name] = converted;
      }
      return result;
    }
    case 'list': {
      if (!Array.isArray(value)) return typeProblem(value, path, 'be a list', out);
      const memberShape = shapeOf(model, shape.member!);
      return value.map((item, index) =>
        fromJson(model, memberShape, item, `${path}.${index + 1}.member`, out, includeBound),
      );
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return typeProblem(value, path, 'be a map', out);
      const valueShape = shapeOf(model, shape.value!);
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const converted = fromJson(model, valueShape, item, `${path}.${key}`, out, includeBound);
        if (converted !== undefined) result[key] = converted;
      }
      return result;
    }
    case 'string':
      return typeof value === 'string' ? value : typeProblem(value, path, 'be a string', out);
    case 'boolean':
      return typeof value === 'boolean' ? value : typeProblem(value, path, 'be a boolean', out);
    case 'timestamp':
      return parseTimestamp(value) ?? typeProblem(value, path, 'be a timestamp', out);
    case 'blob':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : typeProblem(value, path, 'be base64', out);
    case 'integer':
    case 'long':
      return typeof value === 'number' && Number.isInteger(value)
        ? value
        : typeProblem(value, path, 'be an integer', out);
    default:
      return typeof value === 'number' && Number.isFinite(value) ? value : typeProblem(value, path, 'be a number', out);
  }
}

function typeProblem(value: unknown, path: string, expected: string, out: Violation[]): undefined {
  out.push({
    path,
    value: typeof value === 'object' ? JSON.stringify(value) : value,
    constraint: `Member must ${expected}`,
  });
  return undefined;
}

const conversionNeeded = new WeakMap<Shape, boolean>();
const wireNameMaps = new WeakMap<Shape, Map<string, string> | undefined>();

/** Member names by the wire name of the body members that are renamed on the wire; undefined when none is. */
function memberNamesByWireName(shape: Shape): Map<string, string> | undefined {
  if (wireNameMaps.has(shape)) return wireNameMaps.get(shape);
  const renamed = Object.entries(shape.members ?? {}).filter(
    ([name, member]) => !member.location && member.locationName !== undefined && member.locationName !== name,
  );
  const names = renamed.length > 0 ? new Map(renamed.map(([name, member]) => [member.locationName!, name])) : undefined;
  wireNameMaps.set(shape, names);
  return names;
}

/** True when a shape (or anything inside it) is a timestamp, a blob or a bound member: it cannot go out as is. */
export function needsJsonConversion(model: ServiceModel, shape: Shape, visiting = new Set<Shape>()): boolean {
  const known = conversionNeeded.get(shape);
  if (known !== undefined) return known;
  if (visiting.has(shape)) return false;
  visiting.add(shape);
  let needed: boolean;
  switch (shape.type) {
    case 'timestamp':
    case 'blob':
      needed = true;
      break;
    case 'structure':
      needed = Object.entries(shape.members ?? {}).some(
        ([name, member]) =>
          member.location !== undefined ||
          (member.locationName !== undefined && member.locationName !== name) ||
          member.timestampFormat !== undefined ||
          needsJsonConversion(model, shapeOf(model, member), visiting),
      );
      break;
    case 'list':
      needed = needsJsonConversion(model, shapeOf(model, shape.member!), visiting);
      break;
    case 'map':
      needed = needsJsonConversion(model, shapeOf(model, shape.value!), visiting);
      break;
    default:
      needed = false;
  }
  visiting.delete(shape);
  if (visiting.size === 0 || needed) conversionNeeded.set(shape, needed);
  return needed;
}

/** A handler's value as JSON: timestamps as epoch seconds, blobs as base64, bound (header...) members left out. */
export function toJson(model: ServiceModel, shape: Shape, value: unknown, includeBound = false): unknown {
  if (value === undefined || value === null) return undefined;
  if (!needsJsonConversion(model, shape)) return value;
  switch (shape.type) {
    case 'structure': {
      const result: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const item = (value as Record<string, unknown>)[name];
        if (item === undefined || item === null || (member.location && !includeBound)) continue;
        const memberShape = shapeOf(model, member);
        result[includeBound ? name : (member.locationName ?? name)] =
          memberShape.type === 'timestamp'
            ? formatTimestamp(item, timestampFormatOf(member, memberShape, 'unixTimestamp'))
            : toJson(model, memberShape, item, includeBound);
      }
      return result;
    }
    case 'list': {
      const memberShape = shapeOf(model, shape.member!);
      return (value as unknown[]).map((item) => toJson(model, memberShape, item, includeBound));
    }
    case 'map': {
      const valueShape = shapeOf(model, shape.value!);
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        result[key] = toJson(model, valueShape, item, includeBound);
      }
      return result;
    }
    case 'timestamp':
      return formatTimestamp(value, timestampFormatOf(undefined, shape, 'unixTimestamp'));
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return value;
  }
}
