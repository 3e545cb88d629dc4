// Stack actions of the Deployed tree: outputs (copy or open each, API URLs where the backend serves them), events
// and parameters (read-only documents), and delete (asking first, naming the stack).
import type { CloudFormationClient, Output, StackEvent, StackSummary } from '@aws-sdk/client-cloudformation';
import * as vscode from 'vscode';
import type * as awsClients from '../../../core/aws/awsClients';
import { backendApiUrls } from '../../../core/deployed/apiUrls';
import { stackChoices } from '../../../core/deployed/stackChoices';
import { LIVE_STACK_STATUSES } from '../../../core/deployed/stackStatus';
import { WorkbenchError } from '../../../core/errors';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import { targetOf } from './deployedTargets';
import type { StackDocuments } from './stackDocuments';
import { apiUrlContext } from './stackNodes';

/** A picker over at most this many stacks (ListStacks pages hold 100); typing filters them. */
const MAX_PICKED_STACKS = 1000;

/** DescribeStackEvents pages are newest first; two pages cover the last deployment of most stacks. */
const MAX_EVENTS = 200;

async function withCloudFormation<T>(
  backend: AwsBackendConnection,
  action: string,
  run: (client: CloudFormationClient, sdk: typeof awsClients.cloudformation) => Promise<T>,
): Promise<T> {
  const [clients, client] = await Promise.all([backend.loadClients(), backend.cloudFormation()]);
  try {
    return await run(client, clients.cloudformation);
  } catch (error) {
    throw backend.explain(error, action);
  } finally {
    client.destroy();
  }
}

/** The stack a command acts on: the node's, a name given by a script or keybinding, else one picked (palette). */
async function stackNameFrom(backend: AwsBackendConnection, argument: unknown, title: string): Promise<string> {
  if (typeof argument === 'string' && argument.trim()) return argument.trim();
  const target = targetOf(argument);
  if (target?.kind === 'stack') return target.stackName;
  if (target?.kind === 'resource' || target?.kind === 'api') return target.stackName;
  if (target && 'function' in target && target.function.stackName) return target.function.stackName;
  if (target?.kind === 'function' && target.stackName) return target.stackName;
  return pickStack(backend, title);
}

type StackItem = vscode.QuickPickItem & { stackName: string };

/**
 * Asks which of the backend's stacks (ListStacks without deleted ones, nested ones after the top-level ones) with a
 * quick pick that shows at once, busy until the stacks are listed.
 */
async function pickStack(backend: AwsBackendConnection, title: string): Promise<string> {
  const quickPick = vscode.window.createQuickPick<StackItem>();
  quickPick.title = title;
  quickPick.placeholder = `A stack of the ${backend.describe()}`;
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.busy = true;
  let hidden = false;
  const chosen = new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => {
      const picked = quickPick.selectedItems[0];
      if (!picked) return;
      resolve(picked.stackName);
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      hidden = true;
      resolve(undefined);
    });
  });
  quickPick.show();
  try {
    const summaries = await listLiveStacks(backend);
    if (summaries.length === 0 && !hidden) {
      throw new WorkbenchError(`No stacks are deployed to the ${backend.describe()}`, {
        code: 'NoDeployedStacks',
        hint: 'Deploy the application first, or switch backend from the status bar.',
      });
    }
    quickPick.items = stackChoices(summaries).map((choice) => ({
      label: choice.stackName,
      description: choice.description,
      ...(choice.detail ? { detail: choice.detail } : {}),
      stackName: choice.stackName,
    }));
    quickPick.busy = false;
    const stackName = await chosen;
    if (!stackName) throw new vscode.CancellationError();
    return stackName;
  } catch (error) {
    // Closed while the stacks were listed: the person moved on, whatever the listing said.
    throw hidden ? new vscode.CancellationError() : error;
  } finally {
    quickPick.dispose();
  }
}

async function listLiveStacks(backend: AwsBackendConnection): Promise<StackSummary[]> {
  return withCloudFormation(backend, 'Listing stacks', async (client, sdk) => {
    const all: StackSummary[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.ListStacksCommand({
          StackStatusFilter: [...LIVE_STACK_STATUSES],
          ...(token ? { NextToken: token } : {}),
        }),
      );
      all.push(...(page.StackSummaries ?? []));
      token = page.NextToken;
    } while (token && all.length < MAX_PICKED_STACKS);
    return all;
  });
}

async function describe(backend: AwsBackendConnection, stackName: string) {
  const stack = await withCloudFormation(backend, `Describing stack ${stackName}`, async (client, sdk) => {
    const answer = await client.send(new sdk.DescribeStacksCommand({ StackName: stackName }));
    return answer.Stacks?.[0];
  });
  if (!stack) throw new WorkbenchError(`No stack ${stackName} in the ${backend.describe()}`, { code: 'StackNotFound' });
  return stack;
}

/**
 * The stack's outputs in a quick pick: choosing one copies its value; URLs can be opened. AWS's API URLs in them are
 * shown, copied and opened where the backend serves the API (the local cloud's URL), the stack's value in the detail.
 * With `outputKey` (keybindings, scripts, tests) that output is copied without asking. Resolves with what was copied.
 */
export async function showStackOutputs(
  backend: AwsBackendConnection,
  argument: unknown,
  outputKey?: string,
): Promise<string | undefined> {
  const stackName = await stackNameFrom(backend, argument, 'Stack Outputs');
  const stack = await describe(backend, stackName);
  const outputs = stack.Outputs ?? [];
  if (outputs.length === 0) {
    void vscode.window.showInformationMessage(`The stack ${stackName} has no outputs.`);
    return undefined;
  }
  const urls = await apiUrlContext(backend);
  const items = outputs.map((output) => outputItem(output, backendApiUrls(urls, output.OutputValue ?? ''), backend));
  if (outputKey !== undefined) {
    const named = items.find((item) => item.label === outputKey);
    if (!named) {
      throw new WorkbenchError(`The stack ${stackName} has no output ${outputKey}`, {
        code: 'NoSuchOutput',
        hint: `Its outputs: ${items.map((item) => item.label).join(', ')}.`,
      });
    }
    return copyOutput(named);
  }
  const open: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('link-external'), tooltip: 'Open' };
  const quickPick = vscode.window.createQuickPick<OutputItem>();
  quickPick.title = `Outputs of ${stackName}`;
  quickPick.placeholder = 'Choose an output to copy its value';
  quickPick.matchOnDescription = true;
  quickPick.items = items.map((item) => ({ ...item, buttons: /^https?:\/\/\S+$/.test(item.value) ? [open] : [] }));
  const picked = await new Promise<OutputItem | undefined>((resolve) => {
    let accepted: OutputItem | undefined;
    quickPick.onDidTriggerItemButton((event) => {
      void vscode.env.openExternal(vscode.Uri.parse(event.item.value));
      quickPick.hide();
    });
    quickPick.onDidAccept(() => {
      accepted = quickPick.selectedItems[0];
      quickPick.hide();
    });
    quickPick.onDidHide(() => resolve(accepted));
    quickPick.show();
  });
  quickPick.dispose();
  return picked ? copyOutput(picked) : undefined;
}

type OutputItem = vscode.QuickPickItem & { value: string };

/** An output as the quick pick shows it: its value where the backend serves it, the stack's own in the detail. */
function outputItem(output: Output, value: string, backend: AwsBackendConnection): OutputItem {
  const stated = output.OutputValue ?? '';
  const detail = [
    output.Description,
    output.ExportName && `(exported as ${output.ExportName})`,
    value !== stated && `served by the ${backend.describe()}; the stack says ${stated}`,
  ].filter(Boolean);
  return {
    label: output.OutputKey ?? '?',
    description: value,
    ...(detail.length > 0 ? { detail: detail.join(' · ') } : {}),
    value,
  };
}

async function copyOutput(item: OutputItem): Promise<string> {
  await vscode.env.clipboard.writeText(item.value);
  void vscode.window.setStatusBarMessage(`Copied ${item.label}`, 3000);
  return item.value;
}

/** The stack's events, newest first, as a read-only document. */
export async function showStackEvents(
  backend: AwsBackendConnection,
  documents: StackDocuments,
  argument: unknown,
): Promise<vscode.Uri> {
  const stackName = await stackNameFrom(backend, argument, 'Stack Events');
  const events = await withCloudFormation(backend, `Reading the events of ${stackName}`, async (client, sdk) => {
    const all: StackEvent[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new sdk.DescribeStackEventsCommand({ StackName: stackName, ...(token ? { NextToken: token } : {}) }),
      );
      all.push(...(page.StackEvents ?? []));
      token = page.NextToken;
    } while (token && all.length < MAX_EVENTS);
    return all;
  });
  const lines = [
    `# Events of ${stackName}`,
    '',
    `${backend.describe()}, newest first${events.length >= MAX_EVENTS ? ` (the last ${MAX_EVENTS})` : ''}.`,
    '',
    '| Time | Resource | Type | Status | Reason |',
    '| --- | --- | --- | --- | --- |',
    ...events.map(
      (event) =>
        `| ${event.Timestamp?.toISOString() ?? ''} | ${cell(event.LogicalResourceId)} | ${cell(event.ResourceType)} | ${cell(event.ResourceStatus)} | ${cell(event.ResourceStatusReason)} |`,
    ),
  ];
  return documents.show(`${stackName}/events.md`, lines.join('\n'));
}

/** The stack's parameters (NoEcho values hidden, as AWS returns them), as a read-only document. */
export async function showStackParameters(
  backend: AwsBackendConnection,
  documents: StackDocuments,
  argument: unknown,
): Promise<vscode.Uri> {
  const stackName = await stackNameFrom(backend, argument, 'Stack Parameters');
  const stack = await describe(backend, stackName);
  const parameters = stack.Parameters ?? [];
  const lines = [
    `# Parameters of ${stackName}`,
    '',
    parameters.length === 0 ? 'The stack has no parameters.' : '| Parameter | Value | Resolved |',
    ...(parameters.length === 0 ? [] : ['| --- | --- | --- |']),
    ...parameters.map(
      (parameter) =>
        `| ${cell(parameter.ParameterKey)} | ${cell(parameter.ParameterValue)} | ${cell(parameter.ResolvedValue)} |`,
    ),
    '',
    stack.Capabilities?.length ? `Capabilities: ${stack.Capabilities.join(', ')}` : '',
    stack.Tags?.length ? `Tags: ${stack.Tags.map((tag) => `${tag.Key}=${tag.Value}`).join(', ')}` : '',
  ];
  return documents.show(`${stackName}/parameters.md`, lines.join('\n').trimEnd());
}

/**
 * Deletes a stack after a modal confirmation naming it and what goes with it. Resolves true when deletion started
 * (the tree then polls the stack until it is gone).
 */
export async function deleteStack(
  backend: AwsBackendConnection,
  argument: unknown,
  confirmed = false,
): Promise<boolean> {
  const stackName = await stackNameFrom(backend, argument, 'Delete Stack');
  if (!confirmed) {
    const button = `Delete ${stackName}`;
    const answer = await vscode.window.showWarningMessage(
      `Delete the stack ${stackName}?`,
      {
        modal: true,
        detail: `CloudFormation deletes every resource the stack created in the ${backend.describe()} (functions, tables, queues, buckets...), except those with a Retain policy. This cannot be undone.`,
      },
      button,
    );
    if (answer !== button) return false;
  }
  await withCloudFormation(backend, `Deleting stack ${stackName}`, (client, sdk) =>
    client.send(new sdk.DeleteStackCommand({ StackName: stackName })),
  );
  void vscode.window.setStatusBarMessage(`Deleting ${stackName}...`, 5000);
  return true;
}

/** Text fit for a markdown table cell. */
function cell(value: string | undefined): string {
  return (value ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
