// Durable executions (the durable functions SDK's checkpoints, callbacks and history): the local runtime does not
// run durable functions, so no execution ever exists. The operations answer as Lambda does about executions,
// callbacks and checkpoint tokens it does not know; listing a function's executions answers an empty list.
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { requireQualified } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

function executionNotFound(arn: string): AwsError {
  return new AwsError('ResourceNotFoundException', `Durable execution not found: ${arn}`, 404);
}

function callbackNotFound(): AwsError {
  return new AwsError('ResourceNotFoundException', 'Callback not found.', 404);
}

/** The durable execution handlers. */
export function durableExecutionHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    ListDurableExecutionsByFunction: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      requireQualified(lambda, input.FunctionName, input.Qualifier);
      return { DurableExecutions: [] };
    }),
    GetDurableExecution: storedOnly((input) => {
      throw executionNotFound(input.DurableExecutionArn);
    }),
    GetDurableExecutionHistory: storedOnly((input) => {
      throw executionNotFound(input.DurableExecutionArn);
    }),
    GetDurableExecutionState: storedOnly((input) => {
      throw executionNotFound(input.DurableExecutionArn);
    }),
    StopDurableExecution: storedOnly((input) => {
      throw executionNotFound(input.DurableExecutionArn);
    }),
    CheckpointDurableExecution: storedOnly(() => {
      throw new AwsError('InvalidParameterValueException', 'Invalid checkpoint token.');
    }),
    SendDurableExecutionCallbackSuccess: storedOnly(() => {
      throw callbackNotFound();
    }),
    SendDurableExecutionCallbackFailure: storedOnly(() => {
      throw callbackNotFound();
    }),
    SendDurableExecutionCallbackHeartbeat: storedOnly(() => {
      throw callbackNotFound();
    }),
  };
}
