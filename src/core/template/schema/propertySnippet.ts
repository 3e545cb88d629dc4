import type { PropertySpec, TemplateSchema, ValueShape } from './templateSchema';

/** How completions are written: block YAML or JSON. */
export type SnippetFormat = 'yaml' | 'json';

// Snippets use the VS Code / LSP syntax: $1 tab stops, ${1|a,b|} choices, \t for one indentation step (the
// editor turns it into the document's indentation and keeps the current line's indentation on new lines).
const MAX_CHOICES = 12;

/** Counts tab stops across one snippet. */
class TabStops {
  private next = 1;
  take(): number {
    return this.next++;
  }
}

/**
 * The snippet inserting `property` with the structure it requires: `Name: $1` for a scalar (a choice when the
 * values are few), `Name:` with the required properties of an object one level deep, a list dash for lists,
 * and for a map of events a named entry with its `Type` choice.
 */
export function propertySnippet(property: PropertySpec, schema: TemplateSchema, format: SnippetFormat): string {
  const stops = new TabStops();
  const key = format === 'json' ? `"${escapeSnippet(property.name)}": ` : `${escapeSnippet(property.name)}:`;
  return key + valueSnippet(property.shape, property, schema, format, stops, 1, true);
}

/** The `Properties` block a new resource of this type needs, e.g. for `Type: AWS::SQS::QueuePolicy`. */
export function requiredPropertiesSnippet(
  properties: readonly PropertySpec[],
  schema: TemplateSchema,
  format: SnippetFormat,
): string {
  const stops = new TabStops();
  const lines = properties.map((property) => {
    const key = format === 'json' ? `"${escapeSnippet(property.name)}": ` : `${escapeSnippet(property.name)}:`;
    // The properties sit one level inside `Properties`, so their values start two levels in.
    return key + valueSnippet(property.shape, property, schema, format, stops, 2, false);
  });
  return format === 'json' ? `"Properties": {\n\t${lines.join(',\n\t')}\n}` : `Properties:\n\t${lines.join('\n\t')}`;
}

function valueSnippet(
  shape: ValueShape,
  property: PropertySpec | undefined,
  schema: TemplateSchema,
  format: SnippetFormat,
  stops: TabStops,
  depth: number,
  expand: boolean,
): string {
  const indent = '\t'.repeat(depth);
  const closeIndent = '\t'.repeat(depth - 1);
  const yaml = format === 'yaml';
  switch (shape.kind) {
    case 'primitive': {
      const choices = property?.allowedValues ?? (shape.type === 'boolean' ? ['true', 'false'] : undefined);
      const stop =
        choices && choices.length <= MAX_CHOICES
          ? `\${${stops.take()}|${choices.map(escapeChoice).join(',')}|}`
          : `$${stops.take()}`;
      const quoted = !yaml && shape.type === 'string' && !choices ? `"${stop}"` : stop;
      return yaml ? ` ${quoted}` : quoted;
    }
    case 'object': {
      const type = schema.objectType(shape.typeName);
      const required = expand ? [...(type?.properties.values() ?? [])].filter((child) => child.required) : [];
      if (required.length === 0)
        return yaml ? `\n${indent}$${stops.take()}` : `{\n${indent}$${stops.take()}\n${closeIndent}}`;
      const entries = required.map((child) => {
        const key = yaml ? `${escapeSnippet(child.name)}:` : `"${escapeSnippet(child.name)}": `;
        return key + valueSnippet(child.shape, child, schema, format, stops, depth + 1, false);
      });
      return yaml
        ? `\n${indent}${entries.join(`\n${indent}`)}`
        : `{\n${indent}${entries.join(`,\n${indent}`)}\n${closeIndent}}`;
    }
    case 'array':
      return yaml ? `\n${indent}- $${stops.take()}` : `[\n${indent}$${stops.take()}\n${closeIndent}]`;
    case 'map': {
      const values = shape.values;
      const eventType = values.kind === 'object' ? schema.objectType(values.typeName) : undefined;
      const discriminator = eventType?.discriminator;
      if (expand && discriminator) {
        // A map of discriminated objects (SAM Events): a named entry and its Type choice.
        const name = `\${${stops.take()}:Name}`;
        const kinds = [...discriminator.mapping.keys()].map(escapeChoice).join(',');
        const typeChoice = `\${${stops.take()}|${kinds}|}`;
        const inner = '\t'.repeat(depth + 1);
        return yaml
          ? `\n${indent}${name}:\n${inner}${discriminator.property}: ${typeChoice}\n${inner}Properties:\n${inner}\t$0`
          : `{\n${indent}"${name}": {\n${inner}"${discriminator.property}": "${typeChoice}",\n${inner}"Properties": {$0}\n${indent}}\n${closeIndent}}`;
      }
      return yaml ? `\n${indent}$${stops.take()}` : `{\n${indent}$${stops.take()}\n${closeIndent}}`;
    }
    case 'union': {
      // Offer the simplest form: a scalar when the union has one, else its first option.
      const simplest = shape.options.find((option) => option.kind === 'primitive') ?? shape.options[0];
      return simplest
        ? valueSnippet(simplest, property, schema, format, stops, depth, expand)
        : valueSnippet({ kind: 'primitive', type: 'any' }, property, schema, format, stops, depth, expand);
    }
  }
}

/** Escapes text that a snippet would otherwise read as syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (character) => `\\${character}`);
}
