// Hands one HTTP request to a service: reads the body within the service's limit, and turns whatever the service
// throws into an answer in its protocol (internal failures become a 500 without internals).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../core/logger';
import type { LocalCloudService, ServiceRequestHead } from './localCloudService';
import { AwsError, isAwsError } from './protocol/awsError';
import { sendAwsJsonError } from './protocol/awsJsonProtocol';
import { sendQueryError } from './protocol/queryProtocol';
import { BodyTooLargeError, readRequestBody } from './protocol/requestBody';

/** The request line and headers, with a fresh request id. */
export function requestHead(request: IncomingMessage): ServiceRequestHead {
  const rawUrl = request.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  return {
    method: request.method ?? 'GET',
    path: queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart),
    query: new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1)),
    headers: request.headers,
    requestId: randomUUID(),
  };
}

/** Answers a request for a service the local cloud does not serve, in a shape its client can read. */
export function answerUnknownService(
  request: IncomingMessage,
  response: ServerResponse,
  head: ServiceRequestHead,
  signingName: string,
): void {
  request.resume();
  const error = new AwsError('UnknownOperationException', `The local cloud does not serve "${signingName}" yet`);
  // Query-protocol clients (SNS, EC2...) can only read an XML error.
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    sendQueryError(response, head.requestId, error, undefined);
  } else {
    sendAwsJsonError(response, head.requestId, error);
  }
}

/** Reads the body and lets the service answer; errors are written in the service's protocol. */
export async function answerWithService(
  service: LocalCloudService,
  request: IncomingMessage,
  response: ServerResponse,
  head: ServiceRequestHead,
  logger: Logger,
): Promise<void> {
  try {
    const limit = service.bodyLimit(head);
    const body = await readRequestBody(request, limit);
    await service.handle({ ...head, body }, response);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      // Stop reading the rest of the upload: answer, then close the connection.
      response.shouldKeepAlive = false;
      request.resume();
      sendIfPossible(response, () =>
        service.sendError(head, response, service.bodyTooLargeError(head, error.limitBytes)),
      );
      return;
    }
    if (!isAwsError(error)) {
      logger.error(`[localcloud] ${service.signingName} ${head.method} ${head.path} failed: ${String(error)}`);
    }
    const awsError = isAwsError(error)
      ? error
      : new AwsError(
          service.signingName === 's3' ? 'InternalError' : 'ServiceException',
          'Internal error in the local cloud',
          500,
        );
    sendIfPossible(response, () => service.sendError(head, response, awsError));
  }
}

function sendIfPossible(response: ServerResponse, send: () => void): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  send();
}
