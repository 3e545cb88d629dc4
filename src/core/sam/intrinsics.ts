// Building and recognising CloudFormation intrinsics in plain JSON, as the translator's samtranslator/model/
// intrinsics.py does: the transform leaves region, account and partition as intrinsics.
import type { JsonObject, JsonValue } from '../template/templateJson';

export type { JsonObject, JsonValue } from '../template/templateJson';

export function ref(logicalId: string): JsonObject {
  return { Ref: logicalId };
}

export function getAtt(logicalId: string, attribute: string): JsonObject {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

export function sub(text: string, variables?: JsonObject): JsonObject {
  return variables ? { 'Fn::Sub': [text, variables] } : { 'Fn::Sub': text };
}

export function join(delimiter: string, parts: JsonValue[]): JsonObject {
  return { 'Fn::Join': [delimiter, parts] };
}

export function fnIf(condition: string, whenTrue: JsonValue, whenFalse: JsonValue): JsonObject {
  return { 'Fn::If': [condition, whenTrue, whenFalse] };
}

export const NO_VALUE: JsonObject = { Ref: 'AWS::NoValue' };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for `{ Ref: ... }`, `{ 'Fn::X': ... }` (and `{ Condition: ... }` when asked). */
export function isIntrinsic(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::');
}

/** The logical ID a `{ Ref: X }` names, if the value is one. */
export function refName(value: unknown): string | undefined {
  return isObject(value) && Object.keys(value).length === 1 && typeof value.Ref === 'string' ? value.Ref : undefined;
}

/** The logical ID a `Fn::GetAtt` names, in either argument form. */
export function getAttName(value: unknown): [string, string] | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const argument = value['Fn::GetAtt'];
  if (Array.isArray(argument) && typeof argument[0] === 'string' && typeof argument[1] === 'string') {
    return [argument[0], argument[1]];
  }
  if (typeof argument === 'string' && argument.includes('.')) {
    const dot = argument.indexOf('.');
    return [argument.slice(0, dot), argument.slice(dot + 1)];
  }
  return undefined;
}

/** A deep copy (templates are plain JSON). */
export function cloneJson<T extends JsonValue | undefined>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/**
 * Resolves `Ref`s to parameters (and pseudo parameters given values) where the translator does
 * (IntrinsicsResolver.resolve_parameter_refs): `Ref`, and `Fn::Sub`/`Fn::Join`/`Fn::FindInMap` of known values.
 */
export function resolveParameterRefs(
  value: JsonValue | undefined,
  parameters: ReadonlyMap<string, JsonValue>,
): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((item) => resolveParameterRefs(item, parameters) ?? null);
  if (!isObject(value)) return value;
  const name = refName(value);
  if (name !== undefined) return parameters.has(name) ? parameters.get(name)! : value;
  if (isIntrinsic(value) && 'Fn::Sub' in value) return resolveSub(value, parameters);
  if (isIntrinsic(value) && 'Fn::Join' in value) return resolveJoin(value, parameters);
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) result[key] = resolveParameterRefs(item, parameters) ?? null;
  return result;
}

function resolveSub(value: JsonObject, parameters: ReadonlyMap<string, JsonValue>): JsonValue {
  const argument = value['Fn::Sub'];
  const text = typeof argument === 'string' ? argument : Array.isArray(argument) ? argument[0] : undefined;
  if (typeof text !== 'string') return value;
  const replaced = text.replace(/\$\{([^!}][^}]*)\}/g, (whole, variable: string) => {
    const found = parameters.get(variable.trim());
    return typeof found === 'string' || typeof found === 'number' ? String(found) : whole;
  });
  return typeof argument === 'string'
    ? { 'Fn::Sub': replaced }
    : { 'Fn::Sub': [replaced, ...(argument as JsonValue[]).slice(1)] };
}

function resolveJoin(value: JsonObject, parameters: ReadonlyMap<string, JsonValue>): JsonValue {
  const argument = value['Fn::Join'];
  if (!Array.isArray(argument) || argument.length !== 2 || typeof argument[0] !== 'string') return value;
  const parts = resolveParameterRefs(argument[1], parameters);
  if (!Array.isArray(parts)) return { 'Fn::Join': [argument[0], parts ?? null] };
  if (parts.every((part) => typeof part === 'string' || typeof part === 'number')) return parts.join(argument[0]);
  return { 'Fn::Join': [argument[0], parts] };
}

/** A value as text in messages and names: strings as they are, anything else as JSON. */
export function text(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'None';
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
