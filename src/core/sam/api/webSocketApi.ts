// AWS::Serverless::WebSocketApi: placeholder.
import type { JsonObject } from '../intrinsics';
import type { GeneratedResources, TransformContext } from '../transformContext';

export function transformWebSocketApi(
  logicalId: string,
  _resource: JsonObject,
  _context: TransformContext,
): GeneratedResources {
  return { [logicalId]: { Type: 'AWS::ApiGatewayV2::Api', Properties: {} } };
}
