import * as vscode from 'vscode';
import { taggedLogger, type Logger } from '../../core/logger';
import { onDidChangeConfiguration, readConfiguration } from '../../platform/configuration';
import { Disposable } from '../../platform/disposable';
import { createMessageNode, ExplorerTreeProvider, type ExplorerNode } from './explorerNode';
import { createTemplateNode } from './templateNodes';
import { scanWorkspaceTemplates, type ScanResult } from './templateScanner';

export const EXPLORER_VIEW_ID = 'serverlessWorkbench.explorer';
const RESCAN_DELAY_MS = 300;

/** The Serverless explorer: templates in the workspace and their functions (stacks join in later issues). */
export class ExplorerFeature extends Disposable {
  private readonly logger: Logger;
  private readonly provider: ExplorerTreeProvider;
  private lastScan: Promise<ScanResult> | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;

  constructor(logger: Logger) {
    super();
    this.logger = taggedLogger(logger, 'explorer');
    this.provider = this._register(new ExplorerTreeProvider(() => this.loadRoots()));
    this._register(
      vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true }),
    );
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,template}'));
    this._register(watcher.onDidCreate(() => this.scheduleRescan()));
    this._register(watcher.onDidChange(() => this.scheduleRescan()));
    this._register(watcher.onDidDelete(() => this.scheduleRescan()));
    // Operations done in the editor are reported at once, without waiting for the file watcher.
    this._register(vscode.workspace.onDidCreateFiles(() => this.scheduleRescan()));
    this._register(vscode.workspace.onDidDeleteFiles(() => this.scheduleRescan()));
    this._register(vscode.workspace.onDidRenameFiles(() => this.scheduleRescan()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()));
    this._register(onDidChangeConfiguration(() => this.refresh()));
    this._register({ dispose: () => clearTimeout(this.rescanTimer) });
  }

  /** Rescans the workspace and redraws the tree. */
  refresh(): void {
    this.lastScan = undefined;
    this.provider.refresh();
  }

  /** The templates the explorer shows, scanning if needed (also used by tests and other features). */
  scan(): Promise<ScanResult> {
    this.lastScan ??= scanWorkspaceTemplates(readConfiguration(), this.logger).catch((error: unknown) => {
      this.lastScan = undefined;
      throw error;
    });
    return this.lastScan;
  }

  private scheduleRescan(): void {
    clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => this.refresh(), RESCAN_DELAY_MS);
  }

  private async loadRoots(): Promise<ExplorerNode[]> {
    if (!vscode.workspace.workspaceFolders?.length) {
      return [createMessageNode('no-folder', 'Open a folder that contains a SAM template')];
    }
    try {
      const { templates, skippedLarge } = await this.scan();
      const total = templates.reduce((sum, template) => sum + template.functions.length, 0);
      this.logger.info(`Found ${templates.length} template(s) with ${total} function(s)`);
      const nodes = templates.map(createTemplateNode);
      if (templates.length === 0) {
        nodes.push(createMessageNode('no-templates', 'No SAM or CloudFormation templates found in this workspace'));
      }
      if (skippedLarge.length > 0) {
        nodes.push(
          createMessageNode(
            'skipped-large',
            `Skipped ${skippedLarge.length} large file(s)`,
            'info',
            skippedLarge.join('\n'),
          ),
        );
      }
      return nodes;
    } catch (error) {
      this.logger.error(`Scanning the workspace failed: ${String(error)}`);
      return [createMessageNode('scan-failed', 'Could not scan the workspace for templates (see the log)', 'error')];
    }
  }
}
