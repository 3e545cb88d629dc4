import * as vscode from 'vscode';
import { isTemplateText } from '../../core/template/isTemplateText';
import { TemplateDocument } from '../../core/template/language/templateDocument';
import type { TemplateSchema } from '../../core/template/schema/templateSchema';
import { Disposable } from '../../platform/disposable';

/** The languages whose documents may be templates; which ones are is decided by content. */
export const TEMPLATE_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', scheme: 'file' },
  { language: 'yaml', scheme: 'untitled' },
  { language: 'json', scheme: 'file' },
  { language: 'json', scheme: 'untitled' },
  { language: 'jsonc', scheme: 'file' },
];

interface Entry {
  version: number;
  /** Undefined when the document is not a template. */
  template: TemplateDocument | undefined;
}

/**
 * Parsed snapshots of the open documents that are templates, updated incrementally as they are edited.
 * Every IntelliSense provider reads from here, so a document is parsed once per version, not once per provider.
 */
export class TemplateDocuments extends Disposable {
  private readonly entries = new Map<string, Entry>();

  /** `schema` is consulted lazily by the snapshots (symbols, completion); nothing is read until first use. */
  constructor(private readonly schema?: TemplateSchema) {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.entries.delete(document.uri.toString())));
  }

  /** The template snapshot for this document version, or undefined when the document is not a template. */
  get(document: vscode.TextDocument): TemplateDocument | undefined {
    if (!vscode.languages.match(TEMPLATE_SELECTOR, document)) return undefined;
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry?.version === document.version) return entry.template;
    const text = document.getText();
    let template: TemplateDocument | undefined;
    if (isTemplateText(text))
      template = entry?.template ? entry.template.update(text) : TemplateDocument.parse(text, this.schema);
    this.entries.set(key, { version: document.version, template });
    return template;
  }

  /** The last snapshot parsed for a document, even if the document has changed since (for completion mid-edit). */
  last(document: vscode.TextDocument): TemplateDocument | undefined {
    return this.entries.get(document.uri.toString())?.template;
  }
}
