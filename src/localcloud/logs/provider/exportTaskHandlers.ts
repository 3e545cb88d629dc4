// Export tasks: CreateExportTask checks the group, the bucket (exists, same region) and the one-active-task limit,
// writes `aws-logs-write-test` (CloudWatch's permission check) and leaves the task PENDING for ExportTaskRunner,
// which runs it to RUNNING and COMPLETED. Import tasks (CloudTrail Lake) are stored.
import { randomUUID } from 'node:crypto';
import type { Import, LogsOperations } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { ACTIVE_EXPORT_STATES, describedTask, type StoredExportTask } from '../exportTaskRunner';
import {
  invalidParameter,
  logGroupArn,
  pageOf,
  readableGroup,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';

export function exportTaskHandlers({
  stores,
  exportSink,
  exportRunner,
}: LogsProviderContext): ServiceProvider<LogsOperations> {
  const regionStore = (region: string) => {
    const store = stores.get(region);
    exportRunner?.resume(store);
    return store;
  };
  return {
    CreateExportTask: (input, context) => {
      const store = regionStore(context.region);
      readableGroup(store, input.logGroupName);
      if (input.from > input.to) throw invalidParameter('The from time must be before the to time.');
      const bucketRegion = exportSink?.bucketRegion(input.destination);
      if (exportSink && bucketRegion === undefined) {
        throw invalidParameter('The given bucket does not exist. Please make sure the bucket is valid.');
      }
      if (bucketRegion !== undefined && bucketRegion !== context.region) {
        throw invalidParameter(
          `The given bucket is in region ${bucketRegion}; CloudWatch Logs exports only to a bucket in the same region (${context.region}).`,
        );
      }
      // CloudWatch runs one export task (PENDING or RUNNING) per account and region at a time.
      if (
        store.resources
          .list<StoredExportTask>('exportTasks')
          .some((task) => ACTIVE_EXPORT_STATES.has(task.status?.code ?? ''))
      ) {
        throw new AwsError('LimitExceededException', 'Resource limit exceeded.');
      }
      const taskId = randomUUID();
      const givenPrefix = input.destinationPrefix?.replace(/\/+$/, '');
      const prefix = givenPrefix || 'exportedlogs';
      // The permission check object: under the given prefix, or at the bucket's root without one.
      exportSink?.write(
        input.destination,
        givenPrefix ? `${givenPrefix}/aws-logs-write-test` : 'aws-logs-write-test',
        Buffer.from('Permission Check Successful'),
      );
      const task: StoredExportTask = {
        taskId,
        ...(input.taskName !== undefined ? { taskName: input.taskName } : {}),
        logGroupName: input.logGroupName,
        from: input.from,
        to: input.to,
        destination: input.destination,
        destinationPrefix: prefix,
        status: { code: 'PENDING' },
        executionInfo: { creationTime: Date.now() },
        ...(input.logStreamNamePrefix !== undefined ? { logStreamNamePrefix: input.logStreamNamePrefix } : {}),
      };
      store.resources.put('exportTasks', taskId, task);
      exportRunner?.schedule(store, taskId);
      return { taskId };
    },
    DescribeExportTasks: (input, context) => {
      const { resources } = regionStore(context.region);
      // An unknown taskId is an empty list, not an error (as CloudWatch answers).
      const tasks = resources
        .list<StoredExportTask>('exportTasks')
        .filter((task) => input.taskId === undefined || task.taskId === input.taskId)
        .filter((task) => input.statusCode === undefined || task.status?.code === input.statusCode)
        .reverse()
        .map(describedTask);
      const { page, nextToken } = pageOf(tasks, input.nextToken, input.limit ?? 50);
      return { exportTasks: page, ...(nextToken ? { nextToken } : {}) };
    },
    CancelExportTask: (input, context) => {
      const { resources } = regionStore(context.region);
      const task = resources.get<StoredExportTask>('exportTasks', input.taskId);
      if (!task) throw resourceNotFound('The specified export task does not exist.');
      if (task.status?.code !== 'PENDING' && task.status?.code !== 'RUNNING') {
        throw new AwsError('InvalidOperationException', 'The specified export task has already finished');
      }
      exportRunner?.cancel(input.taskId);
      resources.put('exportTasks', input.taskId, {
        ...task,
        status: { code: 'CANCELLED', message: 'Cancelled by user' },
        executionInfo: { ...task.executionInfo, completionTime: Date.now() },
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
