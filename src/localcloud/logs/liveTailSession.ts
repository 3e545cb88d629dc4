// StartLiveTail: an `application/vnd.amazon.eventstream` response that first sends `initial-response` and
// `sessionStart` (the SDK's send() resolves on the first event), then a `sessionUpdate` every interval, and sooner
// when events arrive: they leave within DELIVERY_DELAY_MS (AWS batches about a second; a local console should feel
// live).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { matchesFilterPattern } from '../../core/logs/filterPattern';
import type { StartLiveTailRequest } from '../models/generated/logs';
import { AwsError } from '../protocol/awsError';
import { encodeExceptionEvent, encodeJsonEvent } from '../protocol/eventStreamEncoder';
import { parsePatternParameter } from './logQueries';
import type { LogStore } from './logStore';

/** An open live tail the service can end when it closes. */
export interface LiveTail {
  end(): void;
}

/** The live tails of one Logs service. */
export type LiveTailRegistry = Set<LiveTail>;

interface LiveTailContext {
  store: LogStore;
  liveTails: LiveTailRegistry;
  intervalMs: number;
  groupArn: (name: string) => string;
}

/** AWS samples an update down to 500 events. */
const MAX_EVENTS_PER_UPDATE = 500;
/** How long stored events wait before an update carries them (more arriving meanwhile join the same update). */
const DELIVERY_DELAY_MS = 50;
/** Sessions end after three hours, as on AWS. */
const SESSION_LIMIT_MS = 3 * 3600 * 1000;

/** Validates the request, then streams until the client disconnects or the service closes. */
export function startLiveTail(
  input: StartLiveTailRequest,
  requestId: string,
  response: ServerResponse,
  context: LiveTailContext,
): void {
  const identifiers = input.logGroupIdentifiers;
  const streamNames = input.logStreamNames;
  const streamPrefixes = input.logStreamNamePrefixes;
  if (streamNames && streamPrefixes) {
    throw new AwsError('InvalidParameterException', 'logStreamNames and logStreamNamePrefixes are mutually exclusive');
  }
  const patternText = input.logEventFilterPattern;
  const pattern = parsePatternParameter(patternText);
  const groups = new Map<string, string>();
  for (const identifier of identifiers) {
    const name = /:log-group:(.+?)(:\*)?$/.exec(identifier)?.[1] ?? identifier;
    context.store.requireGroup(name);
    groups.set(name, identifier);
  }

  response.writeHead(200, {
    'Content-Type': 'application/vnd.amazon.eventstream',
    'X-Amzn-RequestId': requestId,
  });
  response.write(encodeJsonEvent('initial-response', {}));
  response.write(
    encodeJsonEvent('sessionStart', {
      requestId,
      sessionId: randomUUID(),
      logGroupIdentifiers: identifiers,
      ...(streamNames ? { logStreamNames: streamNames } : {}),
      ...(streamPrefixes ? { logStreamNamePrefixes: streamPrefixes } : {}),
      ...(patternText !== undefined ? { logEventFilterPattern: patternText } : {}),
    }),
  );

  let pending: object[] = [];
  let sampled = false;
  let soon: NodeJS.Timeout | undefined;
  const unsubscribe = context.store.onEvents((group, events) => {
    const identifier = groups.get(group.logGroupName);
    if (identifier === undefined) return;
    for (const event of events) {
      if (streamNames && !streamNames.includes(event.logStreamName)) continue;
      if (streamPrefixes && !streamPrefixes.some((prefix) => event.logStreamName.startsWith(prefix))) continue;
      if (!matchesFilterPattern(pattern, event.message)) continue;
      if (pending.length >= MAX_EVENTS_PER_UPDATE) {
        sampled = true;
        continue;
      }
      pending.push({
        logStreamName: event.logStreamName,
        logGroupIdentifier: context.groupArn(group.logGroupName),
        message: event.message,
        timestamp: event.timestamp,
        ingestionTime: event.ingestionTime,
      });
    }
    if (pending.length > 0) soon ??= setTimeout(flush, Math.min(DELIVERY_DELAY_MS, context.intervalMs));
  });
  const flush = () => {
    clearTimeout(soon);
    soon = undefined;
    response.write(encodeJsonEvent('sessionUpdate', { sessionMetadata: { sampled }, sessionResults: pending }));
    pending = [];
    sampled = false;
  };
  const timer = setInterval(flush, context.intervalMs);
  const startedAt = Date.now();
  const tail: LiveTail = {
    end: () => {
      clearInterval(timer);
      clearTimeout(soon);
      unsubscribe();
      context.liveTails.delete(tail);
      if (!response.writableEnded) response.end();
    },
  };
  const limitTimer = setTimeout(() => {
    response.write(
      encodeExceptionEvent('SessionTimeoutException', `Session timed out after ${Date.now() - startedAt} ms`),
    );
    tail.end();
  }, SESSION_LIMIT_MS);
  limitTimer.unref();
  response.on('close', () => {
    clearTimeout(limitTimer);
    tail.end();
  });
  context.liveTails.add(tail);
}
