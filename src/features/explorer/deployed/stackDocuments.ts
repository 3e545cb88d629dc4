import * as vscode from 'vscode';
import { Disposable } from '../../../platform/disposable';

export const STACK_DOCUMENT_SCHEME = 'serverless-workbench-stack';

/**
 * Read-only documents for stack details (events, parameters): text produced on demand, shown in an editor, never
 * written to disk. Showing the same path again replaces its text.
 */
export class StackDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changeEmitter = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(STACK_DOCUMENT_SCHEME, this));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  /** Shows `text` as `path` (e.g. `my-stack/events.md`) and resolves with the document's URI. */
  async show(path: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: STACK_DOCUMENT_SCHEME, path: `/${path}` });
    this.texts.set(uri.path, text);
    this.changeEmitter.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    await vscode.window.showTextDocument(document, { preview: true });
    return uri;
  }
}
