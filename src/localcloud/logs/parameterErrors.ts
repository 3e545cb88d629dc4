// Which code a bad parameter gets in CloudWatch Logs. The older operations declare InvalidParameterException; the
// newer ones (deliveries, scheduled queries, S3 Tables integrations) declare ValidationException instead, and
// clients branch on the declared class (boto3's `client.exceptions.ValidationException`). Handlers throw
// InvalidParameterException; the service rewrites it for operations that declare only ValidationException.
import { AwsError } from '../protocol/awsError';
import type { ServiceModel } from '../protocol/serviceModel';
import type { Violation } from '../protocol/shapeValidation';
import { validationMessage } from '../protocol/shapeValidation';

const INVALID_PARAMETER = 'InvalidParameterException';
const VALIDATION = 'ValidationException';

/** The code an operation answers bad parameters with: InvalidParameterException unless it declares only the other. */
export function parameterErrorCode(model: ServiceModel, operation: string): string {
  const errors = model.operations[operation]?.errors ?? [];
  const declares = (code: string) => errors.some((error) => error.shape === code);
  return !declares(INVALID_PARAMETER) && declares(VALIDATION) ? VALIDATION : INVALID_PARAMETER;
}

/** The engine's answer for constraint violations, in each operation's declared code and CloudWatch's words. */
export function logsValidationError(model: ServiceModel) {
  return (operation: string, violations: readonly Violation[]): AwsError => {
    // CreateLogGroup / CreateLogStream word a name over 512 characters their own way (AWS-recorded).
    const nameTooLong =
      (operation === 'CreateLogGroup' || operation === 'CreateLogStream') &&
      violations.some(
        (violation) =>
          (violation.path === 'logGroupName' || violation.path === 'logStreamName') &&
          violation.constraint.includes('length less than or equal to 512'),
      );
    if (nameTooLong) {
      return new AwsError(
        INVALID_PARAMETER,
        'Invalid LogGroup or LogStream, both must have length less than or equal to 512.',
      );
    }
    return new AwsError(parameterErrorCode(model, operation), validationMessage(violations));
  };
}

/**
 * The handlers, each rethrowing InvalidParameterException as ValidationException where its operation declares
 * only that. Properties of a handler (the stored-only mark) are kept.
 */
export function withDeclaredParameterErrors<Handlers extends object>(
  model: ServiceModel,
  handlers: Handlers,
): Handlers {
  const wrapped: Record<string, unknown> = {};
  for (const [operation, handler] of Object.entries(handlers)) {
    if (typeof handler !== 'function' || parameterErrorCode(model, operation) === INVALID_PARAMETER) {
      wrapped[operation] = handler;
      continue;
    }
    const call = handler as (...args: unknown[]) => unknown;
    const rewrite = (error: unknown): never => {
      if (error instanceof AwsError && error.code === INVALID_PARAMETER) {
        throw new AwsError(VALIDATION, error.message, undefined, error.fields, error.headers);
      }
      throw error;
    };
    wrapped[operation] = Object.assign((...args: unknown[]) => {
      try {
        const result = call(...args);
        return result instanceof Promise ? result.catch(rewrite) : result;
      } catch (error) {
        return rewrite(error);
      }
    }, handler);
  }
  return wrapped as Handlers;
}
