// The local cloud's services as resource providers reach them: in-process, no HTTP.
import type { LambdaService } from '../../lambda/lambdaService';
import type { LayerVersionStore } from '../../lambda/layerVersionStore';
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

/** What providers may use. */
export interface ProviderServices {
  /** The local IAM; absent where no IAM runs (roles are then only recorded with the stack). */
  iam?: IamOperationCall;
  lambda: LambdaOperationCall;
  /** Lambda layer versions (until the Lambda API serves layers, CloudFormation publishes them here directly). */
  layers: LayerVersionStore;
  objectStore: ObjectStore;
  logStore: LogStore;
  parameterStore: ParameterStore;
}

/** Adapts the Lambda service's `call` (path parameters, query and body apart; status and body back). */
export function lambdaOperationCall(lambda: Pick<LambdaService, 'call'>): LambdaOperationCall {
  return async (operation, input) => {
    const parameters: Record<string, string> = {};
    const query: Record<string, string> = {};
    const body: Record<string, unknown> = {};
    // Which members the restJson1 bindings put in the path: FunctionName (except CreateFunction's) and an
    // alias's Name (except CreateAlias's); Qualifier goes in the query string.
    const inPath = (member: string) =>
      (member === 'FunctionName' && operation !== 'CreateFunction') ||
      (member === 'Name' && operation !== 'CreateAlias');
    for (const [member, value] of Object.entries(input)) {
      if (value === undefined) continue;
      if (inPath(member)) parameters[member] = textOf(value);
      else if (member === 'Qualifier') query[member] = textOf(value);
      else body[member] = value;
    }
    const reply = await lambda.call(operation, { parameters, query, body });
    return (reply.body ?? {}) as Record<string, unknown>;
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Adapts a model service's typed `call` (the local IAM) to operation names and plain inputs. */
export function iamOperationCall(iam: { call(operation: never, input: never): Promise<unknown> }): IamOperationCall {
  const call = iam.call.bind(iam) as unknown as (operation: string, input: unknown) => Promise<unknown>;
  return async (operation, input) => ((await call(operation, input)) ?? {}) as Record<string, unknown>;
}
