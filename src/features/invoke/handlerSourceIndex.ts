import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { bindHandlerFiles, type HandlerBinding } from '../../core/invoke/handlerFiles';
import { silentLogger, type Logger } from '../../core/logger';
import { resolveTemplate } from '../../core/runtime/resolve/resolveFunctions';
import type { FunctionDefinition } from '../../core/runtime/runtimeTypes';
import { Disposable } from '../../platform/disposable';
import type { ExplorerFeature } from '../explorer/registerExplorer';
import type { ScanResult } from '../explorer/templateScanner';

const REBUILD_DELAY_MS = 300;

/**
 * Which source files hold the handlers of the workspace's functions: the templates the explorer finds, resolved
 * as the runtime resolves them (Globals, CodeUri, Handler), mapped back to files. Rebuilt when a template or a
 * source file appears, changes or goes away.
 */
export class HandlerSourceIndex extends Disposable {
  private built: { scan: ScanResult; bindings: Promise<Map<string, HandlerBinding[]>> } | undefined;
  private rebuildTimer: NodeJS.Timeout | undefined;
  private readonly changeEmitter = this._register(new vscode.EventEmitter<void>());
  /** Fires (debounced) when the bindings may have changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly explorer: ExplorerFeature,
    private readonly logger: Logger,
  ) {
    super();
    const watcher = this._register(
      vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,template,js,mjs,cjs,ts,mts,cts,py}'),
    );
    const schedule = (uri: vscode.Uri): void => {
      if (/[\\/](node_modules|\.aws-sam|\.git)[\\/]/.test(uri.fsPath)) return;
      clearTimeout(this.rebuildTimer);
      this.rebuildTimer = setTimeout(() => {
        this.built = undefined;
        this.changeEmitter.fire();
      }, REBUILD_DELAY_MS);
    };
    this._register(watcher.onDidCreate(schedule));
    this._register(watcher.onDidDelete(schedule));
    // Content changes of sources do not move handlers between files; templates' changes do.
    this._register(
      watcher.onDidChange((uri) => (/\.(ya?ml|json|template)$/.test(uri.fsPath) ? schedule(uri) : undefined)),
    );
    this._register({ dispose: () => clearTimeout(this.rebuildTimer) });
  }

  /** The functions whose handler is in this file. */
  async bindingsFor(file: vscode.Uri): Promise<HandlerBinding[]> {
    if (file.scheme !== 'file') return [];
    const bindings = await this.bindings();
    return bindings.get(resolve(file.fsPath)) ?? [];
  }

  private async bindings(): Promise<Map<string, HandlerBinding[]>> {
    const scan = await this.explorer.scan();
    if (this.built?.scan !== scan) this.built = { scan, bindings: Promise.resolve(this.build(scan)) };
    return this.built.bindings;
  }

  private build(scan: ScanResult): Map<string, HandlerBinding[]> {
    const functions: Array<{ templatePath: string; logicalId: string; definition: FunctionDefinition }> = [];
    for (const template of scan.templates) {
      if (template.uri.scheme !== 'file' || template.functions.length === 0) continue;
      try {
        // Warnings belong to invokes, not to every lens refresh.
        const resolved = resolveTemplate({ templatePath: template.uri.fsPath, logger: silentLogger });
        for (const entry of resolved.functions) {
          if (entry.definition) {
            functions.push({
              templatePath: resolved.templatePath,
              logicalId: entry.logicalId,
              definition: entry.definition,
            });
          }
        }
      } catch (error) {
        this.logger.debug(`[invoke] ${template.label} cannot be resolved for handler lenses: ${describeError(error)}`);
      }
    }
    return bindHandlerFiles(functions, isFile);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
