// `sam sync --code`: when only function code changed, update the deployed functions directly instead of going
// through CloudFormation: UpdateFunctionCode with the built artifact (skipped when the deployed CodeSha256 is the
// same), and for AutoPublishAlias functions PublishVersion + UpdateAlias, which bypasses CodeDeploy.
import { createHash } from 'node:crypto';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type * as awsClients from '../aws/awsClients';
import { WorkbenchError } from '../errors';
import { zipDirectory } from './deterministicZip';

/** One function to sync: its logical ID, the folder to zip (the build output), and its AutoPublishAlias. */
export interface CodeSyncTarget {
  logicalId: string;
  artifactDirectory: string;
  autoPublishAlias?: string;
}

/** What happened to one function. */
export interface CodeSyncResult {
  logicalId: string;
  functionName: string;
  status: 'updated' | 'unchanged';
  /** The version published and the alias moved to it, for AutoPublishAlias functions. */
  publishedVersion?: string;
  alias?: string;
}

export interface CodeSyncContext {
  clients: typeof awsClients;
  lambda: LambdaClient;
  cloudFormation: CloudFormationClient;
  sleep?: (ms: number) => Promise<void>;
}

/** The warning `sam sync` gives for functions whose alias is moved directly. */
export const CODE_DEPLOY_SKIPPED =
  'moved the alias directly: this skips CodeDeploy (no traffic shifting, no hooks); the next deploy goes through it again';

/** Updates the code of the stack's functions that changed; the others are left alone. */
export async function syncFunctionCode(
  context: CodeSyncContext,
  stackName: string,
  targets: readonly CodeSyncTarget[],
): Promise<CodeSyncResult[]> {
  const physicalIds = await stackPhysicalIds(context, stackName, 'AWS::Lambda::Function');
  return Promise.all(
    targets.map(async (target) => {
      const functionName = physicalIds.get(target.logicalId);
      if (!functionName) {
        throw new WorkbenchError(`${target.logicalId} is not a function of the stack ${stackName}.`, {
          code: 'FunctionNotDeployed',
          hint: 'Deploy the stack first (new functions and other changes go through CloudFormation).',
        });
      }
      return syncOne(context, target, functionName);
    }),
  );
}

async function syncOne(
  context: CodeSyncContext,
  target: CodeSyncTarget,
  functionName: string,
): Promise<CodeSyncResult> {
  const { lambda: api } = context.clients;
  const zip = await zipDirectory(target.artifactDirectory);
  const sha = createHash('sha256').update(zip).digest('base64');
  const current = await context.lambda.send(new api.GetFunctionConfigurationCommand({ FunctionName: functionName }));
  if (current.CodeSha256 === sha) return { logicalId: target.logicalId, functionName, status: 'unchanged' };
  await context.lambda.send(new api.UpdateFunctionCodeCommand({ FunctionName: functionName, ZipFile: zip }));
  await waitUntilUpdated(context, functionName);
  if (!target.autoPublishAlias) return { logicalId: target.logicalId, functionName, status: 'updated' };
  const published = await context.lambda.send(
    new api.PublishVersionCommand({ FunctionName: functionName, CodeSha256: sha }),
  );
  const version = published.Version ?? '$LATEST';
  await context.lambda.send(
    new api.UpdateAliasCommand({ FunctionName: functionName, Name: target.autoPublishAlias, FunctionVersion: version }),
  );
  return {
    logicalId: target.logicalId,
    functionName,
    status: 'updated',
    publishedVersion: version,
    alias: target.autoPublishAlias,
  };
}

/** Logical ID -> physical ID of the stack's resources of a type (functions' names, layer versions' ARNs). */
export async function stackPhysicalIds(
  context: CodeSyncContext,
  stackName: string,
  resourceType: string,
): Promise<Map<string, string>> {
  const { cloudformation } = context.clients;
  const functions = new Map<string, string>();
  let token: string | undefined;
  try {
    do {
      const page = await context.cloudFormation.send(
        new cloudformation.ListStackResourcesCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) }),
      );
      for (const resource of page.StackResourceSummaries ?? []) {
        if (resource.ResourceType === resourceType && resource.LogicalResourceId && resource.PhysicalResourceId) {
          functions.set(resource.LogicalResourceId, resource.PhysicalResourceId);
        }
      }
      token = page.NextToken;
    } while (token);
  } catch (error) {
    if (/does not exist/.test((error as Error).message ?? '')) {
      throw WorkbenchError.chain(error, `The stack ${stackName} is not deployed`, {
        code: 'StackNotFound',
        hint: 'Deploy it first; code sync updates functions that exist.',
      });
    }
    throw error;
  }
  return functions;
}

/** Lambda applies code asynchronously on AWS (LastUpdateStatus InProgress); the local cloud at once. */
export async function waitUntilUpdated(context: CodeSyncContext, functionName: string): Promise<void> {
  const sleep = context.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    const configuration = await context.lambda.send(
      new context.clients.lambda.GetFunctionConfigurationCommand({ FunctionName: functionName }),
    );
    if (configuration.LastUpdateStatus !== 'InProgress') {
      if (configuration.LastUpdateStatus === 'Failed') {
        throw new WorkbenchError(
          `Updating the code of ${functionName} failed: ${configuration.LastUpdateStatusReason ?? ''}`,
          {
            code: 'CodeUpdateFailed',
          },
        );
      }
      return;
    }
    await sleep(delay);
  }
}
