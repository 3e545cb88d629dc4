// CloudWatch Logs over awsJson1_1: `POST /` with `X-Amz-Target: Logs_20140328.<Operation>`.
import type { ServerResponse } from 'node:http';
import type { LocalCloudService, ServiceRequest, ServiceRequestHead } from '../localCloudService';
import { AwsError } from '../protocol/awsError';
import { sendAwsJson, sendAwsJsonError } from '../protocol/awsJsonProtocol';
import { decodePageToken, encodePageToken, JsonInput } from '../protocol/jsonInput';
import { startLiveTail, type LiveTailRegistry } from './liveTailSession';
import { filterLogEvents, getLogEvents } from './logQueries';
import type { LogGroupState, LogStore } from './logStore';

/** What the Logs service needs. */
export interface LogsServiceOptions {
  store: LogStore;
  region: string;
  accountId: string;
  liveTailIntervalMs: number;
}

const TARGET_PREFIX = 'Logs_20140328.';
/** PutLogEvents accepts at most 1,048,576 bytes a batch; leave room for the JSON around the messages. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const FOURTEEN_DAYS_MS = 14 * 24 * 3600 * 1000;
const TWO_HOURS_MS = 2 * 3600 * 1000;

type Operation = (input: JsonInput, request: ServiceRequest, response: ServerResponse) => unknown;

/** Creates the Logs service. */
export function createLogsService(options: LogsServiceOptions): LocalCloudService {
  const { store } = options;
  const liveTails: LiveTailRegistry = new Set();
  const groupArn = (name: string) => `arn:aws:logs:${options.region}:${options.accountId}:log-group:${name}`;

  /** Accepts a name or an ARN (`...:log-group:<name>` with or without `:*`). */
  const groupNameFrom = (input: JsonInput): string => {
    const identifier = input.string('logGroupIdentifier') ?? input.requiredString('logGroupName');
    const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
    return arn?.[1] ?? identifier;
  };
  const validGroupName = (name: string): string => {
    if (!LOG_GROUP_NAME.test(name)) {
      throw invalidParameter(
        `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`,
      );
    }
    return name;
  };
  const validStreamName = (name: string): string => {
    if (name.length > 512 || /[:*]/.test(name)) {
      throw invalidParameter(
        `1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`,
      );
    }
    return name;
  };
  const describeGroup = (group: LogGroupState) => ({
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    metricFilterCount: 0,
    arn: `${groupArn(group.logGroupName)}:*`,
    logGroupArn: groupArn(group.logGroupName),
    storedBytes: group.storedBytes,
    logGroupClass: 'STANDARD',
  });

  const operations: Record<string, Operation> = {
    CreateLogGroup: (input) => {
      store.createGroup(validGroupName(input.requiredString('logGroupName')));
      return {};
    },
    DeleteLogGroup: (input) => {
      store.deleteGroup(input.requiredString('logGroupName'));
      return {};
    },
    CreateLogStream: (input) => {
      store.createStream(input.requiredString('logGroupName'), validStreamName(input.requiredString('logStreamName')));
      return {};
    },
    DeleteLogStream: (input) => {
      store.deleteStream(input.requiredString('logGroupName'), input.requiredString('logStreamName'));
      return {};
    },
    DescribeLogGroups: (input) => {
      const prefix = input.string('logGroupNamePrefix');
      const pattern = input.string('logGroupNamePattern');
      if (prefix !== undefined && pattern !== undefined) {
        throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      }
      const limit = input.integerInRange('limit', 1, 50) ?? 50;
      const after = pageAfter(input.string('nextToken'));
      const groups = store
        .listGroups()
        .filter((group) => prefix === undefined || group.logGroupName.startsWith(prefix))
        .filter((group) => pattern === undefined || group.logGroupName.toLowerCase().includes(pattern.toLowerCase()))
        .filter((group) => after === undefined || group.logGroupName > after);
      const page = groups.slice(0, limit);
      const last = page[page.length - 1];
      return {
        logGroups: page.map(describeGroup),
        ...(groups.length > limit && last ? { nextToken: encodePageToken({ after: last.logGroupName }) } : {}),
      };
    },
    DescribeLogStreams: (input) => {
      const group = store.requireGroup(groupNameFrom(input));
      const prefix = input.string('logStreamNamePrefix');
      const orderBy = input.string('orderBy') ?? 'LogStreamName';
      if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime')
        throw invalidParameter(`Invalid orderBy: ${orderBy}`);
      if (orderBy === 'LastEventTime' && prefix !== undefined) {
        throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const limit = input.integerInRange('limit', 1, 50) ?? 50;
      const offset = pageOffset(input.string('nextToken'));
      const lastTime = (name: string) => group.streams.get(name)?.events.at(-1)?.timestamp ?? 0;
      let streams = [...group.streams.values()].filter(
        (s) => prefix === undefined || s.logStreamName.startsWith(prefix),
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
      if (input.boolean('descending')) streams = streams.reverse();
      const page = streams.slice(offset, offset + limit);
      return {
        logStreams: page.map((stream) => ({
          logStreamName: stream.logStreamName,
          creationTime: stream.creationTime,
          firstEventTimestamp: stream.events[0]?.timestamp,
          lastEventTimestamp: stream.events.at(-1)?.timestamp,
          lastIngestionTime: stream.lastIngestionTime,
          arn: `${groupArn(group.logGroupName)}:log-stream:${stream.logStreamName}`,
          storedBytes: 0,
        })),
        ...(offset + limit < streams.length ? { nextToken: encodePageToken({ offset: offset + limit }) } : {}),
      };
    },
    PutLogEvents: (input) => putLogEvents(store, input),
    GetLogEvents: (input) => {
      const group = store.requireGroup(groupNameFrom(input));
      const stream = group.streams.get(input.requiredString('logStreamName'));
      if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
      return getLogEvents(stream, {
        startTime: input.number('startTime'),
        endTime: input.number('endTime'),
        nextToken: input.string('nextToken'),
        limit: input.integerInRange('limit', 1, 10000) ?? 10000,
        startFromHead: input.boolean('startFromHead') ?? false,
      });
    },
    FilterLogEvents: (input) => {
      const group = store.requireGroup(groupNameFrom(input));
      const result = filterLogEvents(group, {
        logStreamNames: input.stringList('logStreamNames'),
        logStreamNamePrefix: input.string('logStreamNamePrefix'),
        startTime: input.number('startTime'),
        endTime: input.number('endTime'),
        filterPattern: input.string('filterPattern'),
        nextToken: input.string('nextToken'),
        limit: input.integerInRange('limit', 1, 10000) ?? 10000,
      });
      return {
        events: result.events,
        searchedLogStreams: [],
        ...(result.nextToken ? { nextToken: result.nextToken } : {}),
      };
    },
    StartLiveTail: (input, request, response) =>
      startLiveTail(input, request, response, { store, liveTails, intervalMs: options.liveTailIntervalMs, groupArn }),
  };

  return {
    signingName: 'logs',
    bodyLimit: () => MAX_BODY_BYTES,
    bodyTooLargeError: () =>
      new AwsError('InvalidParameterException', 'Upload too large: the request body exceeds 1,048,576 bytes', 413),
    sendError: (head: ServiceRequestHead, response, error) => sendAwsJsonError(response, head.requestId, error),
    handle: async (request, response) => {
      const target = request.headers['x-amz-target'];
      const operationName =
        typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
      const operation = Object.prototype.hasOwnProperty.call(operations, operationName)
        ? operations[operationName]
        : undefined;
      if (!operation) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${JSON.stringify(target ?? '')}`);
      }
      if (request.method !== 'POST')
        throw new AwsError('UnknownOperationException', `${request.method} is not supported; use POST`);
      const input = JsonInput.parse(
        request.body,
        () => new AwsError('SerializationException', 'Start of structure or map found where not expected.'),
        invalidParameter,
      );
      const result = await operation(input, request, response);
      if (!response.headersSent) sendAwsJson(response, request.requestId, result);
    },
    close: () => {
      for (const tail of liveTails) tail.end();
      return Promise.resolve();
    },
  };
}

function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

function putLogEvents(store: LogStore, input: JsonInput) {
  const groupName = input.requiredString('logGroupName');
  const streamName = input.requiredString('logStreamName');
  const raw = input.list('logEvents') ?? [];
  if (raw.length === 0 || raw.length > 10000) {
    throw invalidParameter(
      `1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length between 1 and 10000`,
    );
  }
  const events = raw.map((item) => {
    const event = item as { timestamp?: unknown; message?: unknown };
    if (typeof event?.timestamp !== 'number' || typeof event.message !== 'string') {
      throw invalidParameter('Each log event needs a numeric timestamp and a string message');
    }
    return { timestamp: event.timestamp, message: event.message };
  });
  // CloudWatch's batch limit: 1,048,576 bytes, counting each message's UTF-8 bytes plus 26.
  const batchBytes = events.reduce((total, event) => total + Buffer.byteLength(event.message) + 26, 0);
  if (batchBytes > 1_048_576) {
    throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of 1048576`);
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

function pageAfter(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const cursor = decodePageToken(
    token,
    (value): value is { after: string } => typeof (value as { after?: unknown })?.after === 'string',
  );
  if (!cursor) throw invalidParameter('The specified nextToken is invalid.');
  return cursor.after;
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
