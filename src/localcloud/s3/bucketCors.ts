// CORS as S3 applies a bucket's rules: a preflight (OPTIONS with Origin and Access-Control-Request-Method) is
// answered by the first rule whose origin, method and requested headers all match, else refused with 403
// CORSResponse; a request with an Origin a rule allows gets the Access-Control-* headers on its answer.
import type { ServerResponse } from 'node:http';
import type { CORSRule } from '../models/generated/s3';
import type { ServiceRequestHead } from '../localCloudService';
import { AwsError } from '../protocol/awsError';
import type { ObjectStore } from './objectStore';

/** The configuration name of a bucket's CORS rules (PutBucketCors). */
export const CORS_CONFIGURATION = 'cors';

/** The first rule allowing the origin, method and headers, if any. */
export function matchingRule(
  rules: readonly CORSRule[],
  origin: string,
  method: string,
  requestedHeaders: readonly string[],
): CORSRule | undefined {
  return rules.find(
    (rule) =>
      rule.AllowedOrigins.some((allowed) => wildcardMatch(allowed, origin)) &&
      rule.AllowedMethods.includes(method) &&
      requestedHeaders.every((header) =>
        (rule.AllowedHeaders ?? []).some((allowed) => wildcardMatch(allowed.toLowerCase(), header.toLowerCase())),
      ),
  );
}

/** The Access-Control-* headers a matching rule gives. */
export function corsHeaders(
  rule: CORSRule,
  origin: string,
  requestedHeaders: readonly string[],
): Record<string, string> {
  const anyOrigin = rule.AllowedOrigins.includes('*');
  return {
    'Access-Control-Allow-Origin': anyOrigin ? '*' : origin,
    'Access-Control-Allow-Methods': rule.AllowedMethods.join(', '),
    ...(requestedHeaders.length > 0 ? { 'Access-Control-Allow-Headers': requestedHeaders.join(', ') } : {}),
    ...(rule.ExposeHeaders && rule.ExposeHeaders.length > 0
      ? { 'Access-Control-Expose-Headers': rule.ExposeHeaders.join(', ') }
      : {}),
    ...(rule.MaxAgeSeconds !== undefined ? { 'Access-Control-Max-Age': String(rule.MaxAgeSeconds) } : {}),
    ...(anyOrigin ? {} : { 'Access-Control-Allow-Credentials': 'true' }),
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
}

/** Answers a preflight request; throws S3's error when it is not allowed. */
export function answerPreflight(store: ObjectStore, head: ServiceRequestHead, response: ServerResponse): void {
  const origin = header(head, 'origin');
  const method = header(head, 'access-control-request-method');
  if (origin === undefined) {
    throw new AwsError('BadRequest', 'Insufficient information. Origin request header needed.', 400);
  }
  if (method === undefined) {
    throw new AwsError('BadRequest', 'Invalid Access-Control-Request-Method: null', 400);
  }
  const bucket = bucketOf(head);
  const rules = bucket === undefined ? undefined : corsRulesOf(store, bucket);
  if (!rules) throw new AwsError('CORSResponse', 'CORS is not enabled for this bucket.', 403);
  const requested = requestedHeadersOf(head);
  const rule = matchingRule(rules, origin, method, requested);
  if (!rule) {
    throw new AwsError(
      'CORSResponse',
      "This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Requet-Headers are not whitelisted by the resource's CORS spec.",
      403,
      { Method: method, ResourceType: head.path.split('/').filter(Boolean).length > 1 ? 'OBJECT' : 'BUCKET' },
    );
  }
  response.writeHead(200, { ...corsHeaders(rule, origin, requested), 'Content-Length': '0' });
  response.end();
}

/** Sets the CORS headers on the answer to a request whose Origin a rule of its bucket allows. */
export function applyCors(store: ObjectStore, head: ServiceRequestHead, response: ServerResponse): void {
  const origin = header(head, 'origin');
  const bucket = bucketOf(head);
  if (origin === undefined || bucket === undefined) return;
  const rules = corsRulesOf(store, bucket);
  const rule = rules && matchingRule(rules, origin, head.method === 'HEAD' ? 'HEAD' : head.method, []);
  if (!rule) return;
  for (const [name, value] of Object.entries(corsHeaders(rule, origin, []))) response.setHeader(name, value);
}

function corsRulesOf(store: ObjectStore, bucket: string): CORSRule[] | undefined {
  if (!store.hasBucket(bucket)) return undefined;
  return store.bucketConfiguration<{ CORSRules?: CORSRule[] }>(bucket, CORS_CONFIGURATION)?.CORSRules;
}

function bucketOf(head: ServiceRequestHead): string | undefined {
  const first = head.path.split('/')[1];
  if (!first) return undefined;
  try {
    return decodeURIComponent(first);
  } catch {
    return undefined;
  }
}

function requestedHeadersOf(head: ServiceRequestHead): string[] {
  return (header(head, 'access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function header(head: ServiceRequestHead, name: string): string | undefined {
  const value = head.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `*` in an allowed origin or header matches any run of characters. */
function wildcardMatch(pattern: string, value: string): boolean {
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`).test(value);
}
