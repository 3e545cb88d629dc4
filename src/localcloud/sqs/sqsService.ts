// SQS over awsJson 1.0 and (for older clients) awsQuery: queues per region, persisted in the state directory,
// with AWS's behaviour for visibility, long polling, FIFO ordering and deduplication, dead-letter queues and
// message move tasks. Other services deliver through `targets` (messaging/messagingTargets.ts) and Lambda's
// event source mappings poll through `poll`.
import type { Logger } from '../../core/logger';
import type { Clock } from '../clock';
import type { QueueTargets } from '../messaging/messagingTargets';
import type { SqsOperations } from '../models/generated/sqs';
import { AwsError } from '../protocol/awsError';
import { createModelService, type ModelService } from '../protocol/modelService';
import { validationMessage, type Violation } from '../protocol/shapeValidation';
import { RegionalState } from '../regionalState';
import { messageHandlers, sendMessage } from './provider/messageHandlers';
import { moveTaskHandlers } from './provider/moveTaskHandlers';
import { queueHandlers } from './provider/queueHandlers';
import { receiveHandler } from './provider/receiveHandler';
import { queueByArn, queueDoesNotExist, type SqsProviderContext } from './provider/sqsProviderContext';
import { tagHandlers } from './provider/tagHandlers';
import { sqsModel, sqsQueryModel } from './sqsModels';
import { SqsRegionStore } from './sqsStore';

export interface SqsServiceOptions {
  stateDirectory: string;
  region: string;
  accountId: string;
  logger: Logger;
  clock: Clock;
  /** The local cloud's endpoint (`http://127.0.0.1:4566`), known once it listens. */
  endpoint: () => string;
}

/** The SQS service, with what other services use. */
export type SqsService = ModelService<SqsOperations> & {
  readonly targets: QueueTargets;
  readonly state: SqsProviderContext;
};

/** SQS's words for what the engine finds: a missing member is MissingParameter, the rest InvalidParameterValue. */
function sqsValidationError(_operation: string, violations: readonly Violation[]): AwsError {
  const missing = violations.find((violation) => violation.constraint === 'Member must not be null');
  if (missing) {
    const name = missing.path.split('.').pop() ?? missing.path;
    return new AwsError(
      'MissingParameter',
      `The request must contain the parameter ${name.charAt(0).toUpperCase()}${name.slice(1)}.`,
    );
  }
  return new AwsError('InvalidParameterValue', validationMessage(violations));
}

export function createSqsService(options: SqsServiceOptions): SqsService {
  const closing = new AbortController();
  const state: SqsProviderContext = {
    regions: new RegionalState(
      options.region,
      options.stateDirectory,
      (region, directory) => new SqsRegionStore(directory, region, options.logger),
    ),
    clock: options.clock,
    endpointHost: () => new URL(options.endpoint() || 'http://127.0.0.1:4566').host,
    closing: closing.signal,
  };
  const service = createModelService<SqsOperations>(
    sqsModel,
    {
      ...queueHandlers(state),
      ...messageHandlers(state),
      ...receiveHandler(state),
      ...tagHandlers(state),
      ...moveTaskHandlers(state),
    },
    {
      region: options.region,
      accountId: options.accountId,
      queryModel: sqsQueryModel,
      validationError: sqsValidationError,
      close: () => {
        closing.abort();
        return Promise.resolve();
      },
    },
  );
  const targets: QueueTargets = {
    queueExists: (queueArn) => queueByArn(state, queueArn, options.accountId) !== undefined,
    sendToQueue: (queueArn, body, attributes, delivery = {}) => {
      const queue = queueByArn(state, queueArn, options.accountId);
      if (!queue) return Promise.reject(queueDoesNotExist());
      try {
        const result = sendMessage(
          state,
          queue,
          {
            MessageBody: body,
            MessageAttributes: attributes,
            MessageGroupId: delivery.messageGroupId,
            MessageDeduplicationId: delivery.messageDeduplicationId,
          },
          options.accountId,
        );
        return Promise.resolve({ messageId: result.messageId });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
  return Object.assign(service, { targets, state });
}
