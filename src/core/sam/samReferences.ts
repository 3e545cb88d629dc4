// After all resources are transformed, references to what SAM generated are resolved across the template
// (samtranslator/intrinsics/resource_refs.py, resolver): `!Ref Fn.Alias`, `!GetAtt Api.Stage...`,
// `${Fn.Version}` in Sub, and Refs to resources SAM renamed (layers get a hashed logical ID).
import { isObject, type JsonObject, type JsonValue } from './intrinsics';
import type { TransformContext } from './transformContext';

export function resolveSamReferences(template: JsonObject, context: TransformContext): JsonObject {
  if (context.samReferences.size === 0 && context.renamedIds.size === 0) return template;
  const resolve = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(resolve);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const [key] = keys as [string];
      const argument = value[key]!;
      if (key === 'Ref' && typeof argument === 'string') {
        const found = context.samReferences.get(argument);
        if (found !== undefined) return structuredClone(found);
        const renamed = context.renamedIds.get(argument);
        if (renamed !== undefined) return { Ref: renamed };
      }
      if (key === 'Fn::GetAtt') return { [key]: resolveGetAtt(argument, context) };
      if (key === 'Fn::Sub') return { [key]: resolveSub(argument, context, resolve) };
      if (key === 'DependsOn') return { [key]: resolve(argument) };
    }
    const result: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'DependsOn') result[key] = renameDependsOn(item, context);
      else result[key] = resolve(item);
    }
    return result;
  };
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(template))
    result[key] = key === 'Resources' || key === 'Outputs' ? resolve(value) : value;
  return result;
}

function renameDependsOn(value: JsonValue, context: TransformContext): JsonValue {
  const rename = (item: JsonValue): JsonValue =>
    typeof item === 'string' ? (context.renamedIds.get(item) ?? item) : item;
  return Array.isArray(value) ? value.map(rename) : rename(value);
}

function resolveGetAtt(argument: JsonValue, context: TransformContext): JsonValue {
  const parts = Array.isArray(argument)
    ? argument.map(String)
    : typeof argument === 'string'
      ? argument.split('.')
      : undefined;
  if (!parts || parts.length < 2) return argument;
  const [first, second, ...rest] = parts as [string, string, ...string[]];
  const found = context.samReferences.get(`${first}.${second}`);
  const target = found && isObject(found) && typeof found.Ref === 'string' ? found.Ref : undefined;
  if (target && rest.length > 0) return [target, rest.join('.')];
  const renamed = context.renamedIds.get(first);
  if (renamed) return Array.isArray(argument) ? [renamed, ...parts.slice(1)] : `${renamed}.${parts.slice(1).join('.')}`;
  return argument;
}

function resolveSub(
  argument: JsonValue,
  context: TransformContext,
  resolve: (value: JsonValue) => JsonValue,
): JsonValue {
  const rewrite = (text: string) =>
    text.replace(
      /\$\{([A-Za-z0-9]+)\.([A-Za-z0-9]+)((?:\.[A-Za-z0-9]+)*)\}/g,
      (whole, id: string, property: string, rest: string) => {
        const found = context.samReferences.get(`${id}.${property}`);
        const target = found && isObject(found) && typeof found.Ref === 'string' ? found.Ref : undefined;
        if (!target) return whole;
        return rest ? `\${${target}${rest}}` : `\${${target}}`;
      },
    );
  if (typeof argument === 'string') return rewrite(argument);
  if (Array.isArray(argument) && typeof argument[0] === 'string')
    return [rewrite(argument[0]), ...argument.slice(1).map(resolve)];
  return argument;
}
