import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import { parseCloudFormationYaml } from './cloudFormationYaml';
import type { SourceRange, TemplateNode, TemplatePair, TemplateScalar } from './templateTree';

export type TemplateFormat = 'yaml' | 'json';

/** A syntax-level problem found while parsing, at a precise range. */
export interface TemplateProblem {
  range: SourceRange;
  message: string;
  severity: 'error' | 'warning';
  code: string;
}

export interface ParsedTemplate {
  format: TemplateFormat;
  root: TemplateNode | undefined;
  problems: TemplateProblem[];
}

/**
 * The short forms of the rule-specific functions, which CloudFormation accepts only in the conditions and
 * assertions of `Rules` (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html).
 */
export const RULE_FUNCTION_TAGS: ReadonlySet<string> = new Set([
  '!Contains',
  '!EachMemberEquals',
  '!EachMemberIn',
  '!RefAll',
  '!ValueOf',
  '!ValueOfAll',
]);

/** CloudFormation's short-form tags, including those of the AWS::LanguageExtensions transform and of Rules. */
export const SHORT_FORM_TAGS: ReadonlySet<string> = new Set([
  '!Ref',
  '!GetAtt',
  '!Sub',
  '!Join',
  '!Select',
  '!Split',
  '!If',
  '!Equals',
  '!And',
  '!Or',
  '!Not',
  '!FindInMap',
  '!ImportValue',
  '!Base64',
  '!Cidr',
  '!GetAZs',
  '!Condition',
  '!Transform',
  '!ToJsonString',
  '!Length',
  '!ForEach',
  ...RULE_FUNCTION_TAGS,
]);

/** Guards against alias bombs: an alias that expands into more nodes than any real template holds. */
const MAX_NODES = 500_000;

/** Parses YAML or JSON template text into a position-preserving tree. Never throws. */
export function parseTemplate(text: string): ParsedTemplate {
  const format: TemplateFormat = /^\s*[{[]/.test(text) ? 'json' : 'yaml';
  const problems: TemplateProblem[] = [];
  let document: Document.Parsed;
  try {
    document = parseCloudFormationYaml(text);
  } catch (error) {
    problems.push({ range: { start: 0, end: 0 }, message: String(error), severity: 'error', code: 'parse' });
    return { format, root: undefined, problems };
  }
  for (const error of document.errors) {
    problems.push({ range: toRange(error.pos), message: error.message, severity: 'error', code: error.code });
  }
  for (const warning of document.warnings) {
    // The yaml package does not know CloudFormation's tags; they are resolved by our own tree instead.
    if (warning.code === 'TAG_RESOLVE_FAILED' && SHORT_FORM_TAGS.has(tagInMessage(warning.message))) continue;
    problems.push({ range: toRange(warning.pos), message: warning.message, severity: 'warning', code: warning.code });
  }
  const budget = { nodes: 0 };
  let root: TemplateNode | undefined;
  try {
    root = convertNode(document.contents, document, budget, new Set());
  } catch (error) {
    if (!(error instanceof AliasBudgetExceeded)) throw error;
    problems.push({ range: { start: 0, end: 0 }, message: error.message, severity: 'error', code: 'alias-bomb' });
  }
  return { format, root, problems };
}

class AliasBudgetExceeded extends Error {
  constructor() {
    super('The document expands to too many nodes through anchors and aliases; refusing to expand it.');
  }
}

function tagInMessage(message: string): string {
  return /(![A-Za-z]+)/.exec(message)?.[1] ?? '';
}

function toRange(pos: [number, number] | undefined): SourceRange {
  return pos ? { start: pos[0], end: Math.max(pos[0], pos[1]) } : { start: 0, end: 0 };
}

function nodeRange(node: YamlNode): SourceRange {
  const range = node.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}

function convertNode(
  node: unknown,
  document: Document.Parsed,
  budget: { nodes: number },
  resolving: Set<unknown>,
): TemplateNode | undefined {
  if (node === null || node === undefined) return undefined;
  if (++budget.nodes > MAX_NODES) throw new AliasBudgetExceeded();
  if (isAlias(node)) {
    const target = node.resolve(document);
    // A self-referencing alias would recurse forever; treat it as an empty value.
    if (!target || resolving.has(target)) return undefined;
    resolving.add(target);
    try {
      return convertNode(target, document, budget, resolving);
    } finally {
      resolving.delete(target);
    }
  }
  const tag =
    isScalar(node) || isMap(node) || isSeq(node) ? (node.tag?.startsWith('!') ? node.tag : undefined) : undefined;
  if (isScalar(node)) {
    const value = node.value;
    const scalar: TemplateScalar = {
      kind: 'scalar',
      range: nodeRange(node),
      value: toScalarValue(value),
    };
    if (tag) scalar.tag = tag;
    return scalar;
  }
  if (isMap(node)) {
    const pairs: TemplatePair[] = [];
    for (const item of node.items) {
      const keyNode = convertNode(item.key, document, budget, resolving);
      if (keyNode?.kind !== 'scalar') continue;
      pairs.push({ key: keyNode, value: convertNode(item.value, document, budget, resolving) });
    }
    return tag ? { kind: 'map', range: nodeRange(node), pairs, tag } : { kind: 'map', range: nodeRange(node), pairs };
  }
  if (isSeq(node)) {
    const items: TemplateNode[] = [];
    for (const item of node.items) {
      const converted = convertNode(item, document, budget, resolving);
      if (converted) items.push(converted);
    }
    return tag ? { kind: 'seq', range: nodeRange(node), items, tag } : { kind: 'seq', range: nodeRange(node), items };
  }
  return undefined;
}

/** YAML scalars can also be dates or big integers; templates only need text for those. */
function toScalarValue(value: unknown): TemplateScalar['value'] {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'bigint' ? value.toString() : (JSON.stringify(value) ?? null);
}
