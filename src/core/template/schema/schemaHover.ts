import { scalarString, type TemplateNode } from '../templateTree';
import { describeShape } from './describeShape';
import { isRuntimeDeprecated, lambdaRuntime, upgradeTarget } from './lambdaRuntimes';
import { resolveSchemaAtPath, type TemplatePath } from './resolveSchemaAtPath';
import {
  SCHEMA_TYPES,
  type GeneratedResourceSpec,
  type PropertySpec,
  type ResourceTypeSpec,
  type TemplateSchema,
} from './templateSchema';

const MAX_LISTED_VALUES = 15;
const MAX_LISTED_ATTRIBUTES = 12;

/** Markdown for a property: its type, whether it is required, its documentation and allowed values. */
export function describeProperty(property: PropertySpec): string {
  const facts = [`\`${describeShape(property.shape)}\``];
  if (property.required) facts.push('required');
  if (property.deprecated) facts.push('deprecated');
  const parts = [`**${property.name}** · ${facts.join(' · ')}`];
  if (property.documentation) parts.push(property.documentation);
  if (property.allowedValues?.length) parts.push(`Allowed values: ${listValues(property.allowedValues)}`);
  else if (property.suggestedValues?.length) parts.push(`Common values: ${listValues(property.suggestedValues)}`);
  if (property.appliesTo) parts.push(`Only in: ${property.appliesTo.map((type) => `\`${type}\``).join(', ')}`);
  return parts.join('\n\n');
}

function listValues(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((value) => `\`${value}\``);
  return values.length > MAX_LISTED_VALUES
    ? `${shown.join(', ')} and ${values.length - MAX_LISTED_VALUES} more`
    : shown.join(', ');
}

/**
 * Markdown for a resource type: what it is, a link to its reference page, what `Ref` returns, its GetAtt
 * attributes and, for SAM types, the resources SAM generates that templates can reference.
 */
export function describeResourceType(spec: ResourceTypeSpec): string {
  const parts = [`**${spec.name}**`];
  if (spec.documentation) parts.push(spec.documentation);
  if (spec.refReturns) parts.push(`\`Ref\` returns ${spec.refReturns}.`);
  const attributes = [...spec.attributes.keys()];
  if (attributes.length > 0) {
    const shown = attributes.slice(0, MAX_LISTED_ATTRIBUTES).map((name) => `\`${name}\``);
    const more =
      attributes.length > MAX_LISTED_ATTRIBUTES ? ` and ${attributes.length - MAX_LISTED_ATTRIBUTES} more` : '';
    parts.push(`\`Fn::GetAtt\` attributes: ${shown.join(', ')}${more}`);
  }
  for (const [prefix, { documentation }] of spec.attributePrefixes ?? [])
    parts.push(`\`${prefix}*\`: ${documentation}`);
  if (spec.generated?.length) {
    parts.push(`SAM also creates:\n${spec.generated.map(describeGenerated).join('\n')}`);
  }
  if (spec.documentationUrl) parts.push(`[Reference](${spec.documentationUrl})`);
  return parts.join('\n\n');
}

function describeGenerated(entry: GeneratedResourceSpec): string {
  const when = entry.when
    ? ` when \`${entry.when}\` is set`
    : entry.unless
      ? ` unless \`${entry.unless}\` is set`
      : entry.whenEventType
        ? ` for \`${entry.whenEventType}\` events`
        : '';
  return `- \`${entry.reference}\` (${entry.type})${when}`;
}

/**
 * Hover markdown at `path`: for a key, the property (or section, or resource type of a logical ID); for a
 * value, what it stands for (a resource type, an event source kind, a Lambda runtime and its deprecation).
 */
export function hoverAtPath(
  root: TemplateNode | undefined,
  schema: TemplateSchema,
  path: TemplatePath,
  target: 'key' | 'value',
  options: { now?: Date } = {},
): string | undefined {
  const location = resolveSchemaAtPath(root, schema, path);
  if (!location) return undefined;
  const property = location.property;
  if (target === 'key') {
    if (property) return describeProperty(property);
    const inResources = path.length === 2 && path[0] === 'Resources';
    return inResources && location.resource?.spec ? describeResourceType(location.resource.spec) : undefined;
  }
  const value = scalarString(location.node);
  if (!property || value === undefined) return undefined;
  if (location.parentType?.name === SCHEMA_TYPES.resource && property.name === 'Type') {
    const spec = schema.resourceType(value);
    return spec ? describeResourceType(spec) : undefined;
  }
  const family = location.parentFamily;
  if (family?.discriminator?.property === property.name) {
    const variantName = family.discriminator.mapping.get(value);
    const variant = variantName ? schema.objectType(variantName) : undefined;
    if (variant) return `**${value}** event source\n\n${variant.documentation}`;
  }
  if (property.name === 'Runtime') {
    const runtime = lambdaRuntime(value);
    if (runtime) {
      const now = options.now ?? new Date();
      const deprecated = isRuntimeDeprecated(runtime, now);
      const target = deprecated ? upgradeTarget(runtime, now) : undefined;
      const status = deprecated
        ? `Deprecated since ${runtime.deprecation}.${target ? ` Upgrade to \`${target.id}\`.` : ''}`
        : `Supported; deprecation planned for ${runtime.deprecation}.`;
      return `**${runtime.name}** (\`${runtime.id}\`)\n\n${status}`;
    }
  }
  return describeProperty(property);
}
