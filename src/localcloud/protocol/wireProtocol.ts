// The contract between the generic engine (modelService.ts) and each wire protocol: find the operation, read the
// request into the input shape, write the output shape and errors.
import type { ServerResponse } from 'node:http';
import type { ServiceRequest, ServiceRequestHead } from '../localCloudService';
import type { AwsError } from './awsError';
import type { Violation } from './shapeValidation';

/** A request read into an operation's input (not yet validated against constraints). */
export interface ParsedRequest {
  operation: string;
  input: Record<string, unknown>;
  /** Values of the wrong type (text where a number belongs...), reported like constraint violations. */
  typeViolations: Violation[];
}

/** What a handler may set beside its output: a status or headers the model does not bind (AWS quirks). */
export interface ReplyOverrides {
  status?: number;
  headers: Record<string, string>;
}

/** One AWS wire protocol bound to a service model. */
export interface WireProtocol {
  /** The operation a request head names, when the head alone says it (awsQuery's Action is in the body). */
  operationFromHead(head: ServiceRequestHead): string | undefined;
  /** Reads a request; throws AwsError for unknown operations and unreadable bodies. */
  parse(request: ServiceRequest): ParsedRequest;
  /** Writes a handler's output. */
  sendOutput(
    request: ServiceRequestHead,
    response: ServerResponse,
    operation: string,
    output: unknown,
    overrides: ReplyOverrides,
  ): void;
  /** Writes an error in the protocol's shape (the code and status already resolved against the model). */
  sendError(head: ServiceRequestHead, response: ServerResponse, error: AwsError): void;
}
