// Lambda layer versions: numbered per layer name from 1, never reused (as on AWS, a deleted version's number is
// not given again), their content stored once per hash like function packages, each with its own resource-based
// policy (AddLayerVersionPermission). One document per layer name, replaced atomically.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { isTemporaryFile, removeTemporaryFiles, writeFileAtomic } from '../state/atomicFile';
import { pathInside, safeFileName } from '../state/safeFileName';
import type { CodePackageStore, StoredCode } from './codePackage';

/** One statement of a layer version's policy, as GetLayerVersionPolicy answers it. */
export interface LayerPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*' | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

/** One published layer version. */
export interface LayerVersionRecord {
  version: number;
  description: string;
  compatibleRuntimes: string[];
  compatibleArchitectures: string[];
  licenseInfo?: string;
  code: StoredCode;
  /** Lambda's timestamp format (`2026-01-01T00:00:00.000+0000`). */
  createdDate: string;
  /** Changes with every policy change (AddLayerVersionPermission's RevisionId precondition). */
  revisionId?: string;
  policy?: LayerPolicyStatement[];
}

interface LayerDocument {
  name: string;
  nextVersion: number;
  versions: LayerVersionRecord[];
}

/** The layers of one region. */
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

  /** Publishes the next version of the layer with stored content. */
  publish(name: string, details: Omit<LayerVersionRecord, 'version'>): LayerVersionRecord {
    const document = this.layers.get(name) ?? { name, nextVersion: 1, versions: [] };
    const record: LayerVersionRecord = { ...details, version: document.nextVersion++ };
    document.versions.push(record);
    this.save(document);
    return record;
  }

  get(name: string, version: number): LayerVersionRecord | undefined {
    return this.layers.get(name)?.versions.find((record) => record.version === version);
  }

  /** Layer names with at least one version, in ascending order. */
  names(): string[] {
    return [...this.layers.values()]
      .filter((document) => document.versions.length > 0)
      .map((document) => document.name)
      .sort();
  }

  /** A layer's versions, newest first (as ListLayerVersions answers). */
  versions(name: string): LayerVersionRecord[] {
    return [...(this.layers.get(name)?.versions ?? [])].reverse();
  }

  /** Writes a version changed in place (its policy). */
  update(name: string): void {
    const document = this.layers.get(name);
    if (document) this.save(document);
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
