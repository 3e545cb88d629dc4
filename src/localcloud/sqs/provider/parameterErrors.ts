// SQS's wording for parameters its own rules refuse (the model declares few constraints).
import { AwsError } from '../../protocol/awsError';

/** `Value <v> for parameter <name> is invalid. Reason: <reason>` (InvalidParameterValue). */
export function invalidParameter(name: string, value: unknown, reason: string): AwsError {
  return new AwsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );
}

/** `The request must contain the parameter <name>.` (MissingParameter). */
export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}.`);
}
