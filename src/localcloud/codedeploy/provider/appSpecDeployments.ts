// CreateDeployment for the Lambda compute platform: the revision is an AppSpec (YAML or JSON, inline as
// AppSpecContent or String) naming one function, its alias, the current and target versions, and the hooks.
import { parse } from 'yaml';
import type { CreateDeploymentInput } from '../../models/generated/codedeploy';
import { AwsError } from '../../protocol/awsError';
import type { LambdaDeployments } from '../lambdaDeployments';

interface LambdaAppSpec {
  functionName: string;
  alias: string;
  currentVersion: string;
  targetVersion: string;
  hooks: { beforeAllowTraffic?: string; afterAllowTraffic?: string };
}

/** Starts the deployment an AppSpec describes; returns its ID. */
export async function createAppSpecDeployment(
  input: CreateDeploymentInput,
  region: string,
  deployments: LambdaDeployments,
): Promise<string> {
  if (input.deploymentGroupName === undefined) {
    throw new AwsError('DeploymentGroupNameRequiredException', 'The deployment group name must be specified');
  }
  const content = input.revision?.appSpecContent?.content ?? input.revision?.string?.content;
  if (content === undefined) {
    throw new AwsError(
      'RevisionRequiredException',
      'A Lambda deployment needs its AppSpec in the revision (revisionType AppSpecContent or String)',
    );
  }
  const spec = readAppSpec(content);
  const alias = await deployments.alias(region, spec.functionName, spec.alias);
  const run = deployments.start({
    region,
    applicationName: input.applicationName,
    deploymentGroupName: input.deploymentGroupName,
    ...(input.deploymentConfigName === undefined ? {} : { deploymentConfigName: input.deploymentConfigName }),
    creator: 'user',
    ...(input.description === undefined ? {} : { description: input.description }),
    functionName: spec.functionName,
    alias: spec.alias,
    aliasArn: alias.aliasArn,
    currentVersion: spec.currentVersion,
    targetVersion: spec.targetVersion,
    hooks: spec.hooks,
    ...(input.autoRollbackConfiguration ? { autoRollbackConfiguration: input.autoRollbackConfiguration } : {}),
  });
  return run.deploymentId;
}

function readAppSpec(content: string): LambdaAppSpec {
  let document: unknown;
  try {
    document = parse(content);
  } catch (error) {
    throw invalid(`The AppSpec is neither JSON nor YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const resources = isRecord(document) && Array.isArray(document['Resources']) ? document['Resources'] : [];
  const functions = resources.flatMap((entry) => (isRecord(entry) ? Object.values(entry) : [])).filter(isRecord);
  const lambda = functions.find((resource) => resource['Type'] === 'AWS::Lambda::Function');
  const properties = isRecord(lambda?.['Properties']) ? lambda['Properties'] : undefined;
  const text = (name: string) => {
    const value = properties?.[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const [functionName, alias, currentVersion, targetVersion] = ['Name', 'Alias', 'CurrentVersion', 'TargetVersion'].map(
    text,
  );
  if (!functionName || !alias || !currentVersion || !targetVersion) {
    throw invalid(
      'The AppSpec must name one AWS::Lambda::Function resource with Name, Alias, CurrentVersion and TargetVersion',
    );
  }
  const hooks: LambdaAppSpec['hooks'] = {};
  const hookList = isRecord(document) && Array.isArray(document['Hooks']) ? document['Hooks'] : [];
  for (const entry of hookList.filter(isRecord)) {
    if (typeof entry['BeforeAllowTraffic'] === 'string') hooks.beforeAllowTraffic = entry['BeforeAllowTraffic'];
    if (typeof entry['AfterAllowTraffic'] === 'string') hooks.afterAllowTraffic = entry['AfterAllowTraffic'];
  }
  return { functionName, alias, currentVersion, targetVersion, hooks };
}

function invalid(message: string): AwsError {
  return new AwsError('InvalidRevisionException', message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
