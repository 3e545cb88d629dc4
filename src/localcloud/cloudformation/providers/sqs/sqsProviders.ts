// AWS::SQS::Queue, AWS::SQS::QueuePolicy and AWS::SQS::QueueInlinePolicy on the local SQS: queues really exist
// (Ref is the queue URL; GetAtt Arn, QueueName, QueueUrl), policies are set as the queues' Policy attribute.
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';
import type { SqsOperations } from '../../../models/generated/sqs';
import type { ModelService } from '../../../protocol/modelService';
import { isAwsError } from '../../../protocol/awsError';
import { readQueueUrl } from '../../../sqs/queueUrls';
import { alreadyExistsError } from '../alreadyExists';
import {
  listProperty,
  objectProperty,
  stringProperty,
  type ProviderContext,
  type ResourceProvider,
} from '../resourceProvider';

type Sqs = Pick<ModelService<SqsOperations>, 'call'>;

/** Queue properties that are queue attributes (JSON documents become strings). */
const ATTRIBUTE_PROPERTIES = [
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'DelaySeconds',
  'FifoThroughputLimit',
  'KmsDataKeyReusePeriodSeconds',
  'KmsMasterKeyId',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'RedriveAllowPolicy',
  'RedrivePolicy',
  'SqsManagedSseEnabled',
  'VisibilityTimeout',
];

/** What a queue attribute goes back to when its property is removed from the template. */
const RESET_VALUES: Record<string, string> = {
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  RedrivePolicy: '',
  RedriveAllowPolicy: '',
  KmsMasterKeyId: '',
  ContentBasedDeduplication: 'false',
};

function attributeText(value: JsonValue): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function queueAttributes(properties: JsonObject): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTE_PROPERTIES) {
    const value = properties[name];
    if (value !== undefined && value !== null) attributes[name] = attributeText(value);
  }
  return attributes;
}

function tagsOf(properties: JsonObject): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of listProperty(properties, 'Tags') ?? []) {
    if (tag && typeof tag === 'object' && !Array.isArray(tag)) {
      const key = stringProperty(tag, 'Key');
      if (key !== undefined) tags[key] = stringProperty(tag, 'Value') ?? '';
    }
  }
  return tags;
}

const isFifo = (properties: JsonObject) => stringProperty(properties, 'FifoQueue')?.toLowerCase() === 'true';

function scope(context: ProviderContext) {
  return { region: context.region, accountId: context.accountId };
}

async function describeQueue(sqs: Sqs, url: string, context: ProviderContext) {
  const { Attributes = {} } = await sqs.call(
    'GetQueueAttributes',
    { QueueUrl: url, AttributeNames: ['QueueArn'] },
    scope(context),
  );
  const name = readQueueUrl(url).name;
  return { physicalId: url, attributes: { Arn: Attributes.QueueArn ?? '', QueueName: name, QueueUrl: url } };
}

/** Deletes ignoring queues already gone. */
async function deletingQueue(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (isAwsError(error) && (error.code === 'QueueDoesNotExist' || error.code === 'InvalidAddress')) return;
    throw error;
  }
}

export function sqsQueueProvider(sqs: Sqs): ResourceProvider {
  return {
    type: 'AWS::SQS::Queue',
    async create(properties, context) {
      const fifo = isFifo(properties);
      const name =
        stringProperty(properties, 'QueueName') ??
        (fifo ? `${context.generatedName({ maxLength: 75 })}.fifo` : context.generatedName({ maxLength: 80 }));
      const existing = await sqs.call('ListQueues', { QueueNamePrefix: name }, scope(context));
      if ((existing.QueueUrls ?? []).some((url) => readQueueUrl(url).name === name)) {
        throw alreadyExistsError(context.resourceType, name);
      }
      const attributes = { ...queueAttributes(properties), ...(fifo ? { FifoQueue: 'true' } : {}) };
      const tags = tagsOf(properties);
      const { QueueUrl } = await sqs.call(
        'CreateQueue',
        { QueueName: name, Attributes: attributes, ...(Object.keys(tags).length > 0 ? { tags } : {}) },
        scope(context),
      );
      context.claimPhysicalId(QueueUrl!);
      return describeQueue(sqs, QueueUrl!, context);
    },
    async update(update, context) {
      const url = update.current.physicalId;
      const next = queueAttributes(update.properties);
      const previous = queueAttributes(update.previousProperties);
      const changed: Record<string, string> = {};
      for (const name of ATTRIBUTE_PROPERTIES) {
        if (next[name] !== undefined && next[name] !== previous[name]) changed[name] = next[name];
        else if (next[name] === undefined && previous[name] !== undefined && RESET_VALUES[name] !== undefined) {
          changed[name] = RESET_VALUES[name];
        }
      }
      if (Object.keys(changed).length > 0) {
        await sqs.call('SetQueueAttributes', { QueueUrl: url, Attributes: changed }, scope(context));
      }
      const nextTags = tagsOf(update.properties);
      const removed = Object.keys(tagsOf(update.previousProperties)).filter((key) => !(key in nextTags));
      if (removed.length > 0) await sqs.call('UntagQueue', { QueueUrl: url, TagKeys: removed }, scope(context));
      if (Object.keys(nextTags).length > 0) {
        await sqs.call('TagQueue', { QueueUrl: url, Tags: nextTags }, scope(context));
      }
      return describeQueue(sqs, url, context);
    },
    delete(deletion, context) {
      return deletingQueue(() => sqs.call('DeleteQueue', { QueueUrl: deletion.physicalId }, scope(context)));
    },
  };
}

function policyText(properties: JsonObject): string {
  const document = objectProperty(properties, 'PolicyDocument') ?? stringProperty(properties, 'PolicyDocument');
  return typeof document === 'string' ? document : JSON.stringify(document ?? {});
}

async function setPolicies(sqs: Sqs, urls: string[], policy: string, context: ProviderContext): Promise<void> {
  for (const url of urls) {
    await deletingQueue(() =>
      sqs.call('SetQueueAttributes', { QueueUrl: url, Attributes: { Policy: policy } }, scope(context)),
    );
  }
}

const queuesOf = (properties: JsonObject): string[] =>
  (listProperty(properties, 'Queues') ?? []).filter((url): url is string => typeof url === 'string');

export function sqsQueuePolicyProvider(sqs: Sqs): ResourceProvider {
  return {
    type: 'AWS::SQS::QueuePolicy',
    async create(properties, context) {
      const id = context.generatedName();
      context.claimPhysicalId(id);
      await setPolicies(sqs, queuesOf(properties), policyText(properties), context);
      return { physicalId: id, attributes: { Id: id } };
    },
    async update(update, context) {
      const next = queuesOf(update.properties);
      const dropped = queuesOf(update.previousProperties).filter((url) => !next.includes(url));
      await setPolicies(sqs, dropped, '', context);
      await setPolicies(sqs, next, policyText(update.properties), context);
      return update.current;
    },
    delete(deletion, context) {
      return setPolicies(sqs, queuesOf(deletion.properties), '', context);
    },
  };
}

export function sqsQueueInlinePolicyProvider(sqs: Sqs): ResourceProvider {
  const queueOf = (properties: JsonObject) => stringProperty(properties, 'Queue') ?? '';
  return {
    type: 'AWS::SQS::QueueInlinePolicy',
    async create(properties, context) {
      const url = queueOf(properties);
      context.claimPhysicalId(url);
      await setPolicies(sqs, [url], policyText(properties), context);
      return { physicalId: url };
    },
    async update(update, context) {
      await setPolicies(sqs, [queueOf(update.properties)], policyText(update.properties), context);
      return update.current;
    },
    delete(deletion, context) {
      return setPolicies(sqs, [queueOf(deletion.properties)], '', context);
    },
  };
}

/** The SQS resource providers, on the local SQS service. */
export function sqsProviders(sqs: Sqs): ResourceProvider[] {
  return [sqsQueueProvider(sqs), sqsQueuePolicyProvider(sqs), sqsQueueInlinePolicyProvider(sqs)];
}
