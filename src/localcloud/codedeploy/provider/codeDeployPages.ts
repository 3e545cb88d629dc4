// CodeDeploy's list pages (100 names at a time) and its error for a token it did not make.
import { AwsError } from '../../protocol/awsError';
import { pageByOffset } from '../../protocol/offsetPages';

export function pageOf<T>(items: readonly T[], token: string | undefined, size = 100) {
  return pageByOffset(
    items,
    token,
    size,
    () => new AwsError('InvalidNextTokenException', 'The next token was specified in an invalid format.'),
  );
}
