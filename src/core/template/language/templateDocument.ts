import { describeError } from '../../errors';
import { parseTemplate, type ParsedTemplate, type TemplateProblem } from '../parseTemplate';
import { LineIndex } from '../lineIndex';
import type { TemplateSchema } from '../schema/templateSchema';
import type { SourceRange, TemplateMap, TemplateNode, TemplatePair } from '../templateTree';
import { splitJsonBlocks } from './jsonBlocks';
import { findUnparseableText } from './templateTextGuard';
import { splitTemplateBlocks, type TextBlock } from './templateBlocks';
import { collectReferences, type TemplateReference } from './templateReferences';
import { listGeneratedResources, type GeneratedResources } from './samGeneratedResources';
import {
  isSamTransformRunReady,
  recordedSamTransformRun,
  samTransformRun,
  type SamTransformRun,
} from './samTransformRun';
import { collectSymbols, type TemplateSymbols } from './templateSymbols';

/** A parsed block: its slice of the text and what it contributes to the tree, in absolute offsets. */
interface ParsedBlock extends TextBlock {
  pairs: TemplatePair[];
  problems: TemplateProblem[];
  /** The end of the block's root map as the parser reports it (used for the stitched container ranges). */
  contentEnd: number;
}

/** How the last parse was done, for tests and benchmarks. */
export interface ParseStatistics {
  /** True when the whole text was parsed at once (anchors, irregular JSON, text the block split cannot handle). */
  wholeDocument: boolean;
  parsedBlocks: number;
  reusedBlocks: number;
}

/**
 * An immutable snapshot of a template being edited: its text, the parse, and lazily computed symbols and
 * references. `update` returns the next snapshot, re-parsing only the blocks an edit touched.
 */
export class TemplateDocument {
  private lineIndex: LineIndex | undefined;
  private symbolTable: TemplateSymbols | undefined;
  private referenceList: TemplateReference[] | undefined;
  /** What SAM generates, from the transform's run on this very text. */
  private freshSamNames: GeneratedResources | undefined;
  /** The latest earlier snapshot's names: what a keystroke's completion uses until this text has been transformed. */
  private staleSamNames: GeneratedResources | undefined;
  /** The latest earlier snapshot's transform run: its problems show, located on this text, until this one runs. */
  earlierSamTransformRun: SamTransformRun | undefined;

  private constructor(
    /** The schema the engine's features consult; undefined to work without one. */
    readonly schema: TemplateSchema | undefined,
    readonly text: string,
    readonly parsed: ParsedTemplate,
    private readonly blocks: readonly ParsedBlock[] | undefined,
    readonly statistics: ParseStatistics,
  ) {}

  /** Parses a template from scratch. Never throws. */
  static parse(text: string, schema?: TemplateSchema): TemplateDocument {
    return TemplateDocument.build(schema, text, undefined);
  }

  /** The snapshot for `newText`, reusing the parse of every block the edit left unchanged. Never throws. */
  update(newText: string): TemplateDocument {
    if (newText === this.text) return this;
    const next = TemplateDocument.build(this.schema, newText, this);
    next.staleSamNames = this.freshSamNames ?? this.staleSamNames;
    next.earlierSamTransformRun = recordedSamTransformRun(this) ?? this.earlierSamTransformRun;
    return next;
  }

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  get symbols(): TemplateSymbols {
    this.symbolTable ??= collectSymbols(this.parsed, () => this.samNames());
    return this.symbolTable;
  }

  /**
   * What SAM generates, from the transform's run on this text. Until that run exists (validation makes it, 250 ms
   * after the last keystroke), an edited snapshot answers with the names of the snapshot before it: SAM's names
   * rarely change with a keystroke, and completion must not wait for a transform.
   */
  private samNames(): GeneratedResources {
    if (this.freshSamNames) return this.freshSamNames;
    if (this.staleSamNames && !isSamTransformRunReady(this)) return this.staleSamNames;
    this.freshSamNames = listGeneratedResources(samTransformRun(this), this.symbols.resources, this.schema);
    this.staleSamNames = undefined;
    return this.freshSamNames;
  }

  get references(): TemplateReference[] {
    this.referenceList ??= collectReferences(this.parsed, this.text);
    return this.referenceList;
  }

  private static build(
    schema: TemplateSchema | undefined,
    text: string,
    previous: TemplateDocument | undefined,
  ): TemplateDocument {
    const refusal = findUnparseableText(text);
    if (refusal) return TemplateDocument.unparsed(schema, text, refusal);
    try {
      return TemplateDocument.parseBlocks(schema, text, previous);
    } catch (error) {
      // The parser recurses per nesting level; a stack overflow on pathological input must not escape.
      return TemplateDocument.unparsed(schema, text, {
        range: { start: 0, end: 0 },
        severity: 'error',
        code: 'too-deep',
        message: `The template could not be parsed: ${describeError(error)}`,
      });
    }
  }

  private static unparsed(
    schema: TemplateSchema | undefined,
    text: string,
    problem: TemplateProblem,
  ): TemplateDocument {
    const parsed: ParsedTemplate = { format: isJson(text) ? 'json' : 'yaml', root: undefined, problems: [problem] };
    return new TemplateDocument(schema, text, parsed, undefined, {
      wholeDocument: true,
      parsedBlocks: 0,
      reusedBlocks: 0,
    });
  }

  private static parseBlocks(
    schema: TemplateSchema | undefined,
    text: string,
    previous: TemplateDocument | undefined,
  ): TemplateDocument {
    const json = isJson(text) ? splitJsonBlocks(text) : undefined;
    const split = json ? json.blocks : isJson(text) ? undefined : splitTemplateBlocks(text);
    if (!split) {
      const parsed = parseTemplate(text);
      return new TemplateDocument(schema, text, parsed, undefined, {
        wholeDocument: true,
        parsedBlocks: 1,
        reusedBlocks: 0,
      });
    }
    const reuse = previous?.blocks ? new BlockReuse(previous.text, previous.blocks, text) : undefined;
    let parsedBlocks = 0;
    let reusedBlocks = 0;
    const blocks = split.map((block) => {
      const reused = reuse?.find(block);
      if (reused) {
        reusedBlocks++;
        return reused;
      }
      parsedBlocks++;
      return parseBlock(text, block);
    });
    return new TemplateDocument(schema, text, stitch(text, blocks, json?.rootRange), blocks, {
      wholeDocument: false,
      parsedBlocks,
      reusedBlocks,
    });
  }
}

function isJson(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

/** Finds an unchanged block of the previous snapshot, by position around the edit and by text. */
class BlockReuse {
  private readonly byStart = new Map<number, ParsedBlock>();
  private readonly editStart: number;
  private readonly newEditEnd: number;
  private readonly delta: number;

  constructor(oldText: string, oldBlocks: readonly ParsedBlock[], newText: string) {
    for (const block of oldBlocks) this.byStart.set(block.start, block);
    const limit = Math.min(oldText.length, newText.length);
    let prefix = 0;
    while (prefix < limit && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
    let suffix = 0;
    while (
      suffix < limit - prefix &&
      oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
    ) {
      suffix++;
    }
    this.editStart = prefix;
    this.newEditEnd = newText.length - suffix;
    this.delta = newText.length - oldText.length;
  }

  find(block: TextBlock): ParsedBlock | undefined {
    // A block is reusable when it lies wholly before the edit or wholly after it, with the same extent.
    const before = block.end <= this.editStart;
    const after = block.start >= this.newEditEnd;
    if (!before && !after) return undefined;
    const shift = after ? this.delta : 0;
    const old = this.byStart.get(block.start - shift);
    if (!old || old.end + shift !== block.end || old.kind !== block.kind || !old.json !== !block.json) return undefined;
    const reused = shift === 0 ? old : shiftBlock(old, shift);
    // The split's own data is current (a JSON header's container ends wherever its section now ends).
    return { ...reused, sectionIndex: block.sectionIndex, ...(block.json ? { json: block.json } : {}) };
  }
}

function parseBlock(text: string, block: TextBlock): ParsedBlock {
  const slice = text.slice(block.start, block.end);
  // A JSON member parses inside braces; a header only needs its key (its entries are blocks of their own).
  const source = !block.json
    ? slice
    : block.kind === 'header'
      ? `{${text.slice(block.start, block.json.keyEnd)}:null}`
      : `{${slice}}`;
  const base = block.json ? block.start - 1 : block.start;
  const parsed = parseTemplate(source);
  const root = parsed.root;
  const pairs = root?.kind === 'map' ? root.pairs.map((pair) => shiftPair(pair, base)) : [];
  const problems = parsed.problems.map((problem) => ({ ...problem, range: shiftRange(problem.range, base) }));
  if (root && root.kind !== 'map') {
    problems.push({
      range: shiftRange(root.range, base),
      message: 'Expected a key and a value (`Key: value`) here.',
      severity: 'error',
      code: 'syntax',
    });
  }
  const contentEnd = block.json ? block.end : block.start + (root?.range.end ?? 0);
  return { ...block, pairs, problems, contentEnd };
}

function shiftBlock(block: ParsedBlock, shift: number): ParsedBlock {
  return {
    ...block,
    start: block.start + shift,
    end: block.end + shift,
    contentEnd: block.contentEnd + shift,
    pairs: block.pairs.map((pair) => shiftPair(pair, shift)),
    problems: block.problems.map((problem) => ({ ...problem, range: shiftRange(problem.range, shift) })),
  };
}

function shiftRange(range: SourceRange, shift: number): SourceRange {
  return { start: range.start + shift, end: range.end + shift };
}

function shiftPair(pair: TemplatePair, shift: number): TemplatePair {
  return { key: { ...pair.key, range: shiftRange(pair.key.range, shift) }, value: shiftNode(pair.value, shift) };
}

function shiftNode<T extends TemplateNode | undefined>(node: T, shift: number): T {
  if (!node || shift === 0) return node;
  const range = shiftRange(node.range, shift);
  if (node.kind === 'scalar') return { ...node, range };
  if (node.kind === 'map') return { ...node, range, pairs: node.pairs.map((pair) => shiftPair(pair, shift)) };
  return { ...node, range, items: node.items.map((item) => shiftNode(item, shift)) };
}

/** Assembles the blocks into one tree, reporting duplicate keys across blocks as the whole parse would. */
function stitch(text: string, blocks: readonly ParsedBlock[], rootRange: SourceRange | undefined): ParsedTemplate {
  const problems: TemplateProblem[] = [];
  const rootPairs: TemplatePair[] = [];
  let rootEnd = 0;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    problems.push(...block.problems);
    if (block.kind !== 'header') {
      rootPairs.push(...block.pairs);
      if (block.pairs.length > 0) rootEnd = block.contentEnd;
      continue;
    }
    const entries: ParsedBlock[] = [];
    while (blocks[index + 1]?.kind === 'entry') entries.push(blocks[++index]!);
    const entryPairs = entries.flatMap((entry) => entry.pairs);
    for (const entry of entries) problems.push(...entry.problems);
    const header = block.pairs[0];
    if (!header) continue;
    const firstKey = entryPairs[0]?.key.range.start;
    const lastEntry = [...entries].reverse().find((entry) => entry.pairs.length > 0);
    const container = block.json?.container;
    const value: TemplateMap | undefined =
      firstKey === undefined || !lastEntry
        ? undefined
        : { kind: 'map', range: container ?? { start: firstKey, end: lastEntry.contentEnd }, pairs: entryPairs };
    reportDuplicateKeys(entryPairs, problems);
    rootPairs.push({ key: header.key, value: value ?? header.value });
    rootEnd = value ? value.range.end : block.contentEnd;
  }
  reportDuplicateKeys(rootPairs, problems);
  const first = rootPairs[0];
  const root: TemplateMap | undefined = first
    ? { kind: 'map', range: rootRange ?? { start: first.key.range.start, end: rootEnd }, pairs: rootPairs }
    : undefined;
  return { format: isJson(text) ? 'json' : 'yaml', root, problems };
}

function reportDuplicateKeys(pairs: readonly TemplatePair[], problems: TemplateProblem[]): void {
  const seen = new Set<unknown>();
  for (const pair of pairs) {
    if (seen.has(pair.key.value)) {
      problems.push({
        range: pair.key.range,
        message: 'Map keys must be unique',
        severity: 'error',
        code: 'DUPLICATE_KEY',
      });
    }
    seen.add(pair.key.value);
  }
}
