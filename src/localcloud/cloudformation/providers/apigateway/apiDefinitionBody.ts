// The OpenAPI document of an API resource: its Body (an object, or JSON/YAML text), or the object BodyS3Location
// names in the local S3 (where `cloudformation package` and SAM's DefinitionUri put it).
import { parse } from 'yaml';
import type { JsonObject } from '../../../../core/template/templateJson';
import type { ProviderContext } from '../resourceProvider';
import { objectProperty, stringProperty } from '../resourceProvider';

/** The definition, or undefined when the resource has none (resources and methods come as their own resources). */
export function apiDefinitionBody(properties: JsonObject, context: ProviderContext): JsonObject | undefined {
  const body = properties['Body'];
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body;
  if (typeof body === 'string') return parseDefinition(body, 'Body');
  const location = objectProperty(properties, 'BodyS3Location');
  if (!location) return undefined;
  const bucket = stringProperty(location, 'Bucket');
  const key = stringProperty(location, 'Key');
  if (!bucket || !key) throw new Error('BodyS3Location needs Bucket and Key');
  let text: string;
  try {
    text = context.services.objectStore.getObject(bucket, key).data.toString('utf8');
  } catch (error) {
    throw new Error(
      `Unable to read the API definition at s3://${bucket}/${key}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseDefinition(text, `s3://${bucket}/${key}`);
}

function parseDefinition(text: string, where: string): JsonObject {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(
      `Errors found during import: the definition in ${where} is neither JSON nor YAML (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new Error(`Errors found during import: the definition in ${where} is not an OpenAPI document`);
  }
  return document as JsonObject;
}

/** Stage variables as text (CloudFormation may hand numbers and booleans over as such). */
export function stageVariables(value: JsonObject | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value ?? {}).map(([key, item]) => [
      key,
      typeof item === 'object' ? JSON.stringify(item) : String(item),
    ]),
  );
}

/**
 * An API's tags: the `Tags` property (REST APIs: a list of Key/Value; HTTP APIs: a map) and, in an OpenAPI body,
 * `tags` entries carrying `x-amazon-apigateway-tag-value` (how SAM tags HTTP APIs).
 */
export function apiTags(properties: JsonObject, body: JsonObject | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  const bodyTags = body?.['tags'];
  if (Array.isArray(bodyTags)) {
    for (const entry of bodyTags) {
      const tag = entry as JsonObject;
      const value = tag['x-amazon-apigateway-tag-value'];
      if (typeof tag['name'] === 'string' && typeof value === 'string') tags[tag['name']] = value;
    }
  }
  const property = properties['Tags'];
  if (Array.isArray(property)) {
    for (const entry of property) {
      const tag = entry as JsonObject;
      if (typeof tag['Key'] === 'string') tags[tag['Key']] = tagText(tag['Value']);
    }
  } else if (property && typeof property === 'object') {
    for (const [key, value] of Object.entries(property)) tags[key] = tagText(value);
  }
  return tags;
}

function tagText(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
}
