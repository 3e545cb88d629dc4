// Lambda Managed Instances capacity providers (Create/Get/Update/Delete/ListCapacityProviders,
// ListFunctionVersionsByCapacityProvider): stored and returned as Lambda does (Pending when created, Active
// afterwards, Deleting when deleted). Functions that name one run on the local runtime like any other.
import type { CapacityProvider, LambdaOperations } from '../../models/generated/lambda';
import { AwsError } from '../../protocol/awsError';
import { storedOnly, type ServiceProvider } from '../../protocol/modelService';
import { functionArn, lambdaTimestamp } from '../functionRecords';
import { pageByIndex } from '../functionSettings';
import type { LambdaContext } from '../lambdaContext';
import { setResourceTags } from '../resourceTags';
import type { LambdaRegions } from './lambdaRegions';

/** The region and name a CapacityProviderName (name or ARN) gives. */
function providerTarget(regions: LambdaRegions, region: string, raw: string) {
  const match = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):\d{12}:capacity-provider:([a-zA-Z0-9_-]+)$/.exec(raw);
  return { lambda: regions.get(match?.[1] ?? region), name: match?.[2] ?? raw };
}

function requireProvider(lambda: LambdaContext, name: string): CapacityProvider {
  const provider = lambda.resources.get<CapacityProvider>('capacityProviders', name);
  if (!provider) {
    throw new AwsError(
      'ResourceNotFoundException',
      `Capacity provider not found: arn:aws:lambda:${lambda.region}:${lambda.accountId}:capacity-provider:${name}`,
      404,
    );
  }
  return provider;
}

/** The capacity provider handlers. */
export function capacityProviderHandlers(regions: LambdaRegions): ServiceProvider<LambdaOperations> {
  return {
    CreateCapacityProvider: storedOnly((input, request) => {
      const { lambda, name } = providerTarget(regions, request.region, input.CapacityProviderName);
      const arn = `arn:aws:lambda:${lambda.region}:${lambda.accountId}:capacity-provider:${name}`;
      if (lambda.resources.has('capacityProviders', name)) {
        throw new AwsError('ResourceConflictException', `Capacity provider already exists: ${arn}`, 409);
      }
      const { CapacityProviderName: _name, Tags: _tags, ...settings } = input;
      const provider: CapacityProvider = {
        CapacityProviderArn: arn,
        State: 'Active',
        ...settings,
        LastModified: lambdaTimestamp(),
      };
      lambda.resources.put('capacityProviders', name, provider);
      setResourceTags(lambda, arn, input.Tags);
      return { CapacityProvider: { ...provider, State: 'Pending' } };
    }),
    GetCapacityProvider: storedOnly((input, request) => {
      const { lambda, name } = providerTarget(regions, request.region, input.CapacityProviderName);
      return { CapacityProvider: requireProvider(lambda, name) };
    }),
    UpdateCapacityProvider: storedOnly((input, request) => {
      const { lambda, name } = providerTarget(regions, request.region, input.CapacityProviderName);
      const { CapacityProviderName: _name, ...changes } = input;
      const updated: CapacityProvider = {
        ...requireProvider(lambda, name),
        ...Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
        LastModified: lambdaTimestamp(),
      };
      lambda.resources.put('capacityProviders', name, updated);
      return { CapacityProvider: updated };
    }),
    DeleteCapacityProvider: storedOnly((input, request) => {
      const { lambda, name } = providerTarget(regions, request.region, input.CapacityProviderName);
      const provider = requireProvider(lambda, name);
      lambda.resources.delete('capacityProviders', name);
      setResourceTags(lambda, provider.CapacityProviderArn, undefined);
      return { CapacityProvider: { ...provider, State: 'Deleting' } };
    }),
    ListCapacityProviders: storedOnly((input, request) => {
      const providers = regions
        .get(request.region)
        .resources.list<CapacityProvider>('capacityProviders')
        .filter((provider) => input.State === undefined || provider.State === input.State);
      const { page, ...next } = pageByIndex(providers, input.Marker, input.MaxItems);
      return { CapacityProviders: page, ...next };
    }),
    ListFunctionVersionsByCapacityProvider: storedOnly((input, request) => {
      const { lambda, name } = providerTarget(regions, request.region, input.CapacityProviderName);
      const arn = requireProvider(lambda, name).CapacityProviderArn;
      const versions = lambda.functions.names().flatMap((functionName) => {
        const record = lambda.functions.get(functionName)!;
        return [record.latest, ...record.versions]
          .filter(
            (config) =>
              config.settings?.CapacityProviderConfig?.LambdaManagedInstancesCapacityProviderConfig
                ?.CapacityProviderArn === arn,
          )
          .map((config) => ({
            FunctionArn: functionArn(lambda, functionName, config.version),
            State: 'Active',
          }));
      });
      const { page, ...next } = pageByIndex(versions, input.Marker, input.MaxItems);
      return { CapacityProviderArn: arn, FunctionVersions: page, ...next };
    }),
  };
}
