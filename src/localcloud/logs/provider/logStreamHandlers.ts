// Log streams: create, delete, describe (by name or last event time, paging).
import type { LogsOperations } from '../../models/generated/logs';
import type { ServiceProvider } from '../../protocol/modelService';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import { sequenceToken } from './logEventHandlers';
import { refuseProtectedDeletion } from './logGroupHandlers';
import {
  groupNameFrom,
  invalidParameter,
  logGroupArn,
  readableGroup,
  type LogsProviderContext,
} from './logsProviderContext';

export function logStreamHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    CreateLogStream: (input, context) => {
      const store = stores.get(context.region);
      store.createStream(input.logGroupName, input.logStreamName);
    },
    DeleteLogStream: (input, context) => {
      const store = stores.get(context.region);
      refuseProtectedDeletion(store.requireGroup(input.logGroupName));
      store.deleteStream(input.logGroupName, input.logStreamName);
    },
    DescribeLogStreams: (input, context) => {
      const store = stores.get(context.region);
      const group = readableGroup(store, groupNameFrom(input));
      const prefix = input.logStreamNamePrefix;
      const orderBy = input.orderBy ?? 'LogStreamName';
      if (orderBy === 'LastEventTime' && prefix !== undefined) {
        throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const limit = input.limit ?? 50;
      const offset = pageOffset(input.nextToken);
      const lastTime = (name: string) => group.streams.get(name)?.events.at(-1)?.timestamp ?? 0;
      let streams = [...group.streams.values()].filter(
        (stream) => prefix === undefined || stream.logStreamName.startsWith(prefix),
      );
      streams.sort((a, b) =>
        orderBy === 'LastEventTime'
          ? lastTime(a.logStreamName) - lastTime(b.logStreamName)
          : a.logStreamName < b.logStreamName
            ? -1
            : a.logStreamName > b.logStreamName
              ? 1
              : 0,
      );
      if (input.descending) streams = streams.reverse();
      const page = streams.slice(offset, offset + limit);
      return {
        logStreams: page.map((stream) => ({
          logStreamName: stream.logStreamName,
          creationTime: stream.creationTime,
          firstEventTimestamp: stream.events[0]?.timestamp,
          lastEventTimestamp: stream.events.at(-1)?.timestamp,
          lastIngestionTime: stream.lastIngestionTime,
          // A stream that never received an event has no upload sequence token yet.
          ...(stream.events.length > 0 ? { uploadSequenceToken: sequenceToken(stream) } : {}),
          arn: `${logGroupArn(context, group.logGroupName)}:log-stream:${stream.logStreamName}`,
          // CloudWatch stopped reporting stream sizes in 2019: always 0.
          storedBytes: 0,
        })),
        ...(offset + limit < streams.length ? { nextToken: encodePageToken({ offset: offset + limit }) } : {}),
      };
    },
  };
}

function pageOffset(token: string | undefined): number {
  if (token === undefined) return 0;
  const cursor = decodePageToken(
    token,
    (value): value is { offset: number } => typeof (value as { offset?: unknown })?.offset === 'number',
  );
  if (!cursor) throw invalidParameter('The specified nextToken is invalid.');
  return cursor.offset;
}
