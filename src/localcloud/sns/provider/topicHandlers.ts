// Topics: create (idempotent for the same attributes), attributes (the computed subscription counts, default
// policy and delivery policy), list with pages of 100, delete (with its subscriptions), tags, permissions and
// data protection policies.
import type { SnsOperations } from '../../models/generated/sns';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import {
  invalidParameter,
  readSnsArn,
  topicOf,
  type SnsProviderContext,
  type SubscriptionRecord,
  type TopicRecord,
} from '../snsState';

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;
const SETTABLE = new Set([
  'DeliveryPolicy',
  'DisplayName',
  'Policy',
  'KmsMasterKeyId',
  'SignatureVersion',
  'TracingConfig',
  'ContentBasedDeduplication',
  'FifoTopic',
  'ArchivePolicy',
  'FifoThroughputScope',
  'DataProtectionPolicy',
]);
const DELIVERY_STATUS =
  /^(HTTP|Firehose|Lambda|SQS|Application)(SuccessFeedbackRoleArn|SuccessFeedbackSampleRate|FailureFeedbackRoleArn)$/;

const DEFAULT_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: {
      minDelayTarget: 20,
      maxDelayTarget: 20,
      numRetries: 3,
      numMaxDelayRetries: 0,
      numNoDelayRetries: 0,
      numMinDelayRetries: 0,
      backoffFunction: 'linear',
    },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' },
  },
});

function defaultPolicy(arn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Effect: 'Allow',
        Sid: '__default_statement_ID',
        Principal: { AWS: '*' },
        Action: [
          'SNS:GetTopicAttributes',
          'SNS:SetTopicAttributes',
          'SNS:AddPermission',
          'SNS:RemovePermission',
          'SNS:DeleteTopic',
          'SNS:Subscribe',
          'SNS:ListSubscriptionsByTopic',
          'SNS:Publish',
        ],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

function checkAttribute(name: string, value: string): void {
  if (!SETTABLE.has(name) && !DELIVERY_STATUS.test(name)) throw invalidParameter(`AttributeName`);
  if ((name === 'Policy' || name === 'DeliveryPolicy' || name === 'ArchivePolicy') && value !== '') {
    try {
      JSON.parse(value);
    } catch {
      throw invalidParameter(`Attributes Reason: ${name}: failed to parse JSON.`);
    }
  }
}

function tagMap(tags: { Key: string; Value: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((tag) => [tag.Key, tag.Value]));
}

export function topicAttributes(state: SnsProviderContext, topic: TopicRecord): Record<string, string> {
  const subscriptions = state.regions
    .get(readSnsArn(topic.arn)!.region)
    .list<SubscriptionRecord>('subscriptions')
    .filter((subscription) => subscription.topicArn === topic.arn);
  const accountId = readSnsArn(topic.arn)!.accountId;
  return {
    Policy: defaultPolicy(topic.arn, accountId),
    Owner: accountId,
    SubscriptionsPending: String(subscriptions.filter((subscription) => !subscription.confirmed).length),
    TopicArn: topic.arn,
    EffectiveDeliveryPolicy: DEFAULT_DELIVERY_POLICY,
    SubscriptionsConfirmed: String(subscriptions.filter((subscription) => subscription.confirmed).length),
    DisplayName: '',
    SubscriptionsDeleted: '0',
    ...topic.attributes,
  };
}

export function topicHandlers(state: SnsProviderContext): ServiceProvider<SnsOperations> {
  const save = (topic: TopicRecord) => state.regions.get(readSnsArn(topic.arn)!.region).put('topics', topic.arn, topic);
  const resourceTopic = (arn: string) => {
    try {
      return topicOf(state, arn);
    } catch (error) {
      if (error instanceof AwsError && error.code === 'NotFoundException') {
        throw new AwsError('ResourceNotFoundException', 'Resource does not exist');
      }
      throw error;
    }
  };

  return {
    CreateTopic: (input, context) => {
      const attributes = { ...input.Attributes };
      const fifo = attributes.FifoTopic?.toLowerCase() === 'true';
      if (fifo ? !FIFO_TOPIC_NAME.test(input.Name) : !TOPIC_NAME.test(input.Name)) {
        throw invalidParameter(
          fifo
            ? 'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.'
            : 'Topic Name',
        );
      }
      for (const [name, value] of Object.entries(attributes)) checkAttribute(name, value);
      if (fifo) attributes.FifoTopic = 'true';
      else delete attributes.FifoTopic;
      if (fifo) attributes.ContentBasedDeduplication ??= 'false';
      const arn = `arn:aws:sns:${context.region}:${context.accountId}:${input.Name}`;
      const store = state.regions.get(context.region);
      const existing = store.get<TopicRecord>('topics', arn);
      const tags = tagMap(input.Tags);
      if (existing) {
        const differs = Object.entries(attributes).some(([name, value]) => (existing.attributes[name] ?? '') !== value);
        if (differs) throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
        const tagsDiffer = Object.entries(tags).some(([key, value]) => existing.tags[key] !== value);
        if (input.Tags && tagsDiffer) throw invalidParameter('Tags Reason: Topic already exists with different tags');
        return { TopicArn: arn };
      }
      store.put<TopicRecord>('topics', arn, {
        arn,
        name: input.Name,
        attributes,
        tags,
        ...(input.DataProtectionPolicy ? { dataProtectionPolicy: input.DataProtectionPolicy } : {}),
        sequence: 0,
        deduplication: {},
      });
      return { TopicArn: arn };
    },

    DeleteTopic: (input, context) => {
      const parsed = readSnsArn(input.TopicArn);
      if (!parsed) throw invalidParameter('TopicArn');
      const store = state.regions.get(parsed.region ?? context.region);
      // Deleting a topic that does not exist succeeds, as on SNS.
      store.delete('topics', input.TopicArn);
      for (const subscription of store.list<SubscriptionRecord>('subscriptions')) {
        if (subscription.topicArn === input.TopicArn) store.delete('subscriptions', subscription.arn);
      }
    },

    GetTopicAttributes: (input) => ({ Attributes: topicAttributes(state, topicOf(state, input.TopicArn)) }),

    SetTopicAttributes: (input) => {
      const topic = topicOf(state, input.TopicArn);
      const value = input.AttributeValue ?? '';
      checkAttribute(input.AttributeName, value);
      if (input.AttributeName === 'FifoTopic') throw invalidParameter('AttributeName');
      if (input.AttributeName === 'ContentBasedDeduplication' && topic.attributes.FifoTopic !== 'true') {
        throw invalidParameter('Attributes Reason: Content-based deduplication can only be set for FIFO topics');
      }
      if (input.AttributeName === 'DataProtectionPolicy') topic.dataProtectionPolicy = value;
      else topic.attributes[input.AttributeName] = value;
      save(topic);
    },

    ListTopics: (input, context) => {
      const topics = state.regions
        .get(context.region)
        .list<TopicRecord>('topics')
        .map((topic) => topic.arn)
        .sort();
      let start = 0;
      if (input.NextToken !== undefined) {
        const cursor = decodePageToken(
          input.NextToken,
          (value): value is { after: string } => typeof (value as { after?: unknown } | null)?.after === 'string',
        );
        if (!cursor) throw invalidParameter('NextToken');
        start = topics.findIndex((arn) => arn > cursor.after);
        if (start < 0) start = topics.length;
      }
      const page = topics.slice(start, start + 100);
      return {
        Topics: page.map((arn) => ({ TopicArn: arn })),
        ...(start + 100 < topics.length ? { NextToken: encodePageToken({ after: page[page.length - 1] }) } : {}),
      };
    },

    TagResource: (input) => {
      const topic = resourceTopic(input.ResourceArn);
      const tags = { ...topic.tags, ...tagMap(input.Tags) };
      if (Object.keys(tags).length > 50) {
        throw new AwsError(
          'TagLimitExceededException',
          'Could not complete request: tag quota of per resource exceeded',
        );
      }
      topic.tags = tags;
      save(topic);
      return {};
    },
    UntagResource: (input) => {
      const topic = resourceTopic(input.ResourceArn);
      for (const key of input.TagKeys) delete topic.tags[key];
      save(topic);
      return {};
    },
    ListTagsForResource: (input) => ({
      Tags: Object.entries(resourceTopic(input.ResourceArn).tags).map(([Key, Value]) => ({ Key, Value })),
    }),

    AddPermission: (input) => {
      const topic = topicOf(state, input.TopicArn);
      const policy = JSON.parse(
        topic.attributes.Policy ?? defaultPolicy(topic.arn, readSnsArn(topic.arn)!.accountId),
      ) as {
        Statement: { Sid?: string }[];
      };
      if (policy.Statement.some((statement) => statement.Sid === input.Label)) {
        throw invalidParameter('Statement already exists');
      }
      policy.Statement.push({
        Sid: input.Label,
        Effect: 'Allow',
        Principal: { AWS: input.AWSAccountId.map((account) => `arn:aws:iam::${account}:root`) },
        Action: input.ActionName.map((action) => `SNS:${action}`),
        Resource: topic.arn,
      } as { Sid: string });
      topic.attributes.Policy = JSON.stringify(policy);
      save(topic);
    },
    RemovePermission: (input) => {
      const topic = topicOf(state, input.TopicArn);
      if (!topic.attributes.Policy) return;
      const policy = JSON.parse(topic.attributes.Policy) as { Statement: { Sid?: string }[] };
      policy.Statement = policy.Statement.filter((statement) => statement.Sid !== input.Label);
      topic.attributes.Policy = JSON.stringify(policy);
      save(topic);
    },

    GetDataProtectionPolicy: (input) => {
      const topic = resourceTopic(input.ResourceArn);
      return topic.dataProtectionPolicy ? { DataProtectionPolicy: topic.dataProtectionPolicy } : {};
    },
    PutDataProtectionPolicy: (input) => {
      const topic = resourceTopic(input.ResourceArn);
      topic.dataProtectionPolicy = input.DataProtectionPolicy;
      save(topic);
    },
  };
}
