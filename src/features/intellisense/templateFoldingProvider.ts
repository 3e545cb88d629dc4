import * as vscode from 'vscode';
import { foldingRegions } from '../../core/template/language/documentOutline';
import type { ProviderGuard } from './providerGuard';
import type { TemplateDocuments } from './templateDocuments';

/** Folding by structure (every multi-line entry or list item) and runs of comment lines. */
export class TemplateFoldingProvider implements vscode.FoldingRangeProvider {
  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
  ) {}

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] | undefined {
    return this.guard.runSync('folding', () => {
      const template = this.documents.get(document);
      return template?.parsed.root
        ? foldingRegions(template).map(
            (region) =>
              new vscode.FoldingRange(
                region.startLine,
                region.endLine,
                region.kind === 'comment' ? vscode.FoldingRangeKind.Comment : undefined,
              ),
          )
        : undefined;
    });
  }
}
