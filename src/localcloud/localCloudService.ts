// The contract between the server and each emulated AWS service (lambda, logs, s3; cloudformation next).
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AwsError } from './protocol/awsError';

/** One HTTP request as a service sees it, body already read within the service's limit. */
export interface ServiceRequest {
  method: string;
  /** The raw (still percent-encoded) path, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
}

/** The head of a request, before its body is read. */
export type ServiceRequestHead = Omit<ServiceRequest, 'body'>;

/** An emulated AWS service: answers requests in its own wire protocol, errors included. */
export interface LocalCloudService {
  /** The SigV4 signing name that routes to this service (`lambda`, `logs`, `s3`). */
  readonly signingName: string;
  /** The largest body the request may carry, in bytes. */
  bodyLimit(head: ServiceRequestHead): number;
  /** The AWS error for a body over the limit. */
  bodyTooLargeError(head: ServiceRequestHead, limitBytes: number): AwsError;
  /** Answers one request; throws AwsError for errors the client should see. */
  handle(request: ServiceRequest, response: ServerResponse): Promise<void>;
  /** Writes an error in the service's protocol. */
  sendError(head: ServiceRequestHead, response: ServerResponse, error: AwsError): void;
  /** Stops background work (live tails, running invocations). */
  close(): Promise<void>;
}
