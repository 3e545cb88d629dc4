// Invoking a function from another service of the local cloud (CodeDeploy's lifecycle hooks, API Gateway's
// Lambda integrations): through the Lambda service in process, so alias weights, logs and concurrency apply
// exactly as for an SDK's Invoke.
import type { LambdaService } from './lambdaService';

export interface FunctionInvocation {
  /** Name or ARN (an ARN may carry the qualifier). */
  functionName: string;
  /** Version or alias. */
  qualifier?: string;
  /** The event, serialized once as the payload. */
  event: unknown;
  region?: string;
}

export interface FunctionInvocationResult {
  payload: string;
  executedVersion?: string;
  /** `Unhandled` (or `Handled`) when the function failed; the payload then holds the error. */
  functionError?: string;
}

/** Runs a function synchronously (RequestResponse); throws AwsError as Invoke would (missing function...). */
export type InvokeFunction = (invocation: FunctionInvocation) => Promise<FunctionInvocationResult>;

export function invokeThroughLambda(lambda: Pick<LambdaService, 'call'>): InvokeFunction {
  return async (invocation) => {
    const reply = await lambda.call(
      'Invoke',
      {
        FunctionName: invocation.functionName,
        ...(invocation.qualifier === undefined ? {} : { Qualifier: invocation.qualifier }),
        Payload: Buffer.from(JSON.stringify(invocation.event ?? {}), 'utf8'),
      },
      invocation.region === undefined ? {} : { region: invocation.region },
    );
    return {
      payload: reply.Payload === undefined ? '' : Buffer.from(reply.Payload).toString('utf8'),
      ...(reply.ExecutedVersion ? { executedVersion: reply.ExecutedVersion } : {}),
      ...(reply.FunctionError ? { functionError: reply.FunctionError } : {}),
    };
  };
}
