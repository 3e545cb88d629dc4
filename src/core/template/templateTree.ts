/** A half-open range of character offsets in the template text. */
export interface SourceRange {
  start: number;
  end: number;
}

interface NodeBase {
  range: SourceRange;
  /** The YAML short-form tag on this node, such as `!Ref` or `!GetAtt`, when there is one. */
  tag?: string;
}

export interface TemplateScalar extends NodeBase {
  kind: 'scalar';
  value: string | number | boolean | null;
}

export interface TemplatePair {
  key: TemplateScalar;
  /** Undefined while the user is typing (`Key:` with nothing after it yet). */
  value: TemplateNode | undefined;
}

export interface TemplateMap extends NodeBase {
  kind: 'map';
  pairs: TemplatePair[];
}

export interface TemplateSeq extends NodeBase {
  kind: 'seq';
  items: TemplateNode[];
}

/** A position-preserving view of a YAML or JSON template, tags kept as written. */
export type TemplateNode = TemplateScalar | TemplateMap | TemplateSeq;

/** The value under `key` in a map node, if the node is a map and has that key. */
export function getMapValue(node: TemplateNode | undefined, key: string): TemplateNode | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.pairs.find((pair) => pair.key.value === key)?.value;
}

/** The pair for `key` in a map node, if any. */
export function getMapPair(node: TemplateNode | undefined, key: string): TemplatePair | undefined {
  if (node?.kind !== 'map') return undefined;
  return node.pairs.find((pair) => pair.key.value === key);
}

/** A scalar node's value as a string, or undefined for anything else. */
export function scalarString(node: TemplateNode | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}
