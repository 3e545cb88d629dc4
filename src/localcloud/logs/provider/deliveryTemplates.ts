// DescribeConfigurationTemplates: the vended-log sources the local cloud knows, each with CloudWatch's defaults
// per destination type (S3, CloudWatch Logs, Firehose). A short table of common sources, not AWS's whole list.
import type { ConfigurationTemplate } from '../../models/generated/logs';

interface VendedSource {
  service: string;
  logType: string;
  resourceType: string;
  fields: string[];
}

const SOURCES: VendedSource[] = [
  {
    service: 'cloudfront',
    logType: 'ACCESS_LOGS',
    resourceType: 'distribution',
    fields: [
      'timestamp',
      'DistributionId',
      'date',
      'time',
      'x-edge-location',
      'sc-bytes',
      'c-ip',
      'cs-method',
      'cs(Host)',
      'cs-uri-stem',
      'sc-status',
      'time-taken',
    ],
  },
  {
    service: 'bedrock',
    logType: 'APPLICATION_LOGS',
    resourceType: 'knowledge-base',
    fields: ['event_timestamp', 'event', 'event_version', 'resource_arn'],
  },
  {
    service: 'codewhisperer',
    logType: 'EVENT_LOGS',
    resourceType: 'profile',
    fields: ['timestamp', 'event', 'profile_arn'],
  },
];

/** Every template: each source with each destination type. */
export function deliveryTemplates(): ConfigurationTemplate[] {
  return SOURCES.flatMap((source) =>
    ['S3', 'CWL', 'FH'].map((deliveryDestinationType): ConfigurationTemplate => ({
      service: source.service,
      logType: source.logType,
      resourceType: source.resourceType,
      deliveryDestinationType,
      defaultDeliveryConfigValues: {
        recordFields: source.fields,
        ...(deliveryDestinationType === 'S3'
          ? {
              fieldDelimiter: '',
              s3DeliveryConfiguration: {
                suffixPath: `AWSLogs/{account-id}/${source.service}/{yyyy}/{MM}/{dd}/{HH}`,
                enableHiveCompatiblePath: false,
              },
            }
          : {}),
      },
      allowedFields: source.fields.map((name, index) => ({ name, mandatory: index === 0 })),
      allowedOutputFormats: deliveryDestinationType === 'S3' ? ['json', 'plain', 'w3c', 'parquet'] : ['json'],
      allowedActionForAllowVendedLogsDeliveryForResource: `${source.service}:AllowVendedLogDeliveryForResource`,
      allowedFieldDelimiters: deliveryDestinationType === 'S3' ? [',', '\t', ' ', ''] : [],
      allowedSuffixPathFields: deliveryDestinationType === 'S3' ? ['yyyy', 'MM', 'dd', 'HH', 'account-id'] : [],
    })),
  );
}
