import { gzipSync } from 'node:zlib';
import type { CloudWatchLogsDecodedData, CloudWatchLogsEvent, EventBridgeEvent, ScheduledEvent } from 'aws-lambda';
import { ID_ALPHABETS, stableId } from '../template/resolve/stableId';
import { regionalArn } from '../template/resolve/stackIdentity';
import { formatIsoSeconds, randomHex, type EventContext } from './eventContext';

/** Options for a custom EventBridge event (what `PutEvents` delivers through a rule). */
export interface EventBridgeEventOptions {
  /** Default `com.example.orders`. */
  source?: string;
  /** Default `OrderPlaced`. */
  detailType?: string;
  /** Default: a small order. */
  detail?: unknown;
  resources?: string[];
  /** Overrides the context's account and region fields (cross-account or cross-region events). */
  account?: string;
  region?: string;
}

/** Options for a scheduled event. */
export interface ScheduledEventOptions {
  /** The rule (EventBridge rules) or schedule (EventBridge Scheduler) name. Default `my-schedule`. */
  name?: string;
  /** `rule` for an EventBridge scheduled rule (SAM `Schedule`), `scheduler` for EventBridge Scheduler (`ScheduleV2`). */
  service?: 'rule' | 'scheduler';
  /** EventBridge Scheduler's schedule group. Default `default`. */
  groupName?: string;
  /** A custom event bus (rules only). */
  eventBusName?: string;
}

/** Options for a CloudWatch Logs subscription filter event. */
export interface CloudWatchLogsEventOptions {
  /** Default `/aws/lambda/my-function`. */
  logGroup?: string;
  logStream?: string;
  /** Default `my-subscription-filter`. */
  filterName?: string;
  /** The log messages; default a short Lambda invocation. */
  messages?: string[];
}

/** A custom event delivered by an EventBridge rule. */
export function generateEventBridgeEvent(
  options: EventBridgeEventOptions,
  context: EventContext,
): EventBridgeEvent<string, unknown> {
  return {
    version: '0',
    id: context.newUuid(),
    'detail-type': options.detailType ?? 'OrderPlaced',
    source: options.source ?? 'com.example.orders',
    account: options.account ?? context.accountId,
    time: formatIsoSeconds(context.now),
    region: options.region ?? context.region,
    resources: options.resources ?? [],
    detail: options.detail === undefined ? { orderId: 'order-123', amount: 42.5, currency: 'USD' } : options.detail,
  };
}

/** The ARN of the rule or schedule that fires a scheduled event. */
export function scheduleArn(options: ScheduledEventOptions, context: EventContext): string {
  const name = options.name ?? 'my-schedule';
  if (options.service === 'scheduler') {
    return regionalArn(context, 'scheduler', `schedule/${options.groupName ?? 'default'}/${name}`);
  }
  const bus = options.eventBusName && options.eventBusName !== 'default' ? `${options.eventBusName}/` : '';
  return regionalArn(context, 'events', `rule/${bus}${name}`);
}

/**
 * The event a schedule sends when it has no `Input`. EventBridge rules send `aws.events` with an empty detail
 * object; EventBridge Scheduler's default notification comes from `aws.scheduler` with `"{}"` as detail text.
 */
export function generateScheduledEvent(options: ScheduledEventOptions, context: EventContext): ScheduledEvent {
  const scheduler = options.service === 'scheduler';
  return {
    version: '0',
    id: context.newUuid(),
    'detail-type': 'Scheduled Event',
    source: scheduler ? 'aws.scheduler' : 'aws.events',
    account: context.accountId,
    time: formatIsoSeconds(context.now),
    region: context.region,
    resources: [scheduleArn(options, context)],
    detail: scheduler ? '{}' : {},
  };
}

/** The stream name Lambda gives an execution environment's logs: `YYYY/MM/DD/[$LATEST]<32 hex>`. */
export function lambdaLogStreamName(context: EventContext): string {
  const day = context.now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${stableId(`stream:${day}`, 32, ID_ALPHABETS.hex)}`;
}

/** The payload of a subscription delivery before compression, for callers that want to see it. */
export function buildCloudWatchLogsData(
  options: CloudWatchLogsEventOptions,
  context: EventContext,
): CloudWatchLogsDecodedData {
  const requestId = context.newUuid();
  const messages = options.messages ?? [
    `START RequestId: ${requestId} Version: $LATEST`,
    `${context.now.toISOString()}\t${requestId}\tINFO\tHello from Lambda!`,
    `END RequestId: ${requestId}`,
  ];
  const time = context.now.getTime();
  return {
    messageType: 'DATA_MESSAGE',
    owner: context.accountId,
    logGroup: options.logGroup ?? '/aws/lambda/my-function',
    logStream: options.logStream ?? lambdaLogStreamName(context),
    subscriptionFilters: [options.filterName ?? 'my-subscription-filter'],
    logEvents: messages.map((message, index) => ({
      // Event ids are 56-digit decimals that start with the event time.
      id: `${BigInt(time + index) * 10n ** 42n + (BigInt(`0x${randomHex(context, 20)}`) % 10n ** 42n)}`.padStart(
        56,
        '0',
      ),
      timestamp: time + index,
      message,
    })),
  };
}

/** A subscription filter delivery: the payload gzipped and base64-encoded under `awslogs.data`, as on AWS. */
export function generateCloudWatchLogsEvent(
  options: CloudWatchLogsEventOptions,
  context: EventContext,
): CloudWatchLogsEvent {
  const payload = buildCloudWatchLogsData(options, context);
  return { awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload), 'utf8')).toString('base64') } };
}
