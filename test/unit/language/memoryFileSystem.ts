import type { DirectoryEntry, FileSystemView } from '../../../src/core/template/language/fileSystemView';

/** A file-system view over a map of template-relative paths to contents (folders are implied by the paths). */
export function memoryFileSystem(files: Record<string, string>): FileSystemView {
  const normalize = (path: string) =>
    path
      .split('/')
      .filter((part) => part !== '' && part !== '.')
      .join('/');
  const entries = new Map(Object.entries(files).map(([path, content]) => [normalize(path), content]));
  const isDirectory = (path: string) => path === '' || [...entries.keys()].some((file) => file.startsWith(`${path}/`));
  return {
    stat: (path) => {
      const key = normalize(path);
      return Promise.resolve(entries.has(key) ? 'file' : isDirectory(key) ? 'directory' : undefined);
    },
    readFile: (path) => Promise.resolve(entries.get(normalize(path))),
    readDirectory: (path) => {
      const key = normalize(path);
      if (!isDirectory(key)) return Promise.resolve(undefined);
      const children = new Map<string, DirectoryEntry>();
      for (const file of entries.keys()) {
        if (key !== '' && !file.startsWith(`${key}/`)) continue;
        const rest = key === '' ? file : file.slice(key.length + 1);
        const [name = '', ...deeper] = rest.split('/');
        children.set(name, { name, kind: deeper.length > 0 ? 'directory' : 'file' });
      }
      return Promise.resolve([...children.values()]);
    },
  };
}

/** Splits `text` at the `¦` marker: the text without it and the marker's offset. */
export function atMarker(textWithMarker: string): { text: string; offset: number } {
  const offset = textWithMarker.indexOf('¦');
  if (offset === -1) throw new Error('no ¦ marker in the text');
  return { text: textWithMarker.slice(0, offset) + textWithMarker.slice(offset + 1), offset };
}
