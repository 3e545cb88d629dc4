// Queue URLs and ARNs. The local cloud hands out `http://<host the client used>/<account>/<queue>` (so the SDK v3,
// which sends requests to the queue URL's host, comes back to the local cloud) and also accepts AWS's forms
// (`https://sqs.<region>.amazonaws.com/<account>/<queue>`, the legacy `<region>.queue.amazonaws.com`), whose host
// names the region.
import { AwsError } from '../protocol/awsError';

/** Where a queue URL or ARN points. */
export interface QueueAddress {
  accountId: string;
  name: string;
  /** The region the URL's host names, when it names one. */
  region?: string;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$|^[A-Za-z0-9_-]{1,75}\.fifo$/;
const REGION_IN_HOST = /(?:^|\.)sqs\.([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.|^([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.queue\./;

/** True for a name SQS accepts (a FIFO queue's ends with `.fifo`). */
export function isQueueName(name: string): boolean {
  return QUEUE_NAME.test(name);
}

/** A queue's URL for a client that reached the local cloud at `host` (`127.0.0.1:4566`). */
export function queueUrl(host: string, accountId: string, name: string): string {
  return `http://${host}/${accountId}/${name}`;
}

/** Reads a QueueUrl parameter; a value that is no queue URL is AWS's InvalidAddress. */
export function readQueueUrl(text: string): QueueAddress {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const segments = url?.pathname.split('/').filter((segment) => segment !== '') ?? [];
  if (!url || !/^https?:$/.test(url.protocol) || segments.length !== 2) {
    throw new AwsError('InvalidAddress', `The address ${text} is not valid for this endpoint.`);
  }
  const host = REGION_IN_HOST.exec(url.hostname);
  const region = host?.[1] ?? host?.[2] ?? (url.hostname === 'queue.amazonaws.com' ? 'us-east-1' : undefined);
  return { accountId: decodeURIComponent(segments[0]!), name: decodeURIComponent(segments[1]!), region };
}

/** Reads a queue ARN (`arn:aws:sqs:<region>:<account>:<name>`); undefined when it is none. */
export function readQueueArn(arn: string): (QueueAddress & { region: string }) | undefined {
  const match = /^arn:aws[a-z-]*:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]+)$/.exec(arn);
  return match ? { region: match[1]!, accountId: match[2]!, name: match[3]! } : undefined;
}
