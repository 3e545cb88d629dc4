// The queues of one region, each persisted as one JSON file under <region folder>/sqs/queues/, replaced
// atomically after every change (a local queue holds tens of messages, not millions). Message move tasks are
// kept beside them.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { removeTemporaryFiles, writeFileAtomic } from '../state/atomicFile';
import { CollectionStore } from '../state/collectionStore';
import { safeFileName } from '../state/safeFileName';
import { SqsQueue, type QueueRecord } from './sqsQueue';

/** The region-wide SQS records that are not queues. */
export type SqsCollection = 'moveTasks';

export class SqsRegionStore {
  private readonly queues = new Map<string, SqsQueue>();
  private readonly folder: string;
  readonly resources: CollectionStore<SqsCollection>;

  constructor(
    directory: string,
    readonly region: string,
    private readonly logger: Logger,
  ) {
    this.folder = join(directory, 'sqs', 'queues');
    this.resources = new CollectionStore(join(directory, 'sqs', 'resources.json'), logger);
    this.load();
  }

  get(name: string): SqsQueue | undefined {
    return this.queues.get(name);
  }

  /** Queues in name order (ListQueues pages over them). */
  list(): SqsQueue[] {
    return [...this.queues.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  create(record: QueueRecord): SqsQueue {
    const queue = new SqsQueue(record, (changed) => this.save(changed));
    this.queues.set(record.name, queue);
    this.save(queue);
    return queue;
  }

  delete(name: string): boolean {
    const queue = this.queues.get(name);
    if (!queue) return false;
    this.queues.delete(name);
    rmSync(this.fileOf(name), { force: true });
    // Long polls on a deleted queue end (empty) at once.
    queue.wake();
    return true;
  }

  private fileOf(name: string): string {
    return join(this.folder, `${safeFileName(name)}.json`);
  }

  private save(queue: SqsQueue): void {
    if (this.queues.get(queue.name) !== queue) return;
    writeFileAtomic(this.fileOf(queue.name), JSON.stringify(queue.record));
  }

  private load(): void {
    if (!existsSync(this.folder)) return;
    removeTemporaryFiles(this.folder);
    for (const file of readdirSync(this.folder)) {
      if (!file.endsWith('.json')) continue;
      try {
        const record = JSON.parse(readFileSync(join(this.folder, file), 'utf8')) as QueueRecord;
        this.queues.set(record.name, new SqsQueue(record, (changed) => this.save(changed)));
      } catch (error) {
        this.logger.warn(`[localcloud] ignoring unreadable queue ${file}: ${String(error)}`);
      }
    }
  }
}
