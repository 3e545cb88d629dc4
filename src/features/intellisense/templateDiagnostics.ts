import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { validateCodeLocations } from '../../core/template/language/validateCodeLocations';
import { isSamTransformRunReady } from '../../core/template/language/samTransformRun';
import { sortDiagnostics, validateTemplate } from '../../core/template/language/validateTemplate';
import type { TemplateDocument } from '../../core/template/language/templateDocument';
import { validateWithSchema } from '../../core/template/schema/validateWithSchema';
import type { DiagnosticSeverity, TemplateDiagnostic } from '../../core/template/templateDiagnostic';
import { Disposable } from '../../platform/disposable';
import type { ProviderGuard } from './providerGuard';
import { toVscodeRange } from './rangeConversion';
import type { TemplateDocuments } from './templateDocuments';
import { createWorkspaceFileSystemView } from './workspaceFileSystemView';

/** Waits after the last keystroke before re-validating, so typing a word validates once. */
const EDIT_DELAY_MS = 250;
/** A handler file saved from another editor or a `git checkout` touches many files at once: batch them. */
const SOURCE_DELAY_MS = 300;
const OPEN_DELAY_MS = 0;
/**
 * The SAM transform runs off the keystroke path: the fast diagnostics (syntax, schema, references) are shown first,
 * with the translator's problems of the latest earlier run located on the new text; the transform runs on the new
 * text this long after them, unless the user typed again meanwhile, and its diagnostics replace the earlier ones.
 */
const SAM_TRANSFORM_DELAY_MS = 350;
/** Folders whose changes never affect a handler check. */
const IGNORED_FOLDERS = /\/(?:node_modules|\.git|\.aws-sam|cdk\.out)\//;

function toSeverity(severity: DiagnosticSeverity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

/**
 * Diagnostics for open templates, in one collection: validated on open, on edit (debounced), and when a file
 * beside a template changes (a handler file, a CodeUri folder). Documents that are not templates get none.
 */
export class TemplateDiagnostics extends Disposable {
  private readonly collection: vscode.DiagnosticCollection;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped per document on every scheduled run, so a slow run never overwrites a newer one's result. */
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly documents: TemplateDocuments,
    private readonly guard: ProviderGuard,
    private readonly logger: Logger,
  ) {
    super();
    this.collection = this._register(vscode.languages.createDiagnosticCollection('serverlessWorkbench'));
    this._register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, OPEN_DELAY_MS)));
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, EDIT_DELAY_MS);
      }),
    );
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*'));
    this._register(watcher.onDidCreate((uri) => this.onFileChanged(uri)));
    this._register(watcher.onDidChange((uri) => this.onFileChanged(uri)));
    this._register(watcher.onDidDelete((uri) => this.onFileChanged(uri)));
    this._register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    // Documents already open when the extension activates; deferred so activation does no parsing.
    const initial = setTimeout(() => vscode.workspace.textDocuments.forEach((document) => this.schedule(document, 0)));
    this._register({ dispose: () => clearTimeout(initial) });
  }

  private schedule(document: vscode.TextDocument, delayMs: number, pass: 'fast' | 'transform' = 'fast'): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.validate(document, pass);
      }, delayMs),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.delete(key);
    this.collection.delete(uri);
  }

  /** A file changed on disk: re-validate the open templates in a folder above it. */
  private onFileChanged(uri: vscode.Uri): void {
    if (IGNORED_FOLDERS.test(uri.path)) return;
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === 'untitled' || document.uri.toString() === uri.toString()) continue;
      if (!this.documents.last(document)) continue;
      const folder = vscode.Uri.joinPath(document.uri, '..').path;
      if (uri.path.startsWith(folder.endsWith('/') ? folder : `${folder}/`)) this.schedule(document, SOURCE_DELAY_MS);
    }
  }

  private async validate(document: vscode.TextDocument, pass: 'fast' | 'transform'): Promise<void> {
    if (document.isClosed) return;
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const result = await this.guard.run('diagnostics', () => this.diagnose(document, pass === 'fast'));
    // A newer run started while this one waited for the file system, or the document was closed meanwhile.
    if (this.generations.get(key) !== generation || document.isClosed) return;
    if (result === undefined) this.collection.delete(document.uri);
    else {
      this.collection.set(document.uri, result.diagnostics);
      if (result.transformPending) this.schedule(document, SAM_TRANSFORM_DELAY_MS, 'transform');
    }
  }

  private async diagnose(
    document: vscode.TextDocument,
    deferSamTransform: boolean,
  ): Promise<{ diagnostics: vscode.Diagnostic[]; transformPending: boolean } | undefined> {
    const template = this.documents.get(document);
    if (!template) return undefined;
    const found = validateTemplate(template, {
      validateWithSchema: (parsed, schema) => validateWithSchema(parsed, schema),
      logger: this.logger,
      deferSamTransform,
    });
    // Nothing to wait for when the transform's run of this content is kept (or it ran for SAM's names just now).
    const transformPending = deferSamTransform && !isSamTransformRunReady(template);
    if (document.uri.scheme !== 'untitled' && template.parsed.root) {
      found.push(...(await validateCodeLocations(template, createWorkspaceFileSystemView(document.uri))));
    }
    return {
      diagnostics: sortDiagnostics(found).map((diagnostic) => toVscodeDiagnostic(document.uri, template, diagnostic)),
      transformPending,
    };
  }
}

function toVscodeDiagnostic(
  uri: vscode.Uri,
  template: TemplateDocument,
  diagnostic: TemplateDiagnostic,
): vscode.Diagnostic {
  const converted = new vscode.Diagnostic(
    toVscodeRange(template, diagnostic.range),
    diagnostic.message,
    toSeverity(diagnostic.severity),
  );
  converted.code = diagnostic.code;
  converted.source = 'Serverless Workbench';
  if (diagnostic.code === 'unused-parameter') converted.tags = [vscode.DiagnosticTag.Unnecessary];
  if (diagnostic.code === 'deprecated-runtime') converted.tags = [vscode.DiagnosticTag.Deprecated];
  if (diagnostic.related) {
    converted.relatedInformation = diagnostic.related.map(
      (related) =>
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(uri, toVscodeRange(template, related.range)),
          related.message,
        ),
    );
  }
  return converted;
}
