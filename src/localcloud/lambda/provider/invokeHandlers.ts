// Invoke: RequestResponse (200), Event (202) or DryRun (204); alias weights pick the version that runs.
// InvokeWithResponseStream answers the result as an event stream (one PayloadChunk, then InvokeComplete: the local
// runtime buffers responses); InvokeAsync is the deprecated Event invoke (202).
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import { encodeEventStreamMessage, encodeJsonEvent } from '../../protocol/eventStreamEncoder';
import type { ServiceProvider } from '../../protocol/modelService';
import { chooseAliasVersion } from '../aliasRouting';
import { configFor, parseFunctionReference, qualifierOf, requireFunction, type LambdaContext } from '../lambdaContext';
import { LambdaInvoker } from '../lambdaInvoker';
import type { FunctionConfig, FunctionRecord } from '../functionRecords';
import type { LambdaRegions } from './lambdaRegions';

/** The function, the configuration that runs (an alias's weights choose) and the checked JSON payload. */
function invocationOf(
  lambda: LambdaContext,
  functionName: string,
  qualifierParameter: string | undefined,
  body: Uint8Array | undefined,
) {
  const reference = parseFunctionReference(functionName, lambda);
  const qualifier = qualifierOf(qualifierParameter, reference.qualifier);
  const record = requireFunction(lambda, reference.name, qualifier);
  const alias = qualifier === undefined ? undefined : record.aliases[qualifier];
  const executedVersion = alias ? chooseAliasVersion(alias, lambda.random) : undefined;
  const config = configFor(lambda, record, executedVersion ?? qualifier);
  const payload = body === undefined || body.length === 0 ? '{}' : Buffer.from(body).toString('utf8');
  try {
    JSON.parse(payload);
  } catch (error) {
    throw new AwsError(
      'InvalidRequestContentException',
      `Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { record, config, payload, qualifier };
}

/** Queues an Event invocation under the request's id (the function sees it as its awsRequestId). */
function queueEvent(
  lambda: LambdaContext,
  record: FunctionRecord,
  config: FunctionConfig,
  payload: string,
  qualifier: string | undefined,
  requestId: string,
): void {
  LambdaInvoker.requireRunnable(config);
  lambda.async.enqueue({ functionName: record.name, qualifier, payload, requestId });
}

export function invokeHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    Invoke: async (input, request) => {
      const lambda = regions.get(request.region);
      const { record, config, payload, qualifier } = invocationOf(
        lambda,
        input.FunctionName,
        input.Qualifier,
        input.Payload,
      );
      const invocation = { payload, qualifier, clientContext: input.ClientContext };
      if (input.InvocationType === 'DryRun') return { StatusCode: 204 };
      if (input.InvocationType === 'Event') {
        queueEvent(lambda, record, config, payload, qualifier, request.requestId);
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
    InvokeAsync: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, config, payload } = invocationOf(lambda, input.FunctionName, undefined, input.InvokeArgs);
      queueEvent(lambda, record, config, payload, undefined, request.requestId);
      return { Status: 202 };
    },
    InvokeWithResponseStream: async (input, request) => {
      const lambda = regions.get(request.region);
      const { record, config, payload, qualifier } = invocationOf(
        lambda,
        input.FunctionName,
        input.Qualifier,
        input.Payload,
      );
      const invocation = { payload, qualifier, clientContext: input.ClientContext };
      if (input.InvocationType === 'DryRun') return { StatusCode: 204 };
      const result = await lambda.invoker.invoke(record, config, invocation);
      const response = request.response;
      if (!response) throw new AwsError('InvalidRequestContentException', 'Response streams need an HTTP client.');
      response.writeHead(200, {
        'Content-Type': 'application/vnd.amazon.eventstream',
        'X-Amzn-RequestId': request.requestId,
        'X-Amz-Executed-Version': config.version,
      });
      if (!result.functionError) {
        response.write(
          encodeEventStreamMessage(
            { ':event-type': 'PayloadChunk', ':message-type': 'event', ':content-type': 'application/octet-stream' },
            Buffer.from(result.payload, 'utf8'),
          ),
        );
      }
      response.end(
        encodeJsonEvent('InvokeComplete', {
          ...(result.functionError ? { ErrorCode: result.functionError, ErrorDetails: result.payload } : {}),
          ...(input.LogType === 'Tail' ? { LogResult: LambdaInvoker.logTail(result) } : {}),
        }),
      );
      return {};
    },
  };
}
