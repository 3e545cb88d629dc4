// What the Logs handlers share: the store, the live tails, ARNs, and the checks several operations make.
import { AwsError } from '../../protocol/awsError';
import type { RequestContext } from '../../protocol/modelService';
import { validationMessage } from '../../protocol/shapeValidation';
import type { LiveTailRegistry } from '../liveTailSession';
import type { RegionalState } from '../../regionalState';
import type { LogStore } from '../logStore';

/** The state of the Logs service. */
export interface LogsProviderContext {
  /** The log groups of each region. */
  stores: RegionalState<LogStore>;
  liveTails: LiveTailRegistry;
  liveTailIntervalMs: number;
}

/** `arn:aws:logs:<region>:<account>:log-group:<name>` for the caller's region and account. */
export function logGroupArn(context: Pick<RequestContext, 'region' | 'accountId'>, name: string): string {
  return `arn:aws:logs:${context.region}:${context.accountId}:log-group:${name}`;
}

/** The error Logs answers for bad parameters (constraint violations included). */
export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

/** A group named by `logGroupIdentifier` (name or ARN, with or without `:*`) or `logGroupName`. */
export function groupNameFrom(input: { logGroupName?: string; logGroupIdentifier?: string }): string {
  const identifier = input.logGroupIdentifier ?? input.logGroupName;
  if (identifier === undefined || identifier === '') {
    throw invalidParameter(
      validationMessage([{ path: 'logGroupName', value: null, constraint: 'Member must not be null' }]),
    );
  }
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return arn?.[1] ?? identifier;
}
