import * as vscode from 'vscode';
import type { TemplateDocument } from '../../core/template/language/templateDocument';
import type { SourceRange } from '../../core/template/templateTree';

/** A core offset range as an editor range, through the snapshot's line index. */
export function toVscodeRange(template: TemplateDocument, range: SourceRange): vscode.Range {
  const start = template.lines.positionAt(range.start);
  const end = template.lines.positionAt(range.end);
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

/** An editor position as a core offset. */
export function toOffset(template: TemplateDocument, position: vscode.Position): number {
  return template.lines.offsetAt({ line: position.line, character: position.character });
}
