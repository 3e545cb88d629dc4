// Lambda functions in memory, each persisted as one JSON document replaced atomically on every change.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { isTemporaryFile, removeTemporaryFiles, writeFileAtomic } from '../state/atomicFile';
import { pathInside, safeFileName } from '../state/safeFileName';
import type { FunctionRecord } from './functionRecords';

/** The functions of one local cloud. */
export class FunctionRepository {
  private readonly functions = new Map<string, FunctionRecord>();
  private sortedNames: string[] | undefined;
  private readonly directory: string;

  constructor(lambdaDirectory: string, logger: Logger) {
    this.directory = join(lambdaDirectory, 'functions');
    mkdirSync(this.directory, { recursive: true });
    removeTemporaryFiles(this.directory);
    for (const file of readdirSync(this.directory)) {
      if (!file.endsWith('.json') || isTemporaryFile(file)) continue;
      try {
        const record = JSON.parse(readFileSync(join(this.directory, file), 'utf8')) as FunctionRecord;
        this.functions.set(record.name, record);
      } catch (error) {
        logger.warn(`[localcloud] skipping unreadable function document ${file}: ${String(error)}`);
      }
    }
  }

  get(name: string): FunctionRecord | undefined {
    return this.functions.get(name);
  }

  /** Function names in ascending order, for ListFunctions paging. */
  names(): string[] {
    this.sortedNames ??= [...this.functions.keys()].sort();
    return this.sortedNames;
  }

  /** Stores (creates or replaces) the record on disk, then in memory. */
  save(record: FunctionRecord): void {
    writeFileAtomic(this.fileOf(record.name), JSON.stringify(record));
    if (!this.functions.has(record.name)) this.sortedNames = undefined;
    this.functions.set(record.name, record);
  }

  delete(name: string): void {
    rmSync(this.fileOf(name), { force: true });
    this.functions.delete(name);
    this.sortedNames = undefined;
  }

  private fileOf(name: string): string {
    return pathInside(this.directory, `${safeFileName(name)}.json`);
  }
}
