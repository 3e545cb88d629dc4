// Reading a request and writing a response as API Gateway's front end does, shared by the local API (start-api)
// and the local cloud's deployed APIs: the body within a limit, header names as sent (repeats joined), and
// header pairs (repeated Set-Cookie kept apart) written with a content length.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpResponseParts } from './apiGatewayResponse';

/** Reads the body, or undefined when it exceeds the limit. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Header names as the client sent them; repeated headers joined (cookies with `; `, others with `, `). */
export function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? '';
    const value = raw[index + 1] ?? '';
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing === undefined) headers[name] = value;
    else headers[existing] = `${headers[existing]}${name.toLowerCase() === 'cookie' ? '; ' : ', '}${value}`;
  }
  return headers;
}

export function sendParts(response: ServerResponse, parts: HttpResponseParts, headOnly = false): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of parts.headers) {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  headers['content-length'] = String(parts.body.length);
  response.writeHead(parts.statusCode, headers);
  response.end(headOnly ? undefined : parts.body);
}
