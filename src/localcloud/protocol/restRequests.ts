// What restJson1 and restXml share when reading a request: the route (method, path, query literals, required
// members; failures in the protocol's words), the payload member (raw bytes for blobs, text for strings, else a
// document the protocol reads: JSON or XML), the unbound members from a document body, then the members bound to
// the path, query string and headers (restBindings). And the head of an answer: its bound headers and status.
import type { ServiceRequest, ServiceRequestHead } from '../localCloudService';
import type { AwsError } from './awsError';
import { boundOutputHeaders, readBoundMembers } from './restBindings';
import type { RestRouter, RouteMatch } from './restRouter';
import { shapeOf, type ServiceModel, type Shape } from './serviceModel';
import type { Violation } from './shapeValidation';
import type { ParsedRequest, ReplyOverrides, WireProtocol } from './wireProtocol';

/** How one REST protocol reads bodies and words route failures. */
export interface RestRequestFormat {
  /** The error for a request no operation takes (unknown path, wrong method, bad percent-encoding). */
  routeError(head: ServiceRequestHead, failure: Exclude<RouteMatch, { kind: 'found' }>): AwsError;
  /** Reads a document body into a shape; `member` names the payload member ('' for the whole input). */
  readDocument(body: Buffer, shape: Shape, member: string, violations: Violation[]): unknown;
  /** True when an input without a payload member reads its body (restXml: only when it has unbound members). */
  readsBody(shape: Shape): boolean;
  /** An empty body still gives a blob payload (S3's empty objects); else the member is absent (Lambda). */
  keepsEmptyBlob: boolean;
}

/** The request side of a REST protocol: the operation from a head, and the input from a request. */
export function restRequestReader(
  model: ServiceModel,
  router: RestRouter,
  format: RestRequestFormat,
): Pick<WireProtocol, 'operationFromHead' | 'parse'> {
  return {
    operationFromHead: (head) => {
      const match = router.match(head.method, head.path, head.query, head.headers);
      return match.kind === 'found' ? match.operation : undefined;
    },
    parse: (request: ServiceRequest): ParsedRequest => {
      const match = router.match(request.method, request.path, request.query, request.headers);
      if (match.kind !== 'found') throw format.routeError(request, match);
      const { operation, labels } = match;
      const typeViolations: Violation[] = [];
      const reference = model.operations[operation]!.input;
      if (!reference) return { operation, input: {}, typeViolations };
      const shape = shapeOf(model, reference);
      let input: Record<string, unknown> = {};
      const payloadName = shape.payload;
      const hasBody = request.body.length > 0;
      if (payloadName !== undefined) {
        const payloadShape = shapeOf(model, shape.members![payloadName]!);
        if (payloadShape.type === 'blob') {
          if (hasBody || format.keepsEmptyBlob) input[payloadName] = request.body;
        } else if (payloadShape.type === 'string') {
          if (hasBody) input[payloadName] = request.body.toString('utf8');
        } else if (hasBody) {
          input[payloadName] = format.readDocument(request.body, payloadShape, payloadName, typeViolations);
        }
      } else if (hasBody && format.readsBody(shape)) {
        input = format.readDocument(request.body, shape, '', typeViolations) as Record<string, unknown>;
      }
      readBoundMembers(model, shape, request, labels, input, typeViolations);
      return { operation, input, typeViolations };
    },
  };
}

/** The parts of an answer both REST protocols compute first: the output shape, its bound headers, the status. */
export function restOutputHead(model: ServiceModel, operation: string, output: unknown, overrides: ReplyOverrides) {
  const definition = model.operations[operation]!;
  const record = (output ?? {}) as Record<string, unknown>;
  const shape = definition.output ? shapeOf(model, definition.output) : undefined;
  const bound = shape ? boundOutputHeaders(model, shape, record) : { headers: {} };
  const status = overrides.status ?? bound.status ?? definition.http.responseCode ?? 200;
  return { record, shape, status, headers: { ...bound.headers, ...overrides.headers } };
}
