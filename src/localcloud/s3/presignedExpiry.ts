// Presigned URLs expire as S3 says: a SigV4 query signature (`X-Amz-Date` + `X-Amz-Expires`, at most a week) or a
// SigV2 one (`Expires`, epoch seconds) used after its time answers 403 AccessDenied "Request has expired" with
// the expiry and the server's time. Signatures themselves are not verified (the local cloud has one account).
import type { ServiceRequestHead } from '../localCloudService';
import { parseAmzDate } from '../protocol/amzDate';
import { AwsError } from '../protocol/awsError';

const ONE_WEEK_SECONDS = 604_800;

/** Throws S3's error when `head` is a presigned request whose time is up (or whose expiry S3 would refuse). */
export function checkPresignedExpiry(head: ServiceRequestHead, now: number): void {
  const query = head.query;
  if (query.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256' && query.has('X-Amz-Expires')) {
    const expiresText = query.get('X-Amz-Expires') ?? '';
    const expires = Number(expiresText);
    if (!/^-?\d+$/.test(expiresText)) throw queryParameterError('X-Amz-Expires should be a number');
    if (expires < 0) throw queryParameterError('X-Amz-Expires must be non-negative');
    if (expires > ONE_WEEK_SECONDS) {
      throw queryParameterError(`X-Amz-Expires must be less than a week (in seconds) that is: ${ONE_WEEK_SECONDS}`);
    }
    const signedAt = parseAmzDate(query.get('X-Amz-Date') ?? '');
    if (signedAt === undefined) {
      throw queryParameterError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
    }
    const expiresAt = signedAt + expires * 1000;
    if (now > expiresAt) throw expired(now, expiresAt, { 'X-Amz-Expires': expiresText });
    return;
  }
  if (query.has('AWSAccessKeyId') && query.has('Signature') && query.has('Expires')) {
    const expiresAt = Number(query.get('Expires')) * 1000;
    if (Number.isFinite(expiresAt) && now > expiresAt) throw expired(now, expiresAt, {});
  }
}

function expired(now: number, expiresAt: number, fields: Record<string, string>): AwsError {
  return new AwsError('AccessDenied', 'Request has expired', 403, {
    ...fields,
    Expires: isoSeconds(expiresAt),
    ServerTime: isoSeconds(now),
  });
}

function queryParameterError(message: string): AwsError {
  return new AwsError('AuthorizationQueryParametersError', message, 400);
}

function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
