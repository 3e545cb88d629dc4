// AWS::Serverless::LayerVersion: a Lambda::LayerVersion whose logical ID carries a hash of the SAM resource, so a
// change publishes a new version; references to the SAM ID are rewritten to the new one.
import { InvalidResourceError } from './samTransformError';
import { isObject, resolveParameterRefs, type JsonObject } from './intrinsics';
import { logicalIdWithHash } from './logicalIdHash';
import { s3LocationObject } from './function/functionCode';
import { checkProperties, type GeneratedResources, type TransformContext } from './transformContext';

export function transformLayerVersion(
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
): GeneratedResources {
  const properties = isObject(resource.Properties) ? resource.Properties : {};
  checkProperties(logicalId, properties, {
    CompatibleRuntimes: 'list',
    CompatibleArchitectures: 'list',
    LayerName: 'string',
    Description: 'string',
    LicenseInfo: 'string',
  });
  // The translator resolves these parameter references first, and hashes what it resolved.
  for (const name of ['LayerName', 'LicenseInfo', 'Description', 'RetentionPolicy']) {
    if (properties[name] !== undefined) properties[name] = resolveParameterRefs(properties[name], context.parameters)!;
  }
  const hashed: JsonObject = { Type: resource.Type!, Properties: properties };
  for (const name of ['Condition', 'DependsOn', 'UpdatePolicy'])
    if (resource[name] !== undefined) hashed[name] = resource[name]!;
  const newId = logicalIdWithHash(logicalId, { [logicalId]: hashed });
  const retention = resolveParameterRefs(properties.RetentionPolicy, context.parameters);
  let deletionPolicy: string = 'Retain';
  if (retention !== undefined) {
    if (typeof retention !== 'string' || !['retain', 'delete'].includes(retention.toLowerCase())) {
      throw new InvalidResourceError(
        logicalId,
        "'RetentionPolicy' must be one of the following options: ['Retain', 'Delete'].",
        ['Properties', 'RetentionPolicy'],
      );
    }
    deletionPolicy = retention.toLowerCase() === 'retain' ? 'Retain' : 'Delete';
  }
  const layer: JsonObject = {
    Content: s3LocationObject(properties.ContentUri, logicalId, 'ContentUri'),
    LayerName: properties.LayerName ?? logicalId,
  };
  for (const name of ['Description', 'CompatibleRuntimes', 'CompatibleArchitectures', 'LicenseInfo'])
    if (properties[name] !== undefined) layer[name] = properties[name]!;
  const attributes: JsonObject = { DeletionPolicy: deletionPolicy };
  for (const name of ['Condition', 'DependsOn', 'UpdateReplacePolicy', 'Metadata'])
    if (resource[name] !== undefined) attributes[name] = resource[name]!;
  if (resource.DeletionPolicy !== undefined && retention === undefined)
    attributes.DeletionPolicy = resource.DeletionPolicy;
  context.renamedIds.set(logicalId, newId);
  return { [newId]: { Type: 'AWS::Lambda::LayerVersion', ...attributes, Properties: layer } };
}
