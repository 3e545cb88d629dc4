// The configuration properties of AWS::S3::Bucket as S3 API calls: CloudFormation's names (LambdaConfigurations,
// ExpirationInDays, TagFilters, CorsRules...) become the Put operations' documents, so a deployed bucket notifies
// its functions (SAM's S3 events), versions, expires and answers CORS as it would on AWS. A property removed on
// update is deleted from the bucket (or, for notifications and versioning, set back to what S3 has by default).
import type { JsonObject, JsonValue } from '../../../../core/template/templateJson';

type Json = JsonValue | undefined;

function object(value: Json): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function list(value: Json): JsonValue[] {
  return Array.isArray(value) ? value : [];
}

/** Numbers arrive as strings once parameters are substituted. */
function number(value: Json): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
}

function defined(document: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => value !== undefined));
}

/** Epoch seconds, as the JSON form of timestamps is. */
function timestamp(value: Json): number | undefined {
  return typeof value === 'string' ? Date.parse(value) / 1000 : undefined;
}

function keyFilter(filter: Json): Record<string, unknown> | undefined {
  const rules = list(object(object(filter)['S3Key'])['Rules']);
  return rules.length > 0 ? { Key: { FilterRules: rules } } : undefined;
}

function notificationDocument(configuration: JsonObject): Record<string, unknown> {
  const destinations = (name: string, arnName: string, arnMember: string) =>
    list(configuration[name]).map((entry) => {
      const destination = object(entry);
      return defined({
        [arnMember]: destination[arnName],
        Events: [destination['Event']],
        Filter: keyFilter(destination['Filter']),
      });
    });
  return defined({
    LambdaFunctionConfigurations: destinations('LambdaConfigurations', 'Function', 'LambdaFunctionArn'),
    QueueConfigurations: destinations('QueueConfigurations', 'Queue', 'QueueArn'),
    TopicConfigurations: destinations('TopicConfigurations', 'Topic', 'TopicArn'),
    EventBridgeConfiguration: object(configuration['EventBridgeConfiguration'])['EventBridgeEnabled'] ? {} : undefined,
  });
}

function lifecycleFilter(rule: JsonObject): Record<string, unknown> {
  const conditions = defined({
    Prefix: rule['Prefix'],
    Tags: list(rule['TagFilters']).length > 0 ? list(rule['TagFilters']) : undefined,
    ObjectSizeGreaterThan: number(rule['ObjectSizeGreaterThan']),
    ObjectSizeLessThan: number(rule['ObjectSizeLessThan']),
  });
  const names = Object.keys(conditions);
  if (names.length === 0) return {};
  if (names.length > 1) return { And: conditions };
  if (names[0] === 'Tags') return { Tag: (conditions['Tags'] as JsonValue[])[0] };
  return conditions;
}

function lifecycleRule(entry: JsonValue): Record<string, unknown> {
  const rule = object(entry);
  const noncurrent = object(rule['NoncurrentVersionExpiration']);
  const expiration = defined({
    Days: number(rule['ExpirationInDays']),
    Date: timestamp(rule['ExpirationDate']),
    ExpiredObjectDeleteMarker: rule['ExpiredObjectDeleteMarker'],
  });
  const noncurrentDays = number(noncurrent['NoncurrentDays']) ?? number(rule['NoncurrentVersionExpirationInDays']);
  const abort = number(object(rule['AbortIncompleteMultipartUpload'])['DaysAfterInitiation']);
  return defined({
    ID: rule['Id'],
    Status: rule['Status'],
    Filter: lifecycleFilter(rule),
    Expiration: Object.keys(expiration).length > 0 ? expiration : undefined,
    NoncurrentVersionExpiration:
      noncurrentDays !== undefined
        ? defined({
            NoncurrentDays: noncurrentDays,
            NewerNoncurrentVersions: number(noncurrent['NewerNoncurrentVersions']),
          })
        : undefined,
    AbortIncompleteMultipartUpload: abort !== undefined ? { DaysAfterInitiation: abort } : undefined,
    Transitions: list(rule['Transitions']).map((transition) => {
      const entry = object(transition);
      return defined({
        StorageClass: entry['StorageClass'],
        Days: number(entry['TransitionInDays']),
        Date: timestamp(entry['TransitionDate']),
      });
    }),
  });
}

/** One configuration: the property that holds it, and the calls that set and remove it. */
interface BucketConfiguration {
  property: string;
  put: (value: JsonObject | JsonValue[], bucket: string) => { operation: string; input: Record<string, unknown> };
  remove: (bucket: string) => { operation: string; input: Record<string, unknown> };
}

const CONFIGURATIONS: readonly BucketConfiguration[] = [
  {
    property: 'VersioningConfiguration',
    put: (value, bucket) => ({
      operation: 'PutBucketVersioning',
      input: { Bucket: bucket, VersioningConfiguration: { Status: object(value)['Status'] } },
    }),
    // A bucket that was versioned can only be suspended.
    remove: (bucket) => ({
      operation: 'PutBucketVersioning',
      input: { Bucket: bucket, VersioningConfiguration: { Status: 'Suspended' } },
    }),
  },
  {
    property: 'NotificationConfiguration',
    put: (value, bucket) => ({
      operation: 'PutBucketNotificationConfiguration',
      input: { Bucket: bucket, NotificationConfiguration: notificationDocument(object(value)) },
    }),
    remove: (bucket) => ({
      operation: 'PutBucketNotificationConfiguration',
      input: { Bucket: bucket, NotificationConfiguration: {} },
    }),
  },
  {
    property: 'LifecycleConfiguration',
    put: (value, bucket) => ({
      operation: 'PutBucketLifecycleConfiguration',
      input: { Bucket: bucket, LifecycleConfiguration: { Rules: list(object(value)['Rules']).map(lifecycleRule) } },
    }),
    remove: (bucket) => ({ operation: 'DeleteBucketLifecycle', input: { Bucket: bucket } }),
  },
  {
    property: 'CorsConfiguration',
    put: (value, bucket) => ({
      operation: 'PutBucketCors',
      input: {
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: list(object(value)['CorsRules']).map((entry) => {
            const rule = object(entry);
            return defined({
              ID: rule['Id'],
              AllowedHeaders: rule['AllowedHeaders'],
              AllowedMethods: rule['AllowedMethods'],
              AllowedOrigins: rule['AllowedOrigins'],
              ExposeHeaders: rule['ExposedHeaders'],
              MaxAgeSeconds: number(rule['MaxAge']),
            });
          }),
        },
      },
    }),
    remove: (bucket) => ({ operation: 'DeleteBucketCors', input: { Bucket: bucket } }),
  },
  {
    property: 'BucketEncryption',
    put: (value, bucket) => ({
      operation: 'PutBucketEncryption',
      input: {
        Bucket: bucket,
        ServerSideEncryptionConfiguration: {
          Rules: list(object(value)['ServerSideEncryptionConfiguration']).map((entry) => {
            const rule = object(entry);
            return defined({
              ApplyServerSideEncryptionByDefault: rule['ServerSideEncryptionByDefault'],
              BucketKeyEnabled: rule['BucketKeyEnabled'],
            });
          }),
        },
      },
    }),
    remove: (bucket) => ({ operation: 'DeleteBucketEncryption', input: { Bucket: bucket } }),
  },
  {
    property: 'PublicAccessBlockConfiguration',
    put: (value, bucket) => ({
      operation: 'PutPublicAccessBlock',
      input: { Bucket: bucket, PublicAccessBlockConfiguration: value },
    }),
    remove: (bucket) => ({ operation: 'DeletePublicAccessBlock', input: { Bucket: bucket } }),
  },
  {
    property: 'Tags',
    put: (tags, bucket) => ({ operation: 'PutBucketTagging', input: { Bucket: bucket, Tagging: { TagSet: tags } } }),
    remove: (bucket) => ({ operation: 'DeleteBucketTagging', input: { Bucket: bucket } }),
  },
  {
    property: 'OwnershipControls',
    put: (value, bucket) => ({
      operation: 'PutBucketOwnershipControls',
      input: { Bucket: bucket, OwnershipControls: value },
    }),
    remove: (bucket) => ({ operation: 'DeleteBucketOwnershipControls', input: { Bucket: bucket } }),
  },
];

/**
 * The calls that bring a bucket from `previous` properties (none on create) to `next`: a Put for each configuration
 * set or changed, a removal for each one dropped. Versioning goes first (lifecycle rules may count on it).
 */
export function bucketConfigurationCalls(
  bucket: string,
  next: JsonObject,
  previous: JsonObject = {},
): { operation: string; input: Record<string, unknown> }[] {
  const calls: { operation: string; input: Record<string, unknown> }[] = [];
  for (const configuration of CONFIGURATIONS) {
    const value = next[configuration.property];
    const before = previous[configuration.property];
    if (value === undefined || value === null) {
      if (before !== undefined && before !== null) calls.push(configuration.remove(bucket));
    } else if (JSON.stringify(value) !== JSON.stringify(before) && typeof value === 'object') {
      calls.push(configuration.put(value, bucket));
    }
  }
  return calls;
}
