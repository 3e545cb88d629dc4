// CORS as a function URL applies its Cors setting: Lambda answers preflights itself (the function never sees
// them) and puts the Access-Control-* headers on answers to origins the setting allows, in place of any the
// function returned (the URL's setting is the one that counts).
import type { Cors } from '../models/generated/lambda';
import type { HttpResponseParts } from '../../core/runtime/localApi/apiGatewayResponse';

/** An OPTIONS request a browser sends before a cross-origin call. */
export function isPreflight(method: string, headers: Record<string, string>): boolean {
  return (
    method === 'OPTIONS' &&
    headerOf(headers, 'origin') !== undefined &&
    headerOf(headers, 'access-control-request-method') !== undefined
  );
}

/** Lambda's answer to a preflight: the setting's headers for an allowed origin, none otherwise. */
export function preflightAnswer(cors: Cors, headers: Record<string, string>): HttpResponseParts {
  const origin = headerOf(headers, 'origin') ?? '';
  const answer: HttpResponseParts = { statusCode: 200, headers: [], body: Buffer.alloc(0) };
  if (!originAllowed(cors, origin)) return answer;
  answer.headers.push(['Access-Control-Allow-Origin', allowedOriginValue(cors, origin)]);
  if (cors.AllowMethods?.length) answer.headers.push(['Access-Control-Allow-Methods', cors.AllowMethods.join(',')]);
  if (cors.AllowHeaders?.length) answer.headers.push(['Access-Control-Allow-Headers', cors.AllowHeaders.join(',')]);
  if (cors.AllowCredentials) answer.headers.push(['Access-Control-Allow-Credentials', 'true']);
  if (cors.MaxAge !== undefined) answer.headers.push(['Access-Control-Max-Age', String(cors.MaxAge)]);
  answer.headers.push(['Vary', 'Origin']);
  return answer;
}

/** The function's answer with the setting's CORS headers (its own Access-Control-* dropped). */
export function withCorsHeaders(
  parts: HttpResponseParts,
  cors: Cors,
  requestHeaders: Record<string, string>,
): HttpResponseParts {
  const origin = headerOf(requestHeaders, 'origin');
  const headers = parts.headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-'));
  if (origin !== undefined && originAllowed(cors, origin)) {
    headers.push(['Access-Control-Allow-Origin', allowedOriginValue(cors, origin)]);
    if (cors.ExposeHeaders?.length) headers.push(['Access-Control-Expose-Headers', cors.ExposeHeaders.join(',')]);
    if (cors.AllowCredentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
    headers.push(['Vary', 'Origin']);
  }
  return { ...parts, headers };
}

function originAllowed(cors: Cors, origin: string): boolean {
  return (cors.AllowOrigins ?? []).some((allowed) => allowed === '*' || allowed.toLowerCase() === origin.toLowerCase());
}

/** `*` when any origin may call without credentials; the caller's origin otherwise (browsers refuse `*` then). */
function allowedOriginValue(cors: Cors, origin: string): string {
  return cors.AllowOrigins?.includes('*') && !cors.AllowCredentials ? '*' : origin;
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
