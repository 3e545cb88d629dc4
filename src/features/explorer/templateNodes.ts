import * as vscode from 'vscode';
import { COMMAND_IDS } from '../../platform/commandIds';
import type { FunctionSummary } from '../../core/template/summarizeTemplate';
import type { FunctionTarget } from '../invoke/functionTarget';
import { createMessageNode, type ExplorerNode } from './explorerNode';
import type { ScannedTemplate } from './templateScanner';

/** Where a resource is written: the argument of the open-resource command. */
export interface ResourceLocation {
  uri: string;
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function createTemplateNode(template: ScannedTemplate): ExplorerNode {
  const id = `template:${template.uri.toString()}`;
  return {
    id,
    getTreeItem: () => {
      const item = new vscode.TreeItem(template.label, vscode.TreeItemCollapsibleState.Expanded);
      item.resourceUri = template.uri;
      item.contextValue = 'template';
      const count = template.functions.length;
      item.description = `${count} function${count === 1 ? '' : 's'}`;
      if (template.syntaxError) {
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.description += ' · syntax error';
        item.tooltip = `Line ${template.syntaxError.line + 1}: ${template.syntaxError.message}`;
      } else {
        item.iconPath = new vscode.ThemeIcon('file-code');
        item.tooltip = template.uri.fsPath;
      }
      return item;
    },
    getChildren: () =>
      template.functions.length > 0
        ? template.functions.map((fn) => createFunctionNode(template, fn))
        : [createMessageNode(`${id}:empty`, 'No functions in this template')],
  };
}

function createFunctionNode(template: ScannedTemplate, fn: FunctionSummary): ExplorerNode & { target: FunctionTarget } {
  return {
    id: `function:${template.uri.toString()}#${fn.logicalId}`,
    // The argument of context menu commands (invoke, go to deployed), as lenses pass it.
    target: { templateUri: template.uri.toString(), logicalId: fn.logicalId },
    getTreeItem: () => {
      const item = new vscode.TreeItem(fn.logicalId, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('symbol-function');
      item.description = fn.runtime ?? (fn.type === 'AWS::Lambda::Function' ? 'Lambda' : undefined);
      item.tooltip = [fn.type, fn.runtime && `Runtime: ${fn.runtime}`, fn.handler && `Handler: ${fn.handler}`]
        .filter(Boolean)
        .join('\n');
      item.contextValue = 'function';
      const location: ResourceLocation = { uri: template.uri.toString(), start: fn.position, end: fn.endPosition };
      item.command = { command: COMMAND_IDS.explorerOpenResource, title: 'Open in Template', arguments: [location] };
      return item;
    },
  };
}

/** Opens the template with the resource's logical ID selected. */
export async function openResource(location: ResourceLocation): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
  const selection = new vscode.Range(
    new vscode.Position(location.start.line, location.start.character),
    new vscode.Position(location.end.line, location.end.character),
  );
  await vscode.window.showTextDocument(document, { selection });
}
