import type { ParsedTemplate } from '../parseTemplate';
import { getMapValue, scalarString, type SourceRange, type TemplateNode, type TemplateScalar } from '../templateTree';
import type { GeneratedResource, GeneratedResources } from './samGeneratedResources';

const NO_GENERATED: GeneratedResources = { resources: [], patterns: [] };

/** A named entry of a top-level section (a parameter, resource, condition, mapping or output). */
export interface TemplateEntry {
  name: string;
  /** Where the name is written. */
  keyRange: SourceRange;
  /** The entry's definition. */
  node: TemplateNode | undefined;
}

/** A parameter with what hovers and completions show about it. */
export interface ParameterEntry extends TemplateEntry {
  type: string | undefined;
  defaultValue: string | undefined;
  description: string | undefined;
}

/** A resource with its type. */
export interface ResourceEntry extends TemplateEntry {
  type: string | undefined;
}

/** A mapping with its two levels of keys (names with their ranges). */
export interface MappingEntry extends TemplateEntry {
  topLevelKeys: Map<string, { keyRange: SourceRange; secondLevelKeys: Map<string, SourceRange> }>;
}

/** The names a template defines, by section; the first definition wins when a name is repeated. */
export interface TemplateSymbols {
  parameters: Map<string, ParameterEntry>;
  resources: Map<string, ResourceEntry>;
  conditions: Map<string, TemplateEntry>;
  mappings: Map<string, MappingEntry>;
  outputs: Map<string, TemplateEntry>;
  /** What the SAM transform generates (`MyFunctionRole`, `MyFunction.Alias`...), keyed by name. */
  readonly generated: Map<string, GeneratedResource>;
  /** The transforms the template declares. */
  transforms: string[];
  /**
   * Logical IDs known only after a transform runs, as patterns: `Fn::ForEach` outputs (`Topic${Name}` becomes
   * /^Topic.+$/) and SAM's hashed names (`MyFunctionVersion<hash>`).
   */
  readonly loopResourcePatterns: RegExp[];
}

/**
 * Collects the symbols the template defines. What SAM generates (`samNames`, from the SAM transform's run) is asked
 * for only when a feature first needs those names: completion inside Properties never does. Never throws.
 */
export function collectSymbols(parsed: ParsedTemplate, samNames?: () => GeneratedResources): TemplateSymbols {
  const root = parsed.root;
  const resources = entries(getMapValue(root, 'Resources'), (entry) => ({
    ...entry,
    type: scalarString(getMapValue(entry.node, 'Type')),
  }));
  let loops: RegExp[] | undefined;
  let sam: { from: GeneratedResources; generated: Map<string, GeneratedResource>; patterns: RegExp[] } | undefined;
  const samGenerated = () => {
    const from = samNames?.() ?? NO_GENERATED;
    if (sam?.from === from) return sam;
    const generated = new Map<string, GeneratedResource>();
    for (const item of from.resources) {
      if (resources.has(item.name) || generated.has(item.name)) continue;
      // Names may come from an earlier snapshot: where their source is written now, if it still is.
      const source = resources.get(item.source);
      if (source) generated.set(item.name, { ...item, sourceRange: source.keyRange });
    }
    loops ??= loopPatterns(getMapValue(root, 'Resources'));
    sam = { from, generated, patterns: [...loops, ...from.patterns] };
    return sam;
  };
  return {
    parameters: entries(getMapValue(root, 'Parameters'), (entry) => ({
      ...entry,
      type: scalarString(getMapValue(entry.node, 'Type')),
      defaultValue: describeDefault(getMapValue(entry.node, 'Default')),
      description: scalarString(getMapValue(entry.node, 'Description')),
    })),
    resources,
    conditions: entries(getMapValue(root, 'Conditions'), (entry) => entry),
    mappings: entries(getMapValue(root, 'Mappings'), (entry) => ({ ...entry, topLevelKeys: mappingKeys(entry.node) })),
    outputs: entries(getMapValue(root, 'Outputs'), (entry) => entry),
    get generated() {
      return samGenerated().generated;
    },
    transforms: listTransforms(getMapValue(root, 'Transform')),
    get loopResourcePatterns() {
      return samGenerated().patterns;
    },
  };
}

function entries<T extends TemplateEntry>(
  section: TemplateNode | undefined,
  build: (entry: TemplateEntry) => T,
): Map<string, T> {
  const result = new Map<string, T>();
  if (section?.kind !== 'map') return result;
  for (const pair of section.pairs) {
    const name = keyName(pair.key);
    if (name.startsWith('Fn::ForEach::') || result.has(name)) continue;
    result.set(name, build({ name, keyRange: pair.key.range, node: pair.value }));
  }
  return result;
}

function keyName(key: TemplateScalar): string {
  return key.value === null ? '' : String(key.value);
}

function describeDefault(node: TemplateNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value === null ? '' : String(node.value);
  if (node.kind === 'seq') return node.items.map((item) => scalarString(item) ?? '…').join(',');
  return undefined;
}

function mappingKeys(node: TemplateNode | undefined): MappingEntry['topLevelKeys'] {
  const keys: MappingEntry['topLevelKeys'] = new Map();
  if (node?.kind !== 'map') return keys;
  for (const pair of node.pairs) {
    const second = new Map<string, SourceRange>();
    if (pair.value?.kind === 'map') {
      for (const inner of pair.value.pairs) second.set(keyName(inner.key), inner.key.range);
    }
    keys.set(keyName(pair.key), { keyRange: pair.key.range, secondLevelKeys: second });
  }
  return keys;
}

function listTransforms(node: TemplateNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'scalar') return node.value === null ? [] : [String(node.value)];
  if (node.kind === 'seq') return node.items.flatMap((item) => (item.kind === 'scalar' ? [String(item.value)] : []));
  const name = scalarString(getMapValue(node, 'Name'));
  return name ? [name] : [];
}

function loopPatterns(resources: TemplateNode | undefined): RegExp[] {
  const patterns: RegExp[] = [];
  const visit = (node: TemplateNode | undefined) => {
    if (node?.kind !== 'map') return;
    for (const pair of node.pairs) {
      const key = keyName(pair.key);
      if (key.startsWith('Fn::ForEach::')) {
        const body = pair.value?.kind === 'seq' ? pair.value.items[2] : undefined;
        visit(body);
      } else if (key.includes('${')) {
        const source = key
          .split(/\$\{[^}]*\}/)
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+');
        patterns.push(new RegExp(`^${source}$`));
      }
    }
  };
  visit(resources);
  return patterns;
}

/** True when a resource with this logical ID exists, directly, through SAM, or as the output of a loop. */
export function isKnownResource(symbols: TemplateSymbols, name: string): boolean {
  return (
    symbols.resources.has(name) ||
    symbols.generated.has(name) ||
    symbols.loopResourcePatterns.some((pattern) => pattern.test(name))
  );
}
