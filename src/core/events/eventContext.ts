import { createHash, randomUUID } from 'node:crypto';
import { WorkbenchError } from '../errors';

/** Where and when a generated event happens: the values every generator stamps into its event. */
export interface EventContext {
  region: string;
  accountId: string;
  /** `aws`, `aws-cn` or `aws-us-gov`, from the region. */
  partition: string;
  /** The stack name used for CloudFormation-generated physical names (`<stack>-<LogicalId>-<suffix>`). */
  stackName: string;
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
export const DEFAULT_ACCOUNT_ID = '123456789012';
/** `sam init` and `sam deploy --guided` propose this stack name. */
export const DEFAULT_STACK_NAME = 'sam-app';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_PATTERN = /^\d{12}$/;
const STACK_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;

/** Builds a context, rejecting a malformed region, account id or stack name with a clear error. */
export function createEventContext(options: EventContextOptions = {}): EventContext {
  const region = options.region ?? DEFAULT_REGION;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
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

/** The ARN partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The DNS suffix of the partition's service endpoints (AWS::URLSuffix). */
export function urlSuffixOf(context: EventContext): string {
  return context.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** A regional ARN in the context's partition, region and account. */
export function regionalArn(context: EventContext, service: string, resource: string): string {
  return `arn:${context.partition}:${service}:${context.region}:${context.accountId}:${resource}`;
}

/** An S3 bucket ARN: S3 bucket ARNs carry neither region nor account. */
export function bucketArn(context: EventContext, bucketName: string): string {
  return `arn:${context.partition}:s3:::${bucketName}`;
}

/** The URL SQS gives a queue (what `Ref` returns for AWS::SQS::Queue). */
export function queueUrl(context: EventContext, queueName: string): string {
  return `https://sqs.${context.region}.${urlSuffixOf(context)}/${context.accountId}/${queueName}`;
}

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const MIXED_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';

/** Character sets for {@link stableId}. */
export const ID_ALPHABETS = {
  upper: UPPER_ALPHANUMERIC,
  lower: LOWER_ALPHANUMERIC,
  mixed: MIXED_ALPHANUMERIC,
  hex: HEX,
} as const;

/**
 * An id that looks random but is the same for the same seed, so that the same template gives the same
 * names and ARNs on every generation (saved events and tests stay stable).
 */
export function stableId(seed: string, length: number, alphabet: string = UPPER_ALPHANUMERIC): string {
  let result = '';
  for (let round = 0; result.length < length; round++) {
    const digest = createHash('sha256').update(`${seed}#${round}`).digest();
    for (const byte of digest) {
      if (result.length >= length) break;
      result += alphabet[byte % alphabet.length] ?? '';
    }
  }
  return result;
}

/** A UUID derived from a seed (stable, formatted as a version-4 UUID). */
export function stableUuid(seed: string): string {
  const hex = stableId(seed, 32, HEX);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
