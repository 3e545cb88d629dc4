// Saved queries: query definitions, scheduled queries (stored with their schedule; the local cloud does not run
// them on a timer) and lookup tables (CSV bodies, fields read from the header).
import { randomUUID } from 'node:crypto';
import type {
  GetScheduledQueryResponse,
  LogsOperations,
  LookupTable,
  QueryDefinition,
} from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { invalidParameter, logsArn, pageOf, resourceNotFound, type LogsProviderContext } from './logsProviderContext';
import { dropTags, storeInitialTags } from './resourceTags';

interface StoredLookupTable extends LookupTable {
  tableBody?: string;
}

export function queryDefinitionHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  const findScheduled = (region: string, identifier: string) => {
    const all = stores.get(region).resources.list<GetScheduledQueryResponse>('scheduledQueries');
    const query = all.find((item) => item.name === identifier || item.scheduledQueryArn === identifier);
    if (!query) throw resourceNotFound(`Scheduled query ${identifier} does not exist.`);
    return query;
  };
  const findTable = (region: string, arn: string) => {
    const table = stores
      .get(region)
      .resources.list<StoredLookupTable>('lookupTables')
      .find((item) => item.lookupTableArn === arn);
    if (!table) throw resourceNotFound(`Lookup table ${arn} does not exist.`);
    return table;
  };
  const lookupTable = (
    name: string,
    arn: string,
    body: string | undefined,
    description?: string,
    kmsKeyId?: string,
  ): StoredLookupTable => {
    const lines = (body ?? '').split(/\r?\n/).filter((line) => line.trim() !== '');
    return {
      lookupTableArn: arn,
      lookupTableName: name,
      ...(description !== undefined ? { description } : {}),
      tableFields: lines[0]?.split(',').map((field) => field.trim()) ?? [],
      recordsCount: Math.max(0, lines.length - 1),
      sizeBytes: Buffer.byteLength(body ?? ''),
      lastUpdatedTime: Date.now(),
      ...(kmsKeyId !== undefined ? { kmsKeyId } : {}),
      ...(body !== undefined ? { tableBody: body } : {}),
    };
  };

  return {
    PutQueryDefinition: (input, context) => {
      const { resources } = stores.get(context.region);
      if (input.queryDefinitionId !== undefined && !resources.has('queryDefinitions', input.queryDefinitionId)) {
        throw resourceNotFound('The specified query definition does not exist.');
      }
      const queryDefinitionId = input.queryDefinitionId ?? randomUUID();
      const definition: QueryDefinition = {
        queryLanguage: input.queryLanguage ?? 'CWLI',
        queryDefinitionId,
        name: input.name,
        queryString: input.queryString,
        lastModified: Date.now(),
        ...(input.logGroupNames ? { logGroupNames: input.logGroupNames } : {}),
        ...(input.parameters ? { parameters: input.parameters } : {}),
      };
      resources.put('queryDefinitions', queryDefinitionId, definition);
      return { queryDefinitionId };
    },
    DescribeQueryDefinitions: (input, context) => {
      const prefix = input.queryDefinitionNamePrefix;
      const definitions = stores
        .get(context.region)
        .resources.list<QueryDefinition>('queryDefinitions')
        .filter((definition) => prefix === undefined || definition.name!.startsWith(prefix))
        .filter((definition) => input.queryLanguage === undefined || definition.queryLanguage === input.queryLanguage)
        .sort((a, b) => (a.name! < b.name! ? -1 : a.name! > b.name! ? 1 : 0));
      const { page, nextToken } = pageOf(definitions, input.nextToken, input.maxResults ?? 1000);
      return { queryDefinitions: page, ...(nextToken ? { nextToken } : {}) };
    },
    DeleteQueryDefinition: (input, context) => {
      if (!stores.get(context.region).resources.delete('queryDefinitions', input.queryDefinitionId)) {
        throw resourceNotFound('The specified query definition does not exist.');
      }
      return { success: true };
    },
    CreateScheduledQuery: storedOnly((input, context) => {
      const store = stores.get(context.region);
      if (store.resources.has('scheduledQueries', input.name)) {
        throw new AwsError('ConflictException', `Scheduled query ${input.name} already exists.`);
      }
      const arn = logsArn(context, 'scheduled-query', input.name);
      const now = Date.now();
      const { tags: _tags, ...settings } = input;
      const query: GetScheduledQueryResponse = {
        ...settings,
        scheduledQueryArn: arn,
        state: input.state ?? 'ENABLED',
        scheduleType: input.scheduleExpression.startsWith('cron') ? 'CRON' : 'RATE',
        creationTime: now,
        lastUpdatedTime: now,
      };
      store.resources.put('scheduledQueries', input.name, query);
      storeInitialTags(store, arn, input.tags);
      return { scheduledQueryArn: arn, state: query.state };
    }),
    GetScheduledQuery: storedOnly((input, context) => findScheduled(context.region, input.identifier)),
    UpdateScheduledQuery: storedOnly((input, context) => {
      const current = findScheduled(context.region, input.identifier);
      const { identifier: _identifier, ...changes } = input;
      const updated: GetScheduledQueryResponse = { ...current, ...changes, lastUpdatedTime: Date.now() };
      stores.get(context.region).resources.put('scheduledQueries', current.name!, updated);
      return updated;
    }),
    DeleteScheduledQuery: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const query = findScheduled(context.region, input.identifier);
      store.resources.delete('scheduledQueries', query.name!);
      dropTags(store, query.scheduledQueryArn!);
      return {};
    }),
    ListScheduledQueries: storedOnly((input, context) => {
      const queries = stores
        .get(context.region)
        .resources.list<GetScheduledQueryResponse>('scheduledQueries')
        .filter((query) => input.state === undefined || query.state === input.state)
        .filter((query) => input.scheduleType === undefined || query.scheduleType === input.scheduleType)
        .map((query) => ({
          scheduledQueryArn: query.scheduledQueryArn,
          name: query.name,
          state: query.state,
          scheduleType: query.scheduleType,
          scheduleExpression: query.scheduleExpression,
          ...(query.timezone !== undefined ? { timezone: query.timezone } : {}),
          ...(query.destinationConfiguration ? { destinationConfiguration: query.destinationConfiguration } : {}),
          creationTime: query.creationTime,
          lastUpdatedTime: query.lastUpdatedTime,
        }));
      const { page, nextToken } = pageOf(queries, input.nextToken, input.maxResults ?? 50);
      return { scheduledQueries: page, ...(nextToken ? { nextToken } : {}) };
    }),
    GetScheduledQueryHistory: storedOnly((input, context) => {
      const query = findScheduled(context.region, input.identifier);
      return { name: query.name, scheduledQueryArn: query.scheduledQueryArn, triggerHistory: [] };
    }),
    CreateLookupTable: storedOnly((input, context) => {
      const store = stores.get(context.region);
      if (store.resources.has('lookupTables', input.lookupTableName)) {
        throw new AwsError('ConflictException', `Lookup table ${input.lookupTableName} already exists.`);
      }
      if (input.tableBody === undefined && input.queryId === undefined) {
        throw invalidParameter('Either tableBody or queryId must be specified.');
      }
      const arn = logsArn(context, 'lookup-table', input.lookupTableName);
      const table = lookupTable(input.lookupTableName, arn, input.tableBody, input.description, input.kmsKeyId);
      store.resources.put('lookupTables', input.lookupTableName, table);
      storeInitialTags(store, arn, input.tags);
      return { lookupTableArn: arn, createdAt: table.lastUpdatedTime };
    }),
    GetLookupTable: storedOnly((input, context) => {
      const {
        tableFields: _fields,
        recordsCount: _records,
        ...table
      } = findTable(context.region, input.lookupTableArn);
      return table;
    }),
    DescribeLookupTables: storedOnly((input, context) => {
      const tables = stores
        .get(context.region)
        .resources.list<StoredLookupTable>('lookupTables')
        .filter(
          (table) =>
            input.lookupTableNamePrefix === undefined || table.lookupTableName!.startsWith(input.lookupTableNamePrefix),
        )
        .map(({ tableBody: _body, ...table }) => table);
      const { page, nextToken } = pageOf(tables, input.nextToken, input.maxResults ?? 50);
      return { lookupTables: page, ...(nextToken ? { nextToken } : {}) };
    }),
    UpdateLookupTable: storedOnly((input, context) => {
      const current = findTable(context.region, input.lookupTableArn);
      const table = lookupTable(
        current.lookupTableName!,
        current.lookupTableArn!,
        input.tableBody ?? current.tableBody,
        input.description ?? current.description,
        input.kmsKeyId ?? current.kmsKeyId,
      );
      stores.get(context.region).resources.put('lookupTables', current.lookupTableName!, table);
      return { lookupTableArn: table.lookupTableArn, lastUpdatedTime: table.lastUpdatedTime };
    }),
    DeleteLookupTable: storedOnly((input, context) => {
      const store = stores.get(context.region);
      const table = findTable(context.region, input.lookupTableArn);
      store.resources.delete('lookupTables', table.lookupTableName!);
      dropTags(store, table.lookupTableArn!);
    }),
  };
}
