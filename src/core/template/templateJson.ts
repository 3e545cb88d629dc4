// The one converter from the position-preserving tree (YAML or JSON text) to plain JSON with intrinsics in their
// long form, as CloudFormation and AWS's SAM translator read templates: `!Ref X` -> { Ref: X },
// `!GetAtt A.B.C` -> { 'Fn::GetAtt': ['A', 'B.C'] }, `!Sub s` -> { 'Fn::Sub': s }.
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
