import type { SourceRange } from '../templateTree';
import { literalValue, parseBlockLine, type BlockEntry, type BlockLine } from './blockLine';
import { scanFlow, type FlowPosition, type PathSegment } from './flowScanner';
import { intrinsicByKey, intrinsicByTag } from './intrinsicFunctions';

/** The innermost intrinsic function whose argument the cursor is directly in. */
export interface IntrinsicContext {
  /** Long-form name: `Ref`, `Condition`, `Fn::GetAtt`... */
  name: string;
  form: 'short' | 'long';
  argumentIndex: number;
  /** Literal text of the arguments before this one (undefined where not a plain scalar). */
  earlierArguments: (string | undefined)[];
  /** True when the arguments are a list (`!GetAtt [A, B]`), false for a single scalar (`!GetAtt A.B`). */
  listForm: boolean;
}

/** What surrounds a position in a template being edited: enough to complete or describe it. */
export interface CursorContext {
  /** Keys and sequence indices from the root to the map (key position) or value (value position). */
  path: (string | number)[];
  /** The same steps, with the tags of the nodes they enter. */
  segments: PathSegment[];
  /**
   * The path as the schema sees it: `Fn::If` branches are transparent; undefined inside any other intrinsic.
   */
  schemaPath: (string | number)[] | undefined;
  position: 'key' | 'value';
  /** The text typed before the cursor in the current key or value, without quotes. */
  prefix: string;
  /** The range a completion replaces: the prefix and the rest of the word after the cursor. */
  replaceRange: SourceRange;
  quote: '"' | "'" | undefined;
  /** Keys already present in the map the cursor is in. */
  siblingKeys: string[];
  intrinsic: IntrinsicContext | undefined;
  /** Inside `${...}` of a Sub string: the variable typed so far and the range to replace. */
  subVariable: { prefix: string; replaceRange: SourceRange } | undefined;
  /** The column where a key typed here starts, for multi-line snippets. */
  column: number;
  /** A `- item` with plain text: it may become a scalar or the first key of a map. */
  couldBeKey: boolean;
  /** Text follows the cursor's word with a `:`, so a key completion must not add another. */
  colonFollows: boolean;
  /** Inside a block scalar (`|` or `>`), where only Sub variables make sense. */
  inBlockScalar: boolean;
}

interface Level {
  column: number;
  kind: 'key' | 'item' | 'blank';
  key: string | undefined;
  index: number;
  earlierItems: (string | undefined)[];
  tag: string | undefined;
}

interface LineAt {
  start: number;
  end: number;
  parsed: BlockLine;
}

/** Computes the cursor context at `offset`. Works on incomplete text; never throws. */
export function getCursorContext(text: string, offset: number): CursorContext {
  const at = Math.max(0, Math.min(offset, text.length));
  if (/^\s*[{[]/.test(text)) return fromFlow([], scanFlow(text, 0, at), text, at, 0, false);
  return yamlContext(text, at);
}

function lineAt(text: string, start: number): LineAt {
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline;
  return { start, end, parsed: parseBlockLine(text.slice(start, end)) };
}

function previousLineStart(text: string, lineStart: number): number {
  if (lineStart <= 1) return lineStart - 1;
  return text.lastIndexOf('\n', lineStart - 2) + 1;
}

/** The offset where the line holding `offset` starts. */
function lineStartOf(text: string, offset: number): number {
  return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** A level for an entry; only the last entry of a line carries the line's value tag (`Key: !If`). */
function levelOf(entry: BlockEntry, valueTag: string | undefined): Level {
  return { column: entry.column, kind: entry.kind, key: entry.key, index: 0, earlierItems: [], tag: valueTag };
}

function segmentOf(level: Level): PathSegment | undefined {
  if (level.kind === 'blank') return undefined;
  const segment: PathSegment =
    level.kind === 'key' ? { key: level.key ?? '' } : { key: level.index, earlierItems: level.earlierItems };
  if (level.tag) segment.tag = level.tag;
  return segment;
}

function yamlContext(text: string, offset: number): CursorContext {
  const lineStart = lineStartOf(text, offset);
  const before = text.slice(lineStart, offset);
  const line = parseBlockLine(before);
  const blank = before.trim() === '';
  const entries = blank ? [] : line.entries;
  const innermost: Level =
    entries.length === 0
      ? {
          column: blank ? before.length : line.indent,
          kind: 'blank',
          key: undefined,
          index: 0,
          earlierItems: [],
          tag: undefined,
        }
      : levelOf(entries[entries.length - 1]!, line.valueTag);
  const blockScalar = findEnclosingBlockScalar(text, lineStart, innermost.column);
  if (blockScalar) return blockScalarContext(text, offset, blockScalar);
  const walk = walkUp(text, lineStart, entries, innermost);
  if (walk.flowParent) {
    const { segments, line: parent } = walk.flowParent;
    return fromFlow(
      segments,
      scanFlow(text, parent.start + parent.parsed.valueColumn, offset),
      text,
      offset,
      parent.parsed.indent,
      false,
    );
  }
  if (entries.length === 0) {
    // A half-typed key on its own line (`Runt`), or nothing yet: the cursor is at a key of the enclosing map.
    const prefix = before.slice(innermost.column);
    const context = finish(
      text,
      offset,
      walk.segments,
      'key',
      prefix,
      offset - prefix.length,
      undefined,
      innermost.column,
    );
    context.siblingKeys = [...walk.siblingKeys, ...keysBelow(text, lineStart, innermost.column)];
    if (walk.continuationOf) {
      context.position = 'value';
      context.siblingKeys = [];
    }
    return context;
  }
  const valueStart = lineStart + line.valueColumn;
  const scan = scanFlow(text, valueStart, offset);
  const own = walk.segments.pop();
  if (own && scan.rootTag) own.tag = scan.rootTag;
  const context = fromFlow(own ? [...walk.segments, own] : walk.segments, scan, text, offset, innermost.column, false);
  context.couldBeKey = innermost.kind === 'item' && scan.segments.length === 0 && !scan.rootTag && !scan.quote;
  if (innermost.kind === 'item' && context.couldBeKey) context.siblingKeys = [];
  return context;
}

/** Finds a block scalar header above whose text the line belongs to: all lines between are indented more. */
function findEnclosingBlockScalar(text: string, lineStart: number, column: number): LineAt | undefined {
  let minimum = column;
  for (let start = previousLineStart(text, lineStart); start >= 0; start = previousLineStart(text, start)) {
    const line = lineAt(text, start);
    if (line.parsed.trivia || line.parsed.indent >= minimum) continue;
    if (line.parsed.blockScalar && line.parsed.entries.length > 0) return line;
    minimum = line.parsed.indent;
    if (minimum === 0) return undefined;
  }
  return undefined;
}

function blockScalarContext(text: string, offset: number, header: LineAt): CursorContext {
  const entries = header.parsed.entries;
  const innermost = levelOf(entries[entries.length - 1]!, header.parsed.valueTag);
  const walk = walkUp(text, header.start, entries, innermost);
  const lineStart = lineStartOf(text, offset);
  const word = /[^\s]*$/.exec(text.slice(lineStart, offset))?.[0] ?? '';
  const context = finish(
    text,
    offset,
    walk.segments,
    'value',
    word,
    offset - word.length,
    undefined,
    header.parsed.indent,
  );
  context.inBlockScalar = true;
  context.subVariable = subVariableAt(text, lineStart, offset, context);
  return context;
}

interface Walk {
  /** Outermost first; the innermost level's own segment is last. */
  segments: PathSegment[];
  siblingKeys: string[];
  /** The line is the continuation of a flow collection opened on this parent line. */
  flowParent?: { segments: PathSegment[]; line: LineAt };
  /** The line continues a plain multi-line scalar of this parent. */
  continuationOf?: Level;
}

/** Walks up by indentation from the cursor line, turning each enclosing key or item into a path segment. */
function walkUp(text: string, lineStart: number, lineEntries: BlockEntry[], innermost: Level): Walk {
  const finished: PathSegment[] = [];
  const siblingKeys: string[] = [];
  let current = innermost;
  let firstParent = true;
  let result: Pick<Walk, 'flowParent' | 'continuationOf'> = {};
  const finalize = () => {
    const segment = segmentOf(current);
    if (segment) finished.push(segment);
  };
  // Entries to the left on the cursor line are its ancestors (`- Key: value`).
  for (let index = lineEntries.length - 2; index >= 0; index--) {
    finalize();
    current = levelOf(lineEntries[index]!, undefined);
    firstParent = false;
  }
  for (let start = previousLineStart(text, lineStart); start >= 0; start = previousLineStart(text, start)) {
    const line = lineAt(text, start);
    const entries = line.parsed.entries;
    if (entries.length === 0) continue;
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index]!;
      if (entry.column > current.column) continue;
      const compactSequence = entry.column === current.column && entry.kind === 'key' && current.kind === 'item';
      if (entry.column === current.column && !compactSequence) {
        if (entry.kind === 'key' && current.kind !== 'item' && current === innermost) siblingKeys.push(entry.key ?? '');
        if (entry.kind === 'item' && current.kind !== 'key') {
          current.kind = 'item';
          current.index++;
          const isLast = index === entries.length - 1;
          current.earlierItems.unshift(isLast && !line.parsed.valueTag ? literalValue(line.parsed.value) : undefined);
        }
        continue;
      }
      // A parent: the cursor's level is in this entry's value.
      const isLast = index === entries.length - 1;
      const tagOnly = line.parsed.value === line.parsed.valueTag;
      if (firstParent && isLast && line.parsed.value !== '' && !tagOnly && !line.parsed.blockScalar) {
        const parent = levelOf(entry, line.parsed.valueTag);
        const scan = scanFlow(text, line.start + line.parsed.valueColumn, lineStart);
        const ancestors = walkUp(text, line.start, entries.slice(0, index + 1), parent);
        if (scan.open) result = { flowParent: { segments: ancestors.segments, line } };
        else result = { continuationOf: parent };
        return { segments: ancestors.segments, siblingKeys, ...result };
      }
      firstParent = false;
      finalize();
      current = levelOf(entry, isLast ? line.parsed.valueTag : undefined);
    }
    if (current.column === 0 && current !== innermost && current.kind === 'key') break;
  }
  finalize();
  return { segments: finished.reverse(), siblingKeys, ...result };
}

function keysBelow(text: string, lineStart: number, column: number): string[] {
  const keys: string[] = [];
  let start = text.indexOf('\n', lineStart);
  while (start !== -1) {
    const line = lineAt(text, start + 1);
    start = text.indexOf('\n', start + 1);
    if (line.parsed.trivia) continue;
    if (line.parsed.indent < column) break;
    const entry = line.parsed.entries[0];
    if (line.parsed.indent === column && entry?.kind === 'key') keys.push(entry.key ?? '');
  }
  return keys;
}

function fromFlow(
  blockSegments: PathSegment[],
  scan: FlowPosition,
  text: string,
  offset: number,
  column: number,
  inBlockScalar: boolean,
): CursorContext {
  const segments = [...blockSegments, ...scan.segments];
  const context = finish(text, offset, segments, scan.position, scan.prefix, scan.prefixStart, scan.quote, column);
  context.siblingKeys = scan.siblingKeys;
  context.inBlockScalar = inBlockScalar;
  if (scan.position === 'value') {
    const lineStart = lineStartOf(text, offset);
    context.subVariable = subVariableAt(text, Math.max(lineStart, scan.prefixStart), offset, context);
  }
  return context;
}

function finish(
  text: string,
  offset: number,
  segments: PathSegment[],
  position: 'key' | 'value',
  prefix: string,
  prefixStart: number,
  quote: '"' | "'" | undefined,
  column: number,
): CursorContext {
  const rest = /^[A-Za-z0-9_.:-]*/.exec(text.slice(offset, offset + 256))?.[0] ?? '';
  const wordEnd = offset + (position === 'key' ? rest.replace(/:.*$/, '').length : rest.length);
  const context: CursorContext = {
    path: segments.map((segment) => segment.key),
    segments,
    schemaPath: schemaPathOf(segments),
    position,
    prefix,
    replaceRange: { start: prefixStart, end: wordEnd },
    quote,
    siblingKeys: [],
    intrinsic: intrinsicOf(segments),
    subVariable: undefined,
    column,
    couldBeKey: false,
    colonFollows: /^\s*:/.test(text.slice(wordEnd, wordEnd + 64)),
    inBlockScalar: false,
  };
  return context;
}

/** `${` opened and not closed before the cursor, in a Sub string: the variable being typed. */
function subVariableAt(
  text: string,
  from: number,
  offset: number,
  context: CursorContext,
): CursorContext['subVariable'] {
  const intrinsic = context.intrinsic;
  if (intrinsic?.name !== 'Fn::Sub' || intrinsic.argumentIndex !== 0) return undefined;
  const typed = text.slice(from, offset);
  const open = typed.lastIndexOf('${');
  if (open === -1 || typed.indexOf('}', open) !== -1) return undefined;
  const prefix = typed.slice(open + 2);
  const rest = /^[A-Za-z0-9_.:-]*/.exec(text.slice(offset, offset + 256))?.[0] ?? '';
  return { prefix, replaceRange: { start: offset - prefix.length, end: offset + rest.length } };
}

/** The innermost intrinsic whose argument the cursor is directly in (the argument itself or one list item). */
function intrinsicOf(segments: PathSegment[]): IntrinsicContext | undefined {
  for (let depth = segments.length; depth >= 1; depth--) {
    const segment = segments[depth - 1]!;
    const short = segment.tag ? intrinsicByTag(segment.tag) : undefined;
    const long = typeof segment.key === 'string' ? intrinsicByKey(segment.key) : undefined;
    const fn = short ?? long;
    if (!fn) continue;
    const remaining = segments.length - depth;
    const next = segments[depth];
    if (remaining === 0) {
      return { name: fn.name, form: short ? 'short' : 'long', argumentIndex: 0, earlierArguments: [], listForm: false };
    }
    if (remaining === 1 && typeof next?.key === 'number') {
      return {
        name: fn.name,
        form: short ? 'short' : 'long',
        argumentIndex: next.key,
        earlierArguments: next.earlierItems ?? [],
        listForm: true,
      };
    }
    return undefined;
  }
  return undefined;
}

function schemaPathOf(segments: PathSegment[]): (string | number)[] | undefined {
  const path: (string | number)[] = [];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const longIf = segment.key === 'Fn::If';
    if (!longIf) path.push(segment.key);
    const fn = longIf ? intrinsicByKey('Fn::If') : segment.tag ? intrinsicByTag(segment.tag) : undefined;
    if (!fn && typeof segment.key === 'string' && intrinsicByKey(segment.key)) return undefined;
    if (!fn) continue;
    if (fn.name !== 'Fn::If') return undefined;
    // An `Fn::If` value branch (index 1 or 2) stands for the property itself.
    const branch = segments[index + 1]?.key;
    if (branch === undefined) return path;
    if (branch !== 1 && branch !== 2) return undefined;
    index++;
  }
  return path;
}
