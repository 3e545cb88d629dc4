// The contract other services deliver messages through (S3 event notifications, Lambda destinations and
// dead-letter queues, later SNS): send to a queue ARN, region-aware (the ARN's region and account name the queue,
// whatever region the caller runs in). localCloudServer.ts creates one from the SQS service and hands it to the
// services that deliver.
import type { AttributeValue } from '../sqs/messageDigest';

/** A message attribute (`{ DataType: 'String', StringValue: 'x' }`; binary values as bytes). */
export type MessageAttribute = AttributeValue;

/** FIFO parameters of a delivery (required by FIFO queues; content-based deduplication may stand in for the id). */
export interface QueueDeliveryOptions {
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

/** Subject and FIFO parameters of a publication. */
export interface TopicDeliveryOptions {
  subject?: string;
  messageGroupId?: string;
  messageDeduplicationId?: string;
}

/** Deliveries into the local cloud's messaging services. */
export interface MessagingTargets {
  /** True when the queue `queueArn` names exists (for configuration checks such as S3's PutBucketNotification). */
  queueExists(queueArn: string): boolean;
  /**
   * Sends a message to the queue `queueArn` names, as SQS's SendMessage would (size and attribute checks, FIFO
   * rules); rejects with an AwsError (QueueDoesNotExist, InvalidParameterValue...) when SQS would refuse it.
   */
  sendToQueue(
    queueArn: string,
    body: string,
    attributes?: Record<string, MessageAttribute>,
    options?: QueueDeliveryOptions,
  ): Promise<{ messageId: string }>;
  /** True when the topic `topicArn` names exists. */
  topicExists(topicArn: string): boolean;
  /** Publishes to the topic `topicArn` names (delivered to its subscriptions); rejects as Publish would. */
  publishToTopic(
    topicArn: string,
    message: string,
    attributes?: Record<string, MessageAttribute>,
    options?: TopicDeliveryOptions,
  ): Promise<{ messageId: string }>;
}

/** Queue deliveries (what the SQS service offers). */
export type QueueTargets = Pick<MessagingTargets, 'queueExists' | 'sendToQueue'>;

/** Topic deliveries (what the SNS service offers). */
export type TopicTargets = Pick<MessagingTargets, 'topicExists' | 'publishToTopic'>;

/** The one MessagingTargets of a local cloud, from its SQS and SNS. */
export function messagingTargets(queues: QueueTargets, topics: TopicTargets): MessagingTargets {
  return {
    queueExists: (arn) => queues.queueExists(arn),
    sendToQueue: (arn, body, attributes, options) => queues.sendToQueue(arn, body, attributes, options),
    topicExists: (arn) => topics.topicExists(arn),
    publishToTopic: (arn, message, attributes, options) => topics.publishToTopic(arn, message, attributes, options),
  };
}
