// CloudWatch Logs over awsJson1_1 (`POST /` with `X-Amz-Target: Logs_20140328.<Operation>`): the generated model
// plus the handlers in provider/, one file per area. The engine parses, validates and serializes.
import type { LogsOperations } from '../models/generated/logs';
import logsModel from '../models/generated/logs.json';
import { AwsError } from '../protocol/awsError';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import { startLiveTail, type LiveTailRegistry } from './liveTailSession';
import type { RegionalState } from '../regionalState';
import type { LogStore } from './logStore';
import { logEventHandlers } from './provider/logEventHandlers';
import { logGroupHandlers } from './provider/logGroupHandlers';
import { logGroupArn, type LogsProviderContext } from './provider/logsProviderContext';
import { logStreamHandlers } from './provider/logStreamHandlers';
import { anomalyHandlers } from './provider/anomalyHandlers';
import { deliveryHandlers } from './provider/deliveryHandlers';
import { exportTaskHandlers } from './provider/exportTaskHandlers';
import { ExportTaskRunner, type ExportSink } from './exportTaskRunner';
import { filterHandlers } from './provider/filterHandlers';
import { integrationHandlers } from './provider/integrationHandlers';
import { logGroupSettingsHandlers } from './provider/logGroupSettingsHandlers';
import type { SubscriptionTargets } from './provider/logsProviderContext';
import { policyHandlers } from './provider/policyHandlers';
import { queryDefinitionHandlers } from './provider/queryDefinitionHandlers';
import { queryHandlers } from './provider/queryHandlers';
import { logsValidationError, withDeclaredParameterErrors } from './parameterErrors';

/** What the Logs service needs. */
export interface LogsServiceOptions {
  stores: RegionalState<LogStore>;
  region: string;
  accountId: string;
  liveTailIntervalMs: number;
  /** The functions subscription filters deliver to. */
  subscriptionTargets: SubscriptionTargets;
  /** Where export tasks write (the local S3); without it, export tasks are stored as pending. */
  exportSink?: ExportSink;
  /** How long an export task stays PENDING, then RUNNING (default 0: done a few event-loop turns later). */
  exportTaskStepMs?: number;
}

/** PutLogEvents accepts at most 1,048,576 bytes a batch; leave room for the JSON around the messages. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Creates the Logs service. */
export function createLogsService(options: LogsServiceOptions): ModelService<LogsOperations> {
  const liveTails: LiveTailRegistry = new Set();
  const context: LogsProviderContext = {
    stores: options.stores,
    liveTails,
    liveTailIntervalMs: options.liveTailIntervalMs,
    subscriptionTargets: options.subscriptionTargets,
    exportSink: options.exportSink,
    exportRunner: options.exportSink ? new ExportTaskRunner(options.exportSink, options.exportTaskStepMs) : undefined,
  };
  const model = logsModel as unknown as ServiceModel;
  return createModelService<LogsOperations>(
    model,
    withDeclaredParameterErrors(model, {
      ...logGroupHandlers(context),
      ...logStreamHandlers(context),
      ...logEventHandlers(context),
      ...logGroupSettingsHandlers(context),
      ...filterHandlers(context),
      ...policyHandlers(context),
      ...deliveryHandlers(context),
      ...exportTaskHandlers(context),
      ...queryHandlers(context),
      ...queryDefinitionHandlers(context),
      ...anomalyHandlers(context),
      ...integrationHandlers(context),
      StartLiveTail: (input, request) => {
        if (!request.response) throw new AwsError('InvalidOperationException', 'StartLiveTail needs an HTTP client');
        startLiveTail(input, request.requestId, request.response, {
          store: options.stores.get(request.region),
          liveTails,
          intervalMs: options.liveTailIntervalMs,
          groupArn: (name) => logGroupArn(request, name),
        });
        return {};
      },
    }),
    {
      region: options.region,
      accountId: options.accountId,
      validationErrorCode: 'InvalidParameterException',
      validationError: logsValidationError(model),
      bodyLimit: () => MAX_BODY_BYTES,
      bodyTooLargeError: () =>
        new AwsError('InvalidParameterException', 'Upload too large: the request body exceeds 1,048,576 bytes', 413),
      close: () => {
        for (const tail of liveTails) tail.end();
        context.exportRunner?.close();
        return Promise.resolve();
      },
    },
  );
}
