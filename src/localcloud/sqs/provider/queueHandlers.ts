// Queues: create (idempotent with the same attributes), look up, list, attributes, delete, purge, and the
// dead-letter sources of a queue.
import type { ServiceProvider } from '../../protocol/modelService';
import type { SqsOperations } from '../../models/generated/sqs';
import { AwsError } from '../../protocol/awsError';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import type { COMPUTED_ATTRIBUTES } from '../queueAttributes';
import {
  defaultAttributes,
  readRedrivePolicy,
  redrivePolicyOf,
  requestedAttributes,
  validateAttributes,
} from '../queueAttributes';
import { isQueueName } from '../queueUrls';
import type { SqsQueue } from '../sqsQueue';
import { invalidParameter } from './parameterErrors';
import { checkTags } from './tagHandlers';
import { nowOf, queueByArn, queueDoesNotExist, queueOf, urlOf, type SqsProviderContext } from './sqsProviderContext';

const PURGE_INTERVAL_MS = 60_000;

export function queueHandlers(state: SqsProviderContext): ServiceProvider<SqsOperations> {
  const lastPurge = new Map<string, number>();

  /** Checks a redrive policy's target: an existing queue of the same type. */
  const checkRedrive = (text: string | undefined, fifo: boolean, accountId: string): void => {
    if (!text) return;
    const policy = readRedrivePolicy(text);
    const target = queueByArn(state, policy.deadLetterTargetArn, accountId);
    const reason = (why: string) =>
      new AwsError('InvalidParameterValue', `Value ${text} for parameter RedrivePolicy is invalid. Reason: ${why}`);
    if (!target) throw reason('Dead letter target does not exist.');
    if (target.fifo !== fifo) throw reason('Dead-letter queue must be same type of queue as the source.');
  };

  return {
    CreateQueue: (input, context) => {
      const requested = input.Attributes ?? {};
      const fifo = (requested.FifoQueue ?? '').trim().toLowerCase() === 'true';
      if (
        fifo
          ? !input.QueueName.endsWith('.fifo') || !isQueueName(input.QueueName)
          : !/^[A-Za-z0-9_-]{1,80}$/.test(input.QueueName)
      ) {
        throw new AwsError(
          'InvalidParameterValue',
          fifo
            ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
            : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
        );
      }
      const attributes = validateAttributes(requested, fifo, true);
      checkRedrive(attributes.RedrivePolicy, fifo, context.accountId);
      if (input.tags) checkTags(input.tags);
      const store = state.regions.get(context.region);
      const existing = store.get(input.QueueName);
      if (existing) {
        for (const [name, value] of Object.entries(attributes)) {
          if ((existing.record.attributes[name] ?? '') !== value) {
            throw new AwsError(
              'QueueNameExists',
              `A queue already exists with the same name and a different value for attribute ${name}`,
            );
          }
        }
        return { QueueUrl: urlOf(state, existing, context) };
      }
      const now = Math.floor(nowOf(state) / 1000);
      const stored = { ...defaultAttributes(fifo), ...attributes };
      if (attributes.KmsMasterKeyId) {
        stored.SqsManagedSseEnabled = 'false';
        stored.KmsDataKeyReusePeriodSeconds ??= '300';
      }
      for (const name of ['RedrivePolicy', 'Policy', 'RedriveAllowPolicy'])
        if (stored[name] === '') delete stored[name];
      const queue = store.create({
        name: input.QueueName,
        accountId: context.accountId,
        region: store.region,
        createdAt: now,
        lastModifiedAt: now,
        attributes: stored,
        tags: { ...input.tags },
        messages: [],
        sequence: 0,
        deduplication: {},
      });
      return { QueueUrl: urlOf(state, queue, context) };
    },

    GetQueueUrl: (input, context) => {
      if (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== context.accountId) {
        throw queueDoesNotExist();
      }
      const queue = state.regions.get(context.region).get(input.QueueName);
      if (!queue) throw queueDoesNotExist();
      return { QueueUrl: urlOf(state, queue, context) };
    },

    ListQueues: (input, context) => {
      if (input.MaxResults !== undefined && (input.MaxResults < 1 || input.MaxResults > 1000)) {
        throw invalidParameter('MaxResults', input.MaxResults, 'MaxResults must be an integer between 1 and 1000.');
      }
      const prefix = input.QueueNamePrefix ?? '';
      const queues = state.regions
        .get(context.region)
        .list()
        .filter((queue) => queue.name.startsWith(prefix));
      const page = pageOf(queues, input.NextToken, input.MaxResults);
      return {
        ...(page.items.length > 0 ? { QueueUrls: page.items.map((queue) => urlOf(state, queue, context)) } : {}),
        ...(page.next ? { NextToken: page.next } : {}),
      };
    },

    GetQueueAttributes: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      const wanted = requestedAttributes(input.AttributeNames);
      const all = attributesOf(queue, nowOf(state));
      const chosen = Object.entries(all).filter(([name]) => wanted === 'all' || wanted.has(name));
      return chosen.length > 0 ? { Attributes: Object.fromEntries(chosen) } : {};
    },

    SetQueueAttributes: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      const attributes = validateAttributes(input.Attributes, queue.fifo, false);
      checkRedrive(attributes.RedrivePolicy, queue.fifo, context.accountId);
      const stored = queue.record.attributes;
      for (const [name, value] of Object.entries(attributes)) {
        if (value === '' && ['RedrivePolicy', 'Policy', 'RedriveAllowPolicy', 'KmsMasterKeyId'].includes(name)) {
          delete stored[name];
        } else {
          stored[name] = value;
        }
      }
      if (attributes.KmsMasterKeyId) {
        stored.SqsManagedSseEnabled = 'false';
        stored.KmsDataKeyReusePeriodSeconds ??= '300';
      }
      queue.record.lastModifiedAt = Math.floor(nowOf(state) / 1000);
      queue.changed();
    },

    DeleteQueue: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      state.regions.get(queue.record.region).delete(queue.name);
    },

    PurgeQueue: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      const now = nowOf(state);
      const previous = lastPurge.get(queue.arn);
      if (previous !== undefined && now - previous < PURGE_INTERVAL_MS) {
        throw new AwsError(
          'PurgeQueueInProgress',
          `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`,
        );
      }
      lastPurge.set(queue.arn, now);
      queue.purge();
    },

    ListDeadLetterSourceQueues: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      if (input.MaxResults !== undefined && (input.MaxResults < 1 || input.MaxResults > 1000)) {
        throw invalidParameter('MaxResults', input.MaxResults, 'MaxResults must be an integer between 1 and 1000.');
      }
      const sources = state.regions
        .get(queue.record.region)
        .list()
        .filter((candidate) => redrivePolicyOf(candidate.record.attributes)?.deadLetterTargetArn === queue.arn);
      const page = pageOf(sources, input.NextToken, input.MaxResults);
      return {
        queueUrls: page.items.map((source) => urlOf(state, source, context)),
        ...(page.next ? { NextToken: page.next } : {}),
      };
    },
  };
}

/** Every attribute of a queue, computed ones included, as GetQueueAttributes answers them. */
export function attributesOf(queue: SqsQueue, now: number): Record<string, string> {
  const counts = queue.counts(now);
  const computed: Record<(typeof COMPUTED_ATTRIBUTES)[number], string> = {
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(queue.record.createdAt),
    LastModifiedTimestamp: String(queue.record.lastModifiedAt),
  };
  return { ...computed, ...queue.record.attributes };
}

/** One page of queues by name: the token is the last name of the previous page. */
function pageOf(
  queues: SqsQueue[],
  token: string | undefined,
  maxResults: number | undefined,
): { items: SqsQueue[]; next?: string } {
  let start = 0;
  if (token !== undefined) {
    const after = decodePageToken(
      token,
      (value): value is { after: string } => typeof (value as { after?: unknown } | null)?.after === 'string',
    );
    if (!after) throw invalidParameter('NextToken', token, 'Invalid or expired next token.');
    start = queues.findIndex((queue) => queue.name > after.after);
    if (start < 0) start = queues.length;
  }
  const size = maxResults ?? 1000;
  const items = queues.slice(start, start + size);
  const more = maxResults !== undefined && start + size < queues.length;
  return more ? { items, next: encodePageToken({ after: items[items.length - 1]!.name }) } : { items };
}
