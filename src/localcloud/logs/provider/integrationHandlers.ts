// The rest of the Logs model, stored and returned as CloudWatch does: transformers (TestTransformer runs the
// common processors), OpenSearch and S3 Tables integrations, the account's storage tier, log group summaries,
// data source fields, and GetLogObject (the fields of a query result's @ptr, as an event stream).
import { randomUUID } from 'node:crypto';
import { transformLogEvent } from '../../../core/logs/logTransformer';
import type { LogsOperations, S3TableIntegrationSource } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import { encodeJsonEvent } from '../../protocol/eventStreamEncoder';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { decodePageToken } from '../../protocol/pageTokens';
import { groupNameFrom, pageOf, resourceNotFound, type LogsProviderContext } from './logsProviderContext';

interface StoredIntegration {
  integrationName: string;
  integrationType: string;
  integrationStatus: string;
  resourceConfig: unknown;
}

type Processors = Parameters<typeof transformLogEvent>[0];

export function integrationHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    PutTransformer: storedOnly((input, context) => {
      const now = Date.now();
      stores.get(context.region).updateSettings(groupNameFrom(input), (settings) => {
        settings.transformer = {
          transformerConfig: input.transformerConfig,
          creationTime: settings.transformer?.creationTime ?? now,
          lastModifiedTime: now,
        };
      });
    }),
    GetTransformer: storedOnly((input, context) => {
      const transformer = stores.get(context.region).requireGroup(groupNameFrom(input)).settings.transformer;
      if (!transformer) throw resourceNotFound('The specified log group has no transformer.');
      return {
        logGroupIdentifier: input.logGroupIdentifier,
        ...transformer,
      } as LogsOperations['GetTransformer']['output'];
    }),
    DeleteTransformer: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const name = groupNameFrom(input);
      if (!store.requireGroup(name).settings.transformer)
        throw resourceNotFound('The specified log group has no transformer.');
      store.updateSettings(name, (settings) => delete settings.transformer);
    }),
    TestTransformer: (input) => ({
      transformedLogs: input.logEventMessages.map((message, index) => {
        const transformed = transformLogEvent(input.transformerConfig as unknown as Processors, message);
        return {
          eventNumber: index + 1,
          eventMessage: message,
          ...(transformed !== undefined ? { transformedEventMessage: transformed } : {}),
        };
      }),
    }),
    PutIntegration: storedOnly((input, context) => {
      const integration: StoredIntegration = {
        integrationName: input.integrationName,
        integrationType: input.integrationType,
        integrationStatus: 'ACTIVE',
        resourceConfig: input.resourceConfig,
      };
      stores.get(context.region).resources.put('integrations', input.integrationName, integration);
      return { integrationName: input.integrationName, integrationStatus: integration.integrationStatus };
    }),
    GetIntegration: storedOnly((input, context) => {
      const integration = stores
        .get(context.region)
        .resources.get<StoredIntegration>('integrations', input.integrationName);
      if (!integration) throw resourceNotFound(`Integration ${input.integrationName} does not exist.`);
      return {
        integrationName: integration.integrationName,
        integrationType: integration.integrationType,
        integrationStatus: integration.integrationStatus,
        integrationDetails: { openSearchIntegrationDetails: {} },
      };
    }),
    ListIntegrations: storedOnly((input, context) => ({
      integrationSummaries: stores
        .get(context.region)
        .resources.list<StoredIntegration>('integrations')
        .filter(
          (item) =>
            input.integrationNamePrefix === undefined || item.integrationName.startsWith(input.integrationNamePrefix),
        )
        .filter((item) => input.integrationType === undefined || item.integrationType === input.integrationType)
        .filter((item) => input.integrationStatus === undefined || item.integrationStatus === input.integrationStatus)
        .map(({ integrationName, integrationType, integrationStatus }) => ({
          integrationName,
          integrationType,
          integrationStatus,
        })),
    })),
    DeleteIntegration: storedOnly((input, context) => {
      if (!stores.get(context.region).resources.delete('integrations', input.integrationName)) {
        throw resourceNotFound(`Integration ${input.integrationName} does not exist.`);
      }
      return {};
    }),
    AssociateSourceToS3TableIntegration: storedOnly((input, context) => {
      const identifier = randomUUID();
      const source: S3TableIntegrationSource & { integrationArn: string } = {
        identifier,
        dataSource: input.dataSource,
        status: 'ACTIVE',
        createdTimeStamp: Date.now(),
        integrationArn: input.integrationArn,
      };
      stores.get(context.region).resources.put('s3TableSources', identifier, source);
      return { identifier };
    }),
    ListSourcesForS3TableIntegration: storedOnly((input, context) => {
      const sources = stores
        .get(context.region)
        .resources.list<S3TableIntegrationSource & { integrationArn: string }>('s3TableSources')
        .filter((source) => source.integrationArn === input.integrationArn)
        .map(({ integrationArn: _arn, ...source }) => source);
      const { page, nextToken } = pageOf(sources, input.nextToken, input.maxResults ?? 50);
      return { sources: page, ...(nextToken ? { nextToken } : {}) };
    }),
    DisassociateSourceFromS3TableIntegration: storedOnly((input, context) => {
      if (!stores.get(context.region).resources.delete('s3TableSources', input.identifier)) {
        throw resourceNotFound(`Source ${input.identifier} does not exist.`);
      }
      return { identifier: input.identifier };
    }),
    PutStorageTierPolicy: storedOnly((input, context) => {
      const policy = { storageTier: input.storageTier, lastUpdatedTime: Date.now() };
      stores.get(context.region).resources.put('settings', 'storageTier', policy);
      return policy;
    }),
    GetStorageTierPolicy: storedOnly((_input, context) => {
      return (
        stores
          .get(context.region)
          .resources.get<{ storageTier: string; lastUpdatedTime: number }>('settings', 'storageTier') ?? {
          storageTier: 'STANDARD',
        }
      );
    }),
    ListAggregateLogGroupSummaries: storedOnly((input, context) => {
      const groups = stores
        .get(context.region)
        .listGroups()
        .filter((group) => input.logGroupClass === undefined || group.settings.logGroupClass === input.logGroupClass)
        .filter(
          (group) => input.logGroupNamePattern === undefined || group.logGroupName.includes(input.logGroupNamePattern),
        );
      const summaries =
        groups.length === 0
          ? []
          : [{ logGroupCount: groups.length, groupingIdentifiers: [{ key: 'dataSource.name', value: 'Unknown' }] }];
      return { aggregateLogGroupSummaries: summaries };
    }),
    GetLogFields: storedOnly(() => ({
      logFields: [
        { logFieldName: '@timestamp', logFieldType: { type: 'timestamp' } },
        { logFieldName: '@message', logFieldType: { type: 'string' } },
        { logFieldName: '@logStream', logFieldType: { type: 'string' } },
        { logFieldName: '@log', logFieldType: { type: 'string' } },
      ],
    })),
    GetLogObject: (input, context) => {
      const pointer = decodePageToken(
        input.logObjectPointer,
        (value): value is { g: string; s: number } => typeof (value as { g?: unknown })?.g === 'string',
      );
      const event =
        pointer &&
        stores
          .get(context.region)
          .getGroup(pointer.g)
          ?.events.find((item) => item.sequence === pointer.s);
      if (!event) throw resourceNotFound('The specified log object does not exist.');
      if (!context.response) throw new AwsError('InvalidOperationException', 'GetLogObject needs an HTTP client');
      const fields = { '@timestamp': event.timestamp, '@message': event.message, '@logStream': event.logStreamName };
      context.response.writeHead(200, {
        'Content-Type': 'application/vnd.amazon.eventstream',
        'X-Amzn-RequestId': context.requestId,
      });
      context.response.write(encodeJsonEvent('initial-response', {}));
      context.response.end(encodeJsonEvent('fields', { data: Buffer.from(JSON.stringify(fields)).toString('base64') }));
      return {};
    },
  };
}
