// The one error type every service throws; each protocol writer turns it into its own wire shape.

/** An error's extra member: text, or a structure (JSON protocols). */
export type ErrorField = string | { [member: string]: unknown };

/** An AWS service error: the wire code (`ResourceNotFoundException`, `NoSuchKey`...), HTTP status and message. */
export class AwsError extends Error {
  /** The HTTP status: the one given, else the model's for a modelled error (see modelService), else 400. */
  readonly status: number;
  /** False when the thrower left the status to the model. */
  readonly statusGiven: boolean;

  constructor(
    readonly code: string,
    message: string,
    status?: number,
    /**
     * Extra fields some errors carry (Lambda's `Reason`, S3's `Key` or `BucketName`; structures only on JSON
     * protocols, such as Logs' `queryCompileError`).
     */
    readonly fields: Record<string, ErrorField> = {},
    /** Response headers the error carries (S3: `x-amz-delete-marker` on a key hidden by a delete marker). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
    this.status = status ?? 400;
    this.statusGiven = status !== undefined;
  }

  /** The same error with another status (the model's). */
  withStatus(status: number): AwsError {
    return new AwsError(this.code, this.message, status, this.fields, this.headers);
  }
}

/** True when the value is an AwsError (services throw them; anything else is an internal failure). */
export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}
