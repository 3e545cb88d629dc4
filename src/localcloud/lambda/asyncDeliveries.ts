// Where Lambda's asynchronous invocations deliver: destinations (functions, queues, topics) and dead-letter
// targets (queues, topics), by the target ARN's service and region. Queues and topics go through the messaging
// targets when the local cloud has them; other targets (EventBridge buses, S3 buckets) are logged, not delivered.
import { AwsError } from '../protocol/awsError';
import type { AsyncDeliveries, DestinationRecord, MessageAttribute } from './asyncInvocations';

/** Sends to queues and topics by ARN (messaging/messagingTargets.ts's MessagingTargets fits it). */
export interface QueueAndTopicTargets {
  sendToQueue(queueArn: string, body: string, attributes?: Record<string, MessageAttribute>): Promise<unknown>;
  publishToTopic?(topicArn: string, message: string, attributes?: Record<string, MessageAttribute>): Promise<unknown>;
}

/** What deliveries need: an Event invoke of a function ARN, and the messaging targets (absent: not delivered). */
export interface AsyncDeliveryOptions {
  invokeFunction(functionArn: string, region: string, payload: string): Promise<void>;
  messaging: () => QueueAndTopicTargets | undefined;
}

/** The service (`lambda`, `sqs`, `sns`...) and region an ARN names. */
export function arnTarget(arn: string): { service: string; region: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2]!, region: parts[3]! };
}

export function asyncDeliveries(options: AsyncDeliveryOptions): AsyncDeliveries {
  const send = async (arn: string, body: string, attributes?: Record<string, MessageAttribute>) => {
    const target = arnTarget(arn);
    if (target?.service === 'lambda') {
      await options.invokeFunction(arn, target.region, body);
      return;
    }
    const messaging = options.messaging();
    if (target?.service === 'sqs' && messaging) {
      await messaging.sendToQueue(arn, body, attributes);
      return;
    }
    if (target?.service === 'sns' && messaging?.publishToTopic) {
      await messaging.publishToTopic(arn, body, attributes);
      return;
    }
    throw new AwsError('ServiceException', `The local cloud cannot deliver to ${arn} yet`, 500);
  };
  return {
    toDestination: (arn: string, record: DestinationRecord) => send(arn, JSON.stringify(record)),
    toDeadLetter: (arn, payload, attributes) => send(arn, payload, attributes),
  };
}
