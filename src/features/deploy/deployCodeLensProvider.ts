import * as vscode from 'vscode';
import { getMapPair } from '../../core/template/templateTree';
import { COMMAND_IDS } from '../../platform/commandIds';
import { toVscodeRange } from '../intellisense/rangeConversion';
import type { TemplateDocuments } from '../intellisense/templateDocuments';

/** "Deploy" and "Sync Code" above a template's `Resources`. */
export class DeployCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly templates: TemplateDocuments) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const template = this.templates.get(document);
    const resources = template ? getMapPair(template.parsed.root, 'Resources') : undefined;
    if (!template || !resources) return [];
    const range = toVscodeRange(template, resources.key.range);
    return [
      new vscode.CodeLens(range, {
        title: '$(cloud-upload) Deploy',
        command: COMMAND_IDS.deployStart,
        arguments: [document.uri],
      }),
      new vscode.CodeLens(range, {
        title: '$(sync) Sync code',
        tooltip: 'Update the deployed functions whose code changed, without CloudFormation (as sam sync --code)',
        command: COMMAND_IDS.deploySyncCode,
        arguments: [document.uri],
      }),
    ];
  }
}
