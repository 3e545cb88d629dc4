// The one converter from the position-preserving tree (YAML or JSON text) to plain JSON with intrinsics in their
// long form, as CloudFormation and AWS's SAM translator read templates: `!Ref X` -> { Ref: X },
// `!GetAtt A.B.C` -> { 'Fn::GetAtt': ['A', 'B.C'] }, `!Sub s` -> { 'Fn::Sub': s }. And back: plain JSON as a
// TemplateNode, so the one intrinsic evaluator (resolve/) runs over either.
import { LineIndex } from './lineIndex';
import { parseTemplate, type TemplateProblem } from './parseTemplate';
import type { TemplateNode } from './templateTree';

/** A JSON value as templates hold it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

const TAG_NAMES: Readonly<Record<string, string>> = { '!Ref': 'Ref', '!Condition': 'Condition' };

/** Converts a tree node (and everything below it) to plain JSON; an absent value becomes null. */
export function templateNodeToJson(node: TemplateNode | undefined): JsonValue {
  if (!node) return null;
  const plain = plainValue(node);
  if (!node.tag) return plain;
  const name = TAG_NAMES[node.tag] ?? `Fn::${node.tag.slice(1)}`;
  if (name === 'Fn::GetAtt' && typeof plain === 'string') {
    const dot = plain.indexOf('.');
    return { [name]: dot > 0 ? [plain.slice(0, dot), plain.slice(dot + 1)] : [plain] };
  }
  return { [name]: plain };
}

function plainValue(node: TemplateNode): JsonValue {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(templateNodeToJson);
    case 'map': {
      const object: JsonObject = {};
      for (const pair of node.pairs) object[String(pair.key.value)] = templateNodeToJson(pair.value);
      return object;
    }
  }
}

/** Template text (YAML or JSON) as plain JSON, with the parser's problems; `json` is undefined when unparseable. */
export function templateTextToJson(text: string): { json: JsonValue | undefined; problems: TemplateProblem[] } {
  const parsed = parseTemplate(text);
  return { json: parsed.root ? templateNodeToJson(parsed.root) : undefined, problems: parsed.problems };
}

/** The node at a property path (keys and list indexes) below `root`, or the deepest one that exists. */
export function nodeAtPath(
  root: TemplateNode | undefined,
  path: readonly (string | number)[],
): { node: TemplateNode; keyRange?: { start: number; end: number }; depth: number } | undefined {
  if (!root) return undefined;
  let current: { node: TemplateNode; keyRange?: { start: number; end: number }; depth: number } = {
    node: root,
    depth: 0,
  };
  for (const segment of path) {
    const node = current.node;
    // Short-form intrinsics hide one level: `!If [...]` is { 'Fn::If': [...] } in JSON paths.
    if (node.tag && typeof segment === 'string' && (segment.startsWith('Fn::') || segment === 'Ref')) continue;
    if (node.kind === 'map') {
      const pair = node.pairs.find((candidate) => String(candidate.key.value) === String(segment));
      if (!pair?.value) return pair ? { node: pair.key, keyRange: pair.key.range, depth: current.depth + 1 } : current;
      current = { node: pair.value, keyRange: pair.key.range, depth: current.depth + 1 };
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) return current;
      current = { node: item, depth: current.depth + 1 };
    } else return current;
  }
  return current;
}

/** A template text that does not parse, with CloudFormation's wording and the first problem's position. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

const ZERO_RANGE = { start: 0, end: 0 };

/** Converts plain JSON into a TemplateNode (no positions), for the intrinsic evaluator. */
export function jsonToTemplateNode(value: unknown): TemplateNode {
  if (Array.isArray(value)) return { kind: 'seq', range: ZERO_RANGE, items: value.map(jsonToTemplateNode) };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      range: ZERO_RANGE,
      pairs: Object.entries(value as Record<string, unknown>).map(([key, item]) => ({
        key: { kind: 'scalar', range: ZERO_RANGE, value: key },
        value: jsonToTemplateNode(item),
      })),
    };
  }
  const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
  return { kind: 'scalar', range: ZERO_RANGE, value: scalar };
}

/**
 * Parses template text (YAML or JSON) into plain JSON. Throws TemplateSyntaxError with CloudFormation's message
 * ("Template format error: YAML not well-formed. (line 3, column 5)") when it does not parse or is not a map.
 */
export function parseTemplateJson(text: string): JsonObject {
  const parsed = parseTemplate(text);
  const error = parsed.problems.find((problem) => problem.severity === 'error');
  if (error) {
    const position = new LineIndex(text).positionAt(error.range.start);
    const kind = parsed.format === 'json' ? 'JSON' : 'YAML';
    throw new TemplateSyntaxError(
      `Template format error: ${kind} not well-formed. (line ${position.line + 1}, column ${position.character + 1})`,
      position.line + 1,
      position.character + 1,
    );
  }
  const json = templateNodeToJson(parsed.root);
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TemplateSyntaxError('Template format error: not a valid template: the top level must be a map', 1, 1);
  }
  return json;
}

/** A value as text: scalars as written (null as ''), lists and maps as JSON. */
export function jsonText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
