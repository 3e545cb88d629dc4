import * as vscode from 'vscode';
import { listFunctions } from '../../core/template/templateResources';
import { getMapPair, getMapValue, scalarString, type TemplateNode } from '../../core/template/templateTree';
import { Disposable } from '../../platform/disposable';
import { toVscodeRange } from '../intellisense/rangeConversion';
import type { TemplateDocuments } from '../intellisense/templateDocuments';
import { functionLenses, localApiLens } from './invokeLenses';

/** Invoke lenses above every function resource of a template (YAML or JSON), from the shared parsed snapshots. */
export class TemplateCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(private readonly templates: TemplateDocuments) {
    super();
  }

  /** Asks the editor for fresh lenses (trust granted, templates changed). */
  refresh(): void {
    this.changeEmitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    // Local runs need the template on disk; unsaved untitled documents have no folder for CodeUri.
    if (document.uri.scheme !== 'file') return [];
    const template = this.templates.get(document);
    if (!template) return [];
    const templateUri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    const functions = listFunctions(template.parsed);
    for (const resource of functions) {
      const range = toVscodeRange(template, resource.keyRange);
      lenses.push(...functionLenses(range, { templateUri, logicalId: resource.logicalId }, resource.logicalId));
    }
    const resources = getMapPair(template.parsed.root, 'Resources');
    if (resources && functions.some((resource) => hasApiEvent(getMapValue(resource.node, 'Properties')))) {
      lenses.push(localApiLens(toVscodeRange(template, resources.key.range), templateUri));
    }
    return lenses;
  }
}

function hasApiEvent(properties: TemplateNode | undefined): boolean {
  const events = getMapValue(properties, 'Events');
  if (events?.kind !== 'map') return false;
  return events.pairs.some((pair) => {
    const type = scalarString(getMapValue(pair.value, 'Type'));
    return type === 'Api' || type === 'HttpApi';
  });
}
