import * as vscode from 'vscode';

/** A node of the Serverless explorer, by composition: each node knows its item and its children. */
export interface ExplorerNode {
  readonly id: string;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): ExplorerNode[] | Promise<ExplorerNode[]>;
}

/** The one tree data provider: it only asks nodes for their items and children. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly loadRoots: () => Promise<ExplorerNode[]>) {}

  refresh(): void {
    this.changeEmitter.fire(undefined);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const item = node.getTreeItem();
    item.id = node.id;
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.loadRoots();
    return (await node.getChildren?.()) ?? [];
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** A leaf that only shows a message, such as "no templates found". */
export function createMessageNode(id: string, label: string, icon = 'info', tooltip?: string): ExplorerNode {
  return {
    id,
    getTreeItem: () => {
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(icon);
      item.contextValue = 'message';
      if (tooltip) item.tooltip = tooltip;
      return item;
    },
  };
}
