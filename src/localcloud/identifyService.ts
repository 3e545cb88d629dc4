// Decides which emulated service a request is for, the way AWS's front ends do: by the SigV4 credential scope,
// then by X-Amz-Target, then by the path. The scope also names the region the client signed for.
import type { IncomingHttpHeaders } from 'node:http';

const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;
const LAMBDA_PATH =
  /^\/20\d\d-\d\d-\d\d\/(functions|event-source-mappings|layers|tags|account-settings|code-signing-configs|capacity-providers|durable-execution)/;

/** The region and service a request was signed for. */
export interface CredentialScope {
  region: string;
  service: string;
}

/** The SigV4 credential scope of a request (Authorization header, or a presigned URL's X-Amz-Credential). */
export function credentialScopeOf(headers: IncomingHttpHeaders, query: URLSearchParams): CredentialScope | undefined {
  const authorization = headers.authorization;
  const scoped = CREDENTIAL_SCOPE.exec(typeof authorization === 'string' ? authorization : '');
  if (scoped?.[1] && scoped[2]) return { region: scoped[1], service: scoped[2] };
  const presigned = query.get('X-Amz-Credential')?.split('/');
  if (presigned?.[2] && presigned[3]) return { region: presigned[2], service: presigned[3] };
  return undefined;
}

/** The signing name of the service the request targets (`lambda`, `logs`, `s3`, `cloudformation`...). */
export function identifyService(headers: IncomingHttpHeaders, path: string, query: URLSearchParams): string {
  const scope = credentialScopeOf(headers, query);
  // S3 Express One Zone's control operations (ListDirectoryBuckets...) are signed for `s3express`.
  if (scope) return scope.service === 's3express' ? 's3' : scope.service;
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('Logs_')) return 'logs';
  if (typeof target === 'string' && target.startsWith('AmazonSQS.')) return 'sqs';
  if (LAMBDA_PATH.test(path)) return 'lambda';
  const contentType = headers['content-type'] ?? '';
  if (path === '/' && contentType.startsWith('application/x-www-form-urlencoded')) return 'cloudformation';
  return 's3';
}
