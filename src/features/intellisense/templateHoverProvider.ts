import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { hoverTemplate } from '../../core/template/language/hoverTemplate';
import type { ProviderGuard } from './providerGuard';
import { toOffset, toVscodeRange } from './rangeConversion';
import type { TemplateDocuments } from './templateDocuments';

/** Hover for templates: intrinsics, references and what they resolve to, resource types, properties. */
export class TemplateHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
    private readonly logger: Logger,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    return this.guard.run('hover', () => {
      const template = this.documents.get(document);
      if (!template) return undefined;
      const hover = hoverTemplate(template, toOffset(template, position), this.logger);
      if (!hover) return undefined;
      return new vscode.Hover(new vscode.MarkdownString(hover.contents), toVscodeRange(template, hover.range));
    });
  }
}
