import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { TailLogsArguments } from '../../core/logs/tailLogsArguments';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';

type Item = vscode.QuickPickItem & { pick?: () => Promise<TailLogsArguments | undefined> };

/** "Tail Logs…" from the palette: a deployed function, or a stack's functions. */
export async function pickTailTarget(backend: AwsBackendConnection): Promise<TailLogsArguments | undefined> {
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = `Tail logs (${backend.describe()})`;
  quickPick.placeholder = 'Choose a deployed function, or a stack for all its functions';
  quickPick.busy = true;
  quickPick.show();
  try {
    const [functions, stacks] = await Promise.all([listFunctions(backend), listStacks(backend)]);
    const items: Item[] = [];
    if (functions.names.length > 0) items.push({ label: 'Functions', kind: vscode.QuickPickItemKind.Separator });
    for (const name of functions.names) {
      items.push({ label: `$(symbol-function) ${name}`, pick: () => Promise.resolve({ functionName: name }) });
    }
    if (stacks.length > 0)
      items.push({ label: 'Stacks (all their functions)', kind: vscode.QuickPickItemKind.Separator });
    for (const stackName of stacks) {
      items.push({ label: `$(layers) ${stackName}`, pick: () => Promise.resolve({ stackName }) });
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: '$(edit) Enter a function name, ARN or stack…',
      pick: async () => {
        const text = await vscode.window.showInputBox({
          title: 'Tail logs',
          prompt: 'A function name or ARN (name:alias for an alias), or stack:<name> for all its functions',
        });
        if (!text?.trim()) return undefined;
        const value = text.trim();
        return value.startsWith('stack:') ? { stackName: value.slice(6) } : { functionName: value };
      },
    });
    quickPick.items = items;
    quickPick.busy = false;
    if (functions.error) quickPick.placeholder = `Could not list functions (${functions.error}); enter a name`;
    const chosen = await new Promise<Item | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]));
      quickPick.onDidHide(() => resolve(undefined));
    });
    quickPick.hide();
    return chosen?.pick ? await chosen.pick() : undefined;
  } finally {
    quickPick.dispose();
  }
}

async function listFunctions(backend: AwsBackendConnection): Promise<{ names: string[]; error?: string }> {
  try {
    const [clients, lambda] = await Promise.all([backend.loadClients(), backend.lambda()]);
    try {
      const names: string[] = [];
      for await (const page of clients.lambda.paginateListFunctions({ client: lambda }, {})) {
        for (const fn of page.Functions ?? []) if (fn.FunctionName) names.push(fn.FunctionName);
        if (names.length >= 1000) break;
      }
      return { names: names.sort() };
    } finally {
      lambda.destroy();
    }
  } catch (error) {
    return { names: [], error: describeError(error) };
  }
}

async function listStacks(backend: AwsBackendConnection): Promise<string[]> {
  try {
    const [clients, client] = await Promise.all([backend.loadClients(), backend.cloudFormation()]);
    try {
      const answer = await client.send(new clients.cloudformation.DescribeStacksCommand({}));
      return (answer.Stacks ?? [])
        .filter((stack) => !stack.StackStatus?.startsWith('DELETE_COMPLETE'))
        .map((stack) => stack.StackName ?? '')
        .filter(Boolean)
        .sort();
    } finally {
      client.destroy();
    }
  } catch {
    // A backend without CloudFormation (yet): functions only.
    return [];
  }
}
