// Every error an operation may answer is listed in its service model (the operation's `errors`), with its HTTP
// status. Clients branch on those codes (boto3's `client.exceptions.ResourceConflictException`, SDK v3's
// `instanceof`), so an answer the model does not declare, or a declared one with another status, is a fidelity
// bug. The engine notes each such answer here (the error path only); GET /_localcloud/undeclared-errors reports
// them and the localcloud tests fail on them (issue #13).
import type { AwsError } from './awsError';
import { hasOwn, type ServiceModel } from './serviceModel';

/**
 * Errors any AWS service answers without declaring them per operation (AWS's "Common Errors" for every API, plus
 * the JSON protocols' own and the local cloud's 501 refusal, which the coverage report counts instead).
 */
const COMMON_ERRORS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'IncompleteSignature',
  'InternalFailure',
  'InvalidAction',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'NotAuthorized',
  'OptInRequired',
  'RequestExpired',
  'ExpiredTokenException',
  'ServiceUnavailable',
  'ThrottlingException',
  'Throttling',
  'ValidationError',
  'ValidationException',
  'SerializationException',
  'UnknownOperationException',
  'UnrecognizedClientException',
  'RequestEntityTooLargeException',
  'NotImplemented',
]);

/** One kind of answer the model does not allow, with how often it was given and one message. */
export interface ErrorFinding {
  operation: string;
  code: string;
  status: number;
  /** `undeclared`: the operation's model lists no such error; `status`: declared with another HTTP status. */
  problem: 'undeclared' | 'status' | 'internal';
  /** The model's status for a declared error. */
  modelStatus?: number;
  message: string;
  count: number;
}

/** Checks errors against one model and keeps each distinct finding once (bounded by operations x codes). */
export class ErrorDeclarations {
  private readonly findings = new Map<string, ErrorFinding>();

  constructor(private readonly model: ServiceModel) {}

  /** Notes an error answered for the operation (undefined when the request named none the model knows). */
  check(operation: string | undefined, error: AwsError): void {
    const finding = this.judge(operation, error);
    if (!finding) return;
    const key = `${finding.operation}\u0000${finding.code}\u0000${finding.status}\u0000${finding.problem}`;
    const known = this.findings.get(key);
    if (known) known.count += 1;
    else this.findings.set(key, finding);
  }

  /** Notes a failure that was not an AwsError (answered as a 500 without internals): always a bug. */
  checkInternal(operation: string | undefined, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const key = `${operation ?? '?'}\u0000internal\u0000${message}`;
    const known = this.findings.get(key);
    if (known) known.count += 1;
    else
      this.findings.set(key, {
        operation: operation ?? '?',
        code: 'internal failure',
        status: 500,
        problem: 'internal',
        message,
        count: 1,
      });
  }

  /** Every finding so far, by operation then code. */
  report(): ErrorFinding[] {
    return [...this.findings.values()].sort((a, b) =>
      a.operation === b.operation ? a.code.localeCompare(b.code) : a.operation.localeCompare(b.operation),
    );
  }

  private judge(operation: string | undefined, error: AwsError): ErrorFinding | undefined {
    if (COMMON_ERRORS.has(error.code)) return undefined;
    const definition =
      operation !== undefined && hasOwn(this.model.operations, operation)
        ? this.model.operations[operation]
        : undefined;
    const declared = definition?.errors?.find(
      ({ shape }) => shape === error.code || this.model.shapes[shape]?.error?.code === error.code,
    );
    const base = { operation: operation ?? '?', code: error.code, message: error.message, count: 1 };
    // The status the engine answers: the thrower's, else the model's for a modelled error (modelService).
    const shapeStatus = this.model.shapes[declared?.shape ?? error.code]?.error?.httpStatusCode;
    const status = error.statusGiven || shapeStatus === undefined ? error.status : shapeStatus;
    if (!declared) return { ...base, status, problem: 'undeclared' };
    const modelStatus = shapeStatus;
    if (modelStatus === undefined || status === modelStatus) return undefined;
    return { ...base, status, problem: 'status', modelStatus };
  }
}

/** One line per finding, for logs and test failures. */
export function describeFindings(service: string, findings: readonly ErrorFinding[]): string[] {
  return findings.map((finding) => {
    const what =
      finding.problem === 'status'
        ? `${finding.code} with status ${finding.status} (the model says ${finding.modelStatus})`
        : finding.problem === 'internal'
          ? `an internal failure`
          : `${finding.code} (${finding.status}), which the model does not declare`;
    return `${service} ${finding.operation} answered ${what} x${finding.count}: ${finding.message}`;
  });
}
