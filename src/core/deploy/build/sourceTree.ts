// Copying and fingerprinting a function's source folder, leaving out what never belongs in the artifact
// (build output, version control, installed dependencies the build installs again, bytecode caches).
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Folders no build copies. */
export const ALWAYS_SKIPPED = ['.aws-sam', '.git'] as const;

/** Copies `source` into `destination` (which must not exist yet), following links, skipping the named folders. */
export async function copySourceTree(
  source: string,
  destination: string,
  skippedNames: readonly string[],
): Promise<void> {
  const skipped = new Set([...ALWAYS_SKIPPED, ...skippedNames]);
  await cp(source, destination, {
    recursive: true,
    dereference: true,
    filter: (path) => {
      const name = path.slice(path.lastIndexOf(sep) + 1);
      return path === source || !(skipped.has(name) || name.endsWith('.pyc'));
    },
  });
}

/** A digest of every file's relative path and content below `directory`, skipping the named folders. */
export async function hashSourceTree(directory: string, skippedNames: readonly string[]): Promise<string> {
  const skipped = new Set([...ALWAYS_SKIPPED, ...skippedNames]);
  const files: string[] = [];
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > 40) return;
    for (const name of (await readdir(folder)).sort()) {
      if (skipped.has(name) || name.endsWith('.pyc')) continue;
      const path = join(folder, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) await walk(path, depth + 1);
      else if (info?.isFile()) files.push(path);
    }
  };
  await walk(directory, 0);
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(directory, file).split(sep).join('/')).update('\0');
    hash
      .update(
        createHash('sha256')
          .update(await readFile(file))
          .digest(),
      )
      .update('\0');
  }
  return hash.digest('hex');
}

/** A digest of files by absolute path (missing ones count as missing). */
export async function hashFiles(files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    const content = await readFile(file).catch(() => undefined);
    hash
      .update(file)
      .update('\0')
      .update(content ? createHash('sha256').update(content).digest('hex') : 'missing');
  }
  return hash.digest('hex');
}
