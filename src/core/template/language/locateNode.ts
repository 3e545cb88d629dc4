import type { SourceRange, TemplateNode, TemplateScalar } from '../templateTree';

/** One step of the way from the root to a position: the node, and the key or index it sits under. */
export interface LocatedStep {
  node: TemplateNode;
  key?: TemplateScalar;
  index?: number;
}

/** What the tree holds at an offset. */
export interface NodeLocation {
  /** From the root to the deepest node whose range contains the offset. */
  chain: LocatedStep[];
  /** Keys and indices of the chain (without the root). */
  path: (string | number)[];
  /** The key under the offset, when the offset is on a key rather than a value. */
  key: TemplateScalar | undefined;
  /** The short-form tag under the offset (`!GetAtt` itself), with its range and the tagged node. */
  tag: { name: string; range: SourceRange; node: TemplateNode } | undefined;
}

function contains(range: SourceRange, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

/** Where the tag of a tagged node is written: the tree keeps only the value's range. */
export function tagRange(text: string, node: TemplateNode): SourceRange | undefined {
  if (!node.tag) return undefined;
  const start = text.lastIndexOf(node.tag, node.range.start);
  if (start === -1 || /\S/.test(text.slice(start + node.tag.length, node.range.start))) return undefined;
  return { start, end: start + node.tag.length };
}

/** Finds the chain of nodes at `offset`. Keys win over values when the offset touches both ends. */
export function locateNode(root: TemplateNode | undefined, text: string, offset: number): NodeLocation {
  const location: NodeLocation = { chain: [], path: [], key: undefined, tag: undefined };
  if (!root) return location;
  let current: TemplateNode = root;
  location.chain.push({ node: root });
  for (;;) {
    const tag = tagRange(text, current);
    if (tag && contains(tag, offset) && offset < current.range.start) {
      location.tag = { name: current.tag!, range: tag, node: current };
      return location;
    }
    let next: LocatedStep | undefined;
    if (current.kind === 'map') {
      for (const pair of current.pairs) {
        if (contains(pair.key.range, offset)) {
          location.key = pair.key;
          location.path.push(String(pair.key.value));
          return location;
        }
        const value = pair.value;
        if (value && (contains(value.range, offset) || contains(tagRange(text, value) ?? value.range, offset))) {
          next = { node: value, key: pair.key };
          location.path.push(String(pair.key.value));
          break;
        }
      }
    } else if (current.kind === 'seq') {
      for (let index = 0; index < current.items.length; index++) {
        const item = current.items[index]!;
        if (contains(item.range, offset) || contains(tagRange(text, item) ?? item.range, offset)) {
          next = { node: item, index };
          location.path.push(index);
          break;
        }
      }
    }
    if (!next) return location;
    location.chain.push(next);
    current = next.node;
  }
}
