// AWS::ApiGatewayV2::Deployment and Stage: what an HTTP API's stage serves. A Deployment freezes the API's routes,
// integrations and authorizers as they are; a stage serves the deployment it names (DeploymentId, or a Deployment's
// StageName) and keeps serving it while routes change, until it names another one. Only a stage with AutoDeploy
// serves every change at once (SAM's stages and quick create's `$default` do). A stage whose AutoDeploy is turned
// off keeps what it served, as its last automatic deployment.
import type { JsonObject } from '../../../../core/template/templateJson';
import {
  newApiGatewayId,
  type ApiStore,
  type HttpApiRecord,
  type HttpDeploymentRecord,
  type StageRecord,
} from '../../../apigateway/apiStore';
import type { RegionalState } from '../../../regionalState';
import { objectProperty, stringProperty, type ProviderContext, type ResourceProvider } from '../resourceProvider';
import { stageVariables } from './apiDefinitionBody';

type Stores = RegionalState<ApiStore>;

/** The HTTP API the resource's ApiId names, or API Gateway's NotFoundException message. */
export function requireHttpApi(stores: Stores, context: ProviderContext, properties: JsonObject): HttpApiRecord {
  const id = stringProperty(properties, 'ApiId') ?? '';
  const api = stores.get(context.region).httpApi(id);
  if (!api) throw new Error(`Invalid API identifier specified ${context.accountId}:${id}`);
  return api;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** The API's routes, integrations and authorizers as they are now, frozen. */
function snapshot(
  api: HttpApiRecord,
  createdDate: string,
  details: { description?: string; autoDeployed: boolean },
): HttpDeploymentRecord {
  const deployment: HttpDeploymentRecord = {
    deploymentId: newApiGatewayId(6),
    createdDate,
    autoDeployed: details.autoDeployed,
    routes: structuredClone(api.routes),
    integrations: structuredClone(api.integrations),
    authorizers: structuredClone(api.authorizers),
  };
  if (details.description) deployment.description = details.description;
  api.deployments = [...(api.deployments ?? []), deployment];
  return deployment;
}

function deploymentProvider(stores: Stores): ResourceProvider {
  /** Points an existing stage at a deployment (API Gateway refuses a stage that does not exist). */
  const moveStage = (api: HttpApiRecord, stageName: string, deploymentId: string, now: string) => {
    const stage = api.stages.find((item) => item.stageName === stageName);
    if (!stage) throw new Error(`Invalid stage identifier specified: ${stageName}`);
    stage.deploymentId = deploymentId;
    stage.lastUpdatedDate = now;
  };
  return {
    type: 'AWS::ApiGatewayV2::Deployment',
    create(properties, context) {
      const api = requireHttpApi(stores, context, properties);
      if (api.routes.length === 0) {
        throw new Error(
          api.protocolType === 'WEBSOCKET'
            ? 'At least one route is required before deploying the Api.'
            : 'Unable to deploy API because no routes exist in this API',
        );
      }
      const now = context.clock.now().toISOString();
      const description = stringProperty(properties, 'Description');
      const deployment = snapshot(api, now, { ...(description ? { description } : {}), autoDeployed: false });
      const stageName = stringProperty(properties, 'StageName');
      if (stageName) moveStage(api, stageName, deployment.deploymentId, now);
      stores.get(context.region).save();
      const id = deployment.deploymentId;
      return Promise.resolve({ physicalId: id, attributes: { DeploymentId: id } });
    },
    // Description and StageName change in place (UpdateDeployment, UpdateStage): the snapshot stays what it was.
    update(update, context) {
      const api = requireHttpApi(stores, context, update.properties);
      const deployment = api.deployments?.find((item) => item.deploymentId === update.current.physicalId);
      if (deployment) {
        const description = stringProperty(update.properties, 'Description');
        if (description) deployment.description = description;
        else delete deployment.description;
      }
      const stageName = stringProperty(update.properties, 'StageName');
      if (stageName && stageName !== stringProperty(update.previousProperties, 'StageName')) {
        moveStage(api, stageName, update.current.physicalId, context.clock.now().toISOString());
      }
      stores.get(context.region).save();
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.httpApi(stringProperty(deletion.properties, 'ApiId') ?? '');
      if (api?.deployments) {
        api.deployments = api.deployments.filter((item) => item.deploymentId !== deletion.physicalId);
        store.save();
      }
      return Promise.resolve();
    },
    requiresReplacement: (changed) => changed.includes('ApiId'),
  };
}

function stageProvider(stores: Stores): ResourceProvider {
  const put = (properties: JsonObject, context: ProviderContext, stageName: string): StageRecord => {
    const api = requireHttpApi(stores, context, properties);
    const now = context.clock.now().toISOString();
    const existing = api.stages.find((item) => item.stageName === stageName);
    const autoDeploy = isTrue(properties['AutoDeploy']);
    let deploymentId = stringProperty(properties, 'DeploymentId');
    if (!deploymentId && existing && !autoDeploy) {
      // Turning auto-deploy off keeps serving what was live, as that stage's last automatic deployment.
      deploymentId = existing.autoDeploy
        ? snapshot(api, now, { autoDeployed: true }).deploymentId
        : existing.deploymentId;
    }
    if (deploymentId && !api.deployments?.some((item) => item.deploymentId === deploymentId)) {
      throw new Error(`Invalid deployment identifier specified: ${deploymentId}`);
    }
    const description = stringProperty(properties, 'Description');
    const stage: StageRecord = {
      stageName,
      autoDeploy,
      ...(deploymentId ? { deploymentId } : {}),
      ...(description ? { description } : {}),
      variables: stageVariables(objectProperty(properties, 'StageVariables')),
      createdDate: existing?.createdDate ?? now,
      lastUpdatedDate: now,
    };
    api.stages = [...api.stages.filter((item) => item.stageName !== stageName), stage];
    stores.get(context.region).save();
    return stage;
  };
  return {
    type: 'AWS::ApiGatewayV2::Stage',
    create(properties, context) {
      const stageName = stringProperty(properties, 'StageName') ?? '$default';
      put(properties, context, stageName);
      return Promise.resolve({ physicalId: stageName });
    },
    update(update, context) {
      put(update.properties, context, update.current.physicalId);
      return Promise.resolve(update.current);
    },
    delete(deletion, context) {
      const store = stores.get(context.region);
      const api = store.httpApi(stringProperty(deletion.properties, 'ApiId') ?? '');
      if (api) {
        api.stages = api.stages.filter((item) => item.stageName !== deletion.physicalId);
        store.save();
      }
      return Promise.resolve();
    },
    requiresReplacement: (changed) => changed.some((name) => name === 'ApiId' || name === 'StageName'),
  };
}

/** The providers of what HTTP API stages serve. */
export function httpApiStageProviders(stores: Stores): ResourceProvider[] {
  return [deploymentProvider(stores), stageProvider(stores)];
}
