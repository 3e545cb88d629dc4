import type { S3Event, S3EventRecord } from 'aws-lambda';
import { ID_ALPHABETS, stableId } from '../template/resolve/stableId';
import { bucketArn } from '../template/resolve/stackIdentity';
import { randomHex, type EventContext } from './eventContext';
import type { S3ObjectRemovedEvent } from './eventShapes';

/** Options for an S3 event notification. */
export interface S3EventOptions {
  /** Default `my-bucket`. */
  bucketName?: string;
  /** The object key as written (it is URL-encoded in the event, as S3 does). Default `uploads/hello.txt`. */
  key?: string;
  /** Default `ObjectCreated:Put` for put events and `ObjectRemoved:Delete` for delete events. */
  eventName?: string;
  /** The object's size in bytes (put events only). Default 1024. */
  size?: number;
  /** The bucket notification's id. */
  configurationId?: string;
  /** For versioned buckets. */
  versionId?: string;
}

const DEFAULT_KEY = 'uploads/hello.txt';

/** S3 keys arrive URL-encoded in notifications, spaces as `+`, slashes kept. */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}

/** One notification record; put and delete differ only in what the object carries besides its key. */
function notificationRecord<ObjectFields extends object>(
  options: S3EventOptions,
  context: EventContext,
  eventName: string,
  objectFields: ObjectFields,
) {
  const bucketName = options.bucketName ?? 'my-bucket';
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: context.region,
    eventTime: context.now.toISOString(),
    eventName,
    userIdentity: { principalId: `AWS:AIDA${stableId(`user:${context.accountId}`, 17)}` },
    requestParameters: { sourceIPAddress: '203.0.113.10' },
    responseElements: {
      'x-amz-request-id': randomHex(context, 16).toUpperCase(),
      'x-amz-id-2': Buffer.from(randomHex(context, 56), 'hex').toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: options.configurationId ?? stableId(`notification:${bucketName}`, 32, ID_ALPHABETS.hex),
      bucket: {
        name: bucketName,
        ownerIdentity: { principalId: stableId(`owner:${context.accountId}`, 14) },
        arn: bucketArn(context, bucketName),
      },
      object: {
        key: encodeS3Key(options.key ?? DEFAULT_KEY),
        ...objectFields,
        ...(options.versionId ? { versionId: options.versionId } : {}),
        // Sequencers order events for the same key: hex that grows with time.
        sequencer: context.now.getTime().toString(16).toUpperCase().padStart(18, '0'),
      },
    },
  };
}

/** An object-created notification (`S3Event`). */
export function generateS3PutEvent(options: S3EventOptions, context: EventContext): S3Event {
  const key = options.key ?? DEFAULT_KEY;
  const record: S3EventRecord = notificationRecord(options, context, options.eventName ?? 'ObjectCreated:Put', {
    size: options.size ?? 1024,
    eTag: stableId(`etag:${key}`, 32, ID_ALPHABETS.hex),
  });
  return { Records: [record] };
}

/** An object-removed notification: as on AWS, the object carries no size or eTag. */
export function generateS3DeleteEvent(options: S3EventOptions, context: EventContext): S3ObjectRemovedEvent {
  return { Records: [notificationRecord(options, context, options.eventName ?? 'ObjectRemoved:Delete', {})] };
}
