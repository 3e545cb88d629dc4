// Per-function settings Lambda keeps beside the configuration: recursive loop detection
// (Put/GetFunctionRecursionConfig), runtime management (Put/GetRuntimeManagementConfig) and the execution
// environment scaling of capacity-provider functions (Put/GetFunctionScalingConfig). Stored and returned as
// Lambda does; the local runtime has one runtime version and no loop detection.
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { functionArn } from '../functionRecords';
import { requireQualified, requireUnqualified } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

/** The runtime settings handlers. */
export function runtimeSettingsHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    PutFunctionRecursionConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      record.recursiveLoop = input.RecursiveLoop;
      lambda.functions.save(record);
      return { RecursiveLoop: input.RecursiveLoop };
    }),
    GetFunctionRecursionConfig: storedOnly((input, request) => {
      const record = requireUnqualified(regions.get(request.region), input.FunctionName);
      return { RecursiveLoop: record.recursiveLoop ?? 'Terminate' };
    }),
    PutRuntimeManagementConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = requireQualified(lambda, input.FunctionName, input.Qualifier);
      if (input.UpdateRuntimeOn === 'Manual' && input.RuntimeVersionArn === undefined) {
        throw new AwsError(
          'InvalidParameterValueException',
          'RuntimeVersionArn must be provided when UpdateRuntimeOn is Manual.',
        );
      }
      if (input.UpdateRuntimeOn !== 'Manual' && input.RuntimeVersionArn !== undefined) {
        throw new AwsError(
          'InvalidParameterValueException',
          'RuntimeVersionArn can be provided only when UpdateRuntimeOn is Manual.',
        );
      }
      record.runtimeManagement = {
        updateRuntimeOn: input.UpdateRuntimeOn,
        ...(input.RuntimeVersionArn !== undefined ? { runtimeVersionArn: input.RuntimeVersionArn } : {}),
      };
      lambda.functions.save(record);
      return {
        UpdateRuntimeOn: input.UpdateRuntimeOn,
        FunctionArn: functionArn(lambda, record.name, qualifier),
        ...(input.RuntimeVersionArn !== undefined ? { RuntimeVersionArn: input.RuntimeVersionArn } : {}),
      };
    }),
    GetRuntimeManagementConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = requireQualified(lambda, input.FunctionName, input.Qualifier);
      const settings = record.runtimeManagement;
      return {
        UpdateRuntimeOn: settings?.updateRuntimeOn ?? 'Auto',
        FunctionArn: functionArn(lambda, record.name, qualifier),
        ...(settings?.runtimeVersionArn !== undefined ? { RuntimeVersionArn: settings.runtimeVersionArn } : {}),
      };
    }),
    PutFunctionScalingConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = requireQualified(lambda, input.FunctionName, input.Qualifier);
      (record.scalingConfigs ??= {})[qualifier ?? '$LATEST'] = { ...input.FunctionScalingConfig };
      lambda.functions.save(record);
      return { FunctionState: 'Active' };
    }),
    GetFunctionScalingConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const { record, qualifier } = requireQualified(lambda, input.FunctionName, input.Qualifier);
      const scaling = record.scalingConfigs?.[qualifier ?? '$LATEST'];
      return {
        FunctionArn: functionArn(lambda, record.name, qualifier),
        ...(scaling ? { AppliedFunctionScalingConfig: scaling, RequestedFunctionScalingConfig: scaling } : {}),
      };
    }),
  };
}
