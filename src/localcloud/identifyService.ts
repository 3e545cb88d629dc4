// Decides which emulated service a request is for, the way AWS's front ends do: by the SigV4 credential scope,
// then by X-Amz-Target, then by the path.
import type { IncomingHttpHeaders } from 'node:http';

const CREDENTIAL_SCOPE = /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;
const LAMBDA_PATH = /^\/20\d\d-\d\d-\d\d\/(functions|event-source-mappings|layers|tags|account-settings)/;

/** The signing name of the service the request targets (`lambda`, `logs`, `s3`, `cloudformation`...). */
export function identifyService(headers: IncomingHttpHeaders, path: string, query: URLSearchParams): string {
  const authorization = headers.authorization;
  const scoped = CREDENTIAL_SCOPE.exec(typeof authorization === 'string' ? authorization : '');
  if (scoped?.[1]) return scoped[1];
  // Presigned URLs carry the scope in the query string.
  const presigned = query.get('X-Amz-Credential')?.split('/')[3];
  if (presigned) return presigned;
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('Logs_')) return 'logs';
  if (LAMBDA_PATH.test(path)) return 'lambda';
  const contentType = headers['content-type'] ?? '';
  if (path === '/' && contentType.startsWith('application/x-www-form-urlencoded')) return 'cloudformation';
  return 's3';
}
