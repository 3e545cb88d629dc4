import { randomUUID } from 'node:crypto';
import { WorkbenchError } from '../errors';
import { LOCAL_ACCOUNT_ID, partitionOf, type StackIdentity } from '../template/resolve/stackIdentity';

/** Where and when a generated event happens: the values every generator stamps into its event. */
export interface EventContext extends StackIdentity {
  /** The event's moment; every timestamp in the event derives from it. */
  now: Date;
  /** A fresh request or message id. */
  newUuid(): string;
}

/** What a caller may set on an event context; everything else gets a plausible default. */
export interface EventContextOptions {
  region?: string;
  accountId?: string;
  stackName?: string;
  now?: Date;
  newUuid?: () => string;
}

export const DEFAULT_REGION = 'us-east-1';
/** `sam init` and `sam deploy --guided` propose this stack name. */
export const DEFAULT_STACK_NAME = 'sam-app';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** Builds a context, rejecting a malformed region, account id or stack name with a clear error. */
export function createEventContext(options: EventContextOptions = {}): EventContext {
  const region = options.region ?? DEFAULT_REGION;
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const stackName = options.stackName ?? DEFAULT_STACK_NAME;
  if (!REGION_PATTERN.test(region)) {
    throw new WorkbenchError(`"${region}" is not an AWS region code.`, {
      code: 'InvalidRegion',
      hint: 'Use a region code such as us-east-1 or eu-west-2.',
    });
  }
  if (!ACCOUNT_PATTERN.test(accountId)) {
    throw new WorkbenchError(`"${accountId}" is not an AWS account id.`, {
      code: 'InvalidAccountId',
      hint: 'An account id is 12 digits, such as 123456789012.',
    });
  }
  if (!STACK_NAME_PATTERN.test(stackName)) {
    throw new WorkbenchError(`"${stackName}" is not a valid stack name.`, {
      code: 'InvalidStackName',
      hint: 'A stack name starts with a letter and holds only letters, digits and hyphens (128 at most).',
    });
  }
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) {
    throw new WorkbenchError('The event time is not a valid date.', { code: 'InvalidEventTime' });
  }
  return { region, accountId, partition: partitionOf(region), stackName, now, newUuid: options.newUuid ?? randomUUID };
}

/** Fresh random hex digits from the context's UUID source, for message ids and hashes that need no stability. */
export function randomHex(context: EventContext, length: number): string {
  let result = '';
  while (result.length < length) result += context.newUuid().replace(/-/g, '');
  return result.slice(0, length);
}

/** An X-Ray trace header (`Root=1-<epoch hex>-<24 hex>`), as load balancers and SQS attach them. */
export function newTraceHeader(context: EventContext): string {
  return `Root=1-${Math.floor(context.now.getTime() / 1000).toString(16)}-${randomHex(context, 24)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** Apache common-log time, as API Gateway writes `requestTime`: `09/Apr/2015:12:34:56 +0000`. */
export function formatCommonLogTime(date: Date): string {
  const day = twoDigits(date.getUTCDate());
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  const time = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(twoDigits).join(':');
  return `${day}/${month}/${date.getUTCFullYear()}:${time} +0000`;
}

/** ISO-8601 without milliseconds, as EventBridge writes `time`: `2015-10-08T16:53:06Z`. */
export function formatIsoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** RFC 2822 time, as mail headers carry it: `Wed, 07 Oct 2015 12:34:56 +0000`. */
export function formatMailDate(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/** The time format the RabbitMQ event source writes in `basicProperties.timestamp`: `Jan 1, 1970, 12:33:41 AM`. */
export function formatRabbitTimestamp(date: Date): string {
  const hours = date.getUTCHours();
  const clock = [hours % 12 === 0 ? 12 : hours % 12, twoDigits(date.getUTCMinutes()), twoDigits(date.getUTCSeconds())];
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${clock.join(':')} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** Epoch seconds with milliseconds as a fraction, as Kinesis writes `approximateArrivalTimestamp`. */
export function epochSecondsWithFraction(date: Date): number {
  return date.getTime() / 1000;
}

/** Whole epoch seconds, as DynamoDB Streams writes `ApproximateCreationDateTime`. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
