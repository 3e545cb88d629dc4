// Splits a JSON template into independently parseable members, as templateBlocks.ts does for YAML: the top-level
// members, and for a member whose value is an object (Resources, Outputs...) its header and each inner member.
// Each member is parsed alone, wrapped in braces. Anything irregular (a missing comma, a comment, a root that is
// not an object) returns undefined, and the caller parses the whole text as before.
import type { SourceRange } from '../templateTree';
import type { TextBlock } from './templateBlocks';

/** The blocks of a JSON template and where its root object's braces are. */
export interface JsonSplit {
  blocks: TextBlock[];
  rootRange: SourceRange;
}

interface Member {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERAL = /[-+0-9.eEa-z]/;

class JsonMemberScanner {
  constructor(private readonly text: string) {}

  skipWhitespace(offset: number): number {
    let position = offset;
    while (position < this.text.length && WHITESPACE.has(this.text[position]!)) position++;
    return position;
  }

  /** The offset after the string starting at `offset`, or undefined if it is not a string. */
  readString(offset: number): number | undefined {
    if (this.text[offset] !== '"') return undefined;
    for (let position = offset + 1; position < this.text.length; position++) {
      const char = this.text[position];
      if (char === '\\') position++;
      else if (char === '"') return position + 1;
      else if (char === '\n') return undefined;
    }
    return undefined;
  }

  /** The offset after the value starting at `offset`: a string, a balanced object or array, or a literal. */
  readValue(offset: number): number | undefined {
    const char = this.text[offset];
    if (char === '"') return this.readString(offset);
    if (char === '{' || char === '[') return this.matchBrackets(offset);
    let position = offset;
    while (position < this.text.length && LITERAL.test(this.text[position]!)) position++;
    return position > offset ? position : undefined;
  }

  private matchBrackets(offset: number): number | undefined {
    const closing: string[] = [];
    for (let position = offset; position < this.text.length; position++) {
      const char = this.text[position]!;
      if (char === '"') {
        const end = this.readString(position);
        if (end === undefined) return undefined;
        position = end - 1;
      } else if (char === '{') closing.push('}');
      else if (char === '[') closing.push(']');
      else if (char === '}' || char === ']') {
        if (closing.pop() !== char) return undefined;
        if (closing.length === 0) return position + 1;
      }
    }
    return undefined;
  }

  /** The members of the object whose `{` is at `offset`, and the offset after its `}`. */
  readMembers(offset: number): { members: Member[]; end: number } | undefined {
    const members: Member[] = [];
    let position = this.skipWhitespace(offset + 1);
    if (this.text[position] === '}') return { members, end: position + 1 };
    for (;;) {
      const keyEnd = this.readString(position);
      if (keyEnd === undefined) return undefined;
      const colon = this.skipWhitespace(keyEnd);
      if (this.text[colon] !== ':') return undefined;
      const valueStart = this.skipWhitespace(colon + 1);
      const valueEnd = this.readValue(valueStart);
      if (valueEnd === undefined) return undefined;
      members.push({ keyStart: position, keyEnd, valueStart, valueEnd });
      const next = this.skipWhitespace(valueEnd);
      if (this.text[next] === '}') return { members, end: next + 1 };
      if (this.text[next] !== ',') return undefined;
      position = this.skipWhitespace(next + 1);
    }
  }
}

/** Splits a JSON template into blocks, or returns undefined when only a whole-document parse is exact. */
export function splitJsonBlocks(text: string): JsonSplit | undefined {
  const scanner = new JsonMemberScanner(text);
  const rootStart = scanner.skipWhitespace(0);
  if (text[rootStart] !== '{') return undefined;
  const root = scanner.readMembers(rootStart);
  if (!root || root.members.length === 0 || scanner.skipWhitespace(root.end) !== text.length) return undefined;
  const blocks: TextBlock[] = [];
  root.members.forEach((member, sectionIndex) => {
    const inner = text[member.valueStart] === '{' ? scanner.readMembers(member.valueStart) : undefined;
    if (!inner || inner.members.length === 0) {
      blocks.push({
        start: member.keyStart,
        end: member.valueEnd,
        kind: 'section',
        sectionIndex,
        json: { keyEnd: member.keyEnd },
      });
      return;
    }
    blocks.push({
      start: member.keyStart,
      end: member.keyEnd,
      kind: 'header',
      sectionIndex,
      json: { keyEnd: member.keyEnd, container: { start: member.valueStart, end: member.valueEnd } },
    });
    for (const entry of inner.members) {
      blocks.push({
        start: entry.keyStart,
        end: entry.valueEnd,
        kind: 'entry',
        sectionIndex,
        json: { keyEnd: entry.keyEnd },
      });
    }
  });
  return { blocks, rootRange: { start: rootStart, end: root.end } };
}
