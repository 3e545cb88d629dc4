import * as vscode from 'vscode';
import { taggedLogger, type Logger } from '../../core/logger';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import { DeployedTree } from './deployed/deployedTree';
import { onDidChangeConfiguration, readConfiguration } from '../../platform/configuration';
import { Disposable } from '../../platform/disposable';
import { createMessageNode, ExplorerTreeProvider, type ExplorerNode } from './explorerNode';
import { createTemplateNode } from './templateNodes';
import { scanWorkspaceTemplates, type ScanResult } from './templateScanner';

export const EXPLORER_VIEW_ID = 'serverlessWorkbench.explorer';
const RESCAN_DELAY_MS = 300;

/**
 * The Serverless explorer: a "Workspace" root with the templates in the workspace and their functions, and a
 * "Deployed" root with the stacks and functions of the current backend (issue #11).
 */
export class ExplorerFeature extends Disposable {
  private readonly logger: Logger;
  private readonly provider: ExplorerTreeProvider;
  private readonly workspaceRoot: ExplorerNode & { invalidate(): void };
  readonly deployed: DeployedTree;
  readonly treeView: vscode.TreeView<ExplorerNode>;
  private lastScan: Promise<ScanResult> | undefined;
  private rescanTimer: NodeJS.Timeout | undefined;

  constructor(logger: Logger, backend: AwsBackendConnection) {
    super();
    this.logger = taggedLogger(logger, 'explorer');
    this.workspaceRoot = {
      id: 'workspace',
      getTreeItem: () => {
        const item = new vscode.TreeItem('Workspace', vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.contextValue = 'workspaceRoot';
        return item;
      },
      getChildren: () => this.loadTemplateNodes(),
      invalidate: () => (this.lastScan = undefined),
    };
    this.provider = this._register(new ExplorerTreeProvider(() => [this.workspaceRoot, this.deployed.root]));
    this.treeView = this._register(
      vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true }),
    );
    this.deployed = this._register(
      new DeployedTree({ backend, logger, provider: this.provider, isVisible: () => this.treeView.visible }),
    );
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json,template}'));
    this._register(watcher.onDidCreate(() => this.scheduleRescan()));
    this._register(watcher.onDidChange(() => this.scheduleRescan()));
    this._register(watcher.onDidDelete(() => this.scheduleRescan()));
    // Operations done in the editor are reported at once, without waiting for the file watcher.
    this._register(vscode.workspace.onDidCreateFiles(() => this.scheduleRescan()));
    this._register(vscode.workspace.onDidDeleteFiles(() => this.scheduleRescan()));
    this._register(vscode.workspace.onDidRenameFiles(() => this.scheduleRescan()));
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()));
    this._register(onDidChangeConfiguration(() => this.rescan()));
    this._register({ dispose: () => clearTimeout(this.rescanTimer) });
  }

  /** Rescans the workspace and reloads the Deployed tree (the view's Refresh button). */
  refresh(): void {
    this.rescan();
    this.deployed.refresh();
  }

  /** Rescans the workspace and redraws its templates (files changed): no remote call. */
  rescan(): void {
    this.provider.refresh(this.workspaceRoot);
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
    this.rescanTimer = setTimeout(() => this.rescan(), RESCAN_DELAY_MS);
  }

  private async loadTemplateNodes(): Promise<ExplorerNode[]> {
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
