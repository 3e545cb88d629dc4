// Subscriptions: subscribe (SQS, Lambda and Firehose endpoints are confirmed at once; HTTP, email and SMS wait for
// a confirmation the local cloud cannot deliver, so they stay pending), attributes (raw delivery, filter policies
// and their scope), list by account or topic in pages of 100, unsubscribe.
import { randomBytes, randomUUID } from 'node:crypto';
import type { SnsOperations, Subscription } from '../../models/generated/sns';
import type { ServiceProvider } from '../../protocol/modelService';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import {
  invalidParameter,
  readSnsArn,
  subscriptionOf,
  topicOf,
  type SnsProviderContext,
  type SubscriptionRecord,
} from '../snsState';

const PROTOCOLS = new Set(['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']);
const CONFIRMED_AT_ONCE = new Set(['sqs', 'lambda', 'firehose', 'application']);
const SETTABLE = new Set([
  'DeliveryPolicy',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'SubscriptionRoleArn',
  'ReplayPolicy',
]);

function checkEndpoint(protocol: string, endpoint: string | undefined): string {
  const value = endpoint ?? '';
  const fail = (what: string) => invalidParameter(what);
  if (protocol === 'sqs' && !/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(value)) {
    throw fail('SQS endpoint ARN');
  }
  if (
    protocol === 'lambda' &&
    !/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/.test(value)
  ) {
    throw fail('Lambda endpoint ARN');
  }
  if ((protocol === 'http' || protocol === 'https') && !value.toLowerCase().startsWith(`${protocol}://`)) {
    throw fail('Endpoint must match the specified protocol');
  }
  if ((protocol === 'email' || protocol === 'email-json') && !/^[^@\s]+@[^@\s]+$/.test(value)) {
    throw fail('Email address');
  }
  return value;
}

function checkAttribute(name: string, value: string): void {
  if (!SETTABLE.has(name)) throw invalidParameter('AttributeName');
  if (name === 'RawMessageDelivery' && !['true', 'false'].includes(value.toLowerCase())) {
    throw invalidParameter(
      'Attributes Reason: RawMessageDelivery: Invalid value [' + value + ']. Must be true or false.',
    );
  }
  if (name === 'FilterPolicyScope' && !['MessageAttributes', 'MessageBody'].includes(value)) {
    throw invalidParameter(
      `Attributes Reason: FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`,
    );
  }
  if ((name === 'FilterPolicy' || name === 'RedrivePolicy' || name === 'DeliveryPolicy') && value !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidParameter(`${name}: failed to parse JSON.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidParameter(`${name}: failed to parse JSON.`);
    }
  }
}

function listed(subscription: SubscriptionRecord): Subscription {
  return {
    SubscriptionArn: subscription.confirmed ? subscription.arn : 'PendingConfirmation',
    Owner: subscription.owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: subscription.topicArn,
  };
}

function page(items: SubscriptionRecord[], token: string | undefined) {
  let start = 0;
  if (token !== undefined) {
    const cursor = decodePageToken(
      token,
      (value): value is { index: number } => typeof (value as { index?: unknown } | null)?.index === 'number',
    );
    if (!cursor) throw invalidParameter('NextToken');
    start = cursor.index;
  }
  const slice = items.slice(start, start + 100);
  return {
    Subscriptions: slice.map(listed),
    ...(start + 100 < items.length ? { NextToken: encodePageToken({ index: start + 100 }) } : {}),
  };
}

export function subscriptionHandlers(state: SnsProviderContext): ServiceProvider<SnsOperations> {
  const storeOf = (arn: string) => state.regions.get(readSnsArn(arn)!.region);
  return {
    Subscribe: (input, context) => {
      const topic = topicOf(state, input.TopicArn);
      const protocol = input.Protocol.toLowerCase();
      if (!PROTOCOLS.has(protocol)) {
        throw invalidParameter(`Amazon SNS does not support this protocol string: ${input.Protocol}`);
      }
      const endpoint = checkEndpoint(protocol, input.Endpoint);
      const attributes = { ...input.Attributes };
      for (const [name, value] of Object.entries(attributes)) checkAttribute(name, value);
      const store = storeOf(topic.arn);
      const existing = store
        .list<SubscriptionRecord>('subscriptions')
        .find((item) => item.topicArn === topic.arn && item.protocol === protocol && item.endpoint === endpoint);
      if (existing) {
        const differs = Object.entries(attributes).some(([name, value]) => (existing.attributes[name] ?? '') !== value);
        if (differs) throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
        return {
          SubscriptionArn: existing.confirmed || input.ReturnSubscriptionArn ? existing.arn : 'pending confirmation',
        };
      }
      const subscription: SubscriptionRecord & { token: string } = {
        arn: `${topic.arn}:${randomUUID()}`,
        topicArn: topic.arn,
        protocol,
        endpoint,
        owner: context.accountId,
        attributes,
        confirmed: CONFIRMED_AT_ONCE.has(protocol),
        token: randomBytes(32).toString('hex'),
      };
      store.put('subscriptions', subscription.arn, subscription);
      if (!subscription.confirmed) {
        state.warn(
          `[localcloud] SNS: ${protocol} subscription ${subscription.arn} stays pending (no ${protocol} delivery locally)`,
        );
      }
      return {
        SubscriptionArn:
          subscription.confirmed || input.ReturnSubscriptionArn ? subscription.arn : 'pending confirmation',
      };
    },

    ConfirmSubscription: (input) => {
      const topic = topicOf(state, input.TopicArn);
      const store = storeOf(topic.arn);
      const pending = store
        .list<SubscriptionRecord & { token?: string }>('subscriptions')
        .find((item) => item.topicArn === topic.arn && item.token === input.Token);
      if (!pending) throw invalidParameter('Token');
      store.put('subscriptions', pending.arn, { ...pending, confirmed: true });
      return { SubscriptionArn: pending.arn };
    },

    Unsubscribe: (input) => {
      const parsed = readSnsArn(input.SubscriptionArn);
      if (!parsed) throw invalidParameter('SubscriptionArn');
      state.regions.get(parsed.region).delete('subscriptions', input.SubscriptionArn);
    },

    GetSubscriptionAttributes: (input) => {
      const subscription = subscriptionOf(state, input.SubscriptionArn);
      return {
        Attributes: {
          Owner: subscription.owner,
          RawMessageDelivery: 'false',
          TopicArn: subscription.topicArn,
          Endpoint: subscription.endpoint,
          Protocol: subscription.protocol,
          PendingConfirmation: String(!subscription.confirmed),
          ConfirmationWasAuthenticated: String(subscription.confirmed),
          SubscriptionArn: subscription.arn,
          SubscriptionPrincipal: `arn:aws:iam::${subscription.owner}:root`,
          ...subscription.attributes,
        },
      };
    },

    SetSubscriptionAttributes: (input) => {
      const subscription = subscriptionOf(state, input.SubscriptionArn);
      const value = input.AttributeValue ?? '';
      checkAttribute(input.AttributeName, value);
      if (value === '' && input.AttributeName !== 'RawMessageDelivery')
        delete subscription.attributes[input.AttributeName];
      else subscription.attributes[input.AttributeName] = value;
      storeOf(subscription.arn).put('subscriptions', subscription.arn, subscription);
    },

    ListSubscriptions: (input, context) =>
      page(state.regions.get(context.region).list<SubscriptionRecord>('subscriptions'), input.NextToken),

    ListSubscriptionsByTopic: (input) => {
      const topic = topicOf(state, input.TopicArn);
      const all = storeOf(topic.arn).list<SubscriptionRecord>('subscriptions');
      return page(
        all.filter((subscription) => subscription.topicArn === topic.arn),
        input.NextToken,
      );
    },
  };
}
