// A forgiving scanner for flow-style YAML and JSON (`[a, !Ref b]`, `{ "Key": "value" }`) that reports where a
// position sits: the keys and indices leading to it, the tags on the way, and the token being typed. It never
// fails: unfinished text (the normal state while typing) simply leaves containers open.

/** One step from a node to its child: a map key or a sequence index. */
export interface PathSegment {
  key: string | number;
  /** The tag of the node this step enters, such as `!GetAtt`. */
  tag?: string;
  /** For index steps: the literal text of the earlier items (undefined where an item is not a plain scalar). */
  earlierItems?: (string | undefined)[];
}

/** Where the end of the scanned text sits. */
export interface FlowPosition {
  segments: PathSegment[];
  /** The tag of the scanned value itself (`!Join` for `!Join [...]`). */
  rootTag: string | undefined;
  position: 'key' | 'value';
  /** The token typed before the end: its text (without quotes) and where it starts. */
  prefix: string;
  prefixStart: number;
  quote: '"' | "'" | undefined;
  /** Keys already written in the innermost open map. */
  siblingKeys: string[];
  /** True when a bracket opened in the text is still open at the end. */
  open: boolean;
}

interface Container {
  kind: 'map' | 'seq';
  tag: string | undefined;
  /** For maps: the current key once read; for sequences: the current index. */
  key: string | undefined;
  index: number;
  expectingKey: boolean;
  keys: string[];
  items: (string | undefined)[];
  /** The tag of the current entry's value, once read. */
  valueTag: string | undefined;
}

const FLOW_END = new Set([',', ']', '}']);

/** Scans `text` from `start` to `end` (the cursor) as one flow value. */
export function scanFlow(text: string, start: number, end: number): FlowPosition {
  const stack: Container[] = [];
  let rootTag: string | undefined;
  let pendingTag: string | undefined;
  let token = '';
  let tokenStart = start;
  let tokenQuoted: '"' | "'" | undefined;
  let tokenDone = false;
  let inQuote: '"' | "'" | undefined;
  let offset = start;

  const top = () => stack[stack.length - 1];
  const applyTag = (tag: string) => {
    const container = top();
    if (container) container.valueTag = tag;
    else rootTag = tag;
  };
  const finishEntry = () => {
    const container = top();
    if (!container) return;
    const literal = tokenQuoted || (token && !container.valueTag) ? token : undefined;
    if (container.kind === 'seq') {
      container.items.push(container.valueTag ? undefined : literal);
      container.index++;
    } else {
      if (container.expectingKey && token) container.keys.push(token);
      container.expectingKey = true;
      container.key = undefined;
    }
    container.valueTag = undefined;
    resetToken(offset + 1);
  };
  const resetToken = (at: number) => {
    token = '';
    tokenStart = at;
    tokenQuoted = undefined;
    tokenDone = false;
    pendingTag = undefined;
  };

  while (offset < end) {
    const char = text[offset]!;
    if (inQuote) {
      if (char === inQuote) {
        if (inQuote === "'" && text[offset + 1] === "'" && offset + 1 < end) {
          token += "'";
          offset += 2;
          continue;
        }
        inQuote = undefined;
        tokenDone = true;
      } else if (char === '\\' && inQuote === '"' && offset + 1 < end) {
        token += text[offset + 1];
        offset += 2;
        continue;
      } else token += char;
      offset++;
      continue;
    }
    if (char === '"' || char === "'") {
      if (!token) {
        inQuote = char;
        tokenQuoted = char;
        tokenStart = offset + 1;
        offset++;
        continue;
      }
    }
    if (char === '#' && (offset === start || /\s/.test(text[offset - 1]!))) {
      const newline = text.indexOf('\n', offset);
      offset = newline === -1 || newline > end ? end : newline;
      continue;
    }
    if (char === '!' && !token && !tokenDone) {
      let tagEnd = offset + 1;
      while (tagEnd < end && !/[\s,[\]{}]/.test(text[tagEnd]!)) tagEnd++;
      pendingTag = text.slice(offset, tagEnd);
      applyTag(pendingTag);
      offset = tagEnd;
      tokenStart = offset;
      continue;
    }
    if ((char === '[' || char === '{') && !token) {
      const container: Container = {
        kind: char === '[' ? 'seq' : 'map',
        tag: pendingTag,
        key: undefined,
        index: 0,
        expectingKey: char === '{',
        keys: [],
        items: [],
        valueTag: undefined,
      };
      stack.push(container);
      resetToken(offset + 1);
      offset++;
      continue;
    }
    if (FLOW_END.has(char)) {
      if (char === ',') finishEntry();
      else {
        stack.pop();
        // The closed collection is a finished, non-literal entry of its parent.
        token = '';
        tokenQuoted = undefined;
        const parent = top();
        if (parent) parent.valueTag = parent.valueTag ?? '(collection)';
        tokenDone = true;
      }
      offset++;
      continue;
    }
    if (char === ':' && (offset + 1 >= end || /[\s,[\]{}]/.test(text[offset + 1]!) || tokenQuoted)) {
      const container = top();
      if (container?.kind === 'map' && container.expectingKey) {
        container.key = token;
        container.keys.push(token);
        container.expectingKey = false;
        container.valueTag = undefined;
        resetToken(offset + 1);
        offset++;
        continue;
      }
    }
    if (/\s/.test(char)) {
      if (!token && !tokenDone) tokenStart = offset + 1;
      else if (token && !tokenQuoted) token += char;
      offset++;
      continue;
    }
    if (tokenDone && !tokenQuoted) {
      tokenDone = false;
      token = '';
      tokenStart = offset;
    }
    if (!token) tokenStart = offset;
    token += char;
    offset++;
  }

  const segments: PathSegment[] = [];
  stack.forEach((container, depth) => {
    const next = stack[depth + 1];
    const isLast = depth === stack.length - 1;
    const tag = isLast ? container.valueTag : next?.tag;
    if (container.kind === 'seq') {
      const segment: PathSegment = { key: container.index, earlierItems: container.items.slice() };
      if (tag && tag !== '(collection)') segment.tag = tag;
      segments.push(segment);
    } else if (!container.expectingKey && container.key !== undefined) {
      const segment: PathSegment = { key: container.key };
      if (tag && tag !== '(collection)') segment.tag = tag;
      segments.push(segment);
    }
  });
  const innermost = top();
  const trailingText = inQuote ? token : token.trimEnd();
  return {
    segments,
    rootTag: stack.length > 0 ? stack[0]!.tag : rootTag,
    position: innermost?.kind === 'map' && innermost.expectingKey ? 'key' : 'value',
    prefix: tokenDone && !inQuote ? '' : trailingText,
    prefixStart: tokenDone && !inQuote ? end : tokenStart,
    quote: inQuote,
    siblingKeys: innermost?.kind === 'map' ? innermost.keys.slice() : [],
    open: stack.length > 0,
  };
}
