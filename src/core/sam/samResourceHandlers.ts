// One handler per SAM resource type, and the order the translator transforms them in: functions, then state
// machines (their events add methods to APIs), then APIs, then everything else.
import { text } from './intrinsics';
import type { JsonObject } from './intrinsics';
import { transformApplication } from './application';
import { transformHttpApi } from './api/httpApi';
import { transformRestApi } from './api/restApi';
import { transformFunction } from './function/samFunction';
import { transformLayerVersion } from './layerVersion';
import { transformSimpleTable } from './simpleTable';
import { transformStateMachine } from './stateMachine/stateMachine';
import { transformConnector } from './connector/connector';
import { transformGraphQlApi } from './graphql/graphQlApi';
import { transformWebSocketApi } from './api/webSocketApi';
import { transformCapacityProvider } from './capacityProvider';
import type { GeneratedResources, TransformContext } from './transformContext';

export type SamResourceHandler = (
  logicalId: string,
  resource: JsonObject,
  context: TransformContext,
) => GeneratedResources;

export const SAM_RESOURCE_HANDLERS: Readonly<Record<string, SamResourceHandler>> = {
  'AWS::Serverless::Function': transformFunction,
  'AWS::Serverless::StateMachine': transformStateMachine,
  'AWS::Serverless::Api': transformRestApi,
  'AWS::Serverless::HttpApi': transformHttpApi,
  'AWS::Serverless::WebSocketApi': transformWebSocketApi,
  'AWS::Serverless::SimpleTable': transformSimpleTable,
  'AWS::Serverless::LayerVersion': transformLayerVersion,
  'AWS::Serverless::Application': transformApplication,
  'AWS::Serverless::Connector': transformConnector,
  'AWS::Serverless::GraphQLApi': transformGraphQlApi,
  'AWS::Serverless::CapacityProvider': transformCapacityProvider,
};

const RANK: Readonly<Record<string, number>> = {
  'AWS::Serverless::Function': 0,
  'AWS::Serverless::StateMachine': 1,
  'AWS::Serverless::Api': 2,
  'AWS::Serverless::HttpApi': 2,
  'AWS::Serverless::WebSocketApi': 2,
  // Connectors read what the other resources became.
  'AWS::Serverless::Connector': 4,
};

/** The SAM resources in the order the translator transforms them. */
export function transformOrder(context: TransformContext): string[] {
  const ids = Object.keys(context.resources).filter((id) => SAM_RESOURCE_HANDLERS[text(context.resources[id]!.Type)]);
  return ids
    .map((id, index) => ({ id, index, rank: RANK[text(context.resources[id]!.Type)] ?? 3 }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.id);
}
