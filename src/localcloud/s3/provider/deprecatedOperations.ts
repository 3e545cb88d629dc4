// The operations S3 keeps for old clients (PutBucketLifecycle, GetBucketNotification...): the same stored
// configuration as their current counterparts, in the older shapes (one rule `Transition` instead of a list, one
// configuration per notification kind with `Topic`/`Queue`/`CloudFunction` instead of the ARN members).
import type { S3Operations } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';
import { LIFECYCLE_CONFIGURATION } from '../lifecycleSweep';
import { validateLifecycle, validateNotifications } from './configurationRules';

type Document = Record<string, unknown>;

const NOTIFICATION_KINDS: [current: string, old: string, arn: string, oldArn: string][] = [
  ['TopicConfigurations', 'TopicConfiguration', 'TopicArn', 'Topic'],
  ['QueueConfigurations', 'QueueConfiguration', 'QueueArn', 'Queue'],
  ['LambdaFunctionConfigurations', 'CloudFunctionConfiguration', 'LambdaFunctionArn', 'CloudFunction'],
];

/** The deprecated lifecycle and notification operations over the current configurations. */
export function deprecatedOperationHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  return {
    PutBucketLifecycle: (input) => {
      store.requireBucket(input.Bucket);
      const rules = (input.LifecycleConfiguration?.Rules ?? []).map((rule) => {
        const { Transition: transition, NoncurrentVersionTransition: noncurrent, ...rest } = rule;
        return {
          ...rest,
          ...(transition ? { Transitions: [transition] } : {}),
          ...(noncurrent ? { NoncurrentVersionTransitions: [noncurrent] } : {}),
        };
      });
      store.setBucketConfiguration(input.Bucket, LIFECYCLE_CONFIGURATION, validateLifecycle({ Rules: rules }));
    },
    GetBucketLifecycle: (input) => {
      const document = store.bucketConfiguration<Document>(input.Bucket, LIFECYCLE_CONFIGURATION);
      if (!document) {
        throw new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404, {
          BucketName: input.Bucket,
        });
      }
      const rules = (document['Rules'] as Document[]).map((rule) => {
        const { Transitions: transitions, NoncurrentVersionTransitions: noncurrent, Filter: filter, ...rest } = rule;
        return {
          ...rest,
          Prefix: (rest['Prefix'] as string | undefined) ?? (filter as Document | undefined)?.['Prefix'] ?? '',
          ...firstAs('Transition', transitions),
          ...firstAs('NoncurrentVersionTransition', noncurrent),
        };
      });
      return { Rules: rules } as never;
    },
    PutBucketNotification: (input) => {
      store.requireBucket(input.Bucket);
      const old = (input.NotificationConfiguration ?? {}) as Document;
      const document: Document = {};
      for (const [list, single, arn, oldArn] of NOTIFICATION_KINDS) {
        const configuration = old[single] as Document | undefined;
        if (!configuration) continue;
        const events = (configuration['Events'] as string[] | undefined) ?? [configuration['Event'] as string];
        document[list] = [
          {
            ...(configuration['Id'] !== undefined ? { Id: configuration['Id'] } : {}),
            [arn]: configuration[oldArn],
            Events: events.filter((event) => event !== undefined),
          },
        ];
      }
      store.setBucketConfiguration(input.Bucket, 'notification', validateNotifications(document));
    },
    GetBucketNotification: (input) => {
      store.requireBucket(input.Bucket);
      const document = store.bucketConfiguration<Document>(input.Bucket, 'notification') ?? {};
      const output: Document = {};
      for (const [list, single, arn, oldArn] of NOTIFICATION_KINDS) {
        const first = (document[list] as Document[] | undefined)?.[0];
        if (!first) continue;
        const events = first['Events'] as string[];
        output[single] = { Id: first['Id'], [oldArn]: first[arn], Events: events, Event: events[0] };
      }
      return output;
    },
  };
}

/** `{ name: list[0] }` for a non-empty list, else nothing. */
function firstAs(name: string, list: unknown): Document {
  return Array.isArray(list) && list.length > 0 ? { [name]: list[0] as unknown } : {};
}
