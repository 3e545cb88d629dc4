// S3 Metadata configurations: V1 (CreateBucketMetadataTableConfiguration: one table in a customer's table bucket)
// and V2 (CreateBucketMetadataConfiguration: journal, inventory and annotation tables in the AWS-managed table
// bucket `aws-s3`, namespace `b_<bucket>`). A bucket has one configuration of either kind. The Gets answer what S3
// answers once the tables exist (status ACTIVE, table names and ARNs), never an echo of the request: encryption
// settings are not given back, as on AWS. No S3 Tables exist locally, so no journal records are written: the
// operations are stored only.
import { randomUUID } from 'node:crypto';
import type {
  InventoryTableConfigurationResult,
  MetadataTableEncryptionConfiguration,
  RecordExpiration,
  S3Operations,
} from '../../models/generated/s3';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type RequestContext, type ServiceProvider } from '../../protocol/modelService';
import type { ObjectStore } from '../objectStore';

const CONFIGURATION = 'metadataTable';
/** V1 tables live in this namespace of the customer's table bucket. */
const V1_NAMESPACE = 'aws_s3_metadata';
/** The smallest journal record expiration S3 accepts. */
const MIN_EXPIRATION_DAYS = 7;
const TABLE_BUCKET_ARN = /^arn:aws[a-z-]*:s3tables:([a-z0-9-]+):(\d{12}):bucket\/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const TABLE_NAME = /^[a-z0-9][a-z0-9_]{0,254}$/;

interface TableState {
  /** ENABLED or DISABLED. */
  state: string;
  tableId?: string;
  role?: string;
}

/** What is stored: the V1 destination, or the V2 tables. */
type MetadataConfigurationState =
  | { version: 1; tableBucketArn: string; tableName: string; tableId: string }
  | {
      version: 2;
      region: string;
      journal: { tableId: string; recordExpiration: RecordExpiration };
      inventory: TableState;
      annotation?: TableState;
    };

function notFound(bucket: string): AwsError {
  return new AwsError('MetadataConfigurationNotFound', 'The metadata table configuration does not exist.', 404, {
    BucketName: bucket,
  });
}

/** A V1 operation on a V2 configuration (or a V2 update on a V1 one): S3 answers 405. */
function wrongVersion(): AwsError {
  return new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: 'GET',
    ResourceType: 'METADATA_CONFIGURATION',
  });
}

function invalidArgument(message: string, name: string, value: unknown): AwsError {
  return new AwsError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: String(value) });
}

function checkRecordExpiration(expiration: RecordExpiration): void {
  if (expiration.Expiration === 'ENABLED') {
    if (expiration.Days === undefined || expiration.Days < MIN_EXPIRATION_DAYS) {
      throw invalidArgument(
        `Journal table record expiration must be at least ${MIN_EXPIRATION_DAYS} days when it is enabled.`,
        'Days',
        expiration.Days ?? '',
      );
    }
  } else if (expiration.Days !== undefined) {
    throw invalidArgument(
      'Journal table record expiration days cannot be set when record expiration is disabled.',
      'Days',
      expiration.Days,
    );
  }
}

function checkEncryption(encryption: MetadataTableEncryptionConfiguration | undefined): void {
  if (!encryption) return;
  if (encryption.SseAlgorithm === 'aws:kms' && encryption.KmsKeyArn === undefined) {
    throw invalidArgument('A KMS key ARN is required for SSE-KMS encryption.', 'KmsKeyArn', '');
  }
  if (encryption.SseAlgorithm === 'AES256' && encryption.KmsKeyArn !== undefined) {
    throw invalidArgument(
      'A KMS key ARN can only be specified for SSE-KMS encryption.',
      'KmsKeyArn',
      encryption.KmsKeyArn,
    );
  }
}

function tableState(
  configuration: { ConfigurationState: string; Role?: string } | undefined,
  previous?: TableState,
): TableState {
  const state = configuration?.ConfigurationState ?? 'DISABLED';
  if (state === 'DISABLED') return { state };
  return {
    state,
    tableId: previous?.state === 'ENABLED' && previous.tableId ? previous.tableId : randomUUID(),
    ...(configuration?.Role !== undefined ? { role: configuration.Role } : {}),
  };
}

/** The AWS-managed table bucket of V2 configurations in a region. */
function managedTableBucket(region: string, accountId: string): string {
  return `arn:aws:s3tables:${region}:${accountId}:bucket/aws-s3`;
}

/** V2 namespaces are `b_` and the bucket's name (S3 Tables namespaces allow letters, digits and underscores). */
function managedNamespace(bucket: string): string {
  return `b_${bucket.replace(/[^a-z0-9_]/g, '_')}`;
}

function tableResult(tableBucketArn: string, name: string, table: TableState): InventoryTableConfigurationResult {
  return {
    ConfigurationState: table.state,
    ...(table.state === 'ENABLED' && table.tableId
      ? { TableStatus: 'ACTIVE', TableName: name, TableArn: `${tableBucketArn}/table/${table.tableId}` }
      : {}),
  };
}

/** The handlers. */
export function metadataTableHandlers(store: ObjectStore): ServiceProvider<S3Operations> {
  const read = (bucket: string) => store.bucketConfiguration<MetadataConfigurationState>(bucket, CONFIGURATION);
  const requireAbsent = (bucket: string) => {
    store.requireBucket(bucket);
    if (read(bucket)) {
      throw new AwsError(
        'MetadataConfigurationAlreadyExists',
        'A metadata configuration already exists for this bucket. Delete it before creating a new one.',
        409,
        { BucketName: bucket },
      );
    }
  };
  const requireV2 = (bucket: string) => {
    store.requireBucket(bucket);
    const stored = read(bucket);
    if (!stored) throw notFound(bucket);
    if (stored.version !== 2) throw wrongVersion();
    return stored;
  };
  const v2Update = (
    bucket: string,
    change: (stored: Extract<MetadataConfigurationState, { version: 2 }>) => MetadataConfigurationState,
  ) => {
    store.setBucketConfiguration(bucket, CONFIGURATION, change(requireV2(bucket)));
  };

  return {
    CreateBucketMetadataTableConfiguration: storedOnly((input, context: RequestContext) => {
      requireAbsent(input.Bucket);
      const { TableBucketArn, TableName } = input.MetadataTableConfiguration.S3TablesDestination;
      const arn = TABLE_BUCKET_ARN.exec(TableBucketArn);
      if (!arn) throw invalidArgument('The table bucket ARN is not valid.', 'TableBucketArn', TableBucketArn);
      if (arn[1] !== store.requireBucket(input.Bucket).region || arn[2] !== context.accountId) {
        throw new AwsError(
          'InvalidRequest',
          'The destination table bucket must be in the same Region and AWS account as the general purpose bucket.',
          400,
        );
      }
      if (!TABLE_NAME.test(TableName)) throw invalidArgument('The table name is not valid.', 'TableName', TableName);
      const stored: MetadataConfigurationState = {
        version: 1,
        tableBucketArn: TableBucketArn,
        tableName: TableName,
        tableId: randomUUID(),
      };
      store.setBucketConfiguration(input.Bucket, CONFIGURATION, stored);
    }),
    GetBucketMetadataTableConfiguration: storedOnly((input) => {
      store.requireBucket(input.Bucket);
      const stored = read(input.Bucket);
      if (!stored) throw notFound(input.Bucket);
      if (stored.version !== 1) throw wrongVersion();
      return {
        GetBucketMetadataTableConfigurationResult: {
          MetadataTableConfigurationResult: {
            S3TablesDestinationResult: {
              TableBucketArn: stored.tableBucketArn,
              TableName: stored.tableName,
              TableArn: `${stored.tableBucketArn}/table/${stored.tableId}`,
              TableNamespace: V1_NAMESPACE,
            },
          },
          Status: 'ACTIVE',
        },
      };
    }),
    DeleteBucketMetadataTableConfiguration: storedOnly((input) => {
      store.requireBucket(input.Bucket);
      const stored = read(input.Bucket);
      if (!stored) throw notFound(input.Bucket);
      if (stored.version !== 1) throw wrongVersion();
      store.setBucketConfiguration(input.Bucket, CONFIGURATION, undefined);
    }),
    CreateBucketMetadataConfiguration: storedOnly((input) => {
      requireAbsent(input.Bucket);
      const { JournalTableConfiguration, InventoryTableConfiguration, AnnotationTableConfiguration } =
        input.MetadataConfiguration;
      checkRecordExpiration(JournalTableConfiguration.RecordExpiration);
      checkEncryption(JournalTableConfiguration.EncryptionConfiguration);
      checkEncryption(InventoryTableConfiguration?.EncryptionConfiguration);
      checkEncryption(AnnotationTableConfiguration?.EncryptionConfiguration);
      const stored: MetadataConfigurationState = {
        version: 2,
        region: store.requireBucket(input.Bucket).region,
        journal: { tableId: randomUUID(), recordExpiration: JournalTableConfiguration.RecordExpiration },
        inventory: tableState(InventoryTableConfiguration),
        ...(AnnotationTableConfiguration ? { annotation: tableState(AnnotationTableConfiguration) } : {}),
      };
      store.setBucketConfiguration(input.Bucket, CONFIGURATION, stored);
    }),
    GetBucketMetadataConfiguration: storedOnly((input, context: RequestContext) => {
      store.requireBucket(input.Bucket);
      const stored = read(input.Bucket);
      if (!stored) throw notFound(input.Bucket);
      if (stored.version === 1) {
        // A V1 configuration read through V2: its customer-managed table is the journal.
        return {
          GetBucketMetadataConfigurationResult: {
            MetadataConfigurationResult: {
              DestinationResult: {
                TableBucketType: 'customer',
                TableBucketArn: stored.tableBucketArn,
                TableNamespace: V1_NAMESPACE,
              },
              JournalTableConfigurationResult: {
                TableStatus: 'ACTIVE',
                TableName: stored.tableName,
                TableArn: `${stored.tableBucketArn}/table/${stored.tableId}`,
                RecordExpiration: { Expiration: 'DISABLED' },
              },
            },
          },
        };
      }
      const tableBucketArn = managedTableBucket(stored.region, context.accountId);
      const annotation = stored.annotation;
      return {
        GetBucketMetadataConfigurationResult: {
          MetadataConfigurationResult: {
            DestinationResult: {
              TableBucketType: 'aws',
              TableBucketArn: tableBucketArn,
              TableNamespace: managedNamespace(input.Bucket),
            },
            JournalTableConfigurationResult: {
              TableStatus: 'ACTIVE',
              TableName: 'journal',
              TableArn: `${tableBucketArn}/table/${stored.journal.tableId}`,
              RecordExpiration: stored.journal.recordExpiration,
            },
            InventoryTableConfigurationResult: tableResult(tableBucketArn, 'inventory', stored.inventory),
            ...(annotation
              ? {
                  AnnotationTableConfigurationResult: {
                    ...tableResult(tableBucketArn, 'annotation', annotation),
                    ...(annotation.role !== undefined ? { Role: annotation.role } : {}),
                  },
                }
              : {}),
          },
        },
      };
    }),
    DeleteBucketMetadataConfiguration: storedOnly((input) => {
      store.requireBucket(input.Bucket);
      // V2's Delete removes V1 configurations too.
      if (!read(input.Bucket)) throw notFound(input.Bucket);
      store.setBucketConfiguration(input.Bucket, CONFIGURATION, undefined);
    }),
    UpdateBucketMetadataJournalTableConfiguration: storedOnly((input) => {
      const { RecordExpiration } = input.JournalTableConfiguration;
      checkRecordExpiration(RecordExpiration);
      v2Update(input.Bucket, (stored) => ({
        ...stored,
        journal: { ...stored.journal, recordExpiration: RecordExpiration },
      }));
    }),
    UpdateBucketMetadataInventoryTableConfiguration: storedOnly((input) => {
      checkEncryption(input.InventoryTableConfiguration.EncryptionConfiguration);
      v2Update(input.Bucket, (stored) => ({
        ...stored,
        inventory: tableState(input.InventoryTableConfiguration, stored.inventory),
      }));
    }),
    UpdateBucketMetadataAnnotationTableConfiguration: storedOnly((input) => {
      checkEncryption(input.AnnotationTableConfiguration.EncryptionConfiguration);
      v2Update(input.Bucket, (stored) => ({
        ...stored,
        annotation: tableState(input.AnnotationTableConfiguration, stored.annotation),
      }));
    }),
  };
}
