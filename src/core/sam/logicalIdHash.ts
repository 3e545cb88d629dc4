// The translator's LogicalIdGenerator (samtranslator/translator/logical_id_generator.py): a prefix plus the first
// 10 hex characters of the SHA-1 of the data, serialised as Python's json.dumps(data, separators=(",", ":"),
// sort_keys=True) does (ASCII only, keys sorted by code point). Strings are hashed as they are.
import { createHash } from 'node:crypto';
import type { JsonValue } from '../template/templateJson';

export const HASH_LENGTH = 10;

/** `prefix` + the first `length` hex characters of the data's hash ("" when there is no data). */
export function logicalIdWithHash(prefix: string, data: JsonValue | undefined, length = HASH_LENGTH): string {
  return prefix + dataHash(data, length);
}

/** The hash the translator derives from data (or from a string as it is). */
export function dataHash(data: JsonValue | undefined, length = HASH_LENGTH): string {
  if (data === undefined || data === null || data === '') return '';
  if (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0) return '';
  const text = typeof data === 'string' ? data : pythonJsonDumps(data);
  return createHash('sha1').update(text, 'utf8').digest('hex').slice(0, length);
}

/** Python's json.dumps with sort_keys, compact separators and ensure_ascii. */
export function pythonJsonDumps(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${pythonString(key)}:${pythonJsonDumps(value[key]!)}`).join(',')}}`;
}

function pythonNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const text = String(value);
  return text.includes('e') ? text.replace(/e([+-])(\d)$/, 'e$10$2') : text;
}

function pythonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || (code > 0x7f && code <= 0xffff)) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code > 0xffff) {
      const high = Math.floor((code - 0x10000) / 0x400) + 0xd800;
      const low = ((code - 0x10000) % 0x400) + 0xdc00;
      out += `\\u${high.toString(16)}\\u${low.toString(16)}`;
    } else out += char;
  }
  return out + '"';
}
