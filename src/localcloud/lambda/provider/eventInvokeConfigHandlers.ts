// Asynchronous invocation settings (Put/Update/Get/Delete/ListFunctionEventInvokeConfig[s]): retries, maximum
// event age and destinations per function qualifier, as Lambda stores and returns them; the region's queue of Event
// invocations (asyncInvocations.ts) applies them.
import type {
  FunctionEventInvokeConfig,
  LambdaOperations,
  PutFunctionEventInvokeConfigRequest,
} from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { functionArn, type EventInvokeConfig, type FunctionRecord } from '../functionRecords';
import { pageByIndex } from '../functionSettings';
import { requireQualified, requireUnqualified, type LambdaContext } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

/** The function and qualifier (`$LATEST` when none) a request names; the qualifier must exist. */
function target(
  lambda: LambdaContext,
  functionName: string,
  qualifierParameter: string | undefined,
): { record: FunctionRecord; qualifier: string } {
  const { record, qualifier } = requireQualified(lambda, functionName, qualifierParameter);
  return { record, qualifier: qualifier ?? '$LATEST' };
}

function rendered(lambda: LambdaContext, record: FunctionRecord, qualifier: string, config: EventInvokeConfig) {
  const output: FunctionEventInvokeConfig = {
    LastModified: new Date(config.lastModified),
    FunctionArn: functionArn(lambda, record.name, qualifier),
    ...(config.maximumRetryAttempts !== undefined ? { MaximumRetryAttempts: config.maximumRetryAttempts } : {}),
    ...(config.maximumEventAgeInSeconds !== undefined
      ? { MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds }
      : {}),
    DestinationConfig: { OnSuccess: {}, OnFailure: {}, ...config.destinationConfig },
  };
  return output;
}

function missing(lambda: LambdaContext, record: FunctionRecord, qualifier: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `The function ${functionArn(lambda, record.name, qualifier)} doesn't have an EventInvokeConfig`,
    404,
  );
}

type Settings = Pick<
  PutFunctionEventInvokeConfigRequest,
  'MaximumRetryAttempts' | 'MaximumEventAgeInSeconds' | 'DestinationConfig'
>;

function settingsOf(input: Settings, base: Partial<EventInvokeConfig> = {}): EventInvokeConfig {
  return {
    ...base,
    ...(input.MaximumRetryAttempts !== undefined ? { maximumRetryAttempts: input.MaximumRetryAttempts } : {}),
    ...(input.MaximumEventAgeInSeconds !== undefined
      ? { maximumEventAgeInSeconds: input.MaximumEventAgeInSeconds }
      : {}),
    ...(input.DestinationConfig !== undefined ? { destinationConfig: input.DestinationConfig } : {}),
    lastModified: Date.now(),
  };
}

/** The event invoke config handlers. */
export function eventInvokeConfigHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    PutFunctionEventInvokeConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = target(lambda, input.FunctionName, input.Qualifier);
      const config = settingsOf(input);
      (record.eventInvokeConfigs ??= {})[qualifier] = config;
      lambda.functions.save(record);
      return rendered(lambda, record, qualifier, config);
    },
    UpdateFunctionEventInvokeConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = target(lambda, input.FunctionName, input.Qualifier);
      const existing = record.eventInvokeConfigs?.[qualifier];
      if (!existing) throw missing(lambda, record, qualifier);
      const config = settingsOf(input, existing);
      record.eventInvokeConfigs![qualifier] = config;
      lambda.functions.save(record);
      return rendered(lambda, record, qualifier, config);
    },
    GetFunctionEventInvokeConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = target(lambda, input.FunctionName, input.Qualifier);
      const config = record.eventInvokeConfigs?.[qualifier];
      if (!config) throw missing(lambda, record, qualifier);
      return rendered(lambda, record, qualifier, config);
    },
    DeleteFunctionEventInvokeConfig: (input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = target(lambda, input.FunctionName, input.Qualifier);
      if (!record.eventInvokeConfigs?.[qualifier]) throw missing(lambda, record, qualifier);
      delete record.eventInvokeConfigs[qualifier];
      lambda.functions.save(record);
    },
    ListFunctionEventInvokeConfigs: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      // $LATEST, then versions by number, then aliases by name (object keys would put versions first).
      const rank = (qualifier: string) => (qualifier === '$LATEST' ? 0 : /^\d+$/.test(qualifier) ? 1 : 2);
      const configs = Object.entries(record.eventInvokeConfigs ?? {})
        .sort(([a], [b]) => rank(a) - rank(b) || (rank(a) === 1 ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0))
        .map(([qualifier, config]) => rendered(lambda, record, qualifier, config));
      const { page, ...next } = pageByIndex(configs, input.Marker, input.MaxItems);
      return { FunctionEventInvokeConfigs: page, ...next };
    },
  };
}
