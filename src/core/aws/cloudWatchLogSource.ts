// The tail engine's LogEventSource over AWS SDK v3: FilterLogEvents and StartLiveTail with their errors turned into
// the engine's (group not found, throttled, live tail unavailable). Shared by the CLI and the editor.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { WorkbenchError } from '../errors';
import {
  LiveTailUnavailableError,
  LogGroupNotFoundError,
  ThrottledError,
  type FilterPage,
  type FilterQuery,
  type LiveTailQuery,
  type LiveTailUpdate,
  type LogEventSource,
  type TailedLogEvent,
} from '../logs/logEventSource';
import type * as awsClients from './awsClients';

type LogsModule = typeof awsClients.logs;

/** Errors that mean "this backend has no (usable) StartLiveTail": the tail polls instead. */
const LIVE_TAIL_UNAVAILABLE = new Set([
  'UnknownOperationException',
  'InvalidAction',
  'NotImplemented',
  'NotImplementedException',
  'InternalFailure',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidOperationException',
]);
const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'LimitExceededException']);

interface SdkError {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** A LogEventSource for a CloudWatch Logs client; `liveTail: false` leaves StartLiveTail out (polling only). */
export function createCloudWatchLogSource(
  logs: LogsModule,
  client: CloudWatchLogsClient,
  options: { liveTail: boolean },
): LogEventSource {
  const groupArns = new Map<string, string>();
  const source: LogEventSource = {
    async filterLogEvents(query: FilterQuery, signal: AbortSignal): Promise<FilterPage> {
      try {
        const answer = await client.send(
          new logs.FilterLogEventsCommand({
            logGroupName: query.logGroupName,
            startTime: query.startTime,
            ...(query.endTime !== undefined ? { endTime: query.endTime } : {}),
            ...(query.filterPattern ? { filterPattern: query.filterPattern } : {}),
            ...(query.nextToken !== undefined ? { nextToken: query.nextToken } : {}),
          }),
          { abortSignal: signal },
        );
        const events: TailedLogEvent[] = (answer.events ?? []).map((event) => ({
          logGroupName: query.logGroupName,
          logStreamName: event.logStreamName ?? '',
          timestamp: event.timestamp ?? 0,
          message: event.message ?? '',
          ...(event.ingestionTime !== undefined ? { ingestionTime: event.ingestionTime } : {}),
          ...(event.eventId !== undefined ? { eventId: event.eventId } : {}),
        }));
        return { events, ...(answer.nextToken ? { nextToken: answer.nextToken } : {}) };
      } catch (error) {
        throw translate(error, query.logGroupName, query.filterPattern);
      }
    },
  };
  if (!options.liveTail) return source;
  source.startLiveTail = async (query: LiveTailQuery, signal: AbortSignal) => {
    const identifiers = await Promise.all(query.logGroupNames.map((name) => groupArn(name)));
    let answer;
    try {
      answer = await client.send(
        new logs.StartLiveTailCommand({
          logGroupIdentifiers: identifiers,
          ...(query.filterPattern ? { logEventFilterPattern: query.filterPattern } : {}),
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      const shape = error as SdkError;
      const status = shape.$metadata?.httpStatusCode;
      if (LIVE_TAIL_UNAVAILABLE.has(shape.name ?? '') || status === 404 || status === 501) {
        throw new LiveTailUnavailableError(`${shape.name ?? 'error'}: ${shape.message ?? ''}`.trim());
      }
      throw translate(error, query.logGroupNames.join(', '), query.filterPattern);
    }
    const stream = answer.responseStream;
    if (!stream) throw new LiveTailUnavailableError('the answer had no event stream');
    return updatesOf(stream);
  };
  return source;

  /** StartLiveTail takes ARNs on AWS: ask DescribeLogGroups once per group (names work against the local cloud). */
  async function groupArn(name: string): Promise<string> {
    if (name.startsWith('arn:')) return name;
    const known = groupArns.get(name);
    if (known) return known;
    try {
      const answer = await client.send(new logs.DescribeLogGroupsCommand({ logGroupNamePrefix: name, limit: 5 }));
      const match = answer.logGroups?.find((group) => group.logGroupName === name);
      const arn = match?.logGroupArn ?? match?.arn?.replace(/:\*$/, '');
      if (!match) throw new LogGroupNotFoundError(name);
      groupArns.set(name, arn ?? name);
      return arn ?? name;
    } catch (error) {
      throw translate(error, name, undefined);
    }
  }
}

async function* updatesOf(
  stream: AsyncIterable<awsClients.logs.StartLiveTailResponseStream>,
): AsyncGenerator<LiveTailUpdate> {
  for await (const item of stream) {
    if (item.sessionUpdate) {
      yield {
        sampled: item.sessionUpdate.sessionMetadata?.sampled === true,
        events: (item.sessionUpdate.sessionResults ?? []).map((event) => ({
          logGroupName: groupNameOf(event.logGroupIdentifier ?? ''),
          logStreamName: event.logStreamName ?? '',
          timestamp: event.timestamp ?? 0,
          message: event.message ?? '',
          ...(event.ingestionTime !== undefined ? { ingestionTime: event.ingestionTime } : {}),
        })),
      };
    } else if (item.SessionTimeoutException) {
      throw new Error(`SessionTimeoutException: ${item.SessionTimeoutException.message ?? 'the session timed out'}`);
    } else if (item.SessionStreamingException) {
      throw new Error(`SessionStreamingException: ${item.SessionStreamingException.message ?? 'the stream failed'}`);
    }
  }
}

/** `arn:aws:logs:us-east-1:123:log-group:/aws/lambda/x` (with or without `:*`) -> `/aws/lambda/x`. */
export function groupNameOf(identifier: string): string {
  return /:log-group:(.+?)(?::\*)?$/.exec(identifier)?.[1] ?? identifier;
}

function translate(error: unknown, groups: string, pattern: string | undefined): unknown {
  if (error instanceof LogGroupNotFoundError || error instanceof WorkbenchError) return error;
  const shape = error as SdkError;
  if (shape?.name === 'ResourceNotFoundException') return new LogGroupNotFoundError(groups);
  if (THROTTLED.has(shape?.name ?? '') || shape?.$metadata?.httpStatusCode === 429) {
    return new ThrottledError(shape.message ?? 'Rate exceeded');
  }
  if (shape?.name === 'InvalidParameterException' && pattern && /pattern/i.test(shape.message ?? '')) {
    return new WorkbenchError(`CloudWatch rejected the filter pattern ${JSON.stringify(pattern)}`, {
      code: 'InvalidFilterPattern',
      hint: 'Filter patterns: terms ("ERROR timeout"), ?alternatives, -exclusions, quoted phrases, or JSON such as { $.level = "ERROR" }.',
      cause: error,
    });
  }
  return error;
}
