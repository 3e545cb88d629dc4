// The local CodeDeploy (awsJson 1.1 on the protocol engine) for Lambda: applications, deployment groups,
// configurations and deployments that shift alias traffic on an injected clock (time-scaled for rehearsals). It
// also hands CloudFormation what connects the two: the CodeDeployLambdaAliasUpdate policy and the providers of
// AWS::CodeDeploy::* resources.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../core/logger';
import type { Clock } from '../clock';
import type { AlarmStore } from '../cloudwatch/alarmStore';
import type { UpdatePolicyHandlers } from '../cloudformation/engine/updatePolicies';
import { codeDeployProviders } from '../cloudformation/providers/codedeploy/codeDeployProviders';
import type { LambdaOperationCall } from '../cloudformation/providers/providerServices';
import type { ResourceProvider } from '../cloudformation/providers/resourceProvider';
import type { InvokeFunction } from '../lambda/functionInvocation';
import type { CodedeployOperations } from '../models/generated/codedeploy';
import codeDeployModel from '../models/generated/codedeploy.json';
import { createModelService, type ModelService } from '../protocol/modelService';
import type { ServiceModel } from '../protocol/serviceModel';
import { isRegionName, RegionalState } from '../regionalState';
import { codeDeployAliasUpdate } from './aliasTrafficShift';
import { CodeDeployStore } from './codeDeployStore';
import { LambdaDeployments } from './lambdaDeployments';
import { applicationHandlers } from './provider/applicationHandlers';
import { deploymentHandlers } from './provider/deploymentHandlers';

export interface CodeDeployServiceOptions {
  stateDirectory: string;
  region: string;
  accountId: string;
  logger: Logger;
  /** The deployments' clock: waits (canary intervals, hook timeouts) pass on it, time-scaled or driven by tests. */
  clock: Clock;
  alarms: RegionalState<AlarmStore>;
  /** Lambda in a region. */
  lambda: (region: string) => LambdaOperationCall;
  invoke: InvokeFunction;
}

export type CodeDeployService = ModelService<CodedeployOperations> & {
  readonly deployments: LambdaDeployments;
  /** UpdatePolicy handlers for CloudFormation. */
  readonly updatePolicies: UpdatePolicyHandlers;
  /** Resource providers for CloudFormation. */
  readonly providers: ResourceProvider[];
};

export function createCodeDeployService(options: CodeDeployServiceOptions): CodeDeployService {
  const stores = new RegionalState(
    options.region,
    options.stateDirectory,
    (_region, directory) => new CodeDeployStore(directory, options.logger),
  );
  const deployments = new LambdaDeployments({
    stores,
    alarms: options.alarms,
    invoke: options.invoke,
    lambda: options.lambda,
    clock: options.clock,
    logger: options.logger,
  });
  for (const region of regionsWithState(options.stateDirectory, options.region)) deployments.recoverInterrupted(region);
  const service = createModelService<CodedeployOperations>(
    codeDeployModel as unknown as ServiceModel,
    { ...applicationHandlers(stores, deployments, options.clock), ...deploymentHandlers(stores, deployments) },
    { region: options.region, accountId: options.accountId, close: () => deployments.close() },
  );
  return Object.assign(service, {
    deployments,
    updatePolicies: { CodeDeployLambdaAliasUpdate: codeDeployAliasUpdate(deployments) },
    providers: codeDeployProviders(stores),
  });
}

/** The default region and every other region with CodeDeploy state on disk. */
function regionsWithState(stateDirectory: string, defaultRegion: string): string[] {
  const folder = join(stateDirectory, 'regions');
  const others = existsSync(folder)
    ? readdirSync(folder).filter(
        (name) => isRegionName(name) && existsSync(join(folder, name, 'codedeploy', 'codedeploy.json')),
      )
    : [];
  return [defaultRegion, ...others.filter((name) => name !== defaultRegion)];
}
