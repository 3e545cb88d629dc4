// The text the translator hashes for a REST API deployment's logical ID: `str(swagger)` as Python 2.7 printed it.
// The translator keeps that text stable across Python versions (samtranslator/utils/py27hash_fix.py): dicts iterate
// in Python 2.7's order (open addressing on Python 2.7's string hash, which depends on the keys inserted and the
// table's size), and strings read from the template print as unicode (`u'/path'`) while strings the translator
// writes itself print as `'POST'`. Reproducing both keeps a deployment's ID what AWS gives it, so a redeploy makes a
// new deployment exactly when AWS would.

/**
 * Decides whether a string came from the template (printed `u'...'`) or from the translator (`'...'`); `path` is
 * where it sits (the keys and indexes above it), `isKey` whether it is a dict key there.
 */
export type UnicodeTest = (text: string, path: readonly (string | number)[], isKey: boolean) => boolean;

const MINSIZE = 8;
const MASK_64 = (1n << 64n) - 1n;
const hashCache = new Map<string, bigint>();

/** Python 2.7's string hash (Objects/stringobject.c string_hash) as an unsigned 64-bit integer. */
export function python27StringHash(text: string): bigint {
  const cached = hashCache.get(text);
  if (cached !== undefined) return cached;
  let hash = 0n;
  const codes = [...text].map((char) => BigInt(char.codePointAt(0)!));
  if (codes.length > 0) {
    hash = codes[0]! << 7n;
    for (const code of codes) hash = ((1000003n * hash) & MASK_64) ^ code;
    hash = (hash ^ BigInt(codes.length)) & MASK_64;
  }
  if (hashCache.size > 10_000) hashCache.clear();
  hashCache.set(text, hash);
  return hash;
}

/** Python 2.7's dict iteration order for keys inserted one after the other (Objects/dictobject.c). */
export function python27KeyOrder(keys: readonly string[]): string[] {
  let mask = BigInt(MINSIZE - 1);
  let slots = new Map<bigint, string>();
  let fill = 0;
  const slotOf = (key: string): bigint => {
    const hash = python27StringHash(key);
    let index = hash & mask;
    if (!slots.has(index) || slots.get(index) === key) return index;
    let walker = index;
    let perturb = hash;
    while (slots.has(index) && slots.get(index) !== key) {
      walker = ((walker << 2n) + walker + perturb + 1n) & MASK_64;
      index = walker & mask;
      perturb >>= 5n;
    }
    return index;
  };
  const add = (key: string): boolean => {
    const index = slotOf(key);
    if (slots.has(index)) return false;
    slots.set(index, key);
    fill++;
    return true;
  };
  for (const key of keys) {
    if (!add(key)) continue;
    if (fill * 3 >= (Number(mask) + 1) * 2) {
      // Small dicts grow fourfold; the keys are inserted again in their current slot order.
      let size = MINSIZE;
      while (size <= fill * 4) size <<= 1;
      const previous = [...slots.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((entry) => entry[1]);
      mask = BigInt(size - 1);
      slots = new Map();
      fill = 0;
      for (const key of previous) add(key);
    }
  }
  return [...slots.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((entry) => entry[1]);
}

/** `str(value)` as Python 2.7 printed the translator's swagger (see the file's comment). */
export function python27Repr(value: unknown, isUnicode: UnicodeTest): string {
  const path: (string | number)[] = [];
  const repr = (item: unknown): string => {
    if (item === null || item === undefined) return 'None';
    if (item === true) return 'True';
    if (item === false) return 'False';
    if (typeof item === 'number') return Number.isInteger(item) ? String(item) : python27Float(item);
    if (typeof item === 'string') return stringRepr(item, isUnicode(item, path, false));
    const parts: string[] = [];
    if (Array.isArray(item)) {
      item.forEach((element, index) => {
        path.push(index);
        parts.push(repr(element));
        path.pop();
      });
      return `[${parts.join(', ')}]`;
    }
    const object = item as Record<string, unknown>;
    for (const key of python27KeyOrder(Object.keys(object))) {
      const keyText = stringRepr(key, isUnicode(key, path, true));
      path.push(key);
      parts.push(`${keyText}: ${repr(object[key])}`);
      path.pop();
    }
    return `{${parts.join(', ')}}`;
  };
  return repr(value);
}

function python27Float(value: number): string {
  const text = String(value);
  return text.includes('e') ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

/** repr() of a str (`'a'`) or of a unicode string (`u'a'`, non-ASCII escaped as `\xe9` / `\u20ac`). */
function stringRepr(text: string, unicode: boolean): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = unicode ? `u${quote}` : quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x7f || !unicode) out += char;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out + quote;
}
