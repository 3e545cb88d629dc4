// Invoke: RequestResponse (200), Event (202) or DryRun (204); alias weights pick the version that runs.
// Reserved concurrency: read, set, remove.
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { chooseAliasVersion } from '../aliasRouting';
import { configFor, parseFunctionReference, qualifierOf, requireFunction, requireUnqualified } from '../lambdaContext';
import { LambdaInvoker } from '../lambdaInvoker';
import type { LambdaRegions } from './lambdaRegions';

export function invokeHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    Invoke: async (input, request) => {
      const lambda = regions.get(request.region);
      const reference = parseFunctionReference(input.FunctionName);
      const qualifier = qualifierOf(input.Qualifier, reference.qualifier);
      const record = requireFunction(lambda, reference.name, qualifier);
      const alias = qualifier === undefined ? undefined : record.aliases[qualifier];
      const executedVersion = alias ? chooseAliasVersion(alias, lambda.random) : undefined;
      const config = configFor(lambda, record, executedVersion ?? qualifier);
      const payload =
        input.Payload === undefined || input.Payload.length === 0 ? '{}' : Buffer.from(input.Payload).toString('utf8');
      try {
        JSON.parse(payload);
      } catch (error) {
        throw new AwsError(
          'InvalidRequestContentException',
          `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const invocation = { payload, qualifier, clientContext: input.ClientContext };
      if (input.InvocationType === 'DryRun') return { StatusCode: 204 };
      if (input.InvocationType === 'Event') {
        lambda.invoker.invokeInBackground(record, config, invocation);
        return { StatusCode: 202, Payload: Buffer.alloc(0) };
      }
      const result = await lambda.invoker.invoke(record, config, invocation);
      return {
        StatusCode: 200,
        Payload: Buffer.from(result.payload, 'utf8'),
        ExecutedVersion: config.version,
        ...(result.functionError ? { FunctionError: result.functionError } : {}),
        ...(input.LogType === 'Tail' ? { LogResult: LambdaInvoker.logTail(result) } : {}),
      };
    },
    GetFunctionConcurrency: (input, request) => {
      const record = requireUnqualified(regions.get(request.region), input.FunctionName);
      return record.reservedConcurrency === undefined
        ? {}
        : { ReservedConcurrentExecutions: record.reservedConcurrency };
    },
    PutFunctionConcurrency: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      if (input.ReservedConcurrentExecutions > 1000) {
        throw new AwsError(
          'InvalidParameterValueException',
          'ReservedConcurrentExecutions must be an integer between 0 and 1000',
        );
      }
      record.reservedConcurrency = input.ReservedConcurrentExecutions;
      lambda.functions.save(record);
      return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
    },
    DeleteFunctionConcurrency: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      delete record.reservedConcurrency;
      lambda.functions.save(record);
    },
  };
}
