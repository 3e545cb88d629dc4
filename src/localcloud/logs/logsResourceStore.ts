// The Logs resources that are not log groups (resource and account policies, destinations, deliveries, export
// tasks, anomaly detectors, query definitions...): named collections of JSON records, kept in memory and written
// to one file, replaced atomically on each change. These are configuration: a few records, rarely written.
import { existsSync, readFileSync } from 'node:fs';
import type { Logger } from '../../core/logger';
import { writeFileAtomic } from '../state/atomicFile';

/** The collections the Logs handlers keep; the name is the file's key. */
export type LogsCollection =
  | 'resourcePolicies'
  | 'accountPolicies'
  | 'destinations'
  | 'deliverySources'
  | 'deliveryDestinations'
  | 'deliveries'
  | 'exportTasks'
  | 'importTasks'
  | 'anomalyDetectors'
  | 'anomalies'
  | 'queryDefinitions'
  | 'scheduledQueries'
  | 'lookupTables'
  | 'integrations'
  | 's3TableSources'
  | 'tags'
  | 'settings';

type Records = Partial<Record<LogsCollection, Record<string, unknown>>>;

/** Named collections of records, persisted as one JSON file. */
export class LogsResourceStore {
  private records: Records = {};

  constructor(
    private readonly file: string,
    logger: Logger,
  ) {
    if (!existsSync(file)) return;
    try {
      this.records = JSON.parse(readFileSync(file, 'utf8')) as Records;
    } catch (error) {
      logger.warn(`[localcloud] ignoring unreadable Logs resources ${file}: ${String(error)}`);
    }
  }

  get<T>(collection: LogsCollection, key: string): T | undefined {
    return this.records[collection]?.[key] as T | undefined;
  }

  /** The records in the order they were first stored. */
  list<T>(collection: LogsCollection): T[] {
    return Object.values(this.records[collection] ?? {}) as T[];
  }

  has(collection: LogsCollection, key: string): boolean {
    return Object.hasOwn(this.records[collection] ?? {}, key);
  }

  count(collection: LogsCollection): number {
    return Object.keys(this.records[collection] ?? {}).length;
  }

  /** Stores (or replaces) a record and writes the file. */
  put<T>(collection: LogsCollection, key: string, record: T): T {
    (this.records[collection] ??= {})[key] = record;
    this.save();
    return record;
  }

  /** Deletes a record; false when there was none. */
  delete(collection: LogsCollection, key: string): boolean {
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
