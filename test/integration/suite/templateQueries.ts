// What the template IntelliSense suites ask of the editor: its own commands, as other extensions and the UI reach it.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activateWorkbench, workspaceRoot } from './workbench';

export const SOURCE = 'Serverless Workbench';

export async function open(relativePath: string): Promise<vscode.TextDocument> {
  await activateWorkbench();
  return vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/')));
}

/** The position `delta` characters into the first occurrence of `needle`. */
export function positionOf(document: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `'${needle}' is not in ${document.uri.path}`);
  return document.positionAt(index + delta);
}

/** A range as `line:character-line:character`, so a failing assertion shows where. */
export function at(range: vscode.Range | undefined): string {
  return range ? `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}` : 'none';
}

export async function complete(
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    position,
  );
  return list.items;
}

/**
 * Our property items. The editor adds word-based items (kind Text) and, in JSON, its own language service's
 * keys seen elsewhere in the document (without documentation); ours document the property they insert.
 */
export function ourProperties(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  return items.filter(
    (item) =>
      item.kind === vscode.CompletionItemKind.Property &&
      item.documentation instanceof vscode.MarkdownString &&
      item.documentation.value.startsWith(`**${label(item)}**`),
  );
}

export function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function replaceRange(item: vscode.CompletionItem): vscode.Range | undefined {
  return item.range instanceof vscode.Range ? item.range : item.range?.replacing;
}

export async function hover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover[]> {
  return vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((entry) => entry.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Our diagnostics on a document as `range severity code`, in order. */
export function ourDiagnostics(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === SOURCE)
    .map(
      (diagnostic) =>
        `${at(diagnostic.range)} ${vscode.DiagnosticSeverity[diagnostic.severity]} ${typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code)}`,
    );
}

/** A definition or reference as `path line:character-line:character`, the path relative to the workspace. */
export function where(location: vscode.Location | vscode.LocationLink): string {
  const [uri, range] =
    location instanceof vscode.Location ? [location.uri, location.range] : [location.targetUri, location.targetRange];
  const root = workspaceRoot().path;
  return `${uri.path.startsWith(`${root}/`) ? uri.path.slice(root.length + 1) : uri.path} ${at(range)}`;
}

export async function definitions(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    document.uri,
    position,
  );
  return found.map(where);
}

export async function renameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string) {
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
    'vscode.executeDocumentRenameProvider',
    document.uri,
    position,
    newName,
  );
  return edit
    .entries()
    .flatMap(([uri, edits]) =>
      edits.map((change) => `${where(new vscode.Location(uri, change.range))}=${change.newText}`),
    );
}

export async function outline(document: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  return (
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    )) ?? []
  );
}
