import * as vscode from 'vscode';
import type { Logger } from '../../../core/logger';
import { COMMAND_IDS } from '../../../platform/commandIds';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import type { ExplorerNode } from '../explorerNode';
import { createErrorNode } from './errorNode';

/** What every node of the Deployed tree can reach. */
export interface DeployedTreeContext {
  backend: AwsBackendConnection;
  logger: Logger;
  /** Redraws a node without reloading it (after "Load more" appended items). */
  redraw(node: ExplorerNode): void;
  /** Reloads a node and redraws it (after an action changed it). */
  refresh(node: ExplorerNode): void;
  /**
   * Polls `check` while it says the node is still changing (a stack or deployment in progress), refreshing the node
   * after each poll; the poll stops once it has settled, and when it is gone its parent is refreshed instead.
   */
  watch(node: ExplorerNode, check: () => Promise<WatchState>): void;
  /** The page size of list calls. */
  pageSize: number;
}

/** What a poll found: still changing, done, or no longer there (a deleted stack). */
export type WatchState = 'moving' | 'settled' | 'gone';

/** A node of the Deployed tree: everything it needs to act on is in `target`, for the commands. */
export interface DeployedNode<Target = unknown> extends ExplorerNode {
  readonly target: Target;
}

/**
 * Children fetched once and kept until invalidated. A failed fetch becomes one error item (with the explanation
 * and an action) instead of an exception, and is kept too: the item's action retries.
 */
export class ChildCache {
  private loaded: Promise<ExplorerNode[]> | undefined;

  constructor(
    private readonly context: DeployedTreeContext,
    private readonly owner: ExplorerNode,
    private readonly action: string,
    private readonly load: () => Promise<ExplorerNode[]>,
  ) {}

  get(): Promise<ExplorerNode[]> {
    this.loaded ??= this.load().catch((error: unknown) => [this.errorNode(error)]);
    return this.loaded;
  }

  clear(): void {
    this.loaded = undefined;
  }

  private errorNode(error: unknown): ExplorerNode {
    const explained = this.context.backend.explain(error, this.action);
    this.context.logger.warn(`[deployed] ${explained.message}`);
    return createErrorNode(this.owner, explained, this.context.backend);
  }
}

/** One page of a paginated AWS list. */
export interface Page<Item> {
  items: Item[];
  next: string | undefined;
}

/**
 * A paginated list under a node: the first page when the node expands, then a "Load more" item that fetches the
 * next page and appends it. Nodes are made once per item, so a redraw keeps their expansion.
 */
export class PagedChildren<Item> {
  private nodes: ExplorerNode[] = [];
  private next: string | undefined;
  private started: Promise<void> | undefined;
  private failure: ExplorerNode | undefined;
  private readonly loadMoreNode: ExplorerNode;

  constructor(
    private readonly context: DeployedTreeContext,
    private readonly owner: ExplorerNode,
    private readonly action: string,
    private readonly fetchPage: (token: string | undefined) => Promise<Page<Item>>,
    private readonly toNode: (item: Item) => ExplorerNode,
    private readonly emptyLabel?: string,
  ) {
    this.loadMoreNode = createLoadMoreNode(owner, this);
  }

  /** The items loaded so far (the first page on first call), a failure item, and "Load more" while pages remain. */
  async children(): Promise<ExplorerNode[]> {
    this.started ??= this.append(undefined);
    await this.started;
    const list = [...this.nodes];
    if (this.failure) list.push(this.failure);
    else if (this.next) list.push(this.loadMoreNode);
    if (list.length === 0 && this.emptyLabel) list.push(createEmptyNode(this.owner, this.emptyLabel));
    return list;
  }

  /** Fetches the next page (the "Load more" item's command) and redraws the owner. */
  async loadMore(): Promise<void> {
    if (!this.next && !this.failure) return;
    await this.append(this.next);
    this.context.redraw(this.owner);
  }

  reset(): void {
    this.nodes = [];
    this.next = undefined;
    this.started = undefined;
    this.failure = undefined;
  }

  private async append(token: string | undefined): Promise<void> {
    try {
      const page = await this.fetchPage(token);
      this.nodes.push(...page.items.map(this.toNode));
      this.next = page.next;
      this.failure = undefined;
    } catch (error) {
      const explained = this.context.backend.explain(error, this.action);
      this.context.logger.warn(`[deployed] ${explained.message}`);
      this.failure = createErrorNode(this.owner, explained, this.context.backend);
    }
  }
}

/** The argument of the load-more command. */
export interface LoadMoreTarget {
  kind: 'loadMore';
  list: { loadMore(): Promise<void> };
}

function createLoadMoreNode(owner: ExplorerNode, list: { loadMore(): Promise<void> }): DeployedNode<LoadMoreTarget> {
  const node: DeployedNode<LoadMoreTarget> = {
    id: `${owner.id}/…more`,
    parent: owner,
    target: { kind: 'loadMore', list },
    getTreeItem: () => {
      const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'deployedLoadMore';
      item.command = { command: COMMAND_IDS.deployedLoadMore, title: 'Load More', arguments: [node] };
      return item;
    },
  };
  return node;
}

function createEmptyNode(owner: ExplorerNode, label: string): ExplorerNode {
  return {
    id: `${owner.id}/…empty`,
    parent: owner,
    getTreeItem: () => {
      const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
      item.contextValue = 'message';
      return item;
    },
  };
}
