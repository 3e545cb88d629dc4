// Log groups: create, delete, describe (prefix or pattern, paging).
import type { LogGroup, LogsOperations } from '../../models/generated/logs';
import type { RequestContext, ServiceProvider } from '../../protocol/modelService';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import type { LogGroupState } from '../logStore';
import { invalidParameter, logGroupArn, type LogsProviderContext } from './logsProviderContext';

export function logGroupHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  const describeGroup = (context: RequestContext, group: LogGroupState): LogGroup => ({
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    metricFilterCount: 0,
    arn: `${logGroupArn(context, group.logGroupName)}:*`,
    logGroupArn: logGroupArn(context, group.logGroupName),
    storedBytes: group.storedBytes,
    logGroupClass: 'STANDARD',
  });

  return {
    CreateLogGroup: (input, context) => {
      const store = stores.get(context.region);
      store.createGroup(input.logGroupName);
    },
    DeleteLogGroup: (input, context) => {
      const store = stores.get(context.region);
      store.deleteGroup(input.logGroupName);
    },
    DescribeLogGroups: (input, context) => {
      const store = stores.get(context.region);
      const { logGroupNamePrefix: prefix, logGroupNamePattern: pattern } = input;
      if (prefix !== undefined && pattern !== undefined) {
        throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      }
      const limit = input.limit ?? 50;
      const after = pageAfter(input.nextToken);
      const groups = store
        .listGroups()
        .filter((group) => prefix === undefined || group.logGroupName.startsWith(prefix))
        .filter((group) => pattern === undefined || group.logGroupName.toLowerCase().includes(pattern.toLowerCase()))
        .filter((group) => after === undefined || group.logGroupName > after);
      const page = groups.slice(0, limit);
      const last = page.at(-1);
      return {
        logGroups: page.map((group) => describeGroup(context, group)),
        ...(groups.length > limit && last ? { nextToken: encodePageToken({ after: last.logGroupName }) } : {}),
      };
    },
  };
}

function pageAfter(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const cursor = decodePageToken(
    token,
    (value): value is { after: string } => typeof (value as { after?: unknown })?.after === 'string',
  );
  if (!cursor) throw invalidParameter('The specified nextToken is invalid.');
  return cursor.after;
}
