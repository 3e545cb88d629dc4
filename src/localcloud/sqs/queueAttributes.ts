// Queue attributes as SQS validates, defaults and answers them: the settable ones with their ranges, the FIFO-only
// ones, the JSON policies (RedrivePolicy, RedriveAllowPolicy, Policy), and the read-only ones computed on read.
import { AwsError } from '../protocol/awsError';

/** Attributes a client may set, with their defaults for a new queue (undefined: no default). */
const NUMERIC_RANGES: Record<string, readonly [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};
const COMMON_SETTABLE = new Set([
  ...Object.keys(NUMERIC_RANGES),
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'SqsManagedSseEnabled',
]);
const FIFO_SETTABLE = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const BOOLEANS = new Set(['SqsManagedSseEnabled', 'ContentBasedDeduplication', 'FifoQueue']);
const ENUMS: Record<string, readonly string[]> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};

/** Attributes SQS computes; asking for them is fine, setting them is InvalidAttributeName. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
] as const;

/** Every attribute name GetQueueAttributes knows. */
export const KNOWN_ATTRIBUTES = new Set<string>([
  ...COMMON_SETTABLE,
  ...FIFO_SETTABLE,
  ...COMPUTED_ATTRIBUTES,
  'FifoQueue',
  'All',
]);

/** A queue's redrive policy, read. */
export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** The attributes a new queue has unless the request sets them. */
export function defaultAttributes(fifo: boolean): Record<string, string> {
  const defaults: Record<string, string> = {
    VisibilityTimeout: '30',
    MaximumMessageSize: '1048576',
    MessageRetentionPeriod: '345600',
    DelaySeconds: '0',
    ReceiveMessageWaitTimeSeconds: '0',
    SqsManagedSseEnabled: 'true',
  };
  if (fifo) {
    Object.assign(defaults, {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'false',
      DeduplicationScope: 'queue',
      FifoThroughputLimit: 'perQueue',
    });
  }
  return defaults;
}

export function unknownAttribute(name: string): AwsError {
  return new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
}

function invalidValue(name: string): AwsError {
  return new AwsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}

/**
 * Validates attributes of CreateQueue (`creating`) or SetQueueAttributes and returns them as stored (numbers
 * without leading zeros, booleans lower-case). Throws AWS's error for the first bad one.
 */
export function validateAttributes(
  attributes: Record<string, string>,
  fifo: boolean,
  creating: boolean,
): Record<string, string> {
  const stored: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes)) {
    const value = raw.trim();
    if (name === 'FifoQueue') {
      if (!creating) throw unknownAttribute(name);
      if (!['true', 'false'].includes(value.toLowerCase())) throw invalidValue(name);
      if (value.toLowerCase() === 'true') stored[name] = 'true';
      continue;
    }
    if (!COMMON_SETTABLE.has(name) && !(fifo && FIFO_SETTABLE.has(name))) throw unknownAttribute(name);
    const range = NUMERIC_RANGES[name];
    if (range) {
      const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!(number >= range[0] && number <= range[1])) throw invalidValue(name);
      stored[name] = String(number);
    } else if (BOOLEANS.has(name)) {
      if (!['true', 'false'].includes(value.toLowerCase())) throw invalidValue(name);
      stored[name] = value.toLowerCase();
    } else if (ENUMS[name]) {
      if (!ENUMS[name].includes(value)) throw invalidValue(name);
      stored[name] = value;
    } else if (name === 'Policy' || name === 'RedriveAllowPolicy') {
      if (value !== '') checkJsonObject(name, value);
      stored[name] = value;
    } else if (name === 'RedrivePolicy') {
      stored[name] = value === '' ? '' : JSON.stringify(readRedrivePolicy(value));
    } else {
      stored[name] = raw;
    }
  }
  if (stored.KmsMasterKeyId && stored.SqsManagedSseEnabled === 'true') {
    throw new AwsError(
      'InvalidAttributeValue',
      'Invalid value for the parameter SqsManagedSseEnabled. Reason: You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
    );
  }
  return stored;
}

function checkJsonObject(name: string, value: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidValue(name);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidValue(name);
}

/** Reads a RedrivePolicy document (maxReceiveCount may be a string, as CloudFormation sends it). */
export function readRedrivePolicy(text: string): RedrivePolicy {
  const reason = (why: string) =>
    new AwsError('InvalidParameterValue', `Value ${text} for parameter RedrivePolicy is invalid. Reason: ${why}`);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw reason('Redrive policy is not a valid JSON map.');
  }
  if (typeof parsed !== 'object' || parsed === null) throw reason('Redrive policy is not a valid JSON map.');
  const target = parsed.deadLetterTargetArn;
  const count = Number(parsed.maxReceiveCount);
  if (typeof target !== 'string' || target === '') {
    throw reason('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (parsed.maxReceiveCount === undefined) {
    throw reason('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw reason(
      `Invalid value for maxReceiveCount: ${typeof parsed.maxReceiveCount === 'string' ? parsed.maxReceiveCount : JSON.stringify(parsed.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  return { deadLetterTargetArn: target, maxReceiveCount: count };
}

/** The redrive policy a queue's attributes hold, if any. */
export function redrivePolicyOf(attributes: Record<string, string>): RedrivePolicy | undefined {
  const text = attributes.RedrivePolicy;
  return text ? (JSON.parse(text) as RedrivePolicy) : undefined;
}

/** The attribute names a GetQueueAttributes request asks for, `All` expanded; unknown names are refused. */
export function requestedAttributes(names: readonly string[] | undefined): Set<string> | 'all' {
  const wanted = new Set<string>();
  for (const name of names ?? []) {
    if (name === 'All') return 'all';
    if (!KNOWN_ATTRIBUTES.has(name)) throw unknownAttribute(name);
    wanted.add(name);
  }
  return wanted;
}
