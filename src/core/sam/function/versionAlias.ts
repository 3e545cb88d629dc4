// AutoPublishAlias (samtranslator/model/sam_resources.py _construct_version/_construct_alias): a Lambda::Version
// whose logical ID carries a hash of the code and the properties that make a new version, and an alias on it.
import { InvalidResourceError } from '../samTransformError';
import { getAtt, isObject, ref, resolveParameterRefs, type JsonObject, type JsonValue } from '../intrinsics';
import { dataHash, logicalIdWithHash, pythonJsonDumps } from '../logicalIdHash';
import type { CfnResource, GeneratedResources, TransformContext } from '../transformContext';

export interface PublishedAlias {
  aliasId: string;
  aliasName: string;
  versionId: string;
  resources: GeneratedResources;
}

/** The alias name after resolving parameters; the translator refuses anything else than a non-empty name. */
function aliasNameOf(logicalId: string, value: JsonValue, context: TransformContext): string {
  const resolved = resolveParameterRefs(value, context.parameters);
  if (typeof resolved !== 'string' || resolved === '') {
    throw new InvalidResourceError(
      logicalId,
      resolved === ''
        ? "'AutoPublishAlias' cannot be an empty string."
        : "'AutoPublishAlias' must be a string or a Ref to a template parameter",
      ['Properties', 'AutoPublishAlias'],
    );
  }
  if (!/^[a-zA-Z0-9_-]+$/.test(resolved) || /^\d+$/.test(resolved)) {
    throw new InvalidResourceError(
      logicalId,
      'AutoPublishAlias must contain only alphanumerics, hyphens, or underscores matching (?!^[0-9]+$)([a-zA-Z0-9-_]+)',
      ['Properties', 'AutoPublishAlias'],
    );
  }
  return resolved;
}

/** Builds the Version and Alias for a function with AutoPublishAlias. */
export function publishAlias(
  logicalId: string,
  properties: JsonObject,
  lambda: CfnResource,
  attributes: JsonObject,
  context: TransformContext,
): PublishedAlias {
  const aliasName = aliasNameOf(logicalId, properties.AutoPublishAlias!, context);
  const lambdaProperties = lambda.Properties as JsonObject;
  const allProperties = properties.AutoPublishAliasAllProperties;
  if (allProperties !== undefined && typeof allProperties !== 'boolean') {
    throw new InvalidResourceError(logicalId, "Property 'AutoPublishAliasAllProperties' should be a boolean.", [
      'Properties',
      'AutoPublishAliasAllProperties',
    ]);
  }
  let hashed: JsonObject;
  if (allProperties === true) {
    hashed = structuredClone(lambdaProperties);
  } else {
    const code = resolveParameterRefs(lambdaProperties.Code, context.parameters);
    hashed = isObject(code) ? { ...code } : {};
    if (isObject(lambdaProperties.Environment)) Object.assign(hashed, lambdaProperties.Environment);
    if (lambdaProperties.MemorySize !== undefined) hashed.MemorySize = lambdaProperties.MemorySize;
    const snapStart = lambdaProperties.SnapStart;
    if (isObject(snapStart) && snapStart.ApplyOn !== undefined && snapStart.ApplyOn !== 'None')
      hashed.SnapStart = snapStart;
  }
  const codeSha = resolveParameterRefs(properties.AutoPublishCodeSha256, context.parameters);
  const prefix = `${logicalId}Version`;
  let versionId: string;
  if (typeof codeSha === 'string') {
    const base = Object.keys(hashed).length > 0 ? pythonJsonDumps(hashed) : '';
    versionId = prefix + dataHash(`${base}${codeSha}`);
  } else versionId = logicalIdWithHash(prefix, hashed);
  // Versions on a capacity provider run on managed instances: they are deleted with the stack, and scale.
  const onCapacityProvider = properties.CapacityProviderConfig !== undefined;
  const versionAttributes: JsonObject = { ...attributes, DeletionPolicy: onCapacityProvider ? 'Delete' : 'Retain' };
  const deletionPolicy = properties.VersionDeletionPolicy;
  if (deletionPolicy !== undefined) versionAttributes.DeletionPolicy = deletionPolicy;
  const versionProperties: JsonObject = { FunctionName: ref(logicalId) };
  if (onCapacityProvider && properties.FunctionScalingConfig !== undefined) {
    versionProperties.FunctionScalingConfig = properties.FunctionScalingConfig;
  }
  if (properties.VersionDescription !== undefined) versionProperties.Description = properties.VersionDescription;
  const version: CfnResource = { Type: 'AWS::Lambda::Version', ...versionAttributes, Properties: versionProperties };
  // The translator spells `_` and `-` as U and D in logical IDs.
  const aliasId = `${logicalId}Alias${aliasName.replace(/_/g, 'U').replace(/-/g, 'D')}`;
  const aliasProperties: JsonObject = {
    Name: aliasName,
    FunctionName: ref(logicalId),
    FunctionVersion: getAtt(versionId, 'Version'),
  };
  if (properties.ProvisionedConcurrencyConfig !== undefined) {
    aliasProperties.ProvisionedConcurrencyConfig = properties.ProvisionedConcurrencyConfig;
  }
  const alias: CfnResource = { Type: 'AWS::Lambda::Alias', ...attributes, Properties: aliasProperties };
  context.samReferences.set(`${logicalId}.Alias`, ref(aliasId));
  context.samReferences.set(`${logicalId}.Version`, ref(versionId));
  return { aliasId, aliasName, versionId, resources: { [versionId]: version, [aliasId]: alias } };
}
