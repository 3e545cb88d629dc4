// Reserved concurrency (Put/Get/DeleteFunctionConcurrency) and provisioned concurrency configs per version or
// alias. Provisioned concurrency is stored and reported as Lambda does (IN_PROGRESS when put, READY after); the
// local runtime starts instances on demand either way.
import type { LambdaOperations, ProvisionedConcurrencyConfigListItem } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { ACCOUNT_CONCURRENCY, MINIMUM_UNRESERVED, reservedConcurrency } from '../accountConcurrency';
import { functionArn, lambdaTimestamp, type FunctionRecord } from '../functionRecords';
import { pageByIndex } from '../functionSettings';
import { configFor, parseFunctionReference, qualifierOf, requireFunction, requireUnqualified } from '../lambdaContext';
import type { LambdaContext } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

/** A version or alias qualifier that exists; $LATEST cannot have provisioned concurrency. */
function provisionedTarget(lambda: LambdaContext, functionName: string, qualifierParameter: string | undefined) {
  const reference = parseFunctionReference(functionName, lambda);
  const qualifier = qualifierOf(qualifierParameter, reference.qualifier);
  const record = requireFunction(lambda, reference.name, qualifier);
  if (qualifier === '$LATEST') {
    throw new AwsError(
      'InvalidParameterValueException',
      'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
    );
  }
  configFor(lambda, record, qualifier);
  return { record, qualifier: qualifier! };
}

function provisionedConfig(record: FunctionRecord, qualifier: string, status: 'IN_PROGRESS' | 'READY') {
  const stored = record.provisionedConcurrency?.[qualifier];
  if (!stored) return undefined;
  const allocated = status === 'READY' ? stored.requested : 0;
  return {
    RequestedProvisionedConcurrentExecutions: stored.requested,
    AvailableProvisionedConcurrentExecutions: allocated,
    AllocatedProvisionedConcurrentExecutions: allocated,
    Status: status,
    LastModified: stored.lastModified,
  };
}

/** Get answers the dedicated error; Delete's model declares only ResourceNotFoundException, with the same words. */
function configNotFound(code = 'ProvisionedConcurrencyConfigNotFoundException'): AwsError {
  return new AwsError(code, 'No Provisioned Concurrency Config found for this function', 404);
}

/** The concurrency handlers. */
export function concurrencyHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    GetFunctionConcurrency: (input, request) => {
      const record = requireUnqualified(regions.get(request.region), input.FunctionName);
      return record.reservedConcurrency === undefined
        ? {}
        : { ReservedConcurrentExecutions: record.reservedConcurrency };
    },
    PutFunctionConcurrency: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      const unreserved =
        ACCOUNT_CONCURRENCY - reservedConcurrency(lambda.functions, record.name) - input.ReservedConcurrentExecutions;
      if (unreserved < MINIMUM_UNRESERVED) {
        throw new AwsError(
          'InvalidParameterValueException',
          `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MINIMUM_UNRESERVED}].`,
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
    PutProvisionedConcurrencyConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = provisionedTarget(lambda, input.FunctionName, input.Qualifier);
      (record.provisionedConcurrency ??= {})[qualifier] = {
        requested: input.ProvisionedConcurrentExecutions,
        lastModified: lambdaTimestamp(),
      };
      lambda.functions.save(record);
      return provisionedConfig(record, qualifier, 'IN_PROGRESS')!;
    }),
    GetProvisionedConcurrencyConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = provisionedTarget(lambda, input.FunctionName, input.Qualifier);
      const config = provisionedConfig(record, qualifier, 'READY');
      if (!config) throw configNotFound();
      return config;
    }),
    DeleteProvisionedConcurrencyConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = provisionedTarget(lambda, input.FunctionName, input.Qualifier);
      if (!record.provisionedConcurrency?.[qualifier]) throw configNotFound('ResourceNotFoundException');
      delete record.provisionedConcurrency[qualifier];
      lambda.functions.save(record);
    }),
    ListProvisionedConcurrencyConfigs: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      const configs: ProvisionedConcurrencyConfigListItem[] = Object.keys(record.provisionedConcurrency ?? {})
        .sort()
        .map((qualifier) => ({
          FunctionArn: functionArn(lambda, record.name, qualifier),
          ...provisionedConfig(record, qualifier, 'READY')!,
        }));
      const { page, ...next } = pageByIndex(configs, input.Marker, input.MaxItems);
      return { ProvisionedConcurrencyConfigs: page, ...next };
    }),
  };
}
