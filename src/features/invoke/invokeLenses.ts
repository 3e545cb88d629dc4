import * as vscode from 'vscode';
import { WorkbenchError } from '../../core/errors';
import { COMMAND_IDS } from '../../platform/commandIds';
import type { FunctionTarget } from './functionTarget';

/** VS Code's own command that opens the workspace trust editor. */
const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** Throws the error the boundary shows when local code would run in an untrusted workspace. */
export function requireTrustedWorkspace(action: string): void {
  if (vscode.workspace.isTrusted) return;
  throw new WorkbenchError(`${action} runs the workspace's code, which is disabled in Restricted Mode.`, {
    code: 'WorkspaceNotTrusted',
    hint: 'Trust this workspace (Manage Workspace Trust) to run functions locally.',
  });
}

/** The lenses above one function: in its template, or above its handler in source. */
export function functionLenses(range: vscode.Range, target: FunctionTarget, description: string): vscode.CodeLens[] {
  // Reading the deployed function's logs runs no local code: offered in untrusted workspaces too.
  const logs = new vscode.CodeLens(range, {
    title: '$(output) Logs',
    tooltip: `Tail the logs of the deployed ${description} in the Serverless Logs panel`,
    command: COMMAND_IDS.logsTail,
    arguments: [target],
  });
  if (!vscode.workspace.isTrusted) {
    return [
      new vscode.CodeLens(range, {
        title: '$(workspace-untrusted) Local runs are disabled: this workspace is not trusted. Manage Workspace Trust',
        tooltip: 'Serverless Workbench runs functions only in trusted workspaces, because invoking runs their code.',
        command: MANAGE_TRUST_COMMAND,
      }),
      logs,
    ];
  }
  const lens = (title: string, command: string, tooltip: string) =>
    new vscode.CodeLens(range, { title, command, tooltip, arguments: [target] });
  return [
    lens('$(play) Invoke locally', COMMAND_IDS.invokeLocal, `Run ${description} locally with its last event`),
    lens('$(debug-alt) Debug locally', COMMAND_IDS.invokeDebug, `Run ${description} under the debugger`),
    lens('$(json) Pick event...', COMMAND_IDS.invokePickEvent, `Choose the event to invoke ${description} with`),
    lens('$(new-file) New event...', COMMAND_IDS.invokeNewEvent, `Save a new event for ${description} under events/`),
    lens(
      '$(cloud) Invoke deployed',
      COMMAND_IDS.invokeDeployed,
      `Invoke the deployed ${description} through the configured backend`,
    ),
    logs,
  ];
}

/** The lens above a template's Resources when its functions have Api or HttpApi events. */
export function localApiLens(range: vscode.Range, templateUri: string): vscode.CodeLens {
  if (!vscode.workspace.isTrusted) {
    return new vscode.CodeLens(range, {
      title: '$(workspace-untrusted) Local API disabled: this workspace is not trusted',
      command: MANAGE_TRUST_COMMAND,
    });
  }
  return new vscode.CodeLens(range, {
    title: '$(globe) Start local API',
    tooltip: "Serve this template's Api and HttpApi events on 127.0.0.1",
    command: COMMAND_IDS.localApiStart,
    arguments: [templateUri],
  });
}
