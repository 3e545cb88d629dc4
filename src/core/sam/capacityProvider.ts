// AWS::Serverless::CapacityProvider: placeholder.
import type { JsonObject } from './intrinsics';
import type { GeneratedResources, TransformContext } from './transformContext';

export function transformCapacityProvider(
  logicalId: string,
  _resource: JsonObject,
  _context: TransformContext,
): GeneratedResources {
  return { [logicalId]: { Type: 'AWS::Lambda::CapacityProvider', Properties: {} } };
}
