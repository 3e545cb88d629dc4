// "Serverless: Show Transformed Template": what SAM generates from the template in the editor, as a read-only
// document beside it (a TextDocumentContentProvider with its own scheme) that follows the template as it is
// edited, saved or changed on disk. The transform itself is core (src/core/sam/transformedTemplate.ts).
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { WorkbenchError, describeError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { readSamConfig } from '../../core/runtime/resolve/samConfig';
import { SamTransformError } from '../../core/sam/samTransformError';
import { transformTemplateText, type TemplateTextFormat } from '../../core/sam/transformedTemplate';
import { isTemplateText } from '../../core/template/isTemplateText';
import { describeTransformRefusal } from '../../core/template/language/validateSamTransform';
import { Disposable } from '../../platform/disposable';
import { readConfiguration } from '../../platform/configuration';
import { TEMPLATE_SELECTOR, type TemplateDocuments } from '../intellisense/templateDocuments';
import { TransformedTemplateLens } from './transformedTemplateLens';
import { TransformedTemplateLinks } from './transformedTemplateLinks';
import { TRANSFORMED_TEMPLATE_SCHEME, formatOf, sourceOf, transformedUri } from './transformedTemplateUri';

/** True while the active editor holds a template (menus show the command then). */
export const TEMPLATE_EDITOR_CONTEXT = 'serverlessWorkbench.activeEditorIsTemplate';

/** Waits after the last keystroke before transforming again, as diagnostics do. */
const REFRESH_DELAY_MS = 300;
const TEMPLATE_LANGUAGES = new Set(['yaml', 'json', 'jsonc']);

/** The transformed-template documents and the command that opens them. */
export class TransformedTemplateView extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly changes = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changes.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Watchers of sources that are shown, so a change on disk (git checkout, another editor) refreshes too. */
  private readonly watchers = new Map<string, vscode.Disposable>();
  /** The format a person switched each template's transformed view to, by the template's URI. */
  private readonly chosenFormats = new Map<string, TemplateTextFormat>();

  constructor(
    templates: TemplateDocuments,
    private readonly logger: Logger,
  ) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(TRANSFORMED_TEMPLATE_SCHEME, this));
    this._register(
      vscode.languages.registerCodeLensProvider(TEMPLATE_SELECTOR, new TransformedTemplateLens(templates)),
    );
    this._register(
      vscode.languages.registerDocumentLinkProvider(
        { scheme: TRANSFORMED_TEMPLATE_SCHEME },
        new TransformedTemplateLinks(),
      ),
    );
    this._register(vscode.workspace.onDidChangeTextDocument((event) => this.sourceChanged(event.document.uri)));
    this._register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === TRANSFORMED_TEMPLATE_SCHEME) this.unwatch(sourceOf(document.uri));
      }),
    );
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => updateTemplateContext(editor)));
    this._register(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document === vscode.window.activeTextEditor?.document)
          updateTemplateContext(vscode.window.activeTextEditor);
      }),
    );
    this._register({
      dispose: () => {
        for (const timer of this.timers.values()) clearTimeout(timer);
        for (const watcher of this.watchers.values()) watcher.dispose();
      },
    });
    updateTemplateContext(vscode.window.activeTextEditor);
  }

  /** Opens the transformed template of `target` (a template's URI; default the active editor's) beside it. */
  async show(target?: unknown): Promise<void> {
    const source = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    // Run from the transformed document itself (palette, lens): show it again.
    if (source?.scheme === TRANSFORMED_TEMPLATE_SCHEME) return this.open(source, vscode.ViewColumn.Active);
    return this.showSource(source);
  }

  /**
   * Switches a transformed template (`target`, default the active editor's) between JSON and YAML, in place. The
   * choice holds for that template until the window reloads; the setting gives the first format.
   */
  async switchFormat(target?: unknown): Promise<void> {
    const current = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
    if (current?.scheme !== TRANSFORMED_TEMPLATE_SCHEME) {
      throw new WorkbenchError('No transformed template to switch.', {
        code: 'NoTransformedTemplate',
        hint: 'Run "Serverless: Show Transformed Template" on a SAM template first.',
      });
    }
    const source = sourceOf(current);
    const format: TemplateTextFormat = formatOf(current) === 'json' ? 'yaml' : 'json';
    this.chosenFormats.set(source.toString(), format);
    const oldTabs = vscode.window.tabGroups.all.flatMap((group) =>
      group.tabs.filter(
        (tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === current.toString(),
      ),
    );
    const column = oldTabs[0]?.group.viewColumn ?? vscode.ViewColumn.Beside;
    await this.open(transformedUri(source, format), column);
    if (oldTabs.length > 0) await vscode.window.tabGroups.close(oldTabs);
  }

  private async open(uri: vscode.Uri, viewColumn: vscode.ViewColumn): Promise<void> {
    // Already open: make it current before it is shown again.
    this.changes.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn, preserveFocus: true, preview: false });
  }

  private async showSource(source: vscode.Uri | undefined): Promise<void> {
    if (!source) {
      throw new WorkbenchError('No template to transform.', {
        code: 'NoTemplate',
        hint: 'Open a SAM template (template.yaml) and run the command from its editor.',
      });
    }
    const text = await readSource(source);
    if (!isTemplateText(text)) {
      throw new WorkbenchError(`${basename(source.path)} is not a CloudFormation or SAM template.`, {
        code: 'NotATemplate',
        hint: 'Run the command on a template: a YAML or JSON file with a Resources section.',
      });
    }
    const format = this.chosenFormats.get(source.toString()) ?? outputFormat(source, text);
    this.watch(source);
    await this.open(transformedUri(source, format), vscode.ViewColumn.Beside);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = sourceOf(uri);
    const format = formatOf(uri);
    const name = basename(source.path);
    let text: string;
    try {
      text = await readSource(source);
    } catch (error) {
      return explain(format, `${name} cannot be read: ${describeError(error)}`);
    }
    try {
      return transformTemplateText(text, { format, path: name, parameterValues: parameterValuesFor(source) }).text;
    } catch (error) {
      if (error instanceof SamTransformError) return explain(format, ...describeRefusal(name, text, error));
      if (error instanceof WorkbenchError) return explain(format, describeError(error));
      this.logger.error(`[transformed-template] ${name}: ${describeError(error)}`);
      return explain(format, `The SAM transform failed on ${name}: ${describeError(error)}`, ['See the log.']);
    }
  }

  private sourceChanged(source: vscode.Uri): void {
    if (source.scheme === TRANSFORMED_TEMPLATE_SCHEME) return;
    if (source.toString() === vscode.window.activeTextEditor?.document.uri.toString()) {
      this.debounce(`context:${source.toString()}`, () => updateTemplateContext(vscode.window.activeTextEditor));
    }
    const shown = vscode.workspace.textDocuments.filter(
      (document) =>
        document.uri.scheme === TRANSFORMED_TEMPLATE_SCHEME && sourceOf(document.uri).toString() === source.toString(),
    );
    for (const document of shown) this.debounce(document.uri.toString(), () => this.changes.fire(document.uri));
  }

  private debounce(key: string, action: () => void): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, REFRESH_DELAY_MS),
    );
  }

  private watch(source: vscode.Uri): void {
    const key = source.toString();
    if (this.watchers.has(key) || source.scheme !== 'file') return;
    const pattern = new vscode.RelativePattern(vscode.Uri.file(dirname(source.fsPath)), basename(source.fsPath));
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const changed = () => {
      // An open editor of the source already reports its own changes (including unsaved ones).
      if (!vscode.workspace.textDocuments.some((document) => document.uri.toString() === key))
        this.sourceChanged(source);
    };
    this.watchers.set(
      key,
      vscode.Disposable.from(
        watcher,
        watcher.onDidChange(changed),
        watcher.onDidCreate(changed),
        watcher.onDidDelete(changed),
      ),
    );
  }

  private unwatch(source: vscode.Uri): void {
    const key = source.toString();
    const stillShown = vscode.workspace.textDocuments.some(
      (document) => document.uri.scheme === TRANSFORMED_TEMPLATE_SCHEME && sourceOf(document.uri).toString() === key,
    );
    if (stillShown) return;
    this.watchers.get(key)?.dispose();
    this.watchers.delete(key);
  }
}

/** The open editor's text (unsaved edits included), else the file's. */
async function readSource(source: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === source.toString());
  if (open) return open.getText();
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(source));
}

function outputFormat(source: vscode.Uri, text: string): TemplateTextFormat {
  const setting = readConfiguration(source).transformedTemplateFormat;
  if (setting === 'json' || setting === 'yaml') return setting;
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/** The parameter_overrides of samconfig's deploy table beside a template on disk, as `sam deploy` would pass. */
function parameterValuesFor(source: vscode.Uri): Record<string, string> {
  if (source.scheme !== 'file') return {};
  try {
    return readSamConfig(dirname(source.fsPath), { command: 'deploy' }).parameterOverrides;
  } catch {
    // A malformed samconfig.toml is reported where it is used (deploy, invoke); parameters keep their defaults.
    return {};
  }
}

/** A message in place of the template: YAML comments, or a JSON object (JSON has no comments). */
function explain(format: TemplateTextFormat, title: string, details: string[] = [], message?: string): string {
  if (format === 'json') {
    return `${JSON.stringify({ Error: title, Problems: details, ...(message ? { Note: message } : {}) }, null, 2)}\n`;
  }
  const lines = [title, ...details, ...(message ? ['', message] : [])];
  return `${lines.map((line) => (line ? `# ${line}` : '#')).join('\n')}\n`;
}

/** Why the transform refused the template: each problem at its (linked) line, then AWS's whole message. */
function describeRefusal(name: string, text: string, error: SamTransformError): [string, string[], string] {
  const refusal = describeTransformRefusal(text, name, error);
  if (refusal.ourGap) {
    return [
      `Serverless Workbench's SAM transform does not cover what ${name} uses yet (AWS's translator accepts it):`,
      refusal.located,
      'lint shows no error for it; deploying to AWS works as usual.',
    ];
  }
  return [`The SAM transform refuses ${name}:`, refusal.located, `AWS's message: ${error.message}`];
}

function updateTemplateContext(editor: vscode.TextEditor | undefined): void {
  const document = editor?.document;
  const isTemplate =
    document !== undefined &&
    document.uri.scheme !== TRANSFORMED_TEMPLATE_SCHEME &&
    TEMPLATE_LANGUAGES.has(document.languageId) &&
    isTemplateText(document.getText());
  void vscode.commands.executeCommand('setContext', TEMPLATE_EDITOR_CONTEXT, isTemplate);
}
