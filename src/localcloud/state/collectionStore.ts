// Named collections of JSON records (configuration: a few records, rarely written), kept in memory and written to
// one file, replaced atomically on each change. The Logs resources that are not log groups and Lambda's
// regional resources (event source mappings, code signing configs...) are kept this way.
import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from '../../core/logger';
import { writeFileAtomic } from './atomicFile';

/** Named collections of records, persisted as one JSON file. */
export class CollectionStore<Collection extends string> {
  private records: Partial<Record<string, Record<string, unknown>>> = {};

  constructor(
    private readonly file: string,
    logger: Logger,
  ) {
    if (!existsSync(file)) return;
    try {
      this.records = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<string, Record<string, unknown>>>;
    } catch (error) {
      logger.warn(`[localcloud] ignoring unreadable records ${file}: ${String(error)}`);
    }
  }

  get<T>(collection: Collection, key: string): T | undefined {
    return this.records[collection]?.[key] as T | undefined;
  }

  /** The records in the order they were first stored. */
  list<T>(collection: Collection): T[] {
    return Object.values(this.records[collection] ?? {}) as T[];
  }

  has(collection: Collection, key: string): boolean {
    return Object.hasOwn(this.records[collection] ?? {}, key);
  }

  count(collection: Collection): number {
    return Object.keys(this.records[collection] ?? {}).length;
  }

  /** Stores (or replaces) a record and writes the file. */
  put<T>(collection: Collection, key: string, record: T): T {
    (this.records[collection] ??= {})[key] = record;
    this.save();
    return record;
  }

  /** Deletes a record; false when there was none. */
  delete(collection: Collection, key: string): boolean {
    const records = this.records[collection];
    if (!records || !Object.hasOwn(records, key)) return false;
    delete records[key];
    this.save();
    return true;
  }

  private save(): void {
    writeFileAtomic(this.file, JSON.stringify(this.records));
  }
}
