// Deploying a packaged template through a change set, the way `aws cloudformation deploy` and `sam deploy` do it:
// DescribeStacks (new, REVIEW_IN_PROGRESS, or update), CreateChangeSet, wait, show it, ExecuteChangeSet, follow the
// stack's events until it settles. The same calls against the local cloud, LocalStack and AWS (SDK v3).
import type {
  CloudFormationClient,
  Parameter,
  Stack,
  StackEvent as SdkStackEvent,
} from '@aws-sdk/client-cloudformation';
import type * as awsClients from '../aws/awsClients';
import { WorkbenchError } from '../errors';
import { changeRows, type ChangeSetSummary } from './changeSetSummary';

type AwsClientsModule = typeof awsClients;

/** Where and how fast to talk to CloudFormation. Time is injected so tests never sleep. */
export interface StackDeploymentContext {
  clients: AwsClientsModule;
  cloudFormation: CloudFormationClient;
  /** Polling starts at `min` and backs off to `max` (local endpoints answer in milliseconds, AWS in seconds). */
  pollIntervalMs?: { min: number; max: number };
  sleep?: (ms: number) => Promise<void>;
  onNotice?: (message: string) => void;
}

/** What to deploy. */
export interface ChangeSetRequest {
  stackName: string;
  /** The packaged template's text, or its S3 URL when larger than the 51,200 bytes TemplateBody takes. */
  templateBody?: string;
  templateUrl?: string;
  /** The template's parameter names (to reuse previous values of those not overridden on updates). */
  templateParameters: readonly string[];
  parameterOverrides: Readonly<Record<string, string>>;
  capabilities: readonly string[];
  tags: Readonly<Record<string, string>>;
  roleArn?: string;
  notificationArns?: readonly string[];
  description?: string;
}

/** One stack event, as the terminal and the output view show it. */
export interface DeploymentEvent {
  eventId: string;
  timestamp: Date;
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  status: string;
  reason?: string;
}

/** How a stack operation ended. */
export interface DeploymentOutcome {
  stackId: string;
  status: string;
  /** The stack's own reason (why it rolled back), when CloudFormation gives one. */
  statusReason?: string;
  succeeded: boolean;
  /** Resources that failed, with CloudFormation's reason, oldest first (the first is usually the cause). */
  failures: DeploymentEvent[];
  outputs: Array<{ key: string; value: string; description?: string; exportName?: string }>;
  cancelled: boolean;
}

const NO_CHANGES = /didn't contain changes|No updates are to be performed/;
const CANCELLED_REASON = /Resource (creation|update) cancelled/;

/** Creates the change set and waits until CloudFormation has computed it. */
export async function createChangeSet(
  context: StackDeploymentContext,
  request: ChangeSetRequest,
): Promise<ChangeSetSummary> {
  const { cloudformation } = context.clients;
  let stack = await describeStack(context, request.stackName);
  if (stack?.StackStatus === 'ROLLBACK_COMPLETE' || stack?.StackStatus === 'ROLLBACK_FAILED') {
    // A stack whose creation failed can only be deleted; the next deploy recreates it, as people expect.
    context.onNotice?.(
      `The stack ${request.stackName} failed to create earlier (${stack.StackStatus}); deleting it first.`,
    );
    await context.cloudFormation.send(new cloudformation.DeleteStackCommand({ StackName: request.stackName }));
    stack = await waitForStack(context, request.stackName);
  }
  const changeSetType = !stack || stack.StackStatus === 'REVIEW_IN_PROGRESS' ? 'CREATE' : 'UPDATE';
  if (stack?.StackStatus?.endsWith('_IN_PROGRESS') && changeSetType === 'UPDATE') {
    throw new WorkbenchError(`The stack ${request.stackName} is busy (${stack.StackStatus}).`, {
      code: 'StackBusy',
      hint: 'Wait for the current operation to finish, then deploy again.',
    });
  }
  const changeSetName = `serverless-workbench-${Date.now()}`;
  const created = await context.cloudFormation.send(
    new cloudformation.CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: changeSetName,
      ChangeSetType: changeSetType,
      ...(request.templateUrl ? { TemplateURL: request.templateUrl } : { TemplateBody: request.templateBody }),
      Parameters: stackParameters(request, changeSetType === 'UPDATE' ? stack : undefined),
      Capabilities: [...request.capabilities] as never,
      Tags: Object.entries(request.tags).map(([Key, Value]) => ({ Key, Value })),
      Description: request.description ?? `Created by Serverless Workbench at ${new Date().toISOString()}`,
      ...(request.roleArn ? { RoleARN: request.roleArn } : {}),
      ...(request.notificationArns?.length ? { NotificationARNs: [...request.notificationArns] } : {}),
    }),
  );
  const changeSetId = created.Id ?? changeSetName;
  const base = {
    stackName: request.stackName,
    changeSetId,
    changeSetType,
    ...(created.StackId ? { stackId: created.StackId } : {}),
  } as const;
  let delay = context.pollIntervalMs?.min ?? 100;
  for (;;) {
    const described = await context.cloudFormation.send(
      new cloudformation.DescribeChangeSetCommand({ ChangeSetName: changeSetId, StackName: request.stackName }),
    );
    if (described.Status === 'FAILED') {
      if (NO_CHANGES.test(described.StatusReason ?? '')) return { ...base, changes: [], empty: true };
      throw new WorkbenchError(`The change set failed: ${described.StatusReason ?? 'no reason given'}`, {
        code: 'ChangeSetFailed',
        hint: 'Fix the template (the reason names the resource), then deploy again.',
      });
    }
    if (described.Status === 'CREATE_COMPLETE') {
      const changes = [...(described.Changes ?? [])];
      for (let token = described.NextToken; token;) {
        const page = await context.cloudFormation.send(
          new cloudformation.DescribeChangeSetCommand({
            ChangeSetName: changeSetId,
            StackName: request.stackName,
            NextToken: token,
          }),
        );
        changes.push(...(page.Changes ?? []));
        token = page.NextToken;
      }
      // Nothing to deploy is a FAILED change set (above). One that was created without resource changes still
      // changes something (outputs, stack-level settings): as on AWS, executing it updates the stack.
      return { ...base, changes: changeRows(changes), empty: false };
    }
    delay = await pause(context, delay);
  }
}

/** Deletes a change set that will not be executed (an empty one, or one the person cancelled). */
export async function deleteChangeSet(context: StackDeploymentContext, summary: ChangeSetSummary): Promise<void> {
  await context.cloudFormation.send(
    new context.clients.cloudformation.DeleteChangeSetCommand({
      ChangeSetName: summary.changeSetId,
      StackName: summary.stackName,
    }),
  );
}

/**
 * Executes the change set and reports each new stack event until the stack settles. Aborting `signal` cancels an
 * update (CancelUpdateStack: CloudFormation rolls it back); a creation cannot be cancelled and runs to its end.
 */
export async function executeChangeSet(
  context: StackDeploymentContext,
  summary: ChangeSetSummary,
  options: { onEvent?: (event: DeploymentEvent) => void; signal?: AbortSignal; disableRollback?: boolean } = {},
): Promise<DeploymentOutcome> {
  const { cloudformation } = context.clients;
  const seen = new Set((await recentEvents(context, summary.stackName)).map((event) => event.eventId));
  await context.cloudFormation.send(
    new cloudformation.ExecuteChangeSetCommand({
      ChangeSetName: summary.changeSetId,
      StackName: summary.stackName,
      ...(options.disableRollback ? { DisableRollback: true } : {}),
    }),
  );
  const reported: DeploymentEvent[] = [];
  let cancelled = false;
  let delay = context.pollIntervalMs?.min ?? 100;
  for (;;) {
    if (options.signal?.aborted && !cancelled) {
      cancelled = true;
      if (summary.changeSetType === 'UPDATE') {
        context.onNotice?.('Cancelling the update: CloudFormation rolls the stack back.');
        await context.cloudFormation
          .send(new cloudformation.CancelUpdateStackCommand({ StackName: summary.stackName }))
          .catch(() => undefined);
      } else context.onNotice?.('A stack creation cannot be cancelled; it runs to its end.');
    }
    const stack = await describeStack(context, summary.stackId ?? summary.stackName);
    const fresh = (await recentEvents(context, summary.stackId ?? summary.stackName)).filter(
      (event) => !seen.has(event.eventId),
    );
    for (const event of fresh.reverse()) {
      seen.add(event.eventId);
      reported.push(event);
      options.onEvent?.(event);
    }
    const status = stack?.StackStatus ?? 'DELETE_COMPLETE';
    if (!status.endsWith('_IN_PROGRESS')) {
      return {
        stackId: stack?.StackId ?? summary.stackId ?? summary.stackName,
        status,
        ...(stack?.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
        succeeded: /^(CREATE|UPDATE|IMPORT)_COMPLETE$/.test(status),
        failures: reported.filter(
          (event) =>
            event.status.endsWith('_FAILED') &&
            !CANCELLED_REASON.test(event.reason ?? '') &&
            event.physicalId !== stack?.StackId,
        ),
        outputs: (stack?.Outputs ?? []).map((output) => ({
          key: output.OutputKey ?? '',
          value: output.OutputValue ?? '',
          ...(output.Description ? { description: output.Description } : {}),
          ...(output.ExportName ? { exportName: output.ExportName } : {}),
        })),
        cancelled,
      };
    }
    delay = await pause(context, fresh.length > 0 ? (context.pollIntervalMs?.min ?? 100) : delay);
  }
}

/** The stack, or undefined when it does not exist. */
export async function describeStack(context: StackDeploymentContext, stackName: string): Promise<Stack | undefined> {
  try {
    const result = await context.cloudFormation.send(
      new context.clients.cloudformation.DescribeStacksCommand({ StackName: stackName }),
    );
    return result.Stacks?.[0];
  } catch (error) {
    if (/does not exist/.test((error as Error).message ?? '')) return undefined;
    throw error;
  }
}

/** Parameters for the change set: overrides, and on updates the previous value of every other known parameter. */
function stackParameters(request: ChangeSetRequest, existing: Stack | undefined): Parameter[] {
  const previous = new Set((existing?.Parameters ?? []).map((parameter) => parameter.ParameterKey));
  const parameters: Parameter[] = [];
  for (const name of request.templateParameters) {
    const override = request.parameterOverrides[name];
    if (override !== undefined) parameters.push({ ParameterKey: name, ParameterValue: override });
    else if (previous.has(name)) parameters.push({ ParameterKey: name, UsePreviousValue: true });
  }
  return parameters;
}

async function recentEvents(context: StackDeploymentContext, stackName: string): Promise<DeploymentEvent[]> {
  try {
    const result = await context.cloudFormation.send(
      new context.clients.cloudformation.DescribeStackEventsCommand({ StackName: stackName }),
    );
    return (result.StackEvents ?? []).map(toDeploymentEvent);
  } catch (error) {
    if (/does not exist/.test((error as Error).message ?? '')) return [];
    throw error;
  }
}

function toDeploymentEvent(event: SdkStackEvent): DeploymentEvent {
  return {
    eventId: event.EventId ?? `${event.LogicalResourceId}-${String(event.Timestamp)}-${event.ResourceStatus}`,
    timestamp: event.Timestamp ?? new Date(),
    logicalId: event.LogicalResourceId ?? '',
    ...(event.PhysicalResourceId ? { physicalId: event.PhysicalResourceId } : {}),
    resourceType: event.ResourceType ?? '',
    status: event.ResourceStatus ?? '',
    ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {}),
  };
}

async function waitForStack(context: StackDeploymentContext, stackName: string): Promise<Stack | undefined> {
  let delay = context.pollIntervalMs?.min ?? 100;
  for (;;) {
    const stack = await describeStack(context, stackName);
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
    if (!stack.StackStatus?.endsWith('_IN_PROGRESS')) return stack;
    delay = await pause(context, delay);
  }
}

/** Waits `delay` and returns the next, longer delay (up to the maximum). */
async function pause(context: StackDeploymentContext, delay: number): Promise<number> {
  await (context.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))))(delay);
  return Math.min(Math.round(delay * 1.5), context.pollIntervalMs?.max ?? 2000);
}
