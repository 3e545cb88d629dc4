// SNS records per region (topics, subscriptions), kept as named collections in <region folder>/sns/state.json;
// and what the SNS handlers share.
import type { Clock } from '../clock';
import type { QueueTargets } from '../messaging/messagingTargets';
import { AwsError } from '../protocol/awsError';
import type { RegionalState } from '../regionalState';
import { CollectionStore } from '../state/collectionStore';

export type SnsCollection = 'topics' | 'subscriptions';

export class SnsRegionStore extends CollectionStore<SnsCollection> {}

/** A topic as stored. */
export interface TopicRecord {
  arn: string;
  name: string;
  attributes: Record<string, string>;
  tags: Record<string, string>;
  dataProtectionPolicy?: string;
  /** FIFO sequence numbers handed out. */
  sequence: number;
  /** FIFO deduplication ids of the last five minutes -> expiry (epoch ms) and the message they named. */
  deduplication: Record<string, { messageId: string; sequenceNumber: string; expiresAt: number }>;
}

/** A subscription as stored. */
export interface SubscriptionRecord {
  arn: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  owner: string;
  attributes: Record<string, string>;
  confirmed: boolean;
}

/** Runs a function asynchronously (InvocationType Event) in a region. */
export type InvokeAsync = (functionArn: string, event: unknown, region: string) => Promise<void>;

export interface SnsProviderContext {
  regions: RegionalState<SnsRegionStore>;
  clock: Clock;
  queues: QueueTargets;
  invokeAsync: InvokeAsync;
  /** `http://host:port` of the local cloud (signing certificate and unsubscribe URLs). */
  endpoint: () => string;
  warn: (message: string) => void;
}

export function topicNotFound(): AwsError {
  return new AwsError('NotFoundException', 'Topic does not exist');
}

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', `Invalid parameter: ${message}`);
}

/** The region and account an SNS ARN names, or undefined. */
export function readSnsArn(arn: string): { region: string; accountId: string; name: string } | undefined {
  const match = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]+)(?::[A-Za-z0-9-]+)?$/.exec(arn);
  return match ? { region: match[1]!, accountId: match[2]!, name: match[3]! } : undefined;
}

/** The topic an ARN names (in the ARN's region). */
export function topicOf(state: SnsProviderContext, arn: string | undefined): TopicRecord {
  const parsed = arn === undefined ? undefined : readSnsArn(arn);
  if (!parsed) throw arn === undefined ? topicNotFound() : invalidParameter('TopicArn');
  const topic = state.regions.get(parsed.region).get<TopicRecord>('topics', arn!);
  if (!topic) throw topicNotFound();
  return topic;
}

/** The subscription an ARN names. */
export function subscriptionOf(state: SnsProviderContext, arn: string): SubscriptionRecord {
  const parsed = readSnsArn(arn);
  if (!parsed) throw invalidParameter('SubscriptionArn');
  const subscription = state.regions.get(parsed.region).get<SubscriptionRecord>('subscriptions', arn);
  if (!subscription) throw new AwsError('NotFoundException', 'Subscription does not exist');
  return subscription;
}
