// Lambda deployment packages: stored once per content hash as the zip and its extracted folder, which is what the
// runtime runs. Entries that would land outside the folder (zip slip: `../x`, `/etc/x`) are refused.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { AwsError } from '../protocol/awsError';
import { writeFileAtomic } from '../state/atomicFile';
import { pathInside } from '../state/safeFileName';

/** Lambda's limit on the unzipped size of a package. */
export const MAX_UNZIPPED_BYTES = 262_144_000;

/** A stored package. */
export interface StoredCode {
  /** Base64 SHA-256 of the zip, as Lambda reports CodeSha256. */
  codeSha256: string;
  /** Hex SHA-256, the storage key. */
  codeHash: string;
  codeSize: number;
}

/** Stores packages under `<lambda state>/code/`. */
export class CodePackageStore {
  private readonly directory: string;

  constructor(lambdaDirectory: string) {
    this.directory = join(lambdaDirectory, 'code');
    mkdirSync(this.directory, { recursive: true });
  }

  /** Validates, stores and extracts a zip; storing the same bytes twice is free. */
  store(zip: Buffer): StoredCode {
    const digest = createHash('sha256').update(zip).digest();
    const codeHash = digest.toString('hex');
    const extracted = this.extractedDirectory(codeHash);
    if (!existsSync(extracted)) {
      const files = unzipPackage(zip);
      // Extract beside the final folder, then rename: a crash never leaves a half-extracted package in place.
      const staging = `${extracted}.tmp-${process.pid}-${Date.now()}`;
      rmSync(staging, { recursive: true, force: true });
      for (const [name, content] of files) {
        const target = pathInside(staging, name);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
      }
      mkdirSync(staging, { recursive: true });
      writeFileAtomic(join(this.directory, `${codeHash}.zip`), zip);
      rmSync(extracted, { recursive: true, force: true });
      renameSync(staging, extracted);
    }
    return { codeSha256: digest.toString('base64'), codeHash, codeSize: zip.length };
  }

  /** The folder the runtime runs the package from. */
  extractedDirectory(codeHash: string): string {
    if (!/^[0-9a-f]{64}$/.test(codeHash)) throw new Error(`Not a code hash: ${codeHash}`);
    return join(this.directory, codeHash);
  }

  /** The zip as uploaded, for GetFunction's download link. */
  readZip(codeHash: string): Buffer | undefined {
    if (!/^[0-9a-f]{64}$/.test(codeHash)) return undefined;
    const path = join(this.directory, `${codeHash}.zip`);
    return existsSync(path) ? readFileSync(path) : undefined;
  }
}

/** The files of a zip as [relative path, bytes]; throws InvalidParameterValueException for bad packages. */
export function unzipPackage(zip: Buffer): [string, Uint8Array][] {
  let entries: Record<string, Uint8Array>;
  let declaredTotal = 0;
  try {
    // The filter sees each entry's declared size before inflating it, so a zip bomb is refused cheaply.
    entries = unzipSync(zip, {
      filter: (file) => {
        declaredTotal += file.originalSize;
        return declaredTotal <= MAX_UNZIPPED_BYTES;
      },
    });
  } catch {
    throw new AwsError(
      'InvalidParameterValueException',
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
    );
  }
  if (declaredTotal > MAX_UNZIPPED_BYTES) {
    throw new AwsError(
      'InvalidParameterValueException',
      `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`,
    );
  }
  const files: [string, Uint8Array][] = [];
  let total = 0;
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const normalized = name.replace(/\\/g, '/');
    if (normalized.startsWith('/') || normalized.split('/').includes('..') || /^[A-Za-z]:/.test(normalized)) {
      throw new AwsError(
        'InvalidParameterValueException',
        `The zip entry ${JSON.stringify(name)} points outside the package.`,
      );
    }
    total += content.length;
    if (total > MAX_UNZIPPED_BYTES) {
      throw new AwsError(
        'InvalidParameterValueException',
        `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`,
      );
    }
    files.push([normalized, content]);
  }
  return files;
}
