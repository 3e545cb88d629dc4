import type { SourceRange } from '../templateTree';
import { referenceAtOffset } from './referenceAtOffset';
import type { TemplateDocument } from './templateDocument';
import { scalarTextRange } from './templateReferences';
import type { TemplateEntry } from './templateSymbols';

/** A renameable name: a parameter, resource, condition or mapping, with where it is defined. */
export interface TemplateSymbolName {
  kind: 'parameter' | 'resource' | 'condition' | 'mapping';
  name: string;
  /** The definition's key, without quotes. */
  definition: SourceRange;
}

/** A replacement of a range of the template text. */
export interface TextEdit {
  range: SourceRange;
  newText: string;
}

const SECTION_KINDS: [string, TemplateSymbolName['kind']][] = [
  ['Parameters', 'parameter'],
  ['Resources', 'resource'],
  ['Conditions', 'condition'],
  ['Mappings', 'mapping'],
];

function within(range: SourceRange, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

function textRangeOf(document: TemplateDocument, entry: TemplateEntry): SourceRange {
  const pair = keyScalar(document, entry);
  return pair ? scalarTextRange(pair) : entry.keyRange;
}

function keyScalar(document: TemplateDocument, entry: TemplateEntry) {
  const root = document.parsed.root;
  if (root?.kind !== 'map') return undefined;
  for (const section of root.pairs) {
    if (section.value?.kind !== 'map') continue;
    const pair = section.value.pairs.find((candidate) => candidate.key.range.start === entry.keyRange.start);
    if (pair) return pair.key;
  }
  return undefined;
}

/** The parameter, resource, condition or mapping named at an offset: at its definition or at a reference. */
export function symbolAtOffset(document: TemplateDocument, offset: number): TemplateSymbolName | undefined {
  const symbols = document.symbols;
  const tables: Record<TemplateSymbolName['kind'], Map<string, TemplateEntry>> = {
    parameter: symbols.parameters,
    resource: symbols.resources,
    condition: symbols.conditions,
    mapping: symbols.mappings,
  };
  for (const [, kind] of SECTION_KINDS) {
    for (const entry of tables[kind].values()) {
      if (within(entry.keyRange, offset)) return { kind, name: entry.name, definition: textRangeOf(document, entry) };
    }
  }
  const found = referenceAtOffset(document.references, offset);
  if (!found || found.part !== 'name') return undefined;
  const reference = found.reference;
  const lookup = (kind: TemplateSymbolName['kind'], name: string): TemplateSymbolName | undefined => {
    const entry = tables[kind].get(name);
    return entry ? { kind, name, definition: textRangeOf(document, entry) } : undefined;
  };
  switch (reference.kind) {
    case 'ref':
    case 'sub':
      if (reference.local) return undefined;
      return (
        lookup('parameter', reference.name) ??
        lookup('resource', reference.name) ??
        generatedSource(document, reference.kind === 'sub' ? reference.text : reference.name)
      );
    case 'getatt':
      return lookup('resource', reference.resource);
    case 'dependson':
      return lookup('resource', reference.name);
    case 'condition':
      return lookup('condition', reference.name);
    case 'findinmap':
      return lookup('mapping', reference.name);
  }
}

/** `MyFunction.Alias` names the resource `MyFunction`. */
function generatedSource(document: TemplateDocument, name: string): TemplateSymbolName | undefined {
  const generated = document.symbols.generated.get(name);
  const source = generated && document.symbols.resources.get(generated.source);
  return source && name.startsWith(source.name)
    ? { kind: 'resource', name: source.name, definition: textRangeOf(document, source) }
    : undefined;
}

/**
 * Every place a symbol's name is written, as ranges covering exactly the name: references, `${}` variables,
 * DependsOn entries, and the names SAM derives from a resource (`MyFunctionRole`, `MyFunction.Alias`).
 */
export function referencesTo(
  document: TemplateDocument,
  symbol: TemplateSymbolName,
  includeDefinition: boolean,
): SourceRange[] {
  const ranges: SourceRange[] = includeDefinition ? [symbol.definition] : [];
  const text = document.text;
  const generatedFromSymbol = (name: string) => {
    const generated = document.symbols.generated.get(name);
    return symbol.kind === 'resource' && generated?.source === symbol.name && name.startsWith(symbol.name);
  };
  const push = (range: SourceRange, name: string) => {
    // Only the symbol's own name is replaced: `MyFunction` in `MyFunction.Alias` or in `MyFunctionRole`.
    const nameRange = { start: range.start, end: range.start + symbol.name.length };
    if (
      text.slice(nameRange.start, nameRange.end) === symbol.name &&
      (name === symbol.name || generatedFromSymbol(name))
    ) {
      ranges.push(nameRange);
    }
  };
  for (const reference of document.references) {
    switch (reference.kind) {
      case 'ref':
        if (!reference.local && (symbol.kind === 'parameter' || symbol.kind === 'resource'))
          push(reference.range, reference.name);
        break;
      case 'sub':
        if (reference.local || (symbol.kind !== 'parameter' && symbol.kind !== 'resource')) break;
        push(
          reference.range,
          reference.attribute !== undefined && !document.symbols.generated.has(reference.text)
            ? reference.name
            : reference.text,
        );
        break;
      case 'getatt':
      case 'dependson':
        if (symbol.kind === 'resource')
          push(reference.range, reference.kind === 'getatt' ? reference.resource : reference.name);
        break;
      case 'condition':
        if (symbol.kind === 'condition') push(reference.range, reference.name);
        break;
      case 'findinmap':
        if (symbol.kind === 'mapping') push(reference.range, reference.name);
        break;
    }
  }
  return ranges.sort((left, right) => left.start - right.start);
}

/** Find references at an offset (empty when no symbol is there). */
export function findReferences(document: TemplateDocument, offset: number, includeDefinition = true): SourceRange[] {
  const symbol = symbolAtOffset(document, offset);
  return symbol ? referencesTo(document, symbol, includeDefinition) : [];
}

/** The result of a rename: edits, or why the rename is refused. */
export type RenameResult = { edits: TextEdit[] } | { error: string };

/** Renames the parameter, resource, condition or mapping at an offset, with every reference. */
export function renameSymbol(document: TemplateDocument, offset: number, newName: string): RenameResult {
  const symbol = symbolAtOffset(document, offset);
  if (!symbol) return { error: 'Only parameters, resources, conditions and mappings can be renamed.' };
  // CloudFormation logical IDs and parameter names are alphanumeric; condition and mapping names too, in practice.
  if (!/^[A-Za-z0-9]+$/.test(newName))
    return { error: `'${newName}' is not a valid name: use letters and digits only.` };
  const symbols = document.symbols;
  const taken =
    symbol.kind === 'condition'
      ? symbols.conditions.has(newName)
      : symbol.kind === 'mapping'
        ? symbols.mappings.has(newName)
        : symbols.parameters.has(newName) || symbols.resources.has(newName);
  if (taken && newName !== symbol.name) return { error: `'${newName}' is already defined in this template.` };
  return { edits: referencesTo(document, symbol, true).map((range) => ({ range, newText: newName })) };
}

/** Where a rename would apply and the current name, or undefined when nothing renameable is there. */
export function prepareRename(
  document: TemplateDocument,
  offset: number,
): { range: SourceRange; placeholder: string } | undefined {
  const symbol = symbolAtOffset(document, offset);
  if (!symbol) return undefined;
  const range =
    referencesTo(document, symbol, true).find((candidate) => within(candidate, offset)) ?? symbol.definition;
  return { range, placeholder: symbol.name };
}
