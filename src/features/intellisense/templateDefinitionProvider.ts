import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { findDefinition, type DefinitionTarget } from '../../core/template/language/findDefinition';
import type { ProviderGuard } from './providerGuard';
import { toOffset, toVscodeRange } from './rangeConversion';
import type { TemplateDocuments } from './templateDocuments';
import { createWorkspaceFileSystemView, resolveBesideTemplate } from './workspaceFileSystemView';

/**
 * Go to definition: Ref, GetAtt, `${}`, conditions and FindInMap to their definitions in the template; Handler to
 * the function in its source file; CodeUri to its folder.
 */
export class TemplateDefinitionProvider implements vscode.DefinitionProvider {
  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
    private readonly logger: Logger,
  ) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    return this.guard.run('definition', async () => {
      const template = this.documents.get(document);
      if (!template) return undefined;
      const fileSystem = document.uri.scheme === 'untitled' ? undefined : createWorkspaceFileSystemView(document.uri);
      const targets = await findDefinition(template, toOffset(template, position), fileSystem, this.logger);
      return targets.map((target) => toLocation(document, target, (range) => toVscodeRange(template, range)));
    });
  }
}

function toLocation(
  document: vscode.TextDocument,
  target: DefinitionTarget,
  inTemplate: (range: { start: number; end: number }) => vscode.Range,
): vscode.Location {
  switch (target.kind) {
    case 'template':
      return new vscode.Location(document.uri, inTemplate(target.range));
    case 'file': {
      const { start, end } = target.range;
      return new vscode.Location(
        resolveBesideTemplate(document.uri, target.path),
        new vscode.Range(start.line, start.character, end.line, end.character),
      );
    }
    case 'folder':
      return new vscode.Location(resolveBesideTemplate(document.uri, target.path), new vscode.Position(0, 0));
  }
}
