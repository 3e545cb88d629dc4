// The bucket configurations S3 keeps as documents, with AWS's validation and its answers when none is set. Since
// 2023 every new bucket has SSE-S3 default encryption, ownership controls BucketOwnerEnforced and all four
// public-access blocks on: their Gets answer those defaults until a Delete (encryption then returns to SSE-S3).
import type { Tag } from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import { VERSIONING_CONFIGURATION, type ObjectStore } from '../objectStore';
import { LIFECYCLE_CONFIGURATION } from '../lifecycleSweep';
import { OBJECT_LOCK_CONFIGURATION, validateLockConfiguration } from '../objectLock';
import { validateTagSet } from '../tagSets';
import { validateCors, validateLifecycle, validateNotifications, validateWebsite } from './configurationRules';
import type { ConfigurationSpec, KeyedConfigurationSpec } from './storedConfigurations';

type Document = Record<string, unknown>;

/** Names of configurations other parts of S3 read. */
export const VERSIONING = VERSIONING_CONFIGURATION;
export const OBJECT_LOCK = OBJECT_LOCK_CONFIGURATION;
export const OWNERSHIP = 'ownershipControls';

const DEFAULT_ENCRYPTION: Document = {
  Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
};
const DEFAULT_PUBLIC_ACCESS_BLOCK: Document = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ENCRYPTION_ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

function notFound(code: string, message: string, bucket: string): AwsError {
  return new AwsError(code, message, 404, { BucketName: bucket });
}

/** The versioning status a bucket has (undefined when never configured). */
export function versioningStatus(store: ObjectStore, bucket: string): 'Enabled' | 'Suspended' | undefined {
  return store.bucketConfiguration<{ Status?: 'Enabled' | 'Suspended' }>(bucket, VERSIONING)?.Status;
}

/** The configurations with one document per bucket. */
export const BUCKET_CONFIGURATIONS: readonly ConfigurationSpec[] = [
  {
    name: 'tagging',
    put: 'PutBucketTagging',
    get: 'GetBucketTagging',
    delete: 'DeleteBucketTagging',
    absent: (bucket) => notFound('NoSuchTagSet', 'The TagSet does not exist', bucket),
    validate: (document) => {
      const tags = (document['TagSet'] ?? []) as Tag[];
      validateTagSet(tags, 'bucket');
      // An empty tag set removes the bucket's tags.
      return tags.length === 0 ? null : document;
    },
  },
  {
    name: VERSIONING,
    put: 'PutBucketVersioning',
    get: 'GetBucketVersioning',
    absent: () => ({}),
    validate: (document, input, store) => {
      const bucket = input['Bucket'] as string;
      if (document['Status'] === undefined && document['MFADelete'] === undefined) throw malformedXml();
      if (document['Status'] === 'Suspended' && store.bucketConfiguration(bucket, OBJECT_LOCK)) {
        throw new AwsError(
          'InvalidBucketState',
          'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.',
          409,
        );
      }
      const previous = store.bucketConfiguration<Document>(bucket, VERSIONING) ?? {};
      return { ...previous, ...document };
    },
  },
  {
    name: 'cors',
    put: 'PutBucketCors',
    get: 'GetBucketCors',
    delete: 'DeleteBucketCors',
    absent: (bucket) => notFound('NoSuchCORSConfiguration', 'The CORS configuration does not exist', bucket),
    validate: (document) => validateCors(document),
  },
  {
    name: LIFECYCLE_CONFIGURATION,
    put: 'PutBucketLifecycleConfiguration',
    get: 'GetBucketLifecycleConfiguration',
    delete: 'DeleteBucketLifecycle',
    absent: (bucket) => notFound('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', bucket),
    validate: (document) => validateLifecycle(document),
  },
  {
    name: 'encryption',
    put: 'PutBucketEncryption',
    get: 'GetBucketEncryption',
    delete: 'DeleteBucketEncryption',
    absent: () => DEFAULT_ENCRYPTION,
    validate: (document) => {
      const rules = (document['Rules'] ?? []) as { ApplyServerSideEncryptionByDefault?: Document }[];
      if (rules.length === 0) throw malformedXml();
      for (const rule of rules) {
        const byDefault = rule.ApplyServerSideEncryptionByDefault;
        const algorithm = byDefault?.['SSEAlgorithm'] as string | undefined;
        if (algorithm !== undefined && !ENCRYPTION_ALGORITHMS.has(algorithm)) throw malformedXml();
        if (algorithm === 'AES256' && byDefault?.['KMSMasterKeyID'] !== undefined) {
          throw new AwsError(
            'InvalidArgument',
            'a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse',
            400,
            { ArgumentName: 'ApplyServerSideEncryptionByDefault' },
          );
        }
      }
    },
  },
  {
    name: 'website',
    put: 'PutBucketWebsite',
    get: 'GetBucketWebsite',
    delete: 'DeleteBucketWebsite',
    absent: (bucket) =>
      notFound('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', bucket),
    validate: (document) => validateWebsite(document),
  },
  {
    name: 'logging',
    put: 'PutBucketLogging',
    get: 'GetBucketLogging',
    absent: () => ({}),
    validate: (document, input, store) => {
      const enabled = document['LoggingEnabled'] as { TargetBucket?: string } | undefined;
      if (!enabled) return null;
      const target = enabled.TargetBucket ?? '';
      if (!store.hasBucket(target)) {
        throw new AwsError('InvalidTargetBucketForLogging', 'The target bucket for logging does not exist', 400, {
          TargetBucket: target,
        });
      }
      if (store.requireBucket(target).region !== store.requireBucket(input['Bucket'] as string).region) {
        throw new AwsError('CrossLocationLoggingProhibitted', 'Cross S3 location logging not allowed. ', 403, {
          TargetBucketLocation: store.requireBucket(target).region,
        });
      }
      return document;
    },
  },
  {
    name: 'notification',
    put: 'PutBucketNotificationConfiguration',
    get: 'GetBucketNotificationConfiguration',
    absent: () => ({}),
    validate: (document) => validateNotifications(document),
  },
  {
    name: OWNERSHIP,
    put: 'PutBucketOwnershipControls',
    get: 'GetBucketOwnershipControls',
    delete: 'DeleteBucketOwnershipControls',
    absent: (bucket, deleted) =>
      deleted
        ? notFound('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', bucket)
        : { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    deleteLeaves: 'nothing',
    validate: (document) => {
      if (((document['Rules'] ?? []) as unknown[]).length !== 1) throw malformedXml();
    },
  },
  {
    name: 'publicAccessBlock',
    put: 'PutPublicAccessBlock',
    get: 'GetPublicAccessBlock',
    delete: 'DeletePublicAccessBlock',
    absent: (bucket, deleted) =>
      deleted
        ? notFound(
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
            bucket,
          )
        : DEFAULT_PUBLIC_ACCESS_BLOCK,
    deleteLeaves: 'nothing',
    validate: (document) => {
      if (Object.keys(document).length === 0) {
        throw new AwsError('InvalidRequest', 'Must specify at least one configuration.', 400);
      }
    },
  },
  {
    name: 'accelerate',
    put: 'PutBucketAccelerateConfiguration',
    get: 'GetBucketAccelerateConfiguration',
    absent: () => ({}),
    storedOnly: true,
    validate: (document, input) => {
      if ((input['Bucket'] as string).includes('.')) {
        throw new AwsError(
          'InvalidRequest',
          'S3 Transfer Acceleration is not supported for buckets with periods (.) in their names',
          400,
        );
      }
      if (document['Status'] === undefined) throw malformedXml();
    },
  },
  {
    name: 'requestPayment',
    put: 'PutBucketRequestPayment',
    get: 'GetBucketRequestPayment',
    absent: () => ({ Payer: 'BucketOwner' }),
    storedOnly: true,
  },
  {
    name: 'replication',
    put: 'PutBucketReplication',
    get: 'GetBucketReplication',
    delete: 'DeleteBucketReplication',
    absent: (bucket) =>
      notFound('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', bucket),
    storedOnly: true,
    validate: (document, input, store) => {
      if (versioningStatus(store, input['Bucket'] as string) !== 'Enabled') {
        throw new AwsError(
          'InvalidRequest',
          "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
          400,
          { BucketName: input['Bucket'] as string },
        );
      }
      const rules = (document['Rules'] ?? []) as Document[];
      return { ...document, Rules: rules.map((rule, index) => ({ ID: `rule-${index + 1}`, ...rule })) };
    },
  },
  {
    name: OBJECT_LOCK,
    put: 'PutObjectLockConfiguration',
    get: 'GetObjectLockConfiguration',
    absent: (bucket) =>
      notFound(
        'ObjectLockConfigurationNotFoundError',
        'Object Lock configuration does not exist for this bucket',
        bucket,
      ),
    validate: (document, input, store) => {
      if (versioningStatus(store, input['Bucket'] as string) !== 'Enabled') {
        throw new AwsError(
          'InvalidBucketState',
          "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration",
          409,
        );
      }
      validateLockConfiguration(document);
    },
  },
  {
    name: 'abac',
    put: 'PutBucketAbac',
    get: 'GetBucketAbac',
    absent: () => ({ Status: 'Disabled' }),
    storedOnly: true,
  },
];

/** The id-keyed configuration families: stored and returned (no reports or metrics are produced locally). */
export const KEYED_CONFIGURATIONS: readonly KeyedConfigurationSpec[] = [
  {
    name: 'analytics',
    put: 'PutBucketAnalyticsConfiguration',
    get: 'GetBucketAnalyticsConfiguration',
    delete: 'DeleteBucketAnalyticsConfiguration',
    list: 'ListBucketAnalyticsConfigurations',
    listMember: 'AnalyticsConfigurationList',
    validate: idMatches,
  },
  {
    name: 'inventory',
    put: 'PutBucketInventoryConfiguration',
    get: 'GetBucketInventoryConfiguration',
    delete: 'DeleteBucketInventoryConfiguration',
    list: 'ListBucketInventoryConfigurations',
    listMember: 'InventoryConfigurationList',
    validate: idMatches,
  },
  {
    name: 'metrics',
    put: 'PutBucketMetricsConfiguration',
    get: 'GetBucketMetricsConfiguration',
    delete: 'DeleteBucketMetricsConfiguration',
    list: 'ListBucketMetricsConfigurations',
    listMember: 'MetricsConfigurationList',
    validate: idMatches,
  },
  {
    name: 'intelligentTiering',
    put: 'PutBucketIntelligentTieringConfiguration',
    get: 'GetBucketIntelligentTieringConfiguration',
    delete: 'DeleteBucketIntelligentTieringConfiguration',
    list: 'ListBucketIntelligentTieringConfigurations',
    listMember: 'IntelligentTieringConfigurationList',
    validate: idMatches,
  },
];

function idMatches(document: Document, id: string): void {
  if (document['Id'] !== id) {
    throw new AwsError('InvalidArgument', 'Configuration ID does not match the ID in the request.', 400, {
      ArgumentName: 'id',
      ArgumentValue: id,
    });
  }
}

export function malformedXml(): AwsError {
  return new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );
}
