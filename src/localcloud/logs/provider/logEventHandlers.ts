// Log events: PutLogEvents (batch limits, order, too old or too new), GetLogEvents, FilterLogEvents.
import type { LogsOperations, PutLogEventsResponse } from '../../models/generated/logs';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { filterLogEvents, getLogEvents } from '../logQueries';
import type { LogStore } from '../logStore';
import { groupNameFrom, invalidParameter, type LogsProviderContext } from './logsProviderContext';

const FOURTEEN_DAYS_MS = 14 * 24 * 3600 * 1000;
const TWO_HOURS_MS = 2 * 3600 * 1000;
/** CloudWatch's batch limit: 1,048,576 bytes, counting each message's UTF-8 bytes plus 26. */
const MAX_BATCH_BYTES = 1_048_576;

export function logEventHandlers({ stores }: LogsProviderContext): ServiceProvider<LogsOperations> {
  return {
    PutLogEvents: (input, context) =>
      putLogEvents(stores.get(context.region), input.logGroupName, input.logStreamName, input.logEvents),
    GetLogEvents: (input, context) => {
      const store = stores.get(context.region);
      const group = store.requireGroup(groupNameFrom(input));
      const stream = group.streams.get(input.logStreamName);
      if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      return getLogEvents(stream, {
        startTime: input.startTime,
        endTime: input.endTime,
        nextToken: input.nextToken,
        limit: input.limit ?? 10000,
        startFromHead: input.startFromHead ?? false,
      });
    },
    FilterLogEvents: (input, context) => {
      const store = stores.get(context.region);
      const group = store.requireGroup(groupNameFrom(input));
      const result = filterLogEvents(group, {
        logStreamNames: input.logStreamNames,
        logStreamNamePrefix: input.logStreamNamePrefix,
        startTime: input.startTime,
        endTime: input.endTime,
        filterPattern: input.filterPattern,
        nextToken: input.nextToken,
        limit: input.limit ?? 10000,
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
  // CloudWatch keeps the batch but rejects events older than 14 days or more than 2 hours ahead.
  let tooOldEnd = 0;
  while (tooOldEnd < events.length && events[tooOldEnd]!.timestamp < now - FOURTEEN_DAYS_MS) tooOldEnd++;
  let tooNewStart = events.length;
  while (tooNewStart > tooOldEnd && events[tooNewStart - 1]!.timestamp > now + TWO_HOURS_MS) tooNewStart--;
  const accepted = events.slice(tooOldEnd, tooNewStart);
  if (accepted.length > 0) store.putEvents(groupName, streamName, accepted);
  else store.requireStream(groupName, streamName);
  const rejected = {
    ...(tooOldEnd > 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(tooNewStart < events.length ? { tooNewLogEventStartIndex: tooNewStart } : {}),
  };
  return Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {};
}
