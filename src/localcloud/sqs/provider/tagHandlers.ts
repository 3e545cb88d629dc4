// Queue tags (TagQueue, UntagQueue, ListQueueTags; CreateQueue's `tags`) and permissions (AddPermission and
// RemovePermission edit the statements of the queue's Policy attribute, as SQS does; nothing is enforced).
import type { SqsOperations } from '../../models/generated/sqs';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { invalidParameter, missingParameter } from './parameterErrors';
import { queueOf, type SqsProviderContext } from './sqsProviderContext';

const MAX_TAGS = 50;

/** Checks tag keys and values as SQS does. */
export function checkTags(tags: Record<string, string>): void {
  for (const [key, value] of Object.entries(tags)) {
    if (key.length < 1 || key.length > 128) {
      throw new AwsError('InvalidParameterValue', 'Tag keys must be between 1 and 128 characters in length.');
    }
    if (value.length > 256) {
      throw new AwsError('InvalidParameterValue', 'Tag values must be less than 256 characters in length.');
    }
  }
}

const PERMISSION_ACTIONS = new Set([
  '*',
  'ChangeMessageVisibility',
  'DeleteMessage',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ReceiveMessage',
  'SendMessage',
]);

interface PolicyDocument {
  Version: string;
  Id: string;
  Statement: { Sid?: string; [key: string]: unknown }[];
}

const oneOrMany = (values: string[]): string | string[] => (values.length === 1 ? values[0]! : values);

export function tagHandlers(state: SqsProviderContext): ServiceProvider<SqsOperations> {
  return {
    TagQueue: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      checkTags(input.Tags);
      const tags = { ...queue.record.tags, ...input.Tags };
      if (Object.keys(tags).length > MAX_TAGS) {
        throw new AwsError('InvalidParameterValue', `Too many tags added for queue ${queue.name}.`);
      }
      queue.record.tags = tags;
      queue.changed();
    },
    UntagQueue: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      for (const key of input.TagKeys) delete queue.record.tags[key];
      queue.changed();
    },
    ListQueueTags: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      return Object.keys(queue.record.tags).length > 0 ? { Tags: { ...queue.record.tags } } : {};
    },

    AddPermission: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      if (input.AWSAccountIds.length === 0) throw missingParameter('AWSAccountIds');
      if (input.Actions.length === 0) throw missingParameter('Actions');
      for (const action of input.Actions) {
        if (!PERMISSION_ACTIONS.has(action)) {
          throw invalidParameter(
            'ActionName',
            `SQS:${action}`,
            'Please refer to the appropriate WSDL for a list of valid actions.',
          );
        }
      }
      const policy = policyOf(queue.record.attributes.Policy, queue.arn);
      if (policy.Statement.some((statement) => statement.Sid === input.Label)) {
        throw invalidParameter('Label', input.Label, 'Already exists.');
      }
      policy.Statement.push({
        Sid: input.Label,
        Effect: 'Allow',
        Principal: { AWS: oneOrMany(input.AWSAccountIds.map((account) => `arn:aws:iam::${account}:root`)) },
        Action: oneOrMany(input.Actions.map((action) => `SQS:${action}`)),
        Resource: queue.arn,
      });
      queue.record.attributes.Policy = JSON.stringify(policy);
      queue.changed();
    },
    RemovePermission: (input, context) => {
      const queue = queueOf(state, input.QueueUrl, context);
      const policy = policyOf(queue.record.attributes.Policy, queue.arn);
      const remaining = policy.Statement.filter((statement) => statement.Sid !== input.Label);
      if (remaining.length === policy.Statement.length) {
        throw invalidParameter('Label', input.Label, "can't find label on existing policy.");
      }
      if (remaining.length === 0) delete queue.record.attributes.Policy;
      else queue.record.attributes.Policy = JSON.stringify({ ...policy, Statement: remaining });
      queue.changed();
    },
  };
}

function policyOf(text: string | undefined, queueArn: string): PolicyDocument {
  const empty: PolicyDocument = { Version: '2012-10-17', Id: `${queueArn}/SQSDefaultPolicy`, Statement: [] };
  if (!text) return empty;
  try {
    const parsed = JSON.parse(text) as Partial<PolicyDocument>;
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
    return { ...empty, ...parsed, Statement: statements };
  } catch {
    return empty;
  }
}
