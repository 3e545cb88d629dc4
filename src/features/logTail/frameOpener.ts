import { existsSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import * as vscode from 'vscode';

/** Folders that never hold the source a stack frame means. */
const EXCLUDED = '**/{node_modules,.aws-sam,.git,cdk.out}/**';

/**
 * Opens the workspace file a stack frame names. Frames from the local runtime name workspace paths; frames from
 * Lambda or the local cloud name the deployed copy (`/var/task/src/app.js`, a state folder): those are matched by
 * their longest path suffix that exists in the workspace. Paths outside the workspace are never opened as given.
 */
export async function openStackFrame(file: string, line: number, column: number | undefined): Promise<boolean> {
  const uri = await locateInWorkspace(file);
  if (!uri) {
    void vscode.window.showWarningMessage(`${file} is not in this workspace, so the frame cannot be opened.`);
    return false;
  }
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, (column ?? 1) - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
  return true;
}

/** The workspace file a frame's path means, if any. */
export async function locateInWorkspace(file: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (isAbsolute(file) && existsSync(file)) {
    const inside = folders.some((folder) => {
      const path = relative(folder.uri.fsPath, file);
      return path !== '' && !path.startsWith('..') && !isAbsolute(path);
    });
    if (inside) return vscode.Uri.file(file);
  }
  const parts = file.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
  // Longest suffix first: src/handlers/app.js before handlers/app.js before app.js.
  for (let start = 0; start < parts.length; start++) {
    const suffix = parts.slice(start).join('/');
    if (/[*?{}[\]]/.test(suffix)) continue;
    const found = await vscode.workspace.findFiles(`**/${suffix}`, EXCLUDED, 20);
    if (found.length === 0) continue;
    if (found.length === 1) return found[0];
    const picked = await vscode.window.showQuickPick(
      found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
      { title: `Which ${suffix}?`, placeHolder: `Several workspace files could be ${file}` },
    );
    return picked?.uri;
  }
  return undefined;
}
