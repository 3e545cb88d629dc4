import { describeError } from '../../errors';
import { silentLogger, type Logger } from '../../logger';
import { hoverAtPath } from '../schema/schemaHover';
import type { SourceRange } from '../templateTree';
import { intrinsicByKey, intrinsicByTag, type IntrinsicFunction } from './intrinsicFunctions';
import { locateNode } from './locateNode';
import { markdownCode, markdownCodeBlock, markdownText } from './markdownText';
import { PSEUDO_PARAMETERS } from './pseudoParameters';
import { referenceAtOffset, type ReferencePart } from './referenceAtOffset';
import type { TemplateDocument } from './templateDocument';
import type { TemplateReference } from './templateReferences';
import { resourceTypeOf } from './validateReferences';

/** A hover: Markdown and the range it describes. */
export interface TemplateHover {
  contents: string;
  range: SourceRange;
}

/**
 * Describes what is at an offset: an intrinsic function, a reference and what it resolves to (a parameter's type,
 * default and description; what Ref or GetAtt returns), a pseudo parameter, a resource type or a property.
 * Never throws.
 */
export function hoverTemplate(
  document: TemplateDocument,
  offset: number,
  logger: Logger = silentLogger,
): TemplateHover | undefined {
  try {
    return hover(document, offset);
  } catch (error) {
    logger.error(`hover failed: ${describeError(error)}`);
    return undefined;
  }
}

function describeIntrinsic(fn: IntrinsicFunction): string {
  const transform = fn.transform ? `\n\nRequires the \`${fn.transform}\` transform.` : '';
  return `**${fn.name}** — intrinsic function\n\n\`\`\`yaml\n${fn.signature}\n\`\`\`\n\n${fn.documentation}${transform}`;
}

function hover(document: TemplateDocument, offset: number): TemplateHover | undefined {
  const location = locateNode(document.parsed.root, document.text, offset);
  if (location.tag) {
    const fn = intrinsicByTag(location.tag.name);
    if (fn) return { contents: describeIntrinsic(fn), range: location.tag.range };
  }
  const found = referenceAtOffset(document.references, offset);
  if (found) {
    const contents = describeReference(document, found.reference, found.part);
    if (contents) {
      const reference = found.reference;
      const range =
        found.part === 'attribute' && 'attributeRange' in reference && reference.attributeRange
          ? reference.attributeRange
          : found.part === 'topLevelKey' && reference.kind === 'findinmap' && reference.topLevelKey
            ? reference.topLevelKey.range
            : found.part === 'secondLevelKey' && reference.kind === 'findinmap' && reference.secondLevelKey
              ? reference.secondLevelKey.range
              : reference.range;
      return { contents, range };
    }
  }
  const key = location.key;
  const path = location.path;
  const schema = document.schema;
  if (key && typeof key.value === 'string') {
    const fn = intrinsicByKey(key.value);
    if (fn && (fn.name !== 'Condition' || path.length !== 3))
      return { contents: describeIntrinsic(fn), range: key.range };
    const entry = describeEntry(document, path);
    if (entry) return { contents: entry, range: key.range };
    const contents = schema && hoverAtPath(document.parsed.root, schema, path, 'key');
    return contents ? { contents, range: key.range } : undefined;
  }
  const node = location.chain[location.chain.length - 1]?.node;
  if (node?.kind !== 'scalar' || location.chain.length < 2) return undefined;
  if (typeof node.value === 'string' && PSEUDO_PARAMETERS.has(node.value)) {
    return { contents: describePseudo(node.value), range: node.range };
  }
  // A value: what it stands for (a resource type, an event source, a runtime) or its property's documentation.
  const contents = schema && hoverAtPath(document.parsed.root, schema, path, 'value');
  return contents ? { contents, range: node.range } : undefined;
}

function describePseudo(name: string): string {
  return `**${name}** — pseudo parameter\n\n${PSEUDO_PARAMETERS.get(name)?.documentation ?? ''}`;
}

/** A parameter, resource, condition, mapping or output, by name. */
function describeName(document: TemplateDocument, name: string): string | undefined {
  const symbols = document.symbols;
  const parameter = symbols.parameters.get(name);
  if (parameter) {
    const lines = [`**Parameter** ${markdownCode(name)} (${markdownText(parameter.type ?? 'String')})`];
    if (parameter.defaultValue !== undefined) lines.push(`Default: ${markdownCode(String(parameter.defaultValue))}`);
    if (parameter.description) lines.push(markdownText(parameter.description));
    return lines.join('\n\n');
  }
  if (PSEUDO_PARAMETERS.has(name)) return describePseudo(name);
  const resource = symbols.resources.get(name);
  const generated = symbols.generated.get(name);
  const type = resource?.type ?? generated?.type;
  if (resource || generated) {
    const spec = type ? document.schema?.resourceType(type) : undefined;
    const lines = [`**Resource** ${markdownCode(name)}${type ? ` — ${markdownCode(type)}` : ''}`];
    if (generated) lines.push(`Generated by SAM from \`${generated.source}\`. ${generated.documentation}`);
    if (spec?.refReturns) lines.push(`\`Ref\` returns ${spec.refReturns}.`);
    const attributes = spec ? [...spec.attributes.keys()] : [];
    if (attributes.length > 0)
      lines.push(`\`GetAtt\`: ${attributes.map((attribute) => markdownCode(`${name}.${attribute}`)).join(', ')}`);
    return lines.join('\n\n');
  }
  return undefined;
}

function sourceExcerpt(document: TemplateDocument, range: SourceRange | undefined): string {
  if (!range) return '';
  const text = document.text.slice(range.start, Math.min(range.end, range.start + 400)).trim();
  return `\n\n${markdownCodeBlock(`${text}${range.end - range.start > 400 ? '\n…' : ''}`, document.parsed.format)}`;
}

function describeReference(
  document: TemplateDocument,
  reference: TemplateReference,
  part: ReferencePart,
): string | undefined {
  const symbols = document.symbols;
  switch (reference.kind) {
    case 'ref':
    case 'dependson':
      return describeName(document, reference.name);
    case 'sub':
      if (reference.local)
        return `**${markdownText(reference.text)}** — variable of this \`Fn::Sub\`${sourceExcerpt(document, reference.local)}`;
      if (reference.attribute === undefined || symbols.generated.has(reference.text))
        return describeName(document, reference.text);
      return part === 'attribute'
        ? describeAttribute(document, reference.name, reference.attribute)
        : describeName(document, reference.name);
    case 'getatt':
      return part === 'attribute' && reference.attribute
        ? describeAttribute(document, reference.resource, reference.attribute)
        : describeName(document, reference.resource);
    case 'condition': {
      const condition = symbols.conditions.get(reference.name);
      if (!condition) return undefined;
      // From the name on: the node's own range would leave out a short-form tag (`!Equals`).
      const definition = { start: condition.keyRange.start, end: condition.node?.range.end ?? condition.keyRange.end };
      return `**Condition** ${markdownCode(reference.name)}${sourceExcerpt(document, definition)}`;
    }
    case 'findinmap': {
      const mapping = symbols.mappings.get(reference.name);
      if (!mapping) return undefined;
      const keys = [...mapping.topLevelKeys.keys()];
      return `**Mapping** ${markdownCode(reference.name)} — top-level keys: ${keys
        .slice(0, 20)
        .map((key) => markdownCode(key))
        .join(', ')}${keys.length > 20 ? ', …' : ''}`;
    }
  }
}

function describeAttribute(document: TemplateDocument, resource: string, attribute: string): string | undefined {
  const type = resourceTypeOf(document.symbols, resource);
  const spec = type ? document.schema?.resourceType(type) : undefined;
  const info = spec?.attributes.get(attribute);
  if (!info) return undefined;
  return `**${markdownText(`${resource}.${attribute}`)}** — \`GetAtt\` attribute of ${markdownCode(type ?? '')}\n\n${info.documentation}`;
}

/** The name of a parameter, resource, condition, mapping or output where it is defined. */
function describeEntry(document: TemplateDocument, path: (string | number)[]): string | undefined {
  if (path.length !== 2 || typeof path[1] !== 'string') return undefined;
  if (path[0] === 'Parameters' || path[0] === 'Resources') return describeName(document, path[1]);
  if (path[0] === 'Conditions') return `**Condition** ${markdownCode(path[1])}`;
  if (path[0] === 'Mappings') return `**Mapping** ${markdownCode(path[1])}`;
  return undefined;
}
