// The local API Gateway: the APIs stacks create (one store per region), their providers for CloudFormation, the
// router that serves them on the local cloud's port, and the control plane on the generated models (v1 and v2
// share the `apigateway` signing name; `/v2/...` paths are v2's). The control plane answers the reads tools use
// (APIs, resources, methods, integrations, routes, authorizers, deployments, stages, tags); every other
// operation answers AWS's error naming it: APIs are created by CloudFormation stacks.
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import { httpApiProviders } from '../cloudformation/providers/apigateway/httpApiProviders';
import { restApiProviders } from '../cloudformation/providers/apigateway/restApiProviders';
import type { ResourceProvider } from '../cloudformation/providers/resourceProvider';
import type { InvokeFunction } from '../lambda/functionInvocation';
import type { LocalCloudService } from '../localCloudService';
import apigatewayModel from '../models/generated/apigateway.json';
import apigatewayv2Model from '../models/generated/apigatewayv2.json';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import { RegionalState } from '../regionalState';
import { ApiStore } from './apiStore';
import { DeployedApiRouter } from './deployedApiRouter';
import { httpApiReadHandlers } from './provider/httpApiReadHandlers';
import { restApiReadHandlers } from './provider/restApiReadHandlers';

export interface ApiGatewayServiceOptions {
  stateDirectory: string;
  region: string;
  accountId: string;
  logger: Logger;
  invoke: InvokeFunction;
}

export type ApiGatewayService = LocalCloudService & {
  readonly router: DeployedApiRouter;
  readonly providers: ResourceProvider[];
  /** The two model services (they share one signing name), by model name: for coverage and error reports. */
  readonly modelServices: Record<'apigateway' | 'apigatewayv2', ModelService<never>>;
};

export function createApiGatewayService(options: ApiGatewayServiceOptions): ApiGatewayService {
  const stores = new RegionalState(
    options.region,
    options.stateDirectory,
    (_region, directory) => new ApiStore(directory, options.logger),
  );
  const router = new DeployedApiRouter({
    stores,
    regions: () => stores.storedRegions(join('apigateway', 'apis.json')),
    invoke: options.invoke,
    accountId: options.accountId,
    logger: options.logger,
  });
  const v1 = createModelService(
    apigatewayModel as unknown as ServiceModel,
    restApiReadHandlers(stores, options.accountId),
    { region: options.region, accountId: options.accountId, validationErrorCode: 'BadRequestException' },
  );
  const v2 = createModelService(
    apigatewayv2Model as unknown as ServiceModel,
    httpApiReadHandlers(stores, options.accountId),
    { region: options.region, accountId: options.accountId, validationErrorCode: 'BadRequestException' },
  );
  // v1 and v2 share the `apigateway` signing name; v2's paths all start with /v2/.
  const modelFor = (path: string) => (path.startsWith('/v2/') ? v2 : v1);

  return {
    signingName: 'apigateway',
    bodyLimit: (head) => modelFor(head.path).bodyLimit(head),
    bodyTooLargeError: (head, limit) => modelFor(head.path).bodyTooLargeError(head, limit),
    handle: (request, response) => modelFor(request.path).handle(request, response),
    sendError: (head, response, error) => modelFor(head.path).sendError(head, response, error),
    close: () => Promise.resolve(),
    modelServices: { apigateway: v1 as ModelService<never>, apigatewayv2: v2 as ModelService<never> },
    router,
    providers: [...restApiProviders(stores), ...httpApiProviders(stores)],
  };
}
