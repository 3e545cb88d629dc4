import * as vscode from 'vscode';
import { documentOutline, type OutlineSymbol } from '../../core/template/language/documentOutline';
import type { TemplateDocument } from '../../core/template/language/templateDocument';
import type { ProviderGuard } from './providerGuard';
import { toVscodeRange } from './rangeConversion';
import type { TemplateDocuments } from './templateDocuments';

/** The outline of a template: its sections; parameters and resources with their types; conditions, outputs... */
export class TemplateSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
  ) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    return this.guard.runSync('document symbols', () => {
      const template = this.documents.get(document);
      return template && documentOutline(template).map((symbol) => toDocumentSymbol(template, symbol));
    });
  }
}

/** The editor's icon for each kind (a function, not a table: the enum must not be read at module load). */
function symbolKind(kind: OutlineSymbol['kind']): vscode.SymbolKind {
  const kinds = vscode.SymbolKind;
  switch (kind) {
    case 'section':
      return kinds.Module;
    case 'parameter':
      return kinds.Variable;
    case 'resource':
      return kinds.Class;
    case 'condition':
      return kinds.Boolean;
    case 'mapping':
      return kinds.Struct;
    case 'output':
      return kinds.Field;
    case 'globals':
      return kinds.Namespace;
  }
}

function toDocumentSymbol(template: TemplateDocument, symbol: OutlineSymbol): vscode.DocumentSymbol {
  const converted = new vscode.DocumentSymbol(
    // The editor refuses an empty name (a key typed as `: value`).
    symbol.name || ' ',
    symbol.detail ?? '',
    symbolKind(symbol.kind),
    toVscodeRange(template, symbol.range),
    toVscodeRange(template, symbol.selectionRange),
  );
  converted.children = symbol.children.map((child) => toDocumentSymbol(template, child));
  return converted;
}
