// Lambda's restJson1 wire shape: JSON bodies, the error code in X-Amzn-ErrorType.
import type { ServerResponse } from 'node:http';
import type { AwsError } from './awsError';

/** Sends a JSON answer with the given status (Lambda answers 201 to creates, 204 to deletes). */
export function sendRestJson(
  response: ServerResponse,
  requestId: string,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'X-Amzn-RequestId': requestId,
    ...headers,
  });
  response.end(text);
}

/** Sends an error: SDK v3 and botocore read the code from X-Amzn-ErrorType; `Type`/`Message` mirror AWS. */
export function sendRestJsonError(response: ServerResponse, requestId: string, error: AwsError): void {
  const type = error.status >= 500 ? 'Service' : 'User';
  const body = { Type: type, Message: error.message, message: error.message, ...error.fields };
  sendRestJson(response, requestId, error.status, body, { 'X-Amzn-ErrorType': error.code });
}
