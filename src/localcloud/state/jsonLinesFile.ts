// Append-only files of one JSON document per line. A kill -9 mid-append can leave at most a torn last line:
// reading drops it and cuts the file back, so the next append starts on a fresh line and nothing acknowledged
// (fully written) is lost.
import { appendFileSync, existsSync, ftruncateSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Reads every complete line of `path` as JSON (none when missing), repairing a torn last line. */
export function readJsonLines<T>(path: string, onUnreadable?: (line: string, error: unknown) => void): T[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    const file = openSync(path, 'r+');
    try {
      ftruncateSync(file, Buffer.byteLength(text.slice(0, complete)));
    } finally {
      closeSync(file);
    }
  }
  const records: T[] = [];
  for (const line of text.slice(0, complete).split('\n')) {
    if (line === '') continue;
    try {
      records.push(JSON.parse(line) as T);
    } catch (error) {
      onUnreadable?.(line, error);
    }
  }
  return records;
}

/** Appends documents, one line each, creating the file and its folder as needed. */
export function appendJsonLines(path: string, records: readonly unknown[]): void {
  if (records.length === 0) return;
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
}
