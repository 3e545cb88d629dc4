import type { TemplateNode } from '../templateTree';
import { describeShape } from './describeShape';
import { isIntrinsicNode } from './isIntrinsicNode';
import { LAMBDA_RUNTIMES, isRuntimeDeprecated, lambdaRuntime } from './lambdaRuntimes';
import { escapeSnippet, propertySnippet, requiredPropertiesSnippet, type SnippetFormat } from './propertySnippet';
import { resolveSchemaAtPath, type TemplatePath } from './resolveSchemaAtPath';
import { describeProperty, describeResourceType } from './schemaHover';
import { SCHEMA_TYPES, type PropertySpec, type TemplateSchema } from './templateSchema';

/** What a candidate completes: a property name, a value, or a resource type (a value of `Type`). */
export type CompletionCandidateKind = 'property' | 'value' | 'resourceType';

/** One completion proposal as plain data; the editor side turns it into a CompletionItem and filters it. */
export interface CompletionCandidate {
  label: string;
  kind: CompletionCandidateKind;
  /** One line next to the label: the type and "required", a runtime's name, a resource type's service. */
  detail: string;
  /** Markdown. */
  documentation: string;
  /** Plain text to insert: `Name: ` for a YAML property, `"Name": ` in JSON, the bare value otherwise. */
  insertText: string;
  /** Snippet syntax ($1, ${1|a,b|}, \t) that also inserts required structure; preferred when present. */
  snippet?: string;
  /** Orders the list: required properties first, deprecated entries last. */
  sortText: string;
  deprecated?: boolean;
}

/** How candidates are written, and the clock runtime deprecation is judged by. */
export interface CompletionOptions {
  format?: SnippetFormat;
  now?: Date;
}

/**
 * Property names for the object at `path` (e.g. `['Resources', 'Fn', 'Properties']`): those of its type (the
 * resource's type, the event's variant, the Globals section...), minus the keys already written.
 */
export function completePropertiesAtPath(
  root: TemplateNode | undefined,
  schema: TemplateSchema,
  path: TemplatePath,
  options: CompletionOptions = {},
): CompletionCandidate[] {
  const location = resolveSchemaAtPath(root, schema, path);
  const type = location?.objectType;
  if (!location || !type) return [];
  if (location.node && location.node.kind !== 'map' && isIntrinsicNode(location.node)) return [];
  const format = options.format ?? 'yaml';
  const present = new Set(
    location.node?.kind === 'map' ? location.node.pairs.map((pair) => String(pair.key.value)) : [],
  );
  const resourceType = location.resource?.type;
  return [...type.properties.values()]
    .filter((property) => !present.has(property.name))
    .filter(
      (property) => !property.appliesTo || (resourceType !== undefined && property.appliesTo.includes(resourceType)),
    )
    .map((property) => propertyCandidate(property, schema, format, type.name === SCHEMA_TYPES.template));
}

function propertyCandidate(
  property: PropertySpec,
  schema: TemplateSchema,
  format: SnippetFormat,
  isSection: boolean,
): CompletionCandidate {
  const candidate: CompletionCandidate = {
    label: property.name,
    kind: 'property',
    detail: `${describeShape(property.shape)}${property.required ? ' · required' : ''}${property.deprecated ? ' · deprecated' : ''}`,
    documentation: describeProperty(property),
    insertText: format === 'json' ? `"${property.name}": ` : `${property.name}: `,
    snippet: propertySnippet(property, schema, format),
    // Sections keep the order templates write them in; properties put required ones first.
    sortText: `${property.deprecated ? 2 : property.required ? 0 : 1}_${isSection ? SECTION_ORDER.indexOf(property.name) + 10 : ''}${property.name}`,
  };
  if (property.deprecated) candidate.deprecated = true;
  return candidate;
}

const SECTION_ORDER = [
  'AWSTemplateFormatVersion',
  'Transform',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Globals',
  'Resources',
  'Outputs',
  'Hooks',
];

/**
 * Values for the position at `path` (e.g. `[..., 'Runtime']` or `[..., 'Architectures', 0]`): allowed values,
 * suggested values (DeploymentPreference types, parameter types...), booleans, and resource types for a
 * resource's `Type`.
 */
export function completeValuesAtPath(
  root: TemplateNode | undefined,
  schema: TemplateSchema,
  path: TemplatePath,
  options: CompletionOptions = {},
): CompletionCandidate[] {
  const last = path[path.length - 1];
  // A list item takes its values from the list's property.
  const location = resolveSchemaAtPath(root, schema, typeof last === 'number' ? path.slice(0, -1) : path);
  const property = location?.property;
  if (!location || !property) return [];
  if (location.parentType?.name === SCHEMA_TYPES.resource && property.name === 'Type') {
    return completeResourceTypes(schema, options);
  }
  const now = options.now ?? new Date();
  const candidates: CompletionCandidate[] = [];
  const seen = new Set<string>();
  const add = (value: string, detail: string, rank: number, deprecated = false) => {
    if (seen.has(value)) return;
    seen.add(value);
    const candidate: CompletionCandidate = {
      label: value,
      kind: 'value',
      detail,
      documentation: property.documentation,
      insertText: value,
      sortText: `${rank}_${String(candidates.length).padStart(4, '0')}`,
    };
    if (deprecated) candidate.deprecated = true;
    candidates.push(candidate);
  };
  if (property.name === 'Runtime' && property.allowedValues?.some((value) => lambdaRuntime(value))) {
    for (const runtime of LAMBDA_RUNTIMES) {
      const deprecated = isRuntimeDeprecated(runtime, now);
      add(
        runtime.id,
        `${runtime.name}${deprecated ? ` · deprecated since ${runtime.deprecation}` : ''}`,
        deprecated ? 2 : 0,
        deprecated,
      );
    }
    return candidates;
  }
  // A discriminator (an event's Type) offers every variant, not just the one already chosen.
  const family = location.parentFamily;
  const allowed = family?.discriminator?.property === property.name ? family.properties.get(property.name) : property;
  for (const value of allowed?.allowedValues ?? []) add(value, property.name, 0);
  for (const value of property.suggestedValues ?? []) add(value, property.name, 1);
  if (candidates.length === 0 && acceptsBoolean(property)) {
    add('true', 'Boolean', 0);
    add('false', 'Boolean', 0);
  }
  return candidates;
}

function acceptsBoolean(property: PropertySpec): boolean {
  const shape = property.shape;
  if (shape.kind === 'primitive') return shape.type === 'boolean';
  return (
    shape.kind === 'union' && shape.options.some((option) => option.kind === 'primitive' && option.type === 'boolean')
  );
}

const resourceTypeLists = new WeakMap<TemplateSchema, CompletionCandidate[]>();

/**
 * Every resource type, SAM types first; the editor filters them fuzzily. Cheap: the list is built once per
 * schema without reading the types. Fill in documentation and the snippet of the chosen one with
 * `resolveResourceTypeCandidate` (VS Code's resolveCompletionItem).
 */
export function completeResourceTypes(schema: TemplateSchema, options: CompletionOptions = {}): CompletionCandidate[] {
  void options;
  let list = resourceTypeLists.get(schema);
  if (!list) {
    list = schema.resourceTypeNames().map((name) => {
      const sam = name.startsWith('AWS::Serverless::');
      return {
        label: name,
        kind: 'resourceType' as const,
        detail: sam ? 'AWS SAM' : (name.split('::')[1] ?? ''),
        documentation: '',
        insertText: name,
        sortText: `${sam ? 0 : 1}_${name}`,
      };
    });
    resourceTypeLists.set(schema, list);
  }
  return list.map((candidate) => ({ ...candidate }));
}

/**
 * Adds a resource type candidate's documentation and, for YAML, a snippet that also opens the `Properties`
 * block with the type's required properties (use it when the resource has no Properties yet).
 */
export function resolveResourceTypeCandidate(
  schema: TemplateSchema,
  candidate: CompletionCandidate,
  options: CompletionOptions = {},
): CompletionCandidate {
  const spec = schema.resourceType(candidate.label);
  if (!spec) return candidate;
  const resolved: CompletionCandidate = { ...candidate, documentation: describeResourceType(spec) };
  const required = [...spec.properties.properties.values()].filter((property) => property.required);
  if (required.length > 0 && (options.format ?? 'yaml') === 'yaml') {
    resolved.snippet = `${escapeSnippet(spec.name)}\n${requiredPropertiesSnippet(required, schema, 'yaml')}`;
  }
  return resolved;
}
