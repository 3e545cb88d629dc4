// Lambda layer versions: numbered per layer name from 1, never reused (as on AWS, a deleted version's number is
// not given again), their content stored once per hash like function packages. One document per layer name,
// replaced atomically. Used by CloudFormation's AWS::Lambda::LayerVersion; the layer API builds on it.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { isTemporaryFile, removeTemporaryFiles, writeFileAtomic } from '../state/atomicFile';
import { pathInside, safeFileName } from '../state/safeFileName';
import type { CodePackageStore, StoredCode } from './codePackage';

/** One published layer version. */
export interface LayerVersionRecord {
  version: number;
  description: string;
  compatibleRuntimes: string[];
  compatibleArchitectures: string[];
  licenseInfo?: string;
  code: StoredCode;
  /** ISO-8601. */
  createdDate: string;
}

interface LayerDocument {
  name: string;
  nextVersion: number;
  versions: LayerVersionRecord[];
}

/** The layers of one local cloud. */
export class LayerVersionStore {
  private readonly layers = new Map<string, LayerDocument>();
  private readonly directory: string;

  constructor(
    lambdaDirectory: string,
    private readonly code: CodePackageStore,
    logger: Logger,
  ) {
    this.directory = join(lambdaDirectory, 'layers');
    mkdirSync(this.directory, { recursive: true });
    removeTemporaryFiles(this.directory);
    for (const file of readdirSync(this.directory)) {
      if (!file.endsWith('.json') || isTemporaryFile(file)) continue;
      try {
        const document = JSON.parse(readFileSync(join(this.directory, file), 'utf8')) as LayerDocument;
        this.layers.set(document.name, document);
      } catch (error) {
        logger.warn(`[localcloud] skipping unreadable layer document ${file}: ${String(error)}`);
      }
    }
  }

  /** Stores the zip and publishes the next version of the layer. */
  publish(
    name: string,
    zip: Buffer,
    details: Omit<LayerVersionRecord, 'version' | 'code' | 'createdDate'>,
    now: Date,
  ): LayerVersionRecord {
    const document = this.layers.get(name) ?? { name, nextVersion: 1, versions: [] };
    const record: LayerVersionRecord = {
      ...details,
      version: document.nextVersion++,
      code: this.code.store(zip),
      createdDate: now.toISOString(),
    };
    document.versions.push(record);
    this.save(document);
    return record;
  }

  get(name: string, version: number): LayerVersionRecord | undefined {
    return this.layers.get(name)?.versions.find((record) => record.version === version);
  }

  /** Deleting a version that does not exist succeeds, as on AWS. */
  delete(name: string, version: number): void {
    const document = this.layers.get(name);
    if (!document) return;
    const remaining = document.versions.filter((record) => record.version !== version);
    if (remaining.length === document.versions.length) return;
    document.versions = remaining;
    this.save(document);
  }

  /** The folder holding a version's extracted content (what the runtime adds to a function). */
  contentDirectory(record: LayerVersionRecord): string {
    return this.code.extractedDirectory(record.code.codeHash);
  }

  private save(document: LayerDocument): void {
    writeFileAtomic(pathInside(this.directory, `${safeFileName(document.name)}.json`), JSON.stringify(document));
    this.layers.set(document.name, document);
  }
}
