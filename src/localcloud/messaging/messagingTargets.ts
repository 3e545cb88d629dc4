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
}
