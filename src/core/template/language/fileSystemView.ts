import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';

/** A directory entry as the engine needs it. */
export interface DirectoryEntry {
  name: string;
  kind: 'file' | 'directory';
}

/**
 * Read-only access to the files beside a template. Paths are relative to the template's folder and use `/`;
 * the editor implements this over its workspace file system, the CLI and tests over a folder or a map.
 * Every method answers undefined for anything missing or unreadable and never rejects.
 */
export interface FileSystemView {
  stat(path: string): Promise<'file' | 'directory' | undefined>;
  readFile(path: string): Promise<string | undefined>;
  readDirectory(path: string): Promise<DirectoryEntry[] | undefined>;
}

/** Joins template-relative paths, dropping `./` and empty parts (`src/` + `app.js` is `src/app.js`). */
export function joinTemplatePath(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts) {
    for (const segment of part.split(/[\\/]+/)) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else segments.push(segment);
    }
  }
  return segments.join('/');
}

/** A view over a folder of the local disk, for the CLI and tests (`../shared` stays valid: SAM allows it). */
export function createDiskFileSystemView(templateDirectory: string): FileSystemView {
  const resolve = (path: string) => (isAbsolute(path) ? normalize(path) : join(templateDirectory, ...path.split('/')));
  return {
    async stat(path) {
      try {
        const info = await stat(resolve(path));
        return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : undefined;
      } catch {
        return undefined;
      }
    },
    async readFile(path) {
      try {
        const absolute = resolve(path);
        const info = await stat(absolute);
        // Source files beyond a few megabytes are generated bundles: not worth scanning for exports.
        if (!info.isFile() || info.size > 4 * 1024 * 1024) return undefined;
        return await readFile(absolute, 'utf8');
      } catch {
        return undefined;
      }
    },
    async readDirectory(path) {
      try {
        const entries = await readdir(resolve(path), { withFileTypes: true });
        return entries.flatMap((entry): DirectoryEntry[] =>
          entry.isDirectory()
            ? [{ name: entry.name, kind: 'directory' }]
            : entry.isFile()
              ? [{ name: entry.name, kind: 'file' }]
              : [],
        );
      } catch {
        return undefined;
      }
    },
  };
}
