import * as vscode from 'vscode';
import { findReferences } from '../../core/template/language/findReferences';
import type { ProviderGuard } from './providerGuard';
import { toOffset, toVscodeRange } from './rangeConversion';
import type { TemplateDocuments } from './templateDocuments';

/** Find references of a parameter, resource, condition or mapping, from its definition or any reference. */
export class TemplateReferenceProvider implements vscode.ReferenceProvider {
  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
  ) {}

  provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): Promise<vscode.Location[] | undefined> {
    return this.guard.run('references', () => {
      const template = this.documents.get(document);
      if (!template) return undefined;
      const ranges = findReferences(template, toOffset(template, position), context.includeDeclaration);
      return ranges.map((range) => new vscode.Location(document.uri, toVscodeRange(template, range)));
    });
  }
}
