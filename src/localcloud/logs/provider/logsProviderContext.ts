// What the Logs handlers share: the store, the live tails, ARNs, and the checks several operations make.
import { AwsError } from '../../protocol/awsError';
import type { RequestContext } from '../../protocol/modelService';
import { validationMessage } from '../../protocol/shapeValidation';
import type { LiveTailRegistry } from '../liveTailSession';
import type { ExportSink, ExportTaskRunner } from '../exportTaskRunner';
import type { RegionalState } from '../../regionalState';
import type { LogGroupState, LogStore } from '../logStore';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';

/** The state of the Logs service. */
export interface LogsProviderContext {
  /** The log groups of each region. */
  stores: RegionalState<LogStore>;
  liveTails: LiveTailRegistry;
  liveTailIntervalMs: number;
  subscriptionTargets: SubscriptionTargets;
  exportSink?: ExportSink;
  /** Runs export tasks into exportSink (absent without one: tasks stay PENDING). */
  exportRunner?: ExportTaskRunner;
}

/** The functions subscription filters deliver to (the local cloud's Lambda). */
export interface SubscriptionTargets {
  functionExists(region: string, functionArn: string): Promise<boolean>;
  /** Invokes the function asynchronously with the payload (`{"awslogs":{"data":...}}`). */
  invoke(region: string, functionArn: string, payload: Buffer): Promise<void>;
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
  if (input.logGroupIdentifier !== undefined && input.logGroupName !== undefined) {
    // CloudWatch's answer, though ValidationException is in none of these operations' error lists.
    throw new AwsError('ValidationException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  }
  const identifier = input.logGroupIdentifier ?? input.logGroupName;
  if (identifier === undefined || identifier === '') {
    throw invalidParameter(
      validationMessage([{ path: 'logGroupName', value: null, constraint: 'Member must not be null' }]),
    );
  }
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(:\*)?$/.exec(identifier);
  return arn?.[1] ?? identifier;
}

/** The group, with events past its retention dropped first (reads see what CloudWatch keeps). */
export function readableGroup(store: LogStore, name: string): LogGroupState {
  const group = store.requireGroup(name);
  store.expireEvents(group);
  return group;
}

/** ResourceNotFoundException with CloudWatch's wording. */
export function resourceNotFound(message = 'The specified resource does not exist.'): AwsError {
  return new AwsError('ResourceNotFoundException', message);
}

/** A Logs ARN's parts: `arn:aws:logs:<region>:<account>:<type>:<id>`. */
export interface LogsArn {
  region: string;
  accountId: string;
  resourceType: string;
  resourceId: string;
}

/** Parses a Logs ARN; undefined when the text is not one. */
export function parseLogsArn(arn: string): LogsArn | undefined {
  const match = /^arn:aws[\w-]*:logs:([^:]*):([^:]*):([\w-]+)[:/](.+)$/.exec(arn);
  if (!match) return undefined;
  return { region: match[1]!, accountId: match[2]!, resourceType: match[3]!, resourceId: match[4]! };
}

/** `arn:aws:logs:<region>:<account>:<type>:<id>` for the caller's region and account. */
export function logsArn(context: Pick<RequestContext, 'region' | 'accountId'>, type: string, id: string): string {
  return `arn:aws:logs:${context.region}:${context.accountId}:${type}:${id}`;
}

/** A page of `items` after the opaque token, and the token of the next page. */
export function pageOf<T>(items: T[], nextToken: string | undefined, limit: number): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined) {
    const cursor = decodePageToken(
      nextToken,
      (value): value is { offset: number } => typeof (value as { offset?: unknown })?.offset === 'number',
    );
    if (!cursor) throw invalidParameter('The specified nextToken is invalid.');
    offset = cursor.offset;
  }
  const page = items.slice(offset, offset + limit);
  return offset + limit < items.length ? { page, nextToken: encodePageToken({ offset: offset + limit }) } : { page };
}

/** A JSON policy document, or InvalidParameterException as CloudWatch answers a malformed one. */
export function requireJsonDocument(document: string, what = 'policy document'): void {
  try {
    const parsed: unknown = JSON.parse(document);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
  } catch {
    throw invalidParameter(`The ${what} is not valid JSON.`);
  }
}
