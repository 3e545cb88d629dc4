// Turns user-chosen names (function names, log group names, S3 keys) into one file-name segment that can never
// climb out of its folder: names of plain characters stay readable, everything else becomes a hash.
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve } from 'node:path';

const READABLE_NAME = /^[A-Za-z0-9_-]{1,100}$/;

/** A file-name segment for `name`: `n-<name>` when it is plain, else `h-<sha256 hex>`. Never `.`, `..` or `/`. */
export function safeFileName(name: string): string {
  if (READABLE_NAME.test(name)) return `n-${name}`;
  return `h-${createHash('sha256').update(name, 'utf8').digest('hex')}`;
}

/** Resolves `segments` under `root` and throws if the result is not inside it (defence in depth). */
export function pathInside(root: string, ...segments: string[]): string {
  const target = resolve(root, ...segments);
  const fromRoot = relative(resolve(root), target);
  if (fromRoot === '' || fromRoot.startsWith('..') || isAbsolute(fromRoot)) {
    throw new Error(`Refusing a path outside the state directory: ${JSON.stringify(segments.join('/'))}`);
  }
  return target;
}
