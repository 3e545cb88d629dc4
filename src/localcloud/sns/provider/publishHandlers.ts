// Publish and PublishBatch: checks as SNS makes them (size, subject, message structure, attributes, FIFO group and
// deduplication), then delivery to every confirmed subscription whose filter policy matches: SQS queues get the
// SNS JSON envelope (or the raw message and its attributes with RawMessageDelivery), Lambda functions an `aws:sns`
// event invoked asynchronously. HTTP, email and SMS endpoints are not reached from the local cloud.
import { createHash, randomUUID } from 'node:crypto';
import type { MessageAttributeValue, PublishBatchResultEntry, SnsOperations } from '../../models/generated/sns';
import { AwsError, isAwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { matchesFilterPolicy, type FilterAttribute } from '../filterPolicy';
import {
  invalidParameter,
  readSnsArn,
  topicOf,
  type SnsProviderContext,
  type SubscriptionRecord,
  type TopicRecord,
} from '../snsState';

const MAX_MESSAGE_BYTES = 262_144;
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
const SEQUENCE_BASE = 10_000_000_000_000_000_000n;

/** One message to publish. */
export interface PublishRequest {
  Message: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

function checkRequest(request: PublishRequest, topic: TopicRecord): void {
  if (request.Message === undefined || request.Message === '') throw invalidParameter('Empty message');
  if (Buffer.byteLength(request.Message) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  if (
    request.Subject !== undefined &&
    (request.Subject === '' || request.Subject.length > 100 || /[\r\n]/.test(request.Subject))
  ) {
    throw invalidParameter('Subject');
  }
  if (request.MessageStructure !== undefined) {
    if (request.MessageStructure !== 'json') throw invalidParameter('MessageStructure');
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.Message);
    } catch {
      throw invalidParameter('Message Structure - JSON message body failed to parse');
    }
    if (typeof (parsed as { default?: unknown } | null)?.default !== 'string') {
      throw invalidParameter('Message Structure - No default entry in JSON message body');
    }
  }
  for (const [name, value] of Object.entries(request.MessageAttributes ?? {})) {
    if (!/^(String|Number|Binary)(\..+)?$/.test(value.DataType)) {
      throw new AwsError(
        'InvalidParameterValueException',
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (value.DataType.startsWith('Binary') ? !value.BinaryValue : value.StringValue === undefined) {
      throw new AwsError(
        'InvalidParameterValueException',
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${value.DataType}'.`,
      );
    }
  }
  const fifo = topic.attributes.FifoTopic === 'true';
  if (fifo && request.MessageGroupId === undefined) {
    throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  }
  if (fifo && request.MessageDeduplicationId === undefined && topic.attributes.ContentBasedDeduplication !== 'true') {
    throw invalidParameter(
      'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    );
  }
  if (!fifo && request.MessageDeduplicationId !== undefined) {
    throw invalidParameter(
      'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
    );
  }
}

/** The message a subscription's protocol gets (MessageStructure json: its key, else `default`). */
function messageFor(request: PublishRequest, protocol: string): string {
  if (request.MessageStructure !== 'json') return request.Message;
  const parsed = JSON.parse(request.Message) as Record<string, unknown>;
  const chosen = parsed[protocol] ?? parsed.default;
  return typeof chosen === 'string' ? chosen : JSON.stringify(chosen);
}

function envelopeAttributes(attributes: Record<string, MessageAttributeValue>) {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        Type: value.DataType,
        Value: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : (value.StringValue ?? ''),
      },
    ]),
  );
}

export function publishHandlers(state: SnsProviderContext): ServiceProvider<SnsOperations> {
  const host = () => state.endpoint() || 'http://127.0.0.1:4566';

  const deliver = async (
    topic: TopicRecord,
    subscription: SubscriptionRecord,
    request: PublishRequest,
    messageId: string,
    sequenceNumber: string | undefined,
    deduplicationId: string | undefined,
  ): Promise<void> => {
    const attributes = request.MessageAttributes ?? {};
    const policy = subscription.attributes.FilterPolicy;
    if (policy) {
      const scope = subscription.attributes.FilterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
      const filterAttributes: Record<string, FilterAttribute> = attributes;
      if (
        !matchesFilterPolicy(JSON.parse(policy) as Record<string, unknown>, scope, request.Message, filterAttributes)
      ) {
        return;
      }
    }
    const message = messageFor(request, subscription.protocol);
    const region = readSnsArn(topic.arn)!.region;
    const timestamp = state.clock.now().toISOString();
    const common = {
      MessageId: messageId,
      TopicArn: topic.arn,
      ...(request.Subject !== undefined ? { Subject: request.Subject } : {}),
      Message: message,
      Timestamp: timestamp,
      SignatureVersion: topic.attributes.SignatureVersion ?? '1',
      Signature: createHash('sha256').update(`${messageId}${message}`).digest('base64'),
    };
    const certificate = `${host()}/_localcloud/sns/SimpleNotificationService-local.pem`;
    const unsubscribe = `${host()}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscription.arn)}`;
    if (subscription.protocol === 'sqs') {
      const raw = subscription.attributes.RawMessageDelivery === 'true';
      const body = raw
        ? message
        : JSON.stringify({
            Type: 'Notification',
            ...common,
            ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}),
            SigningCertURL: certificate,
            UnsubscribeURL: unsubscribe,
            ...(Object.keys(attributes).length > 0 ? { MessageAttributes: envelopeAttributes(attributes) } : {}),
          });
      await state.queues.sendToQueue(subscription.endpoint, body, raw ? attributes : undefined, {
        messageGroupId: request.MessageGroupId,
        messageDeduplicationId: deduplicationId ?? (request.MessageGroupId !== undefined ? messageId : undefined),
      });
    } else if (subscription.protocol === 'lambda') {
      const event = {
        Records: [
          {
            EventSource: 'aws:sns',
            EventVersion: '1.0',
            EventSubscriptionArn: subscription.arn,
            Sns: {
              Type: 'Notification',
              ...common,
              Subject: request.Subject ?? null,
              SigningCertUrl: certificate,
              UnsubscribeUrl: unsubscribe,
              MessageAttributes: envelopeAttributes(attributes),
            },
          },
        ],
      };
      await state.invokeAsync(subscription.endpoint, event, region);
    }
  };

  /** Publishes one message to a topic: its id and (FIFO) sequence number. */
  const publish = async (topic: TopicRecord, request: PublishRequest) => {
    checkRequest(request, topic);
    const now = state.clock.now().getTime();
    let deduplicationId: string | undefined;
    let sequenceNumber: string | undefined;
    const store = state.regions.get(readSnsArn(topic.arn)!.region);
    if (topic.attributes.FifoTopic === 'true') {
      deduplicationId =
        request.MessageDeduplicationId ?? createHash('sha256').update(request.Message, 'utf8').digest('hex');
      for (const [key, entry] of Object.entries(topic.deduplication))
        if (entry.expiresAt <= now) delete topic.deduplication[key];
      const earlier = topic.deduplication[deduplicationId];
      if (earlier) return { MessageId: earlier.messageId, SequenceNumber: earlier.sequenceNumber };
      sequenceNumber = String(SEQUENCE_BASE + BigInt(++topic.sequence));
    }
    const messageId = randomUUID();
    if (deduplicationId !== undefined && sequenceNumber !== undefined) {
      topic.deduplication[deduplicationId] = { messageId, sequenceNumber, expiresAt: now + DEDUPLICATION_WINDOW_MS };
      store.put('topics', topic.arn, topic);
    }
    const subscriptions = store
      .list<SubscriptionRecord>('subscriptions')
      .filter((subscription) => subscription.topicArn === topic.arn && subscription.confirmed);
    for (const subscription of subscriptions) {
      try {
        await deliver(topic, subscription, request, messageId, sequenceNumber, deduplicationId);
      } catch (error) {
        state.warn(
          `[localcloud] SNS: delivery to ${subscription.endpoint} failed: ${isAwsError(error) ? `${error.code}: ${error.message}` : String(error)}`,
        );
      }
    }
    return { MessageId: messageId, ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}) };
  };

  return {
    Publish: async (input) => {
      if (input.PhoneNumber !== undefined && input.TopicArn === undefined && input.TargetArn === undefined) {
        // SMS is not sent from the local cloud; SNS answers a message id.
        return { MessageId: randomUUID() };
      }
      const arn = input.TopicArn ?? input.TargetArn;
      if (arn === undefined) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
      return publish(topicOf(state, arn), input);
    },

    PublishBatch: async (input) => {
      const topic = topicOf(state, input.TopicArn);
      const entries = input.PublishBatchRequestEntries;
      if (entries.length === 0) {
        throw new AwsError('EmptyBatchRequestException', 'The batch request does not contain any entries.');
      }
      if (entries.length > 10) {
        throw new AwsError(
          'TooManyEntriesInBatchRequestException',
          'The batch request contains more entries than permissible.',
        );
      }
      const ids = new Set<string>();
      for (const entry of entries) {
        if (!/^[A-Za-z0-9_-]{1,80}$/.test(entry.Id)) {
          throw new AwsError(
            'InvalidBatchEntryIdException',
            "The Id of a batch entry in a batch request doesn't abide by the specification.",
          );
        }
        if (ids.has(entry.Id)) {
          throw new AwsError(
            'BatchEntryIdsNotDistinctException',
            'Two or more batch entries in the request have the same Id.',
          );
        }
        ids.add(entry.Id);
      }
      const total = entries.reduce((sum, entry) => sum + Buffer.byteLength(entry.Message ?? ''), 0);
      if (total > MAX_MESSAGE_BYTES) {
        throw new AwsError(
          'BatchRequestTooLongException',
          'The length of all the messages put together is more than the limit.',
        );
      }
      const Successful: PublishBatchResultEntry[] = [];
      const Failed: { Id: string; Code: string; Message: string; SenderFault: boolean }[] = [];
      for (const entry of entries) {
        try {
          Successful.push({ Id: entry.Id, ...(await publish(topic, entry)) });
        } catch (error) {
          if (!isAwsError(error)) throw error;
          Failed.push({ Id: entry.Id, Code: error.code, Message: error.message, SenderFault: true });
        }
      }
      return { Successful, Failed };
    },
  };
}

/** Publishes through the SNS handlers from another service (the MessagingTargets contract). */
export type TopicPublisher = (topicArn: string, request: PublishRequest) => Promise<{ MessageId?: string }>;
