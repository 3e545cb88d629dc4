// Export tasks run as on CloudWatch: CreateExportTask answers with the task PENDING, the task turns RUNNING, writes
// the group's events in [from, to] (inclusive, optionally only streams with a prefix) to the S3 bucket as
// `<prefix>/<taskId>/<stream>/000000.gz` (gzipped `<ISO time> <message>` lines), then COMPLETED. Each step waits
// `stepMs` (0 by default: a task finishes a few event-loop turns after it is created); a cancelled task stops.
// Tasks live in the region's LogsResourceStore; a task still active after a restart runs again from the start.
import { gzipSync } from 'node:zlib';
import type { ExportTask } from '../models/generated/logs';
import { firstIndexAtOrAfter, type LogStore } from './logStore';

/** Where export tasks write: the local cloud's S3. */
export interface ExportSink {
  /** The bucket's region, or undefined when there is no such bucket. */
  bucketRegion(bucket: string): string | undefined;
  write(bucket: string, key: string, data: Buffer, contentEncoding?: string): void;
}

/** An export task as stored: the task as DescribeExportTasks shows it, plus what the run needs. */
export type StoredExportTask = ExportTask & { logStreamNamePrefix?: string };

/** Active tasks: CloudWatch allows one at a time per account and region. */
export const ACTIVE_EXPORT_STATES = new Set(['PENDING', 'RUNNING', 'PENDING_CANCEL']);

/** Runs export tasks step by step on timers. */
export class ExportTaskRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly sink: ExportSink,
    private readonly stepMs = 0,
  ) {}

  /** Schedules the task (stored PENDING) to run; also resumes a task left active by a previous process. */
  schedule(store: LogStore, taskId: string): void {
    if (this.timers.has(taskId)) return;
    const step = () => {
      this.timers.delete(taskId);
      const task = store.resources.get<StoredExportTask>('exportTasks', taskId);
      if (!task || !ACTIVE_EXPORT_STATES.has(task.status?.code ?? '')) return;
      if (task.status?.code === 'PENDING') {
        store.resources.put('exportTasks', taskId, {
          ...task,
          status: { code: 'RUNNING', message: 'Started successfully' },
        });
        this.timers.set(taskId, setTimeout(step, this.stepMs));
        return;
      }
      let status: ExportTask['status'] = { code: 'COMPLETED', message: 'Completed successfully' };
      try {
        this.export(store, task);
      } catch (error) {
        status = { code: 'FAILED', message: error instanceof Error ? error.message : String(error) };
      }
      store.resources.put('exportTasks', taskId, {
        ...task,
        status,
        executionInfo: { ...task.executionInfo, completionTime: Date.now() },
      });
    };
    this.timers.set(taskId, setTimeout(step, this.stepMs));
  }

  /** Resumes the region's tasks that a previous process left active. */
  resume(store: LogStore): void {
    for (const task of store.resources.list<StoredExportTask>('exportTasks')) {
      if (task.taskId && ACTIVE_EXPORT_STATES.has(task.status?.code ?? '')) this.schedule(store, task.taskId);
    }
  }

  /** Stops a task's pending step (CancelExportTask). */
  cancel(taskId: string): void {
    clearTimeout(this.timers.get(taskId));
    this.timers.delete(taskId);
  }

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Writes the task's events, one gzip object per stream. */
  private export(store: LogStore, task: StoredExportTask): void {
    const group = store.getGroup(task.logGroupName!);
    if (!group) throw new Error('The specified log group does not exist.');
    store.expireEvents(group);
    const lines = new Map<string, string[]>();
    const events = group.events;
    for (let index = firstIndexAtOrAfter(events, task.from!); index < events.length; index++) {
      const event = events[index]!;
      if (event.timestamp > task.to!) break;
      if (task.logStreamNamePrefix !== undefined && !event.logStreamName.startsWith(task.logStreamNamePrefix)) continue;
      let list = lines.get(event.logStreamName);
      if (!list) lines.set(event.logStreamName, (list = []));
      list.push(`${new Date(event.timestamp).toISOString()} ${event.message}\n`);
    }
    for (const [stream, streamLines] of lines) {
      this.sink.write(
        task.destination!,
        `${task.destinationPrefix}/${task.taskId}/${stream}/000000.gz`,
        gzipSync(streamLines.join('')),
        'gzip',
      );
    }
  }
}

/** The task as DescribeExportTasks answers it (without what only the run needs). */
export function describedTask(task: StoredExportTask): ExportTask {
  const { logStreamNamePrefix: _prefix, ...described } = task;
  return described;
}
