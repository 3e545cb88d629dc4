import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import {
  functionsInFile,
  handlerFileTarget,
  type HandlerBinding,
  type HandlerFileTarget,
} from '../../core/invoke/handlerFiles';
import { silentLogger, type Logger } from '../../core/logger';
import { resolveTemplate } from '../../core/runtime/resolve/resolveFunctions';
import { Disposable } from '../../platform/disposable';
import type { ExplorerFeature } from '../explorer/registerExplorer';
import type { ScanResult } from '../explorer/templateScanner';

const REBUILD_DELAY_MS = 300;

/** A function whose handler may be in one of its candidate files. */
interface HandlerCandidate {
  templatePath: string;
  logicalId: string;
  target: HandlerFileTarget;
}

/**
 * Which source files hold the handlers of the workspace's functions: the templates the explorer finds, resolved
 * as the runtime resolves them (Globals, CodeUri, Handler). The templates are resolved once per explorer scan;
 * which candidate file exists is checked on each lookup, so new or deleted sources count at once.
 */
export class HandlerSourceIndex extends Disposable {
  private built: { scan: ScanResult; candidates: HandlerCandidate[] } | undefined;
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
    return functionsInFile(await this.candidates(), resolve(file.fsPath), isFile);
  }

  private async candidates(): Promise<HandlerCandidate[]> {
    const scan = await this.explorer.scan();
    if (this.built?.scan !== scan) this.built = { scan, candidates: this.resolveCandidates(scan) };
    return this.built.candidates;
  }

  private resolveCandidates(scan: ScanResult): HandlerCandidate[] {
    const candidates: HandlerCandidate[] = [];
    for (const template of scan.templates) {
      if (template.uri.scheme !== 'file' || template.functions.length === 0) continue;
      try {
        // Warnings belong to invokes, not to every lens refresh.
        const resolved = resolveTemplate({ templatePath: template.uri.fsPath, logger: silentLogger });
        for (const entry of resolved.functions) {
          const target = entry.definition && handlerFileTarget(entry.definition);
          if (target) candidates.push({ templatePath: resolved.templatePath, logicalId: entry.logicalId, target });
        }
      } catch (error) {
        this.logger.debug(`[invoke] ${template.label} cannot be resolved for handler lenses: ${describeError(error)}`);
      }
    }
    return candidates;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
