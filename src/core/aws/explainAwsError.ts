import { WorkbenchError, describeError } from '../errors';

/** The parts of an AWS SDK v3 error this module reads (ServiceException and network errors). */
interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'CredentialsProviderError',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'TimeoutError']);

/**
 * Turns an AWS SDK failure into an error a person can act on: what happened against which backend, and what to
 * do (refresh credentials, wait, start the local cloud...). The original error stays as the cause.
 * `backend` is a description without secrets, e.g. "local cloud (http://127.0.0.1:4566)" or "AWS profile dev".
 */
export function explainAwsError(error: unknown, action: string, backend: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const name = shape.name ?? '';
  const networkCode = findNetworkCode(error);
  const message = `${action} failed against ${backend}`;
  // The SDK's SSO providers say "SSO session ... expired / not found ... run aws sso login" when a token is missing.
  if (/\bSSO\b.*(expired|not found|invalid)|sso login|Token is expired/i.test(shape.message ?? '')) {
    return WorkbenchError.chain(error, `${message}: the IAM Identity Center sign-in is missing or has expired`, {
      code: 'SignInRequired',
      hint: 'Run "Serverless: Sign In to AWS (IAM Identity Center)" (or `aws sso login`), then try again.',
    });
  }
  if (EXPIRED.has(name)) {
    return WorkbenchError.chain(error, `${message}: the credentials have expired`, {
      code: 'ExpiredCredentials',
      hint: 'Refresh them (for SSO profiles: "Serverless: Sign In to AWS"), then try again.',
    });
  }
  if (BAD_CREDENTIALS.has(name) || /Could not load credentials/i.test(shape.message ?? '')) {
    return WorkbenchError.chain(error, `${message}: the credentials were not accepted`, {
      code: 'InvalidCredentials',
      hint: 'Check the profile in the serverlessWorkbench.aws.profile setting, or choose the local cloud backend.',
    });
  }
  if (THROTTLED.has(name) || shape.$metadata?.httpStatusCode === 429) {
    return WorkbenchError.chain(error, `${message}: AWS is throttling requests`, {
      code: 'Throttled',
      hint: 'The SDK already retried with back-off; wait a little and try again.',
    });
  }
  if (DENIED.has(name)) {
    return WorkbenchError.chain(error, `${message}: access denied`, {
      code: 'AccessDenied',
      hint: 'The credentials lack a permission for this call; the message above names it.',
    });
  }
  if (networkCode && UNREACHABLE.has(networkCode)) {
    return WorkbenchError.chain(error, `${message}: the endpoint did not answer (${networkCode})`, {
      code: 'EndpointUnreachable',
      hint: backend.startsWith('local cloud')
        ? 'The local cloud may have stopped; it restarts on the next use, or run "Serverless: Start Local Cloud".'
        : 'Check the network and the endpoint setting.',
    });
  }
  return WorkbenchError.chain(error, message, { code: name || 'AwsError' });
}

/** Node's network error code (ECONNREFUSED...), wherever the SDK nested it. */
function findNetworkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const shape = current as SdkErrorShape & { errors?: unknown[] };
    if (shape.code && /^E[A-Z]+$/.test(shape.code)) return shape.code;
    if (shape.name === 'TimeoutError') return 'TimeoutError';
    current = shape.cause ?? shape.errors?.[0];
  }
  return /ECONNREFUSED/.test(describeError(error)) ? 'ECONNREFUSED' : undefined;
}
