// UpdatePolicy CodeDeployLambdaAliasUpdate: when CloudFormation moves an alias that declares it to a new version,
// CodeDeploy runs a deployment of the policy's application and group and the alias moves step by step through the
// alias provider (the stack stays UPDATE_IN_PROGRESS on the alias meanwhile, with a stack event per step). A
// deployment that does not succeed fails the update with CodeDeploy's reason, the alias back on its version.
import type { JsonObject } from '../../core/template/templateJson';
import type { UpdatePolicyHandler, UpdatePolicyRequest } from '../cloudformation/engine/updatePolicies';
import { stringProperty } from '../cloudformation/providers/resourceProvider';
import { errorMessage } from './deploymentFailure';
import type { LambdaDeployments } from './lambdaDeployments';

/** The handler to register under `CodeDeployLambdaAliasUpdate`. */
export function codeDeployAliasUpdate(deployments: LambdaDeployments): UpdatePolicyHandler {
  return async (request) => {
    const currentVersion = stringProperty(request.previousProperties, 'FunctionVersion');
    const targetVersion = stringProperty(request.properties, 'FunctionVersion');
    // Only a move to another version is a deployment; a rollback by CloudFormation puts the alias back at once.
    if (request.phase === 'rollback' || !currentVersion || !targetVersion || currentVersion === targetVersion) {
      return request.update();
    }
    const policy = policyOf(request);
    const aliasArn = request.current.physicalId;
    const functionName = aliasArn.slice(0, aliasArn.lastIndexOf(':')).replace(/^.*:function:/, '');
    const route = (weight: number) =>
      request.update(
        weight >= 1
          ? request.properties
          : weight <= 0
            ? request.previousProperties
            : withRouting(request.properties, currentVersion, targetVersion, weight),
      );
    const run = deployments.start({
      region: request.context.region,
      applicationName: policy.applicationName,
      deploymentGroupName: policy.deploymentGroupName,
      creator: 'CloudFormation',
      description: `Deployment of alias ${aliasArn} by CloudFormation stack ${request.context.stackName}`,
      functionName,
      alias: aliasArn.slice(aliasArn.lastIndexOf(':') + 1),
      aliasArn,
      currentVersion,
      targetVersion,
      hooks: { beforeAllowTraffic: policy.beforeAllowTraffic, afterAllowTraffic: policy.afterAllowTraffic },
      route: async (weight) => {
        await route(weight);
      },
      report: (message) => request.context.report(message),
    });
    const record = await run.done;
    if (record.status === 'Succeeded') return request.current;
    // CloudFormation does not revert the resource whose update failed: the alias goes back here, whatever
    // the deployment group's auto-rollback did.
    if (record.target.targetVersionWeight > 0) {
      try {
        await route(0);
      } catch (error) {
        request.context.report(`Could not put the alias back on version ${currentVersion}: ${errorMessage(error)}`);
      }
    }
    const reason = record.errorInformation?.message ?? record.status;
    throw new Error(
      `CodeDeploy deployment ${record.deploymentId} ${record.status === 'Stopped' ? 'was stopped' : 'failed'}: ${reason}`,
    );
  };
}

function policyOf(request: UpdatePolicyRequest): {
  applicationName: string;
  deploymentGroupName: string;
  beforeAllowTraffic?: string;
  afterAllowTraffic?: string;
} {
  const policy = (request.policy ?? {}) as JsonObject;
  const applicationName = stringProperty(policy, 'ApplicationName');
  const deploymentGroupName = stringProperty(policy, 'DeploymentGroupName');
  if (!applicationName || !deploymentGroupName) {
    throw new Error('CodeDeployLambdaAliasUpdate needs ApplicationName and DeploymentGroupName');
  }
  const before = stringProperty(policy, 'BeforeAllowTrafficHook');
  const after = stringProperty(policy, 'AfterAllowTrafficHook');
  return {
    applicationName,
    deploymentGroupName,
    ...(before ? { beforeAllowTraffic: before } : {}),
    ...(after ? { afterAllowTraffic: after } : {}),
  };
}

/** The alias properties with the target version at `weight` beside the current one. */
function withRouting(
  properties: JsonObject,
  currentVersion: string,
  targetVersion: string,
  weight: number,
): JsonObject {
  return {
    ...properties,
    FunctionVersion: currentVersion,
    RoutingConfig: { AdditionalVersionWeights: [{ FunctionVersion: targetVersion, FunctionWeight: weight }] },
  };
}
