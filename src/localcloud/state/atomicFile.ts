// Whole-file writes that a crash (kill -9) can never leave half-written: write a temporary file beside the
// target, then rename over it (rename is atomic on POSIX file systems). No fsync: the guarantee is against a
// crashed process, whose written pages the kernel keeps, not against power loss.
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TEMPORARY_MARKER = '.tmp-';
let temporaryCounter = 0;

/** Replaces `path` with `data` atomically, creating parent folders as needed. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}${TEMPORARY_MARKER}${process.pid}-${temporaryCounter++}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** True for the temporary files writeFileAtomic leaves behind when it is killed between write and rename. */
export function isTemporaryFile(name: string): boolean {
  return name.includes(TEMPORARY_MARKER);
}

/** Deletes leftovers of interrupted writes in a folder (not recursive). */
export function removeTemporaryFiles(directory: string): void {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) if (isTemporaryFile(name)) rmSync(join(directory, name), { force: true, recursive: true });
}
