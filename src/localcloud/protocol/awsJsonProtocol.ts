// CloudWatch Logs' awsJson1_1 wire shape: POST / with X-Amz-Target, errors as `{"__type": ...}`.
import type { ServerResponse } from 'node:http';
import type { AwsError } from './awsError';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Sends a successful awsJson answer (always 200). */
export function sendAwsJson(response: ServerResponse, requestId: string, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'X-Amzn-RequestId': requestId,
  });
  response.end(text);
}

/** Sends an error; boto3 reads only `__type`, the SDK also accepts the X-Amzn-ErrorType header. */
export function sendAwsJsonError(response: ServerResponse, requestId: string, error: AwsError): void {
  const text = JSON.stringify({ __type: error.code, message: error.message, ...error.fields });
  response.writeHead(error.status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'X-Amzn-RequestId': requestId,
    'X-Amzn-ErrorType': error.code,
  });
  response.end(text);
}
