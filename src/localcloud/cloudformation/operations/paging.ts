// NextToken paging of CloudFormation's lists: the token is an opaque base64url offset into the (stable) list.
import { AwsError } from '../../protocol/awsError';

/** One page of `items` from `token` (undefined: the first page); `nextToken` while more remain. */
export function pageOf<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    const decoded = Number(
      Buffer.from(token, 'base64url')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(decoded) || decoded < 0) throw new AwsError('ValidationError', 'Invalid NextToken');
    start = decoded;
  }
  const end = start + size;
  const page = items.slice(start, end);
  return end < items.length
    ? { items: page, nextToken: Buffer.from(`offset:${end}`, 'utf8').toString('base64url') }
    : { items: page };
}
