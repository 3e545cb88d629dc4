// Deterministic zips: the same files give the same bytes, so the content hash (the S3 key) and the AutoPublishAlias
// version id stay the same until the code really changes, and a deploy with no code change is a no-op. Entries are
// sorted, timestamps fixed (1980-01-01, the earliest a zip can hold), modes normalised to 644/755.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { WorkbenchError } from '../errors';

/** Folders never packaged: build output and version control, never part of a function's code. */
const SKIPPED_DIRECTORIES = new Set(['.aws-sam', '.git']);

/** The fixed timestamp of every entry, built from local fields because zip stores local time. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const REGULAR_FILE = 0o100000;

/** One file to put in a zip: its name inside the archive (forward slashes) and its bytes. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
  executable: boolean;
}

/** Zips a folder's files (symbolic links followed), sorted by path; `.aws-sam` and `.git` are left out. */
export async function zipDirectory(directory: string): Promise<Uint8Array> {
  return zipEntries(await collectEntries(directory));
}

/** Zips one file under its own base name (as `aws cloudformation package` does for a CodeUri that is a file). */
export async function zipSingleFile(file: string, name: string): Promise<Uint8Array> {
  const info = await stat(file);
  return zipEntries([{ name, data: await readFile(file), executable: (info.mode & 0o100) !== 0 }]);
}

/** Builds the archive from entries in the order given after sorting by name (byte order, not locale). */
export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const chunks: Uint8Array[] = [];
  const failures: Error[] = [];
  const archive = new Zip((error, chunk) => {
    if (error) failures.push(error);
    else chunks.push(chunk);
  });
  for (const entry of sorted) {
    // The streaming API reads the attributes from the file object, not from the constructor's options.
    const file = Object.assign(new ZipDeflate(entry.name, { level: 6 }), {
      mtime: FIXED_MTIME,
      os: UNIX,
      attrs: ((REGULAR_FILE | (entry.executable ? 0o755 : 0o644)) << 16) >>> 0,
    });
    archive.add(file);
    file.push(entry.data, true);
  }
  archive.end();
  if (failures[0]) throw failures[0];
  return concatenate(chunks);
}

/** True when the bytes start with a zip signature (a local file header or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

async function collectEntries(root: string): Promise<ZipEntry[]> {
  const entries: ZipEntry[] = [];
  const walk = async (directory: string, ancestors: ReadonlySet<string>): Promise<void> => {
    // A link to a folder above it would loop forever: such a folder is not entered again.
    const real = await realpath(directory);
    if (ancestors.has(real)) return;
    const inside = new Set(ancestors).add(real);
    const names = await readdir(directory);
    await Promise.all(
      names.map(async (name) => {
        const path = join(directory, name);
        const info = await stat(path).catch((error: unknown) => {
          // A dangling link: skipped, as zip tools do, rather than failing the whole package.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        });
        if (!info) return;
        if (info.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(name)) await walk(path, inside);
        } else if (info.isFile()) {
          entries.push({
            name: relative(root, path).split(sep).join('/'),
            data: await readFile(path),
            executable: (info.mode & 0o100) !== 0,
          });
        }
      }),
    );
  };
  try {
    await walk(root, new Set());
  } catch (error) {
    throw WorkbenchError.chain(error, `Cannot read ${root} to zip it`, { code: 'ZipFailed' });
  }
  return entries;
}

function concatenate(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const result = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.length;
  }
  return result;
}
