// AWS::Serverless::Connector: placeholder until the connector profiles land (see connectorProfiles.ts).
import type { JsonObject } from '../intrinsics';
import type { GeneratedResources, TransformContext } from '../transformContext';

export function transformConnector(
  _logicalId: string,
  _resource: JsonObject,
  _context: TransformContext,
): GeneratedResources {
  return {};
}
