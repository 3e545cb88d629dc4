import type { LineIndex } from '../lineIndex';
import { getMapValue, scalarString, type SourceRange, type TemplateNode } from '../templateTree';
import type { TemplateDocument } from './templateDocument';

/** An entry of the outline. */
export interface OutlineSymbol {
  name: string;
  /** A type (`AWS::SQS::Queue`, `String`) or other one-line detail. */
  detail?: string;
  kind: 'section' | 'parameter' | 'resource' | 'condition' | 'mapping' | 'output' | 'globals';
  /** From the key to the end of the value. */
  range: SourceRange;
  /** The key. */
  selectionRange: SourceRange;
  children: OutlineSymbol[];
}

const CHILD_KINDS: Record<string, OutlineSymbol['kind']> = {
  Parameters: 'parameter',
  Resources: 'resource',
  Conditions: 'condition',
  Mappings: 'mapping',
  Outputs: 'output',
  Globals: 'globals',
};

/** The outline: one symbol per section; parameters, resources (with their types) and the like as children. */
export function documentOutline(document: TemplateDocument): OutlineSymbol[] {
  const root = document.parsed.root;
  if (root?.kind !== 'map') return [];
  return root.pairs.map((section) => {
    const name = String(section.key.value);
    const childKind = CHILD_KINDS[name];
    const children: OutlineSymbol[] = [];
    if (childKind && section.value?.kind === 'map') {
      for (const entry of section.value.pairs) {
        const detail =
          childKind === 'parameter' || childKind === 'resource'
            ? scalarString(getMapValue(entry.value, 'Type'))
            : undefined;
        const symbol: OutlineSymbol = {
          name: String(entry.key.value),
          kind: childKind,
          range: span(entry.key.range, entry.value),
          selectionRange: entry.key.range,
          children: [],
        };
        if (detail) symbol.detail = detail;
        children.push(symbol);
      }
    }
    const symbol: OutlineSymbol = {
      name,
      kind: 'section',
      range: span(section.key.range, section.value),
      selectionRange: section.key.range,
      children,
    };
    const scalar = section.value?.kind === 'scalar' ? scalarString(section.value) : undefined;
    if (scalar !== undefined) symbol.detail = scalar.length > 60 ? `${scalar.slice(0, 59)}…` : scalar;
    return symbol;
  });
}

function span(key: SourceRange, value: TemplateNode | undefined): SourceRange {
  return { start: key.start, end: Math.max(key.end, value?.range.end ?? key.end) };
}

/** A foldable region, in zero-based lines. */
export interface FoldingRegion {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

/** Folding regions: every map entry or list item spanning several lines, and runs of comment lines. */
export function foldingRegions(document: TemplateDocument): FoldingRegion[] {
  const lines = document.lines;
  const regions: FoldingRegion[] = [];
  const add = (start: number, end: number) => {
    const startLine = lines.positionAt(start).line;
    // A range ending at the start of a line (after its newline) does not include that line.
    const endPosition = lines.positionAt(end);
    const endLine =
      endPosition.character === 0 && endPosition.line > startLine ? endPosition.line - 1 : endPosition.line;
    if (endLine > startLine) regions.push({ startLine, endLine });
  };
  const visit = (node: TemplateNode | undefined) => {
    if (!node || node.kind === 'scalar') return;
    if (node.kind === 'map') {
      for (const pair of node.pairs) {
        if (pair.value) add(pair.key.range.start, pair.value.range.end);
        visit(pair.value);
      }
    } else {
      for (const item of node.items) {
        if (item.kind !== 'scalar') add(item.range.start, item.range.end);
        visit(item);
      }
    }
  };
  visit(document.parsed.root);
  regions.push(...commentRegions(document.text, lines));
  return regions;
}

function commentRegions(text: string, lines: LineIndex): FoldingRegion[] {
  const regions: FoldingRegion[] = [];
  let runStart = -1;
  let previous = -1;
  const pattern = /^[ \t]*#.*$/gm;
  for (const match of text.matchAll(pattern)) {
    const line = lines.positionAt(match.index).line;
    if (runStart === -1 || line !== previous + 1) {
      if (runStart !== -1 && previous > runStart)
        regions.push({ startLine: runStart, endLine: previous, kind: 'comment' });
      runStart = line;
    }
    previous = line;
  }
  if (runStart !== -1 && previous > runStart) regions.push({ startLine: runStart, endLine: previous, kind: 'comment' });
  return regions;
}
