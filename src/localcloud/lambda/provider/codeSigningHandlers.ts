// Code signing configs (Create/Get/Update/Delete/ListCodeSigningConfigs, ListFunctionsByCodeSigningConfig) and
// their attachment to functions (Put/Get/DeleteFunctionCodeSigningConfig). Stored and returned as Lambda does;
// the local cloud does not check signatures (no AWS Signer locally).
import { randomBytes } from 'node:crypto';
import type { CodeSigningConfig, LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { functionArn, lambdaTimestamp } from '../functionRecords';
import { pageByIndex } from '../functionSettings';
import { requireUnqualified, type LambdaContext } from '../lambdaContext';
import { setResourceTags } from '../resourceTags';
import type { LambdaRegions } from './lambdaRegions';

const CODE_SIGNING_CONFIG_ARN =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):code-signing-config:(csc-[a-z0-9]{17})$/;

/** `csc-` and 17 lowercase hex-like characters, as Lambda's ids. */
function newConfigId(): string {
  return `csc-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

function notFound(arn: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    `The code signing configuration cannot be found. Check that the provided configuration is not deleted: ${arn}.`,
    404,
  );
}

/** The stored config an ARN names, in the ARN's region. */
export function requireCodeSigningConfig(
  regions: LambdaRegions,
  region: string,
  arn: string,
): { lambda: LambdaContext; config: CodeSigningConfig } {
  const match = CODE_SIGNING_CONFIG_ARN.exec(arn);
  const lambda = regions.get(match?.[1] ?? region);
  const config = match ? lambda.resources.get<CodeSigningConfig>('codeSigningConfigs', match[3]!) : undefined;
  if (!config) throw notFound(arn);
  return { lambda, config };
}

/** The functions (unqualified ARNs) a config is attached to. */
function functionsUsing(lambda: LambdaContext, arn: string): string[] {
  return lambda.functions
    .names()
    .filter((name) => lambda.functions.get(name)!.codeSigningConfigArn === arn)
    .map((name) => functionArn(lambda, name));
}

/** The code signing handlers. */
export function codeSigningHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    CreateCodeSigningConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const id = newConfigId();
      const config: CodeSigningConfig = {
        CodeSigningConfigId: id,
        CodeSigningConfigArn: `arn:aws:lambda:${lambda.region}:${lambda.accountId}:code-signing-config:${id}`,
        Description: input.Description ?? '',
        AllowedPublishers: input.AllowedPublishers,
        CodeSigningPolicies: { UntrustedArtifactOnDeployment: 'Warn', ...input.CodeSigningPolicies },
        LastModified: lambdaTimestamp(),
      };
      lambda.resources.put('codeSigningConfigs', id, config);
      setResourceTags(lambda, config.CodeSigningConfigArn, input.Tags);
      return { CodeSigningConfig: config };
    }),
    GetCodeSigningConfig: storedOnly((input, request) => ({
      CodeSigningConfig: requireCodeSigningConfig(regions, request.region, input.CodeSigningConfigArn).config,
    })),
    UpdateCodeSigningConfig: storedOnly((input, request) => {
      const { lambda, config } = requireCodeSigningConfig(regions, request.region, input.CodeSigningConfigArn);
      const updated: CodeSigningConfig = {
        ...config,
        ...(input.Description !== undefined ? { Description: input.Description } : {}),
        ...(input.AllowedPublishers ? { AllowedPublishers: input.AllowedPublishers } : {}),
        ...(input.CodeSigningPolicies
          ? { CodeSigningPolicies: { ...config.CodeSigningPolicies, ...input.CodeSigningPolicies } }
          : {}),
        LastModified: lambdaTimestamp(),
      };
      lambda.resources.put('codeSigningConfigs', config.CodeSigningConfigId, updated);
      return { CodeSigningConfig: updated };
    }),
    DeleteCodeSigningConfig: storedOnly((input, request) => {
      const { lambda, config } = requireCodeSigningConfig(regions, request.region, input.CodeSigningConfigArn);
      const users = functionsUsing(lambda, config.CodeSigningConfigArn);
      if (users.length > 0) {
        throw new AwsError(
          'ResourceConflictException',
          `The code signing configuration cannot be deleted because it is used by the following functions: ${users.join(', ')}`,
          409,
        );
      }
      lambda.resources.delete('codeSigningConfigs', config.CodeSigningConfigId);
      setResourceTags(lambda, config.CodeSigningConfigArn, undefined);
      return {};
    }),
    ListCodeSigningConfigs: storedOnly((input, request) => {
      const configs = regions.get(request.region).resources.list<CodeSigningConfig>('codeSigningConfigs');
      const { page, ...next } = pageByIndex(configs, input.Marker, input.MaxItems);
      return { CodeSigningConfigs: page, ...next };
    }),
    ListFunctionsByCodeSigningConfig: storedOnly((input, request) => {
      const { lambda, config } = requireCodeSigningConfig(regions, request.region, input.CodeSigningConfigArn);
      const { page, ...next } = pageByIndex(
        functionsUsing(lambda, config.CodeSigningConfigArn),
        input.Marker,
        input.MaxItems,
      );
      return { FunctionArns: page, ...next };
    }),
    PutFunctionCodeSigningConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      const { config } = requireCodeSigningConfig(regions, request.region, input.CodeSigningConfigArn);
      record.codeSigningConfigArn = config.CodeSigningConfigArn;
      lambda.functions.save(record);
      return { CodeSigningConfigArn: config.CodeSigningConfigArn, FunctionName: record.name };
    }),
    GetFunctionCodeSigningConfig: storedOnly((input, request) => {
      const record = requireUnqualified(regions.get(request.region), input.FunctionName);
      return { CodeSigningConfigArn: record.codeSigningConfigArn ?? '', FunctionName: record.name };
    }),
    DeleteFunctionCodeSigningConfig: storedOnly((input, request) => {
      const lambda = regions.get(request.region);
      const record = requireUnqualified(lambda, input.FunctionName);
      delete record.codeSigningConfigArn;
      lambda.functions.save(record);
    }),
  };
}
