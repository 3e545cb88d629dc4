import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { completeTemplate } from '../../core/template/language/completeTemplate';
import type { CompletionItem, CompletionKind } from '../../core/template/language/completionItem';
import type { ProviderGuard } from './providerGuard';
import type { TemplateDocuments } from './templateDocuments';
import { createWorkspaceFileSystemView } from './workspaceFileSystemView';

/** Characters after which a template position has something to propose (see `answersTrigger`). */
export const COMPLETION_TRIGGER_CHARACTERS = [':', ' ', '!', '.', '{', '"'];

/** The editor's icon for each kind (a function, not a table: the enum must not be read at module load). */
function itemKind(kind: CompletionKind): vscode.CompletionItemKind {
  const kinds = vscode.CompletionItemKind;
  switch (kind) {
    case 'section':
      return kinds.Module;
    case 'property':
      return kinds.Property;
    case 'value':
      return kinds.EnumMember;
    case 'resourceType':
      return kinds.Class;
    case 'parameter':
      return kinds.Variable;
    case 'resource':
      return kinds.Reference;
    case 'pseudoParameter':
      return kinds.Constant;
    case 'attribute':
      return kinds.Field;
    case 'condition':
      return kinds.Interface;
    case 'mapping':
      return kinds.Struct;
    case 'function':
      return kinds.Function;
    case 'intrinsic':
      return kinds.Keyword;
    case 'file':
      return kinds.File;
  }
}

/**
 * A space ends most words of a template (descriptions, commands), so it asks for completion only where a value,
 * a list item or an intrinsic's argument starts: after `Key: `, `- `, `!Tag `, `[` or `,`.
 */
function answersTrigger(lineBefore: string, trigger: string | undefined): boolean {
  if (trigger !== ' ') return true;
  return /(?::|^\s*-|![A-Za-z:]+|[[,])\s$/.test(lineBefore);
}

/**
 * Completion for templates. The position is read from the current text; names and types come from the last
 * parse when the document has changed since, so a keystroke never waits for a re-parse (see completeTemplate).
 */
export class TemplateCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
    private readonly logger: Logger,
  ) {}

  provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    _token: vscode.CancellationToken,
    context: vscode.CompletionContext,
  ): Promise<vscode.CompletionList | undefined> {
    return this.guard.run('completion', async () => {
      const lineBefore = document.lineAt(position.line).text.slice(0, position.character);
      if (!answersTrigger(lineBefore, context.triggerCharacter)) return undefined;
      const template = this.documents.last(document) ?? this.documents.get(document);
      if (!template) return undefined;
      const text = document.getText();
      const result = await completeTemplate({
        document: template,
        text,
        offset: document.offsetAt(position),
        ...(document.uri.scheme === 'untitled' ? {} : { fileSystem: createWorkspaceFileSystemView(document.uri) }),
        logger: this.logger,
      });
      const items = result.items.flatMap((item) => {
        const converted = toCompletionItem(document, position, item);
        return converted ? [converted] : [];
      });
      return new vscode.CompletionList(items, result.isIncomplete);
    });
  }
}

function toCompletionItem(
  document: vscode.TextDocument,
  position: vscode.Position,
  item: CompletionItem,
): vscode.CompletionItem | undefined {
  const range = new vscode.Range(document.positionAt(item.range.start), document.positionAt(item.range.end));
  // The editor rejects an item whose range spans lines or does not contain the cursor: drop it, keep the rest.
  if (!range.isSingleLine || !range.contains(position)) return undefined;
  const converted = new vscode.CompletionItem(item.label, itemKind(item.kind));
  converted.insertText = item.format === 'snippet' ? new vscode.SnippetString(item.insertText) : item.insertText;
  converted.range = range;
  if (item.detail) converted.detail = item.detail;
  if (item.documentation) converted.documentation = new vscode.MarkdownString(item.documentation);
  if (item.sortText) converted.sortText = item.sortText;
  if (item.filterText) converted.filterText = item.filterText;
  else {
    // The editor filters on the text from the range's start; a range that starts at a JSON or YAML quote would
    // hide every label that does not start with that quote.
    const quote = document.getText(new vscode.Range(range.start, range.start.translate(0, 1)));
    if ((quote === '"' || quote === "'") && !item.label.startsWith(quote)) converted.filterText = quote + item.label;
  }
  return converted;
}
