// The local cloud's services as resource providers reach them: in-process, no HTTP.
import type { LambdaService } from '../../lambda/lambdaService';
import type { LogStore } from '../../logs/logStore';
import type { ObjectStore } from '../../s3/objectStore';
import type { ParameterStore } from '../../ssm/parameterStore';

/**
 * A Lambda operation by its model name, with the model's input shape (path and query members such as
 * `FunctionName`, `Name` and `Qualifier` beside the body's); answers the output shape, throws AwsError like the API.
 */
export type LambdaOperationCall = (
  operation: string,
  input: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/** An IAM operation by its model name, with the model's input and output shapes (the local IAM service). */
export type IamOperationCall = (operation: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** An S3 operation by its model name, with the model's input as JSON (the local S3, in process). */
export type S3OperationCall = (operation: string, input: Record<string, unknown>) => Promise<unknown>;

/** What providers may use. */
export interface ProviderServices {
  /** The local IAM; absent where no IAM runs (roles are then only recorded with the stack). */
  iam?: IamOperationCall;
  lambda: LambdaOperationCall;
  objectStore: ObjectStore;
  /** The local S3's API, for bucket configurations; absent where only the object store runs. */
  s3?: S3OperationCall;
  logStore: LogStore;
  parameterStore: ParameterStore;
}

/** The Lambda service's in-process API with JSON values (base64 zips, as template properties carry them). */
export function lambdaOperationCall(lambda: Pick<LambdaService, 'callJson'>): LambdaOperationCall {
  return async (operation, input) => ((await lambda.callJson(operation, input)) ?? {}) as Record<string, unknown>;
}

/** Adapts a model service's typed `call` (the local IAM) to operation names and plain inputs. */
export function iamOperationCall(iam: { call(operation: never, input: never): Promise<unknown> }): IamOperationCall {
  const call = iam.call.bind(iam) as unknown as (operation: string, input: unknown) => Promise<unknown>;
  return async (operation, input) => ((await call(operation, input)) ?? {}) as Record<string, unknown>;
}
