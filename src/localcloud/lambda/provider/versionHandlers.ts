// Published versions: PublishVersion (only when something changed) and ListVersionsByFunction.
import type { LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import type { ServiceProvider } from '../../protocol/modelService';
import { toFunctionConfiguration } from '../functionRecords';
import { pageByIndex, publish } from '../functionSettings';
import { checkRevision, requireUnqualified } from '../lambdaContext';
import type { LambdaRegions } from './lambdaRegions';

export function versionHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    PublishVersion: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      checkRevision(input.RevisionId, record.latest.revisionId);
      if (input.CodeSha256 !== undefined && input.CodeSha256 !== record.latest.codeSha256) {
        throw new AwsError(
          'InvalidParameterValueException',
          `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${record.latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
        );
      }
      const version = publish(record, input.Description ?? record.latest.description);
      lambda.functions.save(record);
      return toFunctionConfiguration(lambda, record, version);
    },
    ListVersionsByFunction: (input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      const { page, ...next } = pageByIndex([record.latest, ...record.versions], input.Marker, input.MaxItems);
      return { Versions: page.map((config) => toFunctionConfiguration(lambda, record, config, true)), ...next };
    },
  };
}
