// nextToken paging over a stable list: the token is an opaque offset (see pageTokens.ts); a token that is not one
// gets the service's own error.
import type { AwsError } from './awsError';
import { decodePageToken, encodePageToken } from './pageTokens';

/** One page of `items` from `token` (undefined: the first page), with `nextToken` while more remain. */
export function pageByOffset<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  invalidToken: () => AwsError,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const cursor = decodePageToken(token, (value): value is { offset: number } =>
      Number.isInteger((value as { offset?: unknown } | null)?.offset),
    );
    if (!cursor || cursor.offset < 0) throw invalidToken();
    start = cursor.offset;
  }
  const end = start + size;
  return end < items.length
    ? { items: items.slice(start, end), nextToken: encodePageToken({ offset: end }) }
    : { items: items.slice(start, end) };
}
