// What the IAM handlers share: the store, the account, ARNs, policy documents and Marker/MaxItems paging.
import { AwsError } from '../../protocol/awsError';
import type { RequestContext } from '../../protocol/modelService';
import { decodePageToken, encodePageToken } from '../../protocol/pageTokens';
import type { IamStore } from '../iamStore';

/** The state of the IAM service. */
export interface IamProviderContext {
  store: IamStore;
}

/** `arn:aws:iam::<account>:<kind><path><name>` (kind `role` or `policy`). */
export function iamArn(context: Pick<RequestContext, 'accountId'>, kind: string, path: string, name: string): string {
  return `arn:aws:iam::${context.accountId}:${kind}${path}${name}`;
}

/** AWS managed policies exist everywhere: attaching one needs no record of it. */
export function isAwsManagedPolicy(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}

/** A policy document must be JSON; IAM answers documents URL-encoded (boto3 decodes them, the SDK does not). */
export function checkPolicyDocument(document: string): string {
  try {
    const parsed: unknown = JSON.parse(document);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
  } catch {
    throw new AwsError('MalformedPolicyDocumentException', 'This policy contains invalid Json');
  }
  return document;
}

export function encodeDocument(document: string): string {
  return encodeURIComponent(document);
}

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntityException', message);
}

/** One page of a listing: `Marker` is opaque, `IsTruncated` says whether more follow (MaxItems default 100). */
export function pageOf<Item>(
  items: Item[],
  marker: string | undefined,
  maxItems: number | undefined,
): { page: Item[]; IsTruncated: boolean; Marker?: string } {
  let start = 0;
  if (marker !== undefined) {
    const cursor = decodePageToken(
      marker,
      (value): value is { offset: number } => typeof (value as { offset?: unknown })?.offset === 'number',
    );
    if (!cursor) throw new AwsError('ValidationError', 'Invalid Marker.');
    start = cursor.offset;
  }
  const limit = maxItems ?? 100;
  const page = items.slice(start, start + limit);
  const truncated = start + limit < items.length;
  return truncated
    ? { page, IsTruncated: true, Marker: encodePageToken({ offset: start + limit }) }
    : { page, IsTruncated: false };
}
