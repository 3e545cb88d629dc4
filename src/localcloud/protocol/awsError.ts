// The one error type every service throws; each protocol writer turns it into its own wire shape.

/** An AWS service error: the wire code (`ResourceNotFoundException`, `NoSuchKey`...), HTTP status and message. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra fields some errors carry (Lambda's `Reason`, S3's `Key` or `BucketName`). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** True when the value is an AwsError (services throw them; anything else is an internal failure). */
export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}
