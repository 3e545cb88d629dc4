// S3 event notifications as AWS shapes them (pure): which configured destinations an event goes to (event name
// patterns such as `s3:ObjectCreated:*`, prefix/suffix key filters) and the event record itself. See
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
import { randomBytes } from 'node:crypto';

/** A destination of a bucket's notification configuration. */
export interface NotificationTarget {
  kind: 'lambda' | 'queue' | 'topic';
  arn: string;
  configurationId: string;
}

interface FilterRule {
  Name?: string;
  Value?: string;
}

interface DestinationConfiguration {
  Id?: string;
  Events?: string[];
  Filter?: { Key?: { FilterRules?: FilterRule[] } };
  LambdaFunctionArn?: string;
  QueueArn?: string;
  TopicArn?: string;
}

/** A stored NotificationConfiguration document. */
export interface NotificationDocument {
  LambdaFunctionConfigurations?: DestinationConfiguration[];
  QueueConfigurations?: DestinationConfiguration[];
  TopicConfigurations?: DestinationConfiguration[];
  EventBridgeConfiguration?: Record<string, never>;
}

/** What happened to an object, for its event record. */
export interface ObjectEvent {
  /** Without the `s3:` prefix: `ObjectCreated:Put`, `ObjectRemoved:DeleteMarkerCreated`... */
  eventName: string;
  bucket: string;
  key: string;
  /** Created objects carry their size and ETag; removals do not. */
  size?: number;
  eTag?: string;
  versionId?: string;
  /** Epoch milliseconds. */
  time: number;
  region: string;
  requestId: string;
  /** The requester (`AWS:<id>`), or `s3.amazonaws.com` for lifecycle actions. */
  principalId: string;
  bucketOwnerId: string;
  sourceIp?: string;
  /** ObjectRestore:Completed: when the restored copy expires, and the archive's class. */
  restore?: { expiryTime: number; storageClass: string };
}

/** Whether an event name (`ObjectCreated:Put`) is one a configuration lists (`s3:ObjectCreated:*`). */
export function eventListed(configured: readonly string[], eventName: string): boolean {
  const full = `s3:${eventName}`;
  return configured.some((event) => event === full || (event.endsWith(':*') && full.startsWith(event.slice(0, -1))));
}

/** Whether a key passes a configuration's prefix and suffix rules (rule names are case-insensitive). */
export function keyPassesFilter(rules: readonly FilterRule[] | undefined, key: string): boolean {
  return (rules ?? []).every((rule) => {
    const name = rule.Name?.toLowerCase();
    const value = rule.Value ?? '';
    if (name === 'prefix') return key.startsWith(value);
    if (name === 'suffix') return key.endsWith(value);
    return true;
  });
}

/** The destinations an event on `key` goes to. */
export function targetsFor(document: NotificationDocument, eventName: string, key: string): NotificationTarget[] {
  const lists: [NotificationTarget['kind'], DestinationConfiguration[] | undefined, keyof DestinationConfiguration][] =
    [
      ['lambda', document.LambdaFunctionConfigurations, 'LambdaFunctionArn'],
      ['queue', document.QueueConfigurations, 'QueueArn'],
      ['topic', document.TopicConfigurations, 'TopicArn'],
    ];
  const targets: NotificationTarget[] = [];
  for (const [kind, configurations, arnMember] of lists) {
    for (const configuration of configurations ?? []) {
      const arn = configuration[arnMember];
      if (typeof arn !== 'string' || !eventListed(configuration.Events ?? [], eventName)) continue;
      if (!keyPassesFilter(configuration.Filter?.Key?.FilterRules, key)) continue;
      targets.push({ kind, arn, configurationId: configuration.Id ?? '' });
    }
  }
  return targets;
}

/** Keys in event records are URL-encoded as forms are (spaces as `+`), slashes kept. */
export function eventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

let sequence = 0;

/** An increasing hex sequencer: events on one key order by it, as S3's do. */
export function nextSequencer(time: number): string {
  sequence = (sequence + 1) % 0x10000;
  return (BigInt(time) * 0x10000n + BigInt(sequence)).toString(16).toUpperCase().padStart(18, '0');
}

/** Lifecycle, tagging, ACL and restore-deletion events are version 2.3 of the record; the others 2.1. */
function eventVersionOf(eventName: string): string {
  return /^(LifecycleExpiration|LifecycleTransition|IntelligentTiering|ObjectTagging|ObjectAcl|ObjectRestore:Delete)/.test(
    eventName,
  )
    ? '2.3'
    : '2.1';
}

/** One record of an event notification (the message is `{ Records: [record] }`). */
export function eventRecord(event: ObjectEvent, configurationId: string, sequencer: string): Record<string, unknown> {
  return {
    eventVersion: eventVersionOf(event.eventName),
    eventSource: 'aws:s3',
    awsRegion: event.region,
    eventTime: new Date(event.time).toISOString(),
    eventName: event.eventName,
    userIdentity: { principalId: event.principalId },
    requestParameters: { sourceIPAddress: event.sourceIp ?? '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': event.requestId,
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: {
        name: event.bucket,
        ownerIdentity: { principalId: event.bucketOwnerId },
        arn: `arn:aws:s3:::${event.bucket}`,
      },
      object: {
        key: eventKey(event.key),
        ...(event.size !== undefined ? { size: event.size } : {}),
        ...(event.eTag !== undefined ? { eTag: event.eTag.replace(/"/g, '') } : {}),
        ...(event.versionId !== undefined ? { versionId: event.versionId } : {}),
        sequencer,
      },
    },
    ...(event.restore
      ? {
          glacierEventData: {
            restoreEventData: {
              lifecycleRestorationExpiryTime: new Date(event.restore.expiryTime).toISOString(),
              lifecycleRestoreStorageClass: event.restore.storageClass,
            },
          },
        }
      : {}),
  };
}

/** The message S3 sends to queues and topics when their notification configuration is set. */
export function testEvent(bucket: string, time: number, requestId: string): Record<string, unknown> {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: new Date(time).toISOString(),
    Bucket: bucket,
    RequestId: requestId,
    HostId: randomBytes(48).toString('base64'),
  };
}
