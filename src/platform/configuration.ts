import * as vscode from 'vscode';

const SECTION = 'serverlessWorkbench';

/** Typed, read-only access to the extension's settings. Never writes user settings. */
export interface WorkbenchConfiguration {
  templateExcludeGlobs: string[];
  templateMaxFileSizeKb: number;
  /** The format "Show Transformed Template" writes: the template's own, or always JSON or YAML. */
  transformedTemplateFormat: 'template' | 'json' | 'yaml';
}

export function readConfiguration(scope?: vscode.ConfigurationScope): WorkbenchConfiguration {
  const settings = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    templateExcludeGlobs: settings.get<string[]>('templates.exclude', []),
    templateMaxFileSizeKb: settings.get<number>('templates.maxFileSizeKb', 2048),
    transformedTemplateFormat: settings.get<'template' | 'json' | 'yaml'>('transformedTemplate.format', 'template'),
  };
}

/** Fires when any of the extension's settings change. */
export function onDidChangeConfiguration(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) listener();
  });
}
