// AWS::Include: `Fn::Transform: { Name: AWS::Include, Parameters: { Location: s3://bucket/key } }` is replaced by
// the snippet stored at Location (YAML or JSON), read from the local cloud's S3. Beside other keys of a map, the
// snippet's keys are merged in. Snippets may include others; the depth is bounded.
import {
  parseTemplateJson,
  TemplateSyntaxError,
  type JsonObject,
  type JsonValue,
} from '../../../core/template/templateJson';
import { AwsError } from '../../protocol/awsError';
import type { ObjectStore } from '../../s3/objectStore';
import { readS3Text } from './templateLocation';

const MAX_INCLUDE_DEPTH = 8;

/** Replaces every AWS::Include snippet transform in the value; other Fn::Transform macros are left as they are. */
export function applyIncludes(value: JsonValue, store: ObjectStore, depth = 0): JsonValue {
  if (Array.isArray(value)) return value.map((item) => applyIncludes(item, store, depth));
  if (value === null || typeof value !== 'object') return value;
  const transform = value['Fn::Transform'];
  const location = includeLocation(transform);
  if (location !== undefined) {
    if (depth >= MAX_INCLUDE_DEPTH) throw includeError(`includes nest more than ${MAX_INCLUDE_DEPTH} levels deep`);
    const snippet = applyIncludes(readSnippet(store, location), store, depth + 1);
    const others = Object.entries(value).filter(([key]) => key !== 'Fn::Transform');
    if (others.length === 0) return snippet;
    if (snippet === null || typeof snippet !== 'object' || Array.isArray(snippet)) {
      throw includeError(`the snippet at ${location} must be a map to merge with the keys beside it`);
    }
    const merged: JsonObject = {};
    for (const [key, item] of others) merged[key] = applyIncludes(item, store, depth);
    return { ...merged, ...snippet };
  }
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) result[key] = applyIncludes(item, store, depth);
  return result;
}

/** A template-level `Transform: { Name: AWS::Include, ... }` entry's location, if the entry is one. */
export function includeLocation(transform: JsonValue | undefined): string | undefined {
  if (transform === null || typeof transform !== 'object' || Array.isArray(transform)) return undefined;
  if (transform.Name !== 'AWS::Include') return undefined;
  const parameters = transform.Parameters;
  const location =
    parameters !== null && typeof parameters === 'object' && !Array.isArray(parameters)
      ? parameters.Location
      : undefined;
  if (typeof location !== 'string') throw includeError('the Location parameter is required');
  return location;
}

function readSnippet(store: ObjectStore, location: string): JsonValue {
  const text = readS3Text(store, location, 'Location');
  try {
    return parseTemplateJson(text);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw includeError(`${location}: ${error.message}`);
    throw error;
  }
}

function includeError(detail: string): AwsError {
  return new AwsError('ValidationError', `Transform AWS::Include failed with: ${detail}`);
}
