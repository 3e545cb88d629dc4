// Export tasks: CreateExportTask writes the group's events in [from, to) to the local S3 bucket as CloudWatch
// does (`<prefix>/<taskId>/<stream>/000000.gz`, gzipped `<ISO time> <message>` lines, and the
// `<prefix>/aws-logs-write-test` object) and completes at once. Import tasks (CloudTrail Lake) are stored.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { ExportTask, Import, LogsOperations } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { firstIndexAtOrAfter } from '../logStore';
import {
  invalidParameter,
  logGroupArn,
  pageOf,
  readableGroup,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';

/** Where export tasks write: the local cloud's S3. */
export interface ExportSink {
  bucketExists(bucket: string): boolean;
  write(bucket: string, key: string, data: Buffer, contentEncoding?: string): void;
}

export function exportTaskHandlers({ stores, exportSink }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    CreateExportTask: (input, context) => {
      const store = stores.get(context.region);
      const group = readableGroup(store, input.logGroupName);
      if (input.from > input.to) throw invalidParameter('The from time must be before the to time.');
      if (exportSink && !exportSink.bucketExists(input.destination)) {
        throw invalidParameter('The given bucket does not exist. Please make sure the bucket is valid.');
      }
      const taskId = randomUUID();
      const prefix = (input.destinationPrefix ?? 'exportedlogs').replace(/\/+$/, '');
      const creationTime = Date.now();
      if (exportSink) {
        exportSink.write(
          input.destination,
          `${prefix}/aws-logs-write-test`,
          Buffer.from('Permission Check Successful'),
        );
        const lines = new Map<string, string[]>();
        const events = group.events;
        for (let index = firstIndexAtOrAfter(events, input.from); index < events.length; index++) {
          const event = events[index]!;
          if (event.timestamp >= input.to) break;
          if (input.logStreamNamePrefix !== undefined && !event.logStreamName.startsWith(input.logStreamNamePrefix))
            continue;
          const list = lines.get(event.logStreamName) ?? [];
          list.push(`${new Date(event.timestamp).toISOString()} ${event.message}\n`);
          lines.set(event.logStreamName, list);
        }
        for (const [stream, streamLines] of lines) {
          exportSink.write(
            input.destination,
            `${prefix}/${taskId}/${stream}/000000.gz`,
            gzipSync(streamLines.join('')),
            'gzip',
          );
        }
      }
      const task: ExportTask = {
        taskId,
        ...(input.taskName !== undefined ? { taskName: input.taskName } : {}),
        logGroupName: input.logGroupName,
        from: input.from,
        to: input.to,
        destination: input.destination,
        destinationPrefix: prefix,
        status: exportSink
          ? { code: 'COMPLETED', message: 'Completed successfully' }
          : { code: 'PENDING', message: 'Pending: the local cloud has no S3 to export to' },
        executionInfo: { creationTime, ...(exportSink ? { completionTime: Date.now() } : {}) },
      };
      store.resources.put('exportTasks', taskId, task);
      return { taskId };
    },
    DescribeExportTasks: (input, context) => {
      const { resources } = stores.get(context.region);
      if (input.taskId !== undefined && !resources.has('exportTasks', input.taskId)) {
        throw resourceNotFound('The specified export task does not exist.');
      }
      const tasks = resources
        .list<ExportTask>('exportTasks')
        .filter((task) => input.taskId === undefined || task.taskId === input.taskId)
        .filter((task) => input.statusCode === undefined || task.status?.code === input.statusCode)
        .reverse();
      const { page, nextToken } = pageOf(tasks, input.nextToken, input.limit ?? 50);
      return { exportTasks: page, ...(nextToken ? { nextToken } : {}) };
    },
    CancelExportTask: (input, context) => {
      const { resources } = stores.get(context.region);
      const task = resources.get<ExportTask>('exportTasks', input.taskId);
      if (!task) throw resourceNotFound('The specified export task does not exist.');
      if (task.status?.code !== 'PENDING' && task.status?.code !== 'RUNNING') {
        throw new AwsError('InvalidOperationException', 'The specified export task has already finished');
      }
      resources.put('exportTasks', input.taskId, {
        ...task,
        status: { code: 'CANCELLED', message: 'Cancelled by user' },
      });
    },
    CreateImportTask: storedOnly((input, context) => {
      if (!/^arn:aws[\w-]*:cloudtrail:/.test(input.importSourceArn)) {
        throw invalidParameter(`Invalid importSourceArn: ${input.importSourceArn}`);
      }
      const importId = randomUUID();
      const creationTime = Date.now();
      const record: Import = {
        importId,
        importSourceArn: input.importSourceArn,
        importStatus: 'COMPLETED',
        importDestinationArn: logGroupArn(context, `aws/cloudtrail/${input.importSourceArn.split('/').pop()}`),
        importStatistics: { bytesImported: 0 },
        ...(input.importFilter ? { importFilter: input.importFilter } : {}),
        creationTime,
        lastUpdatedTime: creationTime,
      };
      stores.get(context.region).resources.put('importTasks', importId, record);
      return { importId, importDestinationArn: record.importDestinationArn, creationTime };
    }),
    DescribeImportTasks: storedOnly((input, context) => {
      const imports = stores
        .get(context.region)
        .resources.list<Import>('importTasks')
        .filter((item) => input.importId === undefined || item.importId === input.importId)
        .filter((item) => input.importStatus === undefined || item.importStatus === input.importStatus)
        .filter((item) => input.importSourceArn === undefined || item.importSourceArn === input.importSourceArn);
      const { page, nextToken } = pageOf(imports, input.nextToken, input.limit ?? 50);
      return { imports: page, ...(nextToken ? { nextToken } : {}) };
    }),
    DescribeImportTaskBatches: storedOnly((input, context) => {
      const record = stores.get(context.region).resources.get<Import>('importTasks', input.importId);
      if (!record) throw resourceNotFound('The specified import task does not exist.');
      return { importSourceArn: record.importSourceArn, importId: record.importId, importBatches: [] };
    }),
    CancelImportTask: storedOnly((input, context) => {
      const record = stores.get(context.region).resources.get<Import>('importTasks', input.importId);
      if (!record) throw resourceNotFound('The specified import task does not exist.');
      if (record.importStatus !== 'IN_PROGRESS') {
        throw new AwsError('InvalidOperationException', 'The specified import task has already finished');
      }
      return record;
    }),
  };
}
