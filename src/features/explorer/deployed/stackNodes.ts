import type { Output, Stack, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import * as vscode from 'vscode';
import {
  apiInvokeUrl,
  apiUrlContextOf,
  backendApiUrls,
  hostStyleLocalUrl,
  pickStage,
  type ApiUrlContext,
} from '../../../core/deployed/apiUrls';
import { formatAge } from '../../../core/deployed/displayFormats';
import {
  groupStackResources,
  shortResourceType,
  type ResourceGroup,
  type StackResource,
} from '../../../core/deployed/resourceGroups';
import { isStackMoving, readableStatus, stackHealth } from '../../../core/deployed/stackStatus';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import type { ExplorerNode } from '../explorerNode';
import { ChildCache, type DeployedNode, type DeployedTreeContext } from './deployedTreeContext';
import { createFunctionNode } from './functionNodes';

/** A stack, for the stack actions (outputs, events, parameters, delete). */
export interface StackTarget {
  kind: 'stack';
  stackName: string;
  stackId: string | undefined;
  status: string;
  lastUpdated: Date | undefined;
  description: string | undefined;
}

/** A resource of a stack that is not a function: copy its name or ARN; APIs also have a URL. */
export interface StackResourceTarget {
  kind: 'resource' | 'api';
  stackName: string;
  resource: StackResource;
  url?: string;
}

/** What ListStacks (or a parent's nested stack resource) says about a stack. */
export interface StackListing {
  StackName?: string | undefined;
  StackId?: string | undefined;
  StackStatus?: string | undefined;
  LastUpdatedTime?: Date | undefined;
  CreationTime?: Date | undefined;
  TemplateDescription?: string | undefined;
}

/** A stack from ListStacks: expanding it lists its resources grouped by kind (ListStackResources, not a scan). */
export function createStackNode(
  context: DeployedTreeContext,
  parent: ExplorerNode,
  summary: StackListing,
): DeployedNode<StackTarget> {
  const target: StackTarget = {
    kind: 'stack',
    stackName: summary.StackName ?? '?',
    stackId: summary.StackId,
    status: summary.StackStatus ?? 'UNKNOWN',
    lastUpdated: summary.LastUpdatedTime ?? summary.CreationTime,
    description: summary.TemplateDescription,
  };
  const node: DeployedNode<StackTarget> & { invalidate(): void } = {
    id: `${parent.id}/stack:${target.stackName}`,
    parent,
    target,
    getTreeItem: () => {
      const item = new vscode.TreeItem(target.stackName, vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = stackIcon(target.status);
      item.description = [readableStatus(target.status), target.lastUpdated && formatAge(target.lastUpdated)]
        .filter(Boolean)
        .join(' · ');
      item.tooltip = [
        target.stackName,
        `Status: ${target.status}`,
        target.lastUpdated && `Last updated: ${target.lastUpdated.toISOString()}`,
        target.description,
      ]
        .filter(Boolean)
        .join('\n');
      item.contextValue = isStackMoving(target.status) ? 'deployedStack:moving' : 'deployedStack';
      return item;
    },
    getChildren: () => children.get(),
    invalidate: () => children.clear(),
  };
  const children = new ChildCache(context, node, `Listing the resources of stack ${target.stackName}`, async () => {
    const [resources, stack] = await Promise.all([
      listStackResources(context, target.stackName),
      describeStack(context, target.stackName),
    ]);
    if (stack) updateTarget(target, stack);
    const outputs = stack?.Outputs ?? [];
    const urls = await apiUrlContext(context.backend);
    const stages = resources.filter((resource) => /^AWS::ApiGateway(V2)?::Stage$/.test(resource.type));
    const apis: ApiLookup = { urls, outputs, stages };
    // SAM's DeploymentPreference (and any CodeDeploy-driven alias) shows as deployment groups in the stack.
    const codeDeploy = resources.some((resource) => resource.type === 'AWS::CodeDeploy::DeploymentGroup');
    return groupStackResources(resources).map((group) =>
      createGroupNode(context, node, target, group, { apis, codeDeploy }),
    );
  });
  if (isStackMoving(target.status)) watchStack(context, node);
  return node;
}

/** Polls a stack that is being created, updated or deleted, and refreshes it until it settles. */
function watchStack(context: DeployedTreeContext, node: DeployedNode<StackTarget>): void {
  context.watch(node, async () => {
    const stack = await describeStack(context, node.target.stackId ?? node.target.stackName);
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return 'gone';
    updateTarget(node.target, stack);
    return isStackMoving(node.target.status) ? 'moving' : 'settled';
  });
}

function updateTarget(target: StackTarget, stack: Stack): void {
  target.status = stack.StackStatus ?? target.status;
  target.lastUpdated = stack.LastUpdatedTime ?? stack.CreationTime ?? target.lastUpdated;
  target.stackId = stack.StackId ?? target.stackId;
}

function stackIcon(status: string): vscode.ThemeIcon {
  switch (stackHealth(status)) {
    case 'inProgress':
      return new vscode.ThemeIcon('sync~spin');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'rolledBack':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'review':
      return new vscode.ThemeIcon('eye');
    case 'complete':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  }
}

async function listStackResources(context: DeployedTreeContext, stackName: string): Promise<StackResource[]> {
  const [clients, cloudFormation] = await Promise.all([
    context.backend.loadClients(),
    context.backend.cloudFormation(),
  ]);
  const resources: StackResource[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await cloudFormation.send(
        new clients.cloudformation.ListStackResourcesCommand({
          StackName: stackName,
          ...(token ? { NextToken: token } : {}),
        }),
      );
      resources.push(...(page.StackResourceSummaries ?? []).map(toStackResource));
      token = page.NextToken;
    } while (token);
  } finally {
    cloudFormation.destroy();
  }
  return resources;
}

function toStackResource(summary: StackResourceSummary): StackResource {
  return {
    logicalId: summary.LogicalResourceId ?? '?',
    physicalId: summary.PhysicalResourceId,
    type: summary.ResourceType ?? '?',
    status: summary.ResourceStatus,
    ...(summary.ResourceStatusReason ? { statusReason: summary.ResourceStatusReason } : {}),
    ...(summary.LastUpdatedTimestamp ? { lastUpdated: summary.LastUpdatedTimestamp } : {}),
  };
}

/** DescribeStacks for one stack; undefined once it no longer exists. */
export async function describeStack(context: DeployedTreeContext, stackName: string): Promise<Stack | undefined> {
  const [clients, cloudFormation] = await Promise.all([
    context.backend.loadClients(),
    context.backend.cloudFormation(),
  ]);
  try {
    const answer = await cloudFormation.send(
      new clients.cloudformation.DescribeStacksCommand({ StackName: stackName }),
    );
    return answer.Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message ?? '')) return undefined;
    throw error;
  } finally {
    cloudFormation.destroy();
  }
}

/** Where the backend serves deployed APIs (also for the stack actions' outputs). */
export async function apiUrlContext(backend: AwsBackendConnection): Promise<ApiUrlContext> {
  return apiUrlContextOf(backend.backend, await backend.clientSettings('apigateway'));
}

function createGroupNode(
  context: DeployedTreeContext,
  stackNode: DeployedNode<StackTarget>,
  stack: StackTarget,
  group: ResourceGroup,
  { apis, codeDeploy }: { apis: ApiLookup; codeDeploy: boolean },
): ExplorerNode {
  const node: ExplorerNode = {
    id: `${stackNode.id}/group:${group.kind}`,
    parent: stackNode,
    getTreeItem: () => {
      const expanded = group.kind === 'functions' || group.kind === 'apis';
      const item = new vscode.TreeItem(
        group.label,
        expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.description = String(group.resources.length);
      item.contextValue = `deployedGroup:${group.kind}`;
      return item;
    },
    getChildren: () => {
      if (group.kind === 'functions') {
        return group.resources
          .filter((resource) => resource.physicalId)
          .map((resource) =>
            createFunctionNode(
              context,
              node,
              {
                kind: 'function',
                functionName: resource.physicalId!,
                stackName: stack.stackName,
                logicalId: resource.logicalId,
              },
              { label: resource.logicalId, description: resource.physicalId, codeDeploy },
            ),
          );
      }
      if (group.kind === 'nestedStacks') {
        return group.resources
          .filter((resource) => resource.physicalId)
          .map((resource) =>
            createStackNode(context, node, {
              StackName: nestedStackName(resource.physicalId!),
              StackId: resource.physicalId,
              StackStatus: resource.status ?? 'UNKNOWN',
              LastUpdatedTime: resource.lastUpdated,
            }),
          );
      }
      return group.resources.map((resource) => {
        const url = group.kind === 'apis' ? apiUrlOf(resource, apis) : undefined;
        return createResourceNode(node, stack, resource, url, url && hostStyleLocalUrl(apis.urls, url));
      });
    },
  };
  return node;
}

/** What an API's URL is computed from: the backend, the stack's outputs and its stage resources. */
interface ApiLookup {
  urls: ApiUrlContext;
  outputs: Output[];
  stages: StackResource[];
}

/** A nested stack's physical ID is its ARN: `arn:aws:cloudformation:...:stack/<name>/<uuid>`. */
function nestedStackName(physicalId: string): string {
  return /:stack\/([^/]+)\//.exec(physicalId)?.[1] ?? physicalId;
}

/**
 * An API's URL where the backend serves it: a stack output naming the API's ID when there is one (AWS's URL in it
 * turned into the local one on the local cloud), else the backend's execute-api URL of its stage.
 */
function apiUrlOf(resource: StackResource, apis: ApiLookup): string | undefined {
  const apiId = resource.physicalId;
  if (!apiId) return undefined;
  const fromOutput = apis.outputs.find(
    (output) => output.OutputValue?.includes(apiId) && /^https?:\/\/\S+$/.test(output.OutputValue),
  );
  if (fromOutput?.OutputValue) return backendApiUrls(apis.urls, fromOutput.OutputValue);
  const flavor = resource.type === 'AWS::ApiGatewayV2::Api' ? 'http' : 'rest';
  const stages = apis.stages
    .filter((stage) => (flavor === 'http') === (stage.type === 'AWS::ApiGatewayV2::Stage'))
    .map((stage) => ({ logicalId: stage.logicalId, physicalId: stage.physicalId }));
  return apiInvokeUrl(apis.urls, apiId, pickStage(flavor, resource.logicalId, stages), flavor);
}

function createResourceNode(
  parent: ExplorerNode,
  stack: StackTarget,
  resource: StackResource,
  url: string | undefined,
  hostStyleUrl: string | undefined,
): DeployedNode<StackResourceTarget> {
  const target: StackResourceTarget = {
    kind: url ? 'api' : 'resource',
    stackName: stack.stackName,
    resource,
    ...(url ? { url } : {}),
  };
  return {
    id: `${parent.id}/res:${resource.logicalId}`,
    parent,
    target,
    getTreeItem: () => {
      const item = new vscode.TreeItem(resource.logicalId, vscode.TreeItemCollapsibleState.None);
      item.description = url ?? [shortResourceType(resource.type), resource.physicalId].filter(Boolean).join(' · ');
      item.tooltip = [
        `${resource.type}: ${resource.physicalId ?? '(no physical ID)'}`,
        resource.status && `Status: ${resource.status}${resource.statusReason ? ` (${resource.statusReason})` : ''}`,
        url && `URL: ${url}`,
        hostStyleUrl && `Also: ${hostStyleUrl}`,
      ]
        .filter(Boolean)
        .join('\n');
      item.iconPath = new vscode.ThemeIcon(url ? 'globe' : resourceIcon(resource.type));
      item.contextValue = url ? 'deployedApi' : 'deployedResource';
      return item;
    },
  };
}

function resourceIcon(type: string): string {
  if (type.startsWith('AWS::DynamoDB::')) return 'database';
  if (type === 'AWS::SQS::Queue') return 'inbox';
  if (type === 'AWS::SNS::Topic') return 'broadcast';
  if (type === 'AWS::S3::Bucket') return 'archive';
  if (type === 'AWS::StepFunctions::StateMachine') return 'type-hierarchy';
  if (type.startsWith('AWS::IAM::')) return 'shield';
  return 'symbol-misc';
}
