// Logs Insights over the log store: StartQuery runs the query at once (core/logs/insights), so GetQueryResults
// answers Complete with the rows and statistics; DescribeQueries, StopQuery, ListLogGroupsForQuery, GetLogRecord
// (by @ptr) and GetLogGroupFields. Queries are kept in memory (AWS keeps results for 7 days).
import { randomUUID } from 'node:crypto';
import { EventFieldReader } from '../../../core/logs/insights/insightsEventFields';
import {
  compileInsightsQuery,
  runInsightsQuery,
  DEFAULT_RESULT_LIMIT,
  type InsightsResult,
  type PointedEvent,
} from '../../../core/logs/insights/insightsQueryRunner';
import { InsightsSyntaxError } from '../../../core/logs/insights/insightsSyntax';
import type { LogsOperations, QueryInfo } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import type { RequestContext, ServiceProvider } from '../../protocol/modelService';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import { firstIndexAtOrAfter, type LogEventRecord, type LogGroupState } from '../logStore';
import {
  groupNameFrom,
  invalidParameter,
  logGroupArn,
  pageOf,
  readableGroup,
  resourceNotFound,
  type LogsProviderContext,
} from './logsProviderContext';

interface QueryRecord {
  info: QueryInfo;
  groupNames: string[];
  result: InsightsResult;
}

/** Queries kept per region; the oldest go first past this many. */
const MAX_KEPT_QUERIES = 500;
const MAX_QUERY_GROUPS = 50;

export function queryHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  const queriesByRegion = new Map<string, Map<string, QueryRecord>>();
  const queriesOf = (region: string) => {
    let queries = queriesByRegion.get(region);
    if (!queries) {
      queries = new Map();
      queriesByRegion.set(region, queries);
    }
    return queries;
  };
  const requireQuery = (region: string, queryId: string) => {
    const query = queriesOf(region).get(queryId);
    if (!query) throw resourceNotFound('The specified query does not exist.');
    return query;
  };

  return {
    StartQuery: (input, context) => {
      if (input.queryLanguage !== undefined && input.queryLanguage !== 'CWLI') {
        throw invalidParameter(`The local cloud runs Logs Insights (CWLI) queries only, not ${input.queryLanguage}.`);
      }
      const identifiers = [input.logGroupName, input.logGroupNames, input.logGroupIdentifiers].filter(
        (value) => value !== undefined,
      );
      if (identifiers.length !== 1) {
        throw invalidParameter('Exactly one of logGroupName, logGroupNames and logGroupIdentifiers must be specified.');
      }
      const names = [input.logGroupName ?? [], input.logGroupNames ?? [], input.logGroupIdentifiers ?? []]
        .flat()
        .map((identifier) => groupNameFrom({ logGroupIdentifier: identifier }));
      if (names.length > MAX_QUERY_GROUPS)
        throw invalidParameter(`A query can search at most ${MAX_QUERY_GROUPS} log groups.`);
      const store = stores.get(context.region);
      const groups = names.map((name) => {
        if (!store.getGroup(name)) {
          throw resourceNotFound(
            `Log group '${name}' does not exist for account ID '${context.accountId}' (Service: AWSLogs; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: ${context.requestId}; Proxy: null)`,
          );
        }
        return readableGroup(store, name);
      });
      if (input.endTime < input.startTime) throw invalidParameter('End time should not be before the start time.');
      let compiled;
      try {
        compiled = compileInsightsQuery(input.queryString);
      } catch (error) {
        if (error instanceof InsightsSyntaxError) {
          throw new AwsError('MalformedQueryException', error.message, undefined, {
            queryCompileError: {
              location: { startCharOffset: error.start, endCharOffset: error.end },
              message: error.message,
            },
          });
        }
        throw error;
      }
      const events = eventsInRange(context, groups, input.startTime * 1000, input.endTime * 1000 + 999);
      const result = runInsightsQuery(compiled, events, input.limit ?? DEFAULT_RESULT_LIMIT);
      const queryId = randomUUID();
      const queries = queriesOf(context.region);
      queries.set(queryId, {
        info: {
          queryLanguage: 'CWLI',
          queryId,
          // AWS records the query with its source and time range spelled out.
          queryString: `SOURCE ${names.map((name) => JSON.stringify(name)).join(', ')} START=${input.startTime}000 END=${input.endTime}999 | ${input.queryString}`,
          status: 'Complete',
          createTime: Date.now(),
          logGroupName: names[0],
        },
        groupNames: names,
        result,
      });
      if (queries.size > MAX_KEPT_QUERIES) queries.delete(queries.keys().next().value!);
      return { queryId };
    },
    GetQueryResults: (input, context) => {
      const query = requireQuery(context.region, input.queryId);
      const { result } = query;
      const offset = input.nextToken === undefined ? 0 : resultOffset(input.nextToken);
      const end = input.maxItems === undefined ? result.rows.length : offset + input.maxItems;
      return {
        queryLanguage: 'CWLI',
        results: result.rows.slice(offset, end),
        statistics: {
          recordsMatched: result.recordsMatched,
          recordsScanned: result.recordsScanned,
          estimatedRecordsSkipped: 0,
          bytesScanned: result.bytesScanned,
          estimatedBytesSkipped: 0,
          logGroupsScanned: query.groupNames.length,
        },
        status: query.info.status,
        ...(end < result.rows.length ? { nextToken: encodePageToken({ offset: end }) } : {}),
      };
    },
    StopQuery: (input, context) => {
      const query = requireQuery(context.region, input.queryId);
      // Queries finish as StartQuery returns: there is never a running one to stop.
      return { success: query.info.status === 'Running' };
    },
    DescribeQueries: (input, context) => {
      const queries = [...queriesOf(context.region).values()]
        .filter((query) => input.logGroupName === undefined || query.groupNames.includes(input.logGroupName))
        .filter((query) => input.status === undefined || query.info.status === input.status)
        .filter((query) => input.queryLanguage === undefined || query.info.queryLanguage === input.queryLanguage)
        .reverse()
        .map((query) => query.info);
      const { page, nextToken } = pageOf(queries, input.nextToken, input.maxResults ?? 1000);
      return { queries: page, ...(nextToken ? { nextToken } : {}) };
    },
    ListLogGroupsForQuery: (input, context) => {
      const query = requireQuery(context.region, input.queryId);
      const arns = query.groupNames.map((name) => logGroupArn(context, name));
      const { page, nextToken } = pageOf(arns, input.nextToken, input.maxResults ?? 50);
      return { logGroupIdentifiers: page, ...(nextToken ? { nextToken } : {}) };
    },
    GetLogRecord: (input, context) => {
      const pointer = decodePageToken(
        input.logRecordPointer,
        (value): value is { g: string; s: number } =>
          typeof (value as { g?: unknown })?.g === 'string' && typeof (value as { s?: unknown })?.s === 'number',
      );
      if (!pointer) throw invalidParameter('The specified logRecordPointer is invalid.');
      const group = stores.get(context.region).getGroup(pointer.g);
      const event = group?.events.find((candidate) => candidate.sequence === pointer.s);
      if (!group || !event) throw resourceNotFound('The specified log record does not exist.');
      const record: Record<string, string> = {};
      for (const [name, value] of new EventFieldReader(insightsEvent(context, group, event)).all()) {
        if (value !== undefined && value !== null)
          record[name] = typeof value === 'object' ? String(value.milliseconds) : String(value);
      }
      return { logRecord: record };
    },
    GetLogGroupFields: (input, context) => {
      const group = readableGroup(stores.get(context.region), groupNameFrom(input));
      const until = input.time === undefined ? Number.MAX_SAFE_INTEGER : input.time * 1000;
      const end = Math.min(group.events.length, firstIndexAtOrAfter(group.events, until + 1));
      const sample = group.events.slice(Math.max(0, end - 1000), end);
      const counts = new Map<string, number>();
      for (const event of sample) {
        for (const name of new EventFieldReader(insightsEvent(context, group, event)).all().keys()) {
          counts.set(name, (counts.get(name) ?? 0) + 1);
        }
      }
      return {
        logGroupFields: [...counts].map(([name, count]) => ({
          name,
          percent: Math.round((count / sample.length) * 100),
        })),
      };
    },
  };
}

function eventsInRange(context: RequestContext, groups: LogGroupState[], from: number, to: number): PointedEvent[] {
  const events: PointedEvent[] = [];
  for (const group of groups) {
    for (let index = firstIndexAtOrAfter(group.events, from); index < group.events.length; index++) {
      const event = group.events[index]!;
      if (event.timestamp > to) break;
      events.push(insightsEvent(context, group, event));
    }
  }
  return events;
}

function insightsEvent(context: RequestContext, group: LogGroupState, event: LogEventRecord): PointedEvent {
  return {
    timestamp: event.timestamp,
    ingestionTime: event.ingestionTime,
    message: event.message,
    logStream: event.logStreamName,
    log: `${context.accountId}:${group.logGroupName}`,
    pointer: () => encodePageToken({ g: group.logGroupName, s: event.sequence }),
  };
}

function resultOffset(token: string): number {
  const cursor = decodePageToken(
    token,
    (value): value is { offset: number } => typeof (value as { offset?: unknown })?.offset === 'number',
  );
  if (!cursor) throw invalidParameter('The specified nextToken is invalid.');
  return cursor.offset;
}
