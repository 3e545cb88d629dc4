// A code lens on a SAM template's `Transform` line: the place a person reads that SAM will rewrite the template is
// where they can ask to see what it writes.
import * as vscode from 'vscode';
import { getMapPair } from '../../core/template/templateTree';
import { COMMAND_IDS } from '../../platform/commandIds';
import { toVscodeRange } from '../intellisense/rangeConversion';
import type { TemplateDocuments } from '../intellisense/templateDocuments';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** "Show transformed template" above `Transform: AWS::Serverless-2016-10-31`, from the shared parsed snapshots. */
export class TransformedTemplateLens implements vscode.CodeLensProvider {
  constructor(private readonly templates: TemplateDocuments) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const template = this.templates.get(document);
    if (!template?.symbols.transforms.includes(SAM_TRANSFORM)) return [];
    const transform = getMapPair(template.parsed.root, 'Transform');
    if (!transform) return [];
    return [
      new vscode.CodeLens(toVscodeRange(template, transform.key.range), {
        title: 'Show transformed template',
        tooltip: 'What the SAM transform generates from this template (read-only, follows your edits)',
        command: COMMAND_IDS.templateShowTransformed,
        arguments: [document.uri],
      }),
    ];
  }
}
