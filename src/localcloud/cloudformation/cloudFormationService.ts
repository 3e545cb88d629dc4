// Builds the local CloudFormation from the local cloud's other services: the engine over the state directory,
// the providers of the types that run locally, and the API handlers (served over awsQuery by the protocol
// engine). Recovery of interrupted operations starts at once, in the background.
import type { Logger } from '../../core/logger';
import type { CloudformationOperations } from '../models/generated/cloudformation';
import cloudFormationModel from '../models/generated/cloudformation.json';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import { transformSamTemplate } from '../../core/sam/transformSamTemplate';
import { systemClock, type Clock } from '../clock';
import type { LambdaService } from '../lambda/lambdaService';
import type { LayerVersionStore } from '../lambda/layerVersionStore';
import type { LogStore } from '../logs/logStore';
import type { ObjectStore } from '../s3/objectStore';
import type { ParameterStore } from '../ssm/parameterStore';
import { CloudFormationEngine } from './cloudFormationEngine';
import { cloudFormationHandlers, type CloudFormationHandlers } from './cloudFormationHandlers';
import type { UpdatePolicyHandlers } from './engine/updatePolicies';
import { LOCAL_PROVIDERS } from './providers/localProviders';
import { lambdaOperationCall } from './providers/providerServices';
import type { ResourceProvider } from './providers/resourceProvider';
import type { SamTransform } from './template/processTemplate';

export interface CloudFormationOptions {
  /** The service's own folder in the state directory. */
  directory: string;
  region: string;
  accountId: string;
  logger: Logger;
  clock?: Clock;
  lambda: Pick<LambdaService, 'call'>;
  layers: LayerVersionStore;
  objectStore: ObjectStore;
  logStore: LogStore;
  parameterStore: ParameterStore;
  /** The SAM transform (default: src/core/sam's). */
  samTransform?: SamTransform;
  /** UpdatePolicy handlers (CodeDeploy's alias traffic shifting registers here). */
  updatePolicies?: UpdatePolicyHandlers;
  /** More providers, or replacements of the local ones (by type). */
  providers?: readonly ResourceProvider[];
}

export interface LocalCloudFormation {
  engine: CloudFormationEngine;
  handlers: CloudFormationHandlers;
}

/** The SAM transform of src/core/sam, as the template pipeline calls it. */
const samTranslator: SamTransform = (template, context) =>
  transformSamTemplate(template, {
    parameterValues: context.parameterValues,
    region: context.region,
    partition: context.partition,
  });

export function createCloudFormation(options: CloudFormationOptions): LocalCloudFormation {
  const engine = new CloudFormationEngine({
    directory: options.directory,
    region: options.region,
    accountId: options.accountId,
    logger: options.logger,
    clock: options.clock ?? systemClock,
    services: {
      lambda: lambdaOperationCall(options.lambda),
      layers: options.layers,
      objectStore: options.objectStore,
      logStore: options.logStore,
      parameterStore: options.parameterStore,
    },
    providers: [...LOCAL_PROVIDERS, ...(options.providers ?? [])],
    updatePolicies: options.updatePolicies,
    samTransform: options.samTransform ?? samTranslator,
  });
  engine.recover();
  return { engine, handlers: cloudFormationHandlers(engine) };
}

/** The local CloudFormation over awsQuery: the handlers served by the protocol engine from the generated model. */
export function createCloudFormationService(
  options: CloudFormationOptions,
): ModelService<CloudformationOperations> & { engine: CloudFormationEngine } {
  const { engine, handlers } = createCloudFormation(options);
  const service = createModelService<CloudformationOperations>(
    cloudFormationModel as unknown as ServiceModel,
    handlers,
    {
      region: options.region,
      accountId: options.accountId,
      // Stack operations in flight finish before the state directory is released.
      close: () => engine.idle(),
    },
  );
  return Object.assign(service, { engine });
}
