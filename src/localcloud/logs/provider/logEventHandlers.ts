// Log events: PutLogEvents (batch limits, order, too old or too new), GetLogEvents, FilterLogEvents.
import type { LogsOperations, PutLogEventsResponse } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { filterLogEvents, getLogEvents } from '../logQueries';
import type { LogStore, LogStreamState } from '../logStore';
import { groupNameFrom, invalidParameter, readableGroup, type LogsProviderContext } from './logsProviderContext';

const FOURTEEN_DAYS_MS = 14 * 24 * 3600 * 1000;
const TWO_HOURS_MS = 2 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
/** CloudWatch's batch limit: 1,048,576 bytes, counting each message's UTF-8 bytes plus 26. */
const MAX_BATCH_BYTES = 1_048_576;

export function logEventHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    PutLogEvents: (input, context) =>
      putLogEvents(stores.get(context.region), input.logGroupName, input.logStreamName, input.logEvents),
    GetLogEvents: (input, context) => {
      const store = stores.get(context.region);
      const group = readableGroup(store, groupNameFrom(input));
      const stream = group.streams.get(input.logStreamName);
      if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      return getLogEvents(stream, {
        startTime: input.startTime,
        endTime: input.endTime,
        nextToken: input.nextToken,
        limit: input.limit,
        startFromHead: input.startFromHead ?? false,
      });
    },
    FilterLogEvents: (input, context) => {
      const store = stores.get(context.region);
      const group = readableGroup(store, groupNameFrom(input));
      const result = filterLogEvents(group, {
        logStreamNames: input.logStreamNames,
        logStreamNamePrefix: input.logStreamNamePrefix,
        startTime: input.startTime,
        endTime: input.endTime,
        filterPattern: input.filterPattern,
        nextToken: input.nextToken,
        limit: input.limit ?? 10000,
        startFromHead: input.startFromHead,
      });
      return {
        events: result.events,
        searchedLogStreams: [],
        ...(result.nextToken ? { nextToken: result.nextToken } : {}),
      };
    },
  };
}

function putLogEvents(
  store: LogStore,
  groupName: string,
  streamName: string,
  events: { timestamp: number; message: string }[],
): PutLogEventsResponse {
  const batchBytes = events.reduce((total, event) => total + Buffer.byteLength(event.message) + 26, 0);
  if (batchBytes > MAX_BATCH_BYTES) {
    throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  }
  for (let index = 1; index < events.length; index++) {
    if (events[index]!.timestamp < events[index - 1]!.timestamp) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }
  const now = Date.now();
  const stream = store.requireStream(groupName, streamName);
  // CloudWatch keeps the batch but rejects events older than 14 days, older than the group's retention
  // (expired), or more than 2 hours ahead.
  const retentionDays = store.requireGroup(groupName).settings.retentionInDays;
  let tooOldEnd = 0;
  while (tooOldEnd < events.length && events[tooOldEnd]!.timestamp < now - FOURTEEN_DAYS_MS) tooOldEnd++;
  let expiredEnd = tooOldEnd;
  if (retentionDays !== undefined) {
    const cutoff = now - retentionDays * DAY_MS;
    while (expiredEnd < events.length && events[expiredEnd]!.timestamp < cutoff) expiredEnd++;
  }
  let tooNewStart = events.length;
  while (tooNewStart > expiredEnd && events[tooNewStart - 1]!.timestamp > now + TWO_HOURS_MS) tooNewStart--;
  const accepted = events.slice(expiredEnd, tooNewStart);
  // Of the events CloudWatch keeps, the first and last may be at most 24 hours apart.
  if (accepted.length > 1 && accepted.at(-1)!.timestamp - accepted[0]!.timestamp > DAY_MS) {
    throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }
  if (accepted.length > 0) store.putEvents(groupName, streamName, accepted);
  const rejected = {
    ...(tooNewStart < events.length ? { tooNewLogEventStartIndex: tooNewStart } : {}),
    ...(tooOldEnd > 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(expiredEnd > tooOldEnd ? { expiredLogEventEndIndex: expiredEnd } : {}),
  };
  return {
    nextSequenceToken: sequenceToken(stream),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
  };
}

/**
 * The stream's upload sequence token, 56 digits as CloudWatch's. CloudWatch no longer checks the token a
 * PutLogEvents sends, but still answers one; it changes with every accepted event.
 */
export function sequenceToken(stream: LogStreamState): string {
  return String(stream.events.length + 1).padStart(56, '0');
}
