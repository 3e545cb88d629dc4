import { basename } from 'node:path';
import * as vscode from 'vscode';
import { findExportOffset } from '../../core/invoke/handlerFiles';
import { Disposable } from '../../platform/disposable';
import type { HandlerSourceIndex } from './handlerSourceIndex';
import { functionLenses } from './invokeLenses';

/** The source languages whose handlers get lenses. */
export const HANDLER_SOURCE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'javascript' },
  { scheme: 'file', language: 'javascriptreact' },
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'typescriptreact' },
  { scheme: 'file', language: 'python' },
];

/** Invoke lenses above the handler export of every source file a template's function runs. */
export class HandlerCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(private readonly index: HandlerSourceIndex) {
    super();
    this._register(index.onDidChange(() => this.changeEmitter.fire()));
  }

  /** Asks the editor for fresh lenses (trust granted). */
  refresh(): void {
    this.changeEmitter.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const bindings = await this.index.bindingsFor(document.uri);
    if (bindings.length === 0) return [];
    const text = document.getText();
    const lenses: vscode.CodeLens[] = [];
    for (const binding of bindings) {
      const offset = findExportOffset(text, binding.language, binding.exportName);
      // An export the scan cannot see (re-exported, assigned dynamically) still gets lenses, at the top.
      const position = document.positionAt(offset ?? 0);
      const range = new vscode.Range(position, position);
      const description = `${binding.logicalId} (${basename(binding.templatePath)})`;
      const target = { templateUri: vscode.Uri.file(binding.templatePath).toString(), logicalId: binding.logicalId };
      // Several functions may share a handler: the first lens names the function.
      if (bindings.length > 1) lenses.push(new vscode.CodeLens(range, { title: `${binding.logicalId}:`, command: '' }));
      lenses.push(...functionLenses(range, target, description));
    }
    return lenses;
  }
}
