// A warm instance keeps the code it loaded; when the user edits the handler, the next invoke must not answer with
// the old code. Each instance remembers the modification stamps of the function's source files (dependencies in
// node_modules and caches excluded) and is replaced when they differ.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Modification stamps of a function's own files. */
export interface CodeSnapshot {
  /** A digest of every file's path, size and modification time. */
  signature: string;
}

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '__pycache__',
  '.git',
  '.aws-sam',
  '.venv',
  'venv',
  'site-packages',
]);
/** Beyond this many entries a folder is not a function's own code (CodeUri: . in a big repo): stop looking. */
const MAX_ENTRIES = 2000;

/** Takes a snapshot of the given folders (bounded, so a huge CodeUri never slows an invoke down much). */
export function takeCodeSnapshot(directories: readonly string[]): CodeSnapshot {
  const parts: string[] = [];
  const budget = { entries: 0 };
  for (const directory of directories) collect(directory, parts, budget);
  return { signature: createHash('sha1').update(parts.join('|')).digest('hex') };
}

/** True when the folders' files differ from the snapshot. */
export function codeChangedSince(snapshot: CodeSnapshot, directories: readonly string[]): boolean {
  return takeCodeSnapshot(directories).signature !== snapshot.signature;
}

function collect(directory: string, parts: string[], budget: { entries: number }): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    parts.push(`${directory}:missing`);
    return;
  }
  for (const entry of entries) {
    if (++budget.entries > MAX_ENTRIES) return;
    const full = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) collect(full, parts, budget);
    } else if (entry.isFile()) {
      try {
        const stats = statSync(full);
        parts.push(`${full}:${stats.size}:${stats.mtimeMs}`);
      } catch {
        parts.push(`${full}:missing`);
      }
    }
  }
}
