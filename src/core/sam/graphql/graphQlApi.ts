// AWS::Serverless::GraphQLApi: placeholder.
import type { JsonObject } from '../intrinsics';
import type { GeneratedResources, TransformContext } from '../transformContext';

export function transformGraphQlApi(
  logicalId: string,
  _resource: JsonObject,
  _context: TransformContext,
): GeneratedResources {
  return { [logicalId]: { Type: 'AWS::AppSync::GraphQLApi', Properties: {} } };
}
