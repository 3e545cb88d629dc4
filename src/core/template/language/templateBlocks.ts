// Splits YAML template text into independently parseable blocks, so an edit re-parses only the block it touches
// (issue #3: `yaml` needs 240-390 ms for 10,000 lines; one resource takes about a millisecond). A block is a
// top-level section, or, for a section whose value is a block map (Resources, Outputs, Parameters...), its header
// line and each of its entries. Text the split cannot handle exactly returns undefined: the caller parses whole.

import type { SourceRange } from '../templateTree';

/** One independently parseable slice of the text. */
export interface TextBlock {
  start: number;
  end: number;
  /** `section`: a whole top-level entry; `header`: the key line of a split section; `entry`: one of its children. */
  kind: 'section' | 'header' | 'entry';
  /** The index of the top-level section the block belongs to, in source order. */
  sectionIndex: number;
  /**
   * Set for JSON members, which parse wrapped in braces: where the key ends and, for a header, the braces of the
   * object value its entries belong to.
   */
  json?: { keyEnd: number; container?: SourceRange };
}

interface Line {
  start: number;
  end: number;
  indent: number;
  /** Blank or comment-only. */
  trivia: boolean;
  /** Starts, after its indentation, with a plain or quoted key followed by `:`. */
  keyLine: boolean;
  /** A key line whose value is empty (a block collection follows). */
  emptyValue: boolean;
}

const KEY_LINE = /^(?:"[^"\n]*"|'[^'\n]*'|[^\s#'"\-?:,[\]{}!&*|>%@`][^#\n]*?)\s*:(?:[ \t\r]|$)/;
const EMPTY_VALUE = /:[ \t\r]*(?:#.*)?$/;
// Anchors and aliases can cross blocks, and directives or document markers change how blocks parse: parse whole.
const ANCHOR_OR_ALIAS = /(?:^|[?,[{]|[:-] )[ ]*[&*][^\s,[\]{}]/m;
const DOCUMENT_MARKER = /^(?:---|\.\.\.|%)/m;
// One leading `---` (written by some generators) starts the only document and changes nothing.
const LEADING_DOCUMENT_START = /^(?:[ \t]*(?:#.*)?\r?\n)*---[ \t\r]*(?:#.*)?(?:\n|$)/;

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const content = text.slice(start, end);
    let indent = 0;
    while (content.charCodeAt(indent) === 32) indent++;
    const rest = content.slice(indent);
    const trivia = /^[ \t\r]*(?:#.*)?$/.test(rest);
    const keyLine = !trivia && KEY_LINE.test(rest);
    lines.push({ start, end, indent, trivia, keyLine, emptyValue: keyLine && EMPTY_VALUE.test(splitValue(rest)) });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** The part of a key line from the key's colon on (the key may itself contain colons, e.g. `AWS::Region`). */
function splitValue(rest: string): string {
  const match = KEY_LINE.exec(rest);
  return match ? rest.slice(match[0].length - 1) : rest;
}

/** Splits the text into blocks, or returns undefined when only a whole-document parse is exact. */
export function splitTemplateBlocks(text: string): TextBlock[] | undefined {
  const leadingMarker = LEADING_DOCUMENT_START.exec(text)?.[0].length ?? 0;
  if (ANCHOR_OR_ALIAS.test(text) || DOCUMENT_MARKER.test(text.slice(leadingMarker)) || text.includes('\t')) {
    return undefined;
  }
  const lines = readLines(text);
  const sectionStarts: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trivia || line.indent > 0 || line.end <= leadingMarker) continue;
    // A block sequence may sit at its key's indentation (`Transform:` then `- AWS::Serverless-2016-10-31`).
    if (sectionStarts.length > 0 && /^-(?:[ \r]|$)/.test(text.slice(line.start, line.end))) continue;
    if (!line.keyLine) return undefined;
    sectionStarts.push(index);
  }
  if (sectionStarts.length === 0) return undefined;
  const blocks: TextBlock[] = [];
  sectionStarts.forEach((firstLine, sectionIndex) => {
    // Leading comments belong to the first section, so the blocks cover the whole text.
    const from = sectionIndex === 0 ? 0 : firstLine;
    const to = sectionStarts[sectionIndex + 1] ?? lines.length;
    blocks.push(...splitSection(lines, from, firstLine, to, sectionIndex, text.length));
  });
  return blocks;
}

function lineStart(lines: Line[], index: number, textLength: number): number {
  return lines[index]?.start ?? textLength;
}

function splitSection(
  lines: Line[],
  from: number,
  keyLine: number,
  to: number,
  sectionIndex: number,
  textLength: number,
): TextBlock[] {
  const whole: TextBlock[] = [
    { start: lineStart(lines, from, textLength), end: lineStart(lines, to, textLength), kind: 'section', sectionIndex },
  ];
  if (!lines[keyLine]!.emptyValue) return whole;
  let childIndent = -1;
  const entryStarts: number[] = [];
  for (let index = keyLine + 1; index < to; index++) {
    const line = lines[index]!;
    if (line.trivia) continue;
    if (childIndent === -1) childIndent = line.indent;
    if (line.indent < childIndent) return whole;
    if (line.indent === childIndent) {
      if (!line.keyLine) return whole;
      entryStarts.push(index);
    }
  }
  if (entryStarts.length === 0) return whole;
  const blocks: TextBlock[] = [
    {
      start: lineStart(lines, from, textLength),
      end: lineStart(lines, entryStarts[0]!, textLength),
      kind: 'header',
      sectionIndex,
    },
  ];
  entryStarts.forEach((first, index) => {
    blocks.push({
      start: lineStart(lines, first, textLength),
      end: lineStart(lines, entryStarts[index + 1] ?? to, textLength),
      kind: 'entry',
      sectionIndex,
    });
  });
  return blocks;
}
