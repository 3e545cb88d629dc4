// Builds the local CloudFormation from the local cloud's other services: the engine over the state directory,
// the providers of the types that run locally, and the API handlers (served over awsQuery by the protocol
// engine). Recovery of interrupted operations starts at once, in the background.
import type { Logger } from '../../core/logger';
import type { CloudformationOperations } from '../models/generated/cloudformation';
import cloudFormationModel from '../models/generated/cloudformation.json';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createModelService,
  type ModelService,
  type RequestContext,
  type ServiceProvider,
} from '../protocol/modelService';
import { isRegionName, RegionalState } from '../regionalState';
import { ParameterStore } from '../ssm/parameterStore';
import type { ServiceModel } from '../protocol/serviceModel';
import { transformSamTemplate } from '../../core/sam/transformSamTemplate';
import { systemClock, type Clock } from '../clock';
import type { LambdaService } from '../lambda/lambdaService';
import type { LogStore } from '../logs/logStore';
import type { ObjectStore } from '../s3/objectStore';
import { CloudFormationEngine } from './cloudFormationEngine';
import { cloudFormationHandlers, type CloudFormationHandlers } from './cloudFormationHandlers';
import type { UpdatePolicyHandlers } from './engine/updatePolicies';
import { LOCAL_PROVIDERS } from './providers/localProviders';
import { iamOperationCall, lambdaOperationCall } from './providers/providerServices';
import type { ResourceProvider } from './providers/resourceProvider';
import type { SamTransform } from './template/processTemplate';

export interface CloudFormationOptions {
  /** The service's own folder in the state directory. */
  directory: string;
  region: string;
  accountId: string;
  logger: Logger;
  clock?: Clock;
  lambda: Pick<LambdaService, 'callJson'>;
  /** The local IAM service (global), for roles and policies. */
  iam?: { call(operation: never, input: never): Promise<unknown> };
  objectStore: ObjectStore;
  /** The local S3 service (bucket configurations); without it buckets are created bare. */
  s3?: { callJson(operation: string, input: unknown, context?: { region?: string }): Promise<unknown> };
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

/** The S3 service's in-process API, signed for the stack's region (buckets are created in it). */
function s3OperationCall(s3: NonNullable<CloudFormationOptions['s3']>, region: string) {
  return (operation: string, input: Record<string, unknown>) => s3.callJson(operation, input, { region });
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
      ...(options.iam ? { iam: iamOperationCall(options.iam) } : {}),
      objectStore: options.objectStore,
      ...(options.s3 ? { s3: s3OperationCall(options.s3, options.region) } : {}),
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

/** What the regional CloudFormation service needs from the local cloud. */
export interface CloudFormationServiceOptions extends Omit<
  CloudFormationOptions,
  'directory' | 'region' | 'logStore' | 'parameterStore' | 'lambda'
> {
  stateDirectory: string;
  defaultRegion: string;
  lambda: Pick<LambdaService, 'callJson'>;
  logStores: RegionalState<LogStore>;
}

/**
 * The local CloudFormation over awsQuery: the handlers served by the protocol engine from the generated model.
 * Stacks are regional, as on AWS: each region a client signs for has its own engine (stacks, exports, parameter
 * store) deploying into that region's Lambda and Logs; S3 is global.
 */
export function createCloudFormationService(
  options: CloudFormationServiceOptions,
): ModelService<CloudformationOperations> & { engines: RegionalState<LocalCloudFormation> } {
  const { stateDirectory, defaultRegion, logStores, ...shared } = options;
  const engines = new RegionalState<LocalCloudFormation>(defaultRegion, stateDirectory, (region, directory) =>
    createCloudFormation({
      ...shared,
      directory: join(directory, 'cloudformation'),
      region,
      lambda: { callJson: (operation, input) => options.lambda.callJson(operation, input, { region }) },
      logStore: logStores.get(region),
      parameterStore: new ParameterStore(join(directory, 'ssm'), options.logger),
    }),
  );
  // Every region with stacks on disk starts now, so operations a crash interrupted are recovered at once.
  engines.get(defaultRegion);
  for (const region of existingRegions(stateDirectory)) engines.get(region);
  const regionalHandlers = Object.fromEntries(
    Object.keys(engines.get(defaultRegion).handlers).map((operation) => [
      operation,
      (input: unknown, context: RequestContext) =>
        (engines.get(context.region).handlers as unknown as Record<string, (input: unknown) => unknown>)[operation]!(
          input,
        ),
    ]),
  ) as ServiceProvider<CloudformationOperations>;
  const service = createModelService<CloudformationOperations>(
    cloudFormationModel as unknown as ServiceModel,
    regionalHandlers,
    {
      region: defaultRegion,
      accountId: options.accountId,
      // Stack operations in flight finish before the state directory is released.
      close: async () => {
        await Promise.all(engines.values().map((regional) => regional.engine.idle()));
      },
    },
  );
  return Object.assign(service, { engines });
}

/** Regions other than the default that have CloudFormation state (`regions/<name>/cloudformation`). */
function existingRegions(stateDirectory: string): string[] {
  const folder = join(stateDirectory, 'regions');
  if (!existsSync(folder)) return [];
  return readdirSync(folder).filter((name) => isRegionName(name) && existsSync(join(folder, name, 'cloudformation')));
}
