// SNS over awsQuery: topics and subscriptions per region (persisted in <region folder>/sns/state.json), Publish
// and PublishBatch delivered to SQS queues (through MessagingTargets) and Lambda functions (asynchronous invokes),
// filter policies, FIFO topics. Mobile push and SMS are not served.
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { Clock } from '../clock';
import type { MessageAttribute, QueueTargets, TopicTargets } from '../messaging/messagingTargets';
import type { SnsOperations } from '../models/generated/sns';
import snsModelJson from '../models/generated/sns.json';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import { RegionalState } from '../regionalState';
import { publishHandlers } from './provider/publishHandlers';
import { subscriptionHandlers } from './provider/subscriptionHandlers';
import { topicHandlers } from './provider/topicHandlers';
import { SnsRegionStore, topicOf, type InvokeAsync, type SnsProviderContext } from './snsState';

export interface SnsServiceOptions {
  stateDirectory: string;
  region: string;
  accountId: string;
  logger: Logger;
  clock: Clock;
  queues: QueueTargets;
  invokeAsync: InvokeAsync;
  endpoint: () => string;
}

/** The SNS service; its TopicTargets publish in process (the topic ARN names the region). */
export type SnsService = ModelService<SnsOperations> & TopicTargets;

export function createSnsService(options: SnsServiceOptions): SnsService {
  const state: SnsProviderContext = {
    regions: new RegionalState(
      options.region,
      options.stateDirectory,
      (_region, directory) => new SnsRegionStore(join(directory, 'sns', 'state.json'), options.logger),
    ),
    clock: options.clock,
    queues: options.queues,
    invokeAsync: options.invokeAsync,
    endpoint: options.endpoint,
    warn: (message) => options.logger.warn(message),
  };
  const publishing = publishHandlers(state);
  const service = createModelService<SnsOperations>(
    snsModelJson as unknown as ServiceModel,
    { ...topicHandlers(state), ...subscriptionHandlers(state), ...publishing },
    { region: options.region, accountId: options.accountId },
  );
  return Object.assign(service, {
    publishToTopic: async (
      topicArn: string,
      message: string,
      attributes: Record<string, MessageAttribute> = {},
      extra: { subject?: string; messageGroupId?: string; messageDeduplicationId?: string } = {},
    ) => {
      const output = await service.call(
        'Publish',
        {
          TopicArn: topicArn,
          Message: message,
          ...(Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
          ...(extra.subject !== undefined ? { Subject: extra.subject } : {}),
          ...(extra.messageGroupId !== undefined ? { MessageGroupId: extra.messageGroupId } : {}),
          ...(extra.messageDeduplicationId !== undefined
            ? { MessageDeduplicationId: extra.messageDeduplicationId }
            : {}),
        },
        { region: topicArn.split(':')[3] },
      );
      return { messageId: output.MessageId ?? '' };
    },
    topicExists: (topicArn: string) => {
      try {
        topicOf(state, topicArn);
        return true;
      } catch {
        return false;
      }
    },
  });
}
