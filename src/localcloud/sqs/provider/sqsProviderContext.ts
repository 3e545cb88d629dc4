// What the SQS handlers share: the regions' queue stores, the clock, and how a request names a queue.
import type { Clock } from '../../clock';
import { AwsError } from '../../protocol/awsError';
import type { RequestContext } from '../../protocol/modelService';
import type { RegionalState } from '../../regionalState';
import { queueUrl, readQueueArn, readQueueUrl } from '../queueUrls';
import type { SqsQueue } from '../sqsQueue';
import type { SqsRegionStore } from '../sqsStore';

export interface SqsProviderContext {
  regions: RegionalState<SqsRegionStore>;
  clock: Clock;
  /** `host:port` of the local cloud, for queue URLs made in process (CloudFormation, other services). */
  endpointHost: () => string;
  /** Aborted when the local cloud closes: long polls end. */
  closing: AbortSignal;
}

export function queueDoesNotExist(): AwsError {
  return new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
}

/** The queue a QueueUrl names, in the URL's region (AWS-style URLs) or the request's. */
export function queueOf(state: SqsProviderContext, url: string, context: RequestContext): SqsQueue {
  const address = readQueueUrl(url);
  if (address.accountId !== context.accountId) throw queueDoesNotExist();
  const queue = state.regions.get(address.region ?? context.region).get(address.name);
  if (!queue) throw queueDoesNotExist();
  return queue;
}

/** The queue an ARN names, in any region; undefined when there is none. */
export function queueByArn(state: SqsProviderContext, arn: string, accountId: string): SqsQueue | undefined {
  const address = readQueueArn(arn);
  if (!address || address.accountId !== accountId) return undefined;
  return state.regions.get(address.region).get(address.name);
}

/** The host clients reach the local cloud at: the request's Host header, else the local cloud's own. */
export function hostOf(state: SqsProviderContext, context: RequestContext): string {
  const host = context.request?.headers.host;
  return typeof host === 'string' && host !== '' ? host : state.endpointHost();
}

/** The URL of a queue as this request's client should see it. */
export function urlOf(state: SqsProviderContext, queue: SqsQueue, context: RequestContext): string {
  return queueUrl(hostOf(state, context), queue.record.accountId, queue.name);
}

/** The clock's time in epoch milliseconds. */
export function nowOf(state: SqsProviderContext): number {
  return state.clock.now().getTime();
}
