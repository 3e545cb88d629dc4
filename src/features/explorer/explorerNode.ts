import * as vscode from 'vscode';

/** A node of the Serverless explorer, by composition: each node knows its item and its children. */
export interface ExplorerNode {
  readonly id: string;
  /** The node above (for reveal); roots have none. */
  readonly parent?: ExplorerNode;
  getTreeItem(): vscode.TreeItem;
  getChildren?(): ExplorerNode[] | Promise<ExplorerNode[]>;
  /** Forgets loaded children, so the next getChildren fetches again (remote nodes cache what they fetched). */
  invalidate?(): void;
}

/** The one tree data provider: it only asks nodes for their items and children. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly loadRoots: () => ExplorerNode[] | Promise<ExplorerNode[]>) {}

  /** Redraws `node` (every node when omitted) without forgetting what it loaded. */
  redraw(node?: ExplorerNode): void {
    this.changeEmitter.fire(node);
  }

  /** Reloads `node`: forgets its children and redraws it. */
  refresh(node?: ExplorerNode): void {
    node?.invalidate?.();
    this.changeEmitter.fire(node);
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

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** A leaf that only shows a message, such as "no templates found". */
export function createMessageNode(
  id: string,
  label: string,
  icon = 'info',
  tooltip?: string,
  parent?: ExplorerNode,
): ExplorerNode {
  return {
    id,
    ...(parent ? { parent } : {}),
    getTreeItem: () => {
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(icon);
      item.contextValue = 'message';
      if (tooltip) item.tooltip = tooltip;
      return item;
    },
  };
}
