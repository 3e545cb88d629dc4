import * as vscode from 'vscode';
import { prepareRename, renameSymbol, type RenameResult } from '../../core/template/language/findReferences';
import type { ProviderGuard } from './providerGuard';
import { toOffset, toVscodeRange } from './rangeConversion';
import type { TemplateDocuments } from './templateDocuments';

const NOT_RENAMEABLE = 'Only parameters, resources, conditions and mappings can be renamed.';

/**
 * Rename of parameters, resources, conditions and mappings with all their references. A refusal (a name already
 * taken, a position with nothing renameable) is thrown as an Error on purpose: the editor shows its message.
 */
export class TemplateRenameProvider implements vscode.RenameProvider {
  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
  ) {}

  async prepareRename(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<{ range: vscode.Range; placeholder: string }> {
    const prepared = await this.guard.run('rename', () => {
      const template = this.documents.get(document);
      const found = template && prepareRename(template, toOffset(template, position));
      return found && { range: toVscodeRange(template, found.range), placeholder: found.placeholder };
    });
    if (!prepared) throw new Error(NOT_RENAMEABLE);
    return prepared;
  }

  async provideRenameEdits(
    document: vscode.TextDocument,
    position: vscode.Position,
    newName: string,
  ): Promise<vscode.WorkspaceEdit | undefined> {
    let result: RenameResult | undefined;
    const edit = await this.guard.run('rename', () => {
      const template = this.documents.get(document);
      if (!template) return undefined;
      result = renameSymbol(template, toOffset(template, position), newName);
      if ('error' in result) return undefined;
      const workspaceEdit = new vscode.WorkspaceEdit();
      for (const change of result.edits) {
        workspaceEdit.replace(document.uri, toVscodeRange(template, change.range), change.newText);
      }
      return workspaceEdit;
    });
    if (result && 'error' in result) throw new Error(result.error);
    return edit;
  }
}
