// Delivers S3 event notifications: after an operation that creates, removes, tags, restores or changes the ACL of
// an object (and after lifecycle actions), the bucket's notification configuration names the destinations; each
// gets `{ Records: [record] }` (Lambda: an Event invocation; SQS: a message; SNS: a publication), after the answer
// has gone, as AWS delivers asynchronously. Setting a configuration sends s3:TestEvent to its queues and topics.
// EventBridge configurations are stored only (no EventBridge locally).
import type { Logger } from '../../core/logger';
import { AwsError } from '../protocol/awsError';
import type { RequestContext, ServiceProvider } from '../protocol/modelService';
import type { S3Operations } from '../models/generated/s3';
import {
  eventRecord,
  nextSequencer,
  targetsFor,
  testEvent,
  type NotificationDocument,
  type ObjectEvent,
} from './eventNotifications';
import type { LifecycleEvent } from './lifecycleSweep';
import type { ObjectMetadata, ObjectStore } from './objectStore';

/** The configuration name notifications are stored under. */
export const NOTIFICATION_CONFIGURATION = 'notification';
/** The subject S3 gives its SNS notifications. */
const SNS_SUBJECT = 'Amazon S3 Notification';

/** Where notifications go: the local Lambda, and SQS/SNS when the local cloud has them. */
export interface S3EventTargets {
  invokeFunction: (functionArn: string, payload: string) => Promise<void>;
  /** Whether a function exists (PutBucketNotificationConfiguration validates its destinations). */
  functionExists?: (functionArn: string) => Promise<boolean>;
  queueExists?: (queueArn: string) => boolean;
  topicExists?: (topicArn: string) => boolean;
  sendToQueue?: (queueArn: string, body: string) => Promise<unknown>;
  publishToTopic?: (topicArn: string, message: string, subject: string) => Promise<unknown>;
}

/** What an event needs from the request besides the object. */
type EventSource = Pick<ObjectEvent, 'requestId' | 'principalId'>;

/** Sends a bucket's notifications. */
export class S3Notifier {
  constructor(
    private readonly store: ObjectStore,
    private readonly targets: S3EventTargets | undefined,
    private readonly logger: Logger,
    private readonly bucketOwnerId: (accountId: string) => string,
  ) {}

  /** Notifies the destinations configured for an event on an object, if any. */
  objectEvent(
    bucket: string,
    eventName: string,
    key: string,
    source: EventSource & { accountId: string },
    object?: Pick<ObjectMetadata, 'size' | 'etag'>,
    extra: Partial<ObjectEvent> = {},
  ): void {
    if (!this.targets || !this.store.hasBucket(bucket)) return;
    const document = this.store.bucketConfiguration<NotificationDocument>(bucket, NOTIFICATION_CONFIGURATION);
    if (!document) return;
    const destinations = targetsFor(document, eventName, key);
    if (destinations.length === 0) return;
    const event: ObjectEvent = {
      eventName,
      bucket,
      key,
      ...(object ? { size: object.size, eTag: object.etag } : {}),
      time: this.store.now(),
      region: this.store.requireBucket(bucket).region,
      requestId: source.requestId,
      principalId: source.principalId,
      bucketOwnerId: this.bucketOwnerId(source.accountId),
      ...extra,
    };
    const sequencer = nextSequencer(event.time);
    for (const destination of destinations) {
      const message = JSON.stringify({ Records: [eventRecord(event, destination.configurationId, sequencer)] });
      this.deliver(destination.kind, destination.arn, message, `${eventName} on ${bucket}/${key}`);
    }
  }

  /** What a lifecycle sweep did, as S3 reports it (by S3 itself, not a requester). */
  lifecycleEvent(event: LifecycleEvent, accountId: string): void {
    this.objectEvent(
      event.bucket,
      event.eventName,
      event.key,
      { requestId: 'lifecycle', principalId: 's3.amazonaws.com', accountId },
      undefined,
      versionMember(this.store, event.bucket, event.version),
    );
  }

  /** A configuration was set: its queues and topics get s3:TestEvent. */
  configurationSet(bucket: string, requestId: string): void {
    if (!this.targets) return;
    const document = this.store.bucketConfiguration<NotificationDocument>(bucket, NOTIFICATION_CONFIGURATION);
    const message = JSON.stringify(testEvent(bucket, this.store.now(), requestId));
    for (const configuration of document?.QueueConfigurations ?? []) {
      if (configuration.QueueArn) this.deliver('queue', configuration.QueueArn, message, `s3:TestEvent on ${bucket}`);
    }
    for (const configuration of document?.TopicConfigurations ?? []) {
      if (configuration.TopicArn) this.deliver('topic', configuration.TopicArn, message, `s3:TestEvent on ${bucket}`);
    }
  }

  /**
   * S3 checks that a configuration's destinations exist before storing it (unless told to skip): InvalidArgument
   * naming each one it cannot validate. Kinds the local cloud cannot check are accepted.
   */
  async checkDestinations(document: NotificationDocument): Promise<void> {
    const targets = this.targets;
    if (!targets) return;
    const failures: [string, string][] = [];
    for (const configuration of document.LambdaFunctionConfigurations ?? []) {
      const arn = configuration.LambdaFunctionArn;
      if (arn && targets.functionExists && !(await targets.functionExists(arn))) {
        failures.push([arn, `Not authorized to invoke function [${arn}]`]);
      }
    }
    for (const [list, arnMember, exists, kind] of [
      [document.QueueConfigurations, 'QueueArn', targets.queueExists, 'queue'],
      [document.TopicConfigurations, 'TopicArn', targets.topicExists, 'topic'],
    ] as const) {
      for (const configuration of list ?? []) {
        const arn = configuration[arnMember];
        if (arn && exists && !exists(arn)) {
          failures.push([
            arn,
            `Permissions on the destination ${kind} do not allow S3 to publish notifications from this bucket`,
          ]);
        }
      }
    }
    if (failures.length === 0) return;
    const fields: Record<string, string> = {};
    failures.forEach(([name, value], index) => {
      fields[`ArgumentName${index + 1}`] = name;
      fields[`ArgumentValue${index + 1}`] = value;
    });
    throw new AwsError('InvalidArgument', 'Unable to validate the following destination configurations', 400, fields);
  }

  private deliver(kind: 'lambda' | 'queue' | 'topic', arn: string, message: string, what: string): void {
    const targets = this.targets!;
    const delivery =
      kind === 'lambda'
        ? targets.invokeFunction(arn, message)
        : kind === 'queue'
          ? targets.sendToQueue?.(arn, message)
          : targets.publishToTopic?.(arn, message, SNS_SUBJECT);
    if (!delivery) {
      this.logger.warn(`[localcloud] S3 notification ${what} to ${arn} not delivered: no ${kind} service locally`);
      return;
    }
    delivery.catch((error: unknown) =>
      this.logger.warn(`[localcloud] S3 notification ${what} to ${arn} failed: ${String(error)}`),
    );
  }
}

/** The versionId of an event record: present once the bucket has versioning. */
function versionMember(store: ObjectStore, bucket: string, version: ObjectMetadata): { versionId?: string } {
  const versioned = store.bucketConfiguration(bucket, 'versioning') !== undefined;
  return versioned && version.versionId !== undefined ? { versionId: version.versionId } : {};
}

type Handler = (input: never, context: RequestContext) => unknown;
type Notify = (input: Record<string, unknown>, output: Record<string, unknown>, context: RequestContext) => void;

/** The requester as event records name it: the SigV4 access key's principal. */
function sourceOf(context: RequestContext): EventSource & { accountId: string } {
  const authorization = String(context.request?.headers.authorization ?? '');
  const accessKey = /Credential=([^/]+)\//.exec(authorization)?.[1] ?? context.accountId;
  return { requestId: context.requestId, principalId: `AWS:${accessKey}`, accountId: context.accountId };
}

/** Wraps the handlers of operations that notify, so events go out after they succeed. */
export function notifyingHandlers(
  handlers: ServiceProvider<S3Operations>,
  store: ObjectStore,
  notifier: S3Notifier,
): ServiceProvider<S3Operations> {
  const objectChange =
    (eventName: string): Notify =>
    (input, output, context) => {
      const bucket = input['Bucket'] as string;
      const key = input['Key'] as string;
      notifier.objectEvent(bucket, eventName, key, sourceOf(context), store.findObject(bucket, key), versionOf(output));
    };
  const notifications: Partial<Record<keyof S3Operations, Notify>> = {
    PutObject: objectChange('ObjectCreated:Put'),
    CopyObject: objectChange('ObjectCreated:Copy'),
    CompleteMultipartUpload: objectChange('ObjectCreated:CompleteMultipartUpload'),
    PutObjectTagging: objectChange('ObjectTagging:Put'),
    DeleteObjectTagging: objectChange('ObjectTagging:Delete'),
    PutObjectAcl: objectChange('ObjectAcl:Put'),
    DeleteObject: (input, output, context) => removed(notifier, input, output, context),
    DeleteObjects: (input, output, context) => {
      for (const deleted of (output['Deleted'] ?? []) as Record<string, unknown>[]) {
        removed(notifier, { Bucket: input['Bucket'], ...deleted }, deleted, context);
      }
    },
    RestoreObject: (input, output, context) => {
      const bucket = input['Bucket'] as string;
      const key = input['Key'] as string;
      const object = store.findObject(bucket, key);
      notifier.objectEvent(bucket, 'ObjectRestore:Post', key, sourceOf(context), object, versionOf(output));
      // Restores complete at once locally.
      if (object?.restoredUntil !== undefined) {
        notifier.objectEvent(bucket, 'ObjectRestore:Completed', key, sourceOf(context), object, {
          restore: { expiryTime: object.restoredUntil, storageClass: object.storageClass ?? 'GLACIER' },
        });
      }
    },
    PutBucketNotificationConfiguration: (input, _output, context) =>
      notifier.configurationSet(input['Bucket'] as string, context.requestId),
  };
  const wrapped: Record<string, Handler> = { ...(handlers as Record<string, Handler>) };
  const putConfiguration = wrapped['PutBucketNotificationConfiguration'];
  if (putConfiguration) {
    wrapped['PutBucketNotificationConfiguration'] = async (input, context) => {
      const request = input as {
        NotificationConfiguration?: NotificationDocument;
        SkipDestinationValidation?: boolean;
      };
      if (request.SkipDestinationValidation !== true) {
        await notifier.checkDestinations(request.NotificationConfiguration ?? {});
      }
      return putConfiguration(input, context);
    };
  }
  for (const [operation, notify] of Object.entries<Notify>(notifications)) {
    const handler = wrapped[operation];
    if (!handler) continue;
    wrapped[operation] = (input, context) => {
      const answer = (output: unknown) => {
        notify(input, (output ?? {}) as Record<string, unknown>, context);
        return output;
      };
      const result = handler(input, context);
      return result instanceof Promise ? result.then(answer) : answer(result);
    };
  }
  return wrapped;
}

function versionOf(output: Record<string, unknown>): { versionId?: string } {
  return typeof output['VersionId'] === 'string' ? { versionId: output['VersionId'] } : {};
}

/** ObjectRemoved: a delete marker created by a delete without a version id, else a deletion. */
function removed(
  notifier: S3Notifier,
  input: Record<string, unknown>,
  output: Record<string, unknown>,
  context: RequestContext,
): void {
  const markerCreated = output['DeleteMarker'] === true && input['VersionId'] === undefined;
  const versionId = markerCreated ? (output['DeleteMarkerVersionId'] ?? output['VersionId']) : input['VersionId'];
  notifier.objectEvent(
    input['Bucket'] as string,
    markerCreated ? 'ObjectRemoved:DeleteMarkerCreated' : 'ObjectRemoved:Delete',
    input['Key'] as string,
    sourceOf(context),
    undefined,
    typeof versionId === 'string' ? { versionId } : {},
  );
}
