// The AWS::LanguageExtensions transform: Fn::ForEach loops expand into copies of their template (in Resources,
// Conditions, Outputs and inside properties), Fn::Length of a known list becomes a number, and intrinsics in
// DeletionPolicy/UpdateReplacePolicy resolve. Fn::ToJsonString and FindInMap's DefaultValue are evaluated at
// deployment by the one evaluator (core/template/resolve), which knows them.
import {
  evaluateIntrinsics,
  UnresolvedIntrinsic,
  type IntrinsicScope,
  type ParameterValue,
} from '../../../core/template/resolve/evaluateIntrinsics';
import { jsonToTemplateNode, type JsonObject, type JsonValue } from '../../../core/template/templateJson';
import { AwsError } from '../../protocol/awsError';

const FOR_EACH = 'Fn::ForEach::';
const MAX_EXPANSIONS = 5000;

/** Applies AWS::LanguageExtensions to a template, given the stack's parameter values (pseudo parameters too). */
export function applyLanguageExtensions(
  template: JsonObject,
  parameters: ReadonlyMap<string, ParameterValue>,
  region: string,
): JsonObject {
  const scope: IntrinsicScope = {
    parameters,
    mappings: jsonToTemplateNode(template.Mappings ?? {}),
    conditions: jsonToTemplateNode(template.Conditions ?? {}),
    region,
    policy: { unresolved: 'throw', conditions: 'evaluate' },
    refResource: () => undefined,
    getAttribute: () => undefined,
  };
  const budget = { expansions: 0 };
  const expanded = expand(template, scope, budget) as JsonObject;
  const resources = expanded.Resources;
  if (resources !== null && typeof resources === 'object' && !Array.isArray(resources)) {
    for (const definition of Object.values(resources)) {
      if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) continue;
      for (const policy of ['DeletionPolicy', 'UpdateReplacePolicy']) {
        const value = definition[policy];
        if (value !== null && typeof value === 'object') definition[policy] = staticValue(value, scope, policy);
      }
    }
  }
  return expanded;
}

function expand(value: JsonValue, scope: IntrinsicScope, budget: { expansions: number }): JsonValue {
  if (Array.isArray(value)) return value.map((item) => expand(item, scope, budget));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Fn::Length') {
    const list = tryStatic(value['Fn::Length']!, scope);
    if (Array.isArray(list)) return list.length;
  }
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (!key.startsWith(FOR_EACH)) {
      result[key] = expand(item, scope, budget);
      continue;
    }
    for (const [outputKey, outputValue] of Object.entries(forEach(key, item, scope, budget))) {
      result[outputKey] = expand(outputValue, scope, budget);
    }
  }
  return result;
}

/** One `Fn::ForEach::Name: [Identifier, Collection, { OutputKey: OutputValue }]` as its expanded entries. */
function forEach(key: string, loop: JsonValue, scope: IntrinsicScope, budget: { expansions: number }): JsonObject {
  if (!Array.isArray(loop) || loop.length !== 3 || typeof loop[0] !== 'string') {
    throw failure(`${key} must be [Identifier, Collection, {OutputKey: OutputValue}]`);
  }
  const [identifier, collectionValue, body] = loop as [string, JsonValue, JsonValue];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw failure(`the third element of ${key} must be a map`);
  }
  const collection = staticValue(collectionValue, scope, key);
  const items = Array.isArray(collection) ? collection : typeof collection === 'string' ? collection.split(',') : [];
  const output: JsonObject = {};
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') throw failure(`${key}: collection items must be text`);
    if (++budget.expansions > MAX_EXPANSIONS) throw failure(`loops expand into more than ${MAX_EXPANSIONS} copies`);
    const text = String(item);
    for (const [outputKey, outputValue] of Object.entries(body)) {
      const expandedKey = substitute(outputKey, identifier, text);
      if (Object.prototype.hasOwnProperty.call(output, expandedKey)) {
        throw failure(`${key} produces the key ${expandedKey} more than once`);
      }
      output[expandedKey] = replaceIdentifier(outputValue, identifier, text);
    }
  }
  return output;
}

/** `${Identifier}` becomes the item; `&{Identifier}` the item without non-alphanumeric characters. */
function substitute(text: string, identifier: string, item: string): string {
  return text
    .split(`\${${identifier}}`)
    .join(item)
    .split(`&{${identifier}}`)
    .join(item.replace(/[^A-Za-z0-9]/g, ''));
}

function replaceIdentifier(value: JsonValue, identifier: string, item: string): JsonValue {
  if (typeof value === 'string') return substitute(value, identifier, item);
  if (Array.isArray(value)) return value.map((entry) => replaceIdentifier(entry, identifier, item));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier) return item;
  const result: JsonObject = {};
  for (const [key, entry] of Object.entries(value)) {
    result[substitute(key, identifier, item)] = replaceIdentifier(entry, identifier, item);
  }
  return result;
}

function staticValue(value: JsonValue, scope: IntrinsicScope, where: string): JsonValue {
  try {
    return evaluateIntrinsics(jsonToTemplateNode(value), scope) as JsonValue;
  } catch (error) {
    if (error instanceof UnresolvedIntrinsic) throw failure(`${where}: ${error.message}`);
    throw error;
  }
}

function tryStatic(value: JsonValue, scope: IntrinsicScope): unknown {
  try {
    return evaluateIntrinsics(jsonToTemplateNode(value), scope);
  } catch {
    return undefined;
  }
}

function failure(detail: string): AwsError {
  return new AwsError('ValidationError', `Transform AWS::LanguageExtensions failed with: ${detail}`);
}
