import type { StackSummary } from '@aws-sdk/client-cloudformation';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import * as vscode from 'vscode';
import { LIVE_STACK_STATUSES } from '../../../core/deployed/stackStatus';
import { taggedLogger, type Logger } from '../../../core/logger';
import { Disposable } from '../../../platform/disposable';
import type { AwsBackendConnection } from '../../localCloud/awsBackendConnection';
import type { ExplorerNode, ExplorerTreeProvider } from '../explorerNode';
import { PagedChildren, type DeployedTreeContext, type WatchState } from './deployedTreeContext';
import { createFunctionNode } from './functionNodes';
import { createStackNode } from './stackNodes';

export interface DeployedTreeOptions {
  backend: AwsBackendConnection;
  logger: Logger;
  provider: ExplorerTreeProvider;
  /** Whether the view shows (polls pause while it is hidden). */
  isVisible: () => boolean;
  pageSize?: number;
  pollIntervalMs?: number;
}

interface Watch {
  node: ExplorerNode;
  check: () => Promise<WatchState>;
  failures: number;
}

const MAX_POLL_FAILURES = 3;

/**
 * The "Deployed" root of the Serverless view: the current backend's stacks (ListStacks without deleted ones, nested
 * stacks under their parents) and every function of the region, a page at a time. Nothing is fetched until a node
 * expands; switching backend reloads it; stacks in progress are polled until they settle.
 */
export class DeployedTree extends Disposable {
  readonly root: ExplorerNode;
  private readonly context: DeployedTreeContext;
  private readonly watches = new Map<string, Watch>();
  private pollTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: DeployedTreeOptions) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? 3000;
    const logger = taggedLogger(options.logger, 'deployed');
    this.context = {
      backend: options.backend,
      logger: options.logger,
      pageSize: options.pageSize ?? 50,
      redraw: (node) => options.provider.redraw(node),
      refresh: (node) => this.refresh(node),
      watch: (node, check) => this.watch(node, check),
    };
    this.root = createDeployedRoot(this.context);
    this._register(
      options.backend.onDidChangeBackend(() => {
        logger.info(`Backend changed to ${options.backend.describe()}: reloading the Deployed tree`);
        this.refresh();
      }),
    );
    // The tree asked for the local cloud and it came up (or came back): what failed to load may load now.
    this._register(
      options.backend.localCloudManager.onDidChangeState((state) => {
        if (state.kind === 'running' && options.backend.backend.kind === 'localCloud' && this.rootFailed)
          this.refresh();
      }),
    );
    this._register({ dispose: () => clearInterval(this.pollTimer) });
  }

  /** Reloads one node, or the whole Deployed root. */
  refresh(node: ExplorerNode = this.root): void {
    if (node === this.root) this.watches.clear();
    this.options.provider.refresh(node);
  }

  /** The context nodes are made with (for tests and the actions). */
  get nodeContext(): DeployedTreeContext {
    return this.context;
  }

  /** The ids of the nodes polled now (stacks or deployments in progress). */
  get watching(): string[] {
    return [...this.watches.keys()];
  }

  private get rootFailed(): boolean {
    return (this.root as { failed?: boolean }).failed === true;
  }

  private watch(node: ExplorerNode, check: () => Promise<WatchState>): void {
    this.watches.set(node.id, { node, check, failures: 0 });
    this.pollTimer ??= setInterval(() => void this.poll(), this.pollIntervalMs);
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.options.isVisible()) return;
    this.polling = true;
    try {
      for (const [id, watch] of [...this.watches]) {
        try {
          const state = await watch.check();
          watch.failures = 0;
          // A node replaced meanwhile (its parent reloaded) is not refreshed: the new one watches itself.
          if (this.watches.get(id) !== watch) continue;
          if (state !== 'moving') this.watches.delete(id);
          if (state === 'gone') this.options.provider.refresh(watch.node.parent);
          else this.options.provider.refresh(watch.node);
        } catch (error) {
          this.options.logger.warn(`[deployed] Polling ${id} failed: ${String(error)}`);
          if (++watch.failures >= MAX_POLL_FAILURES) this.watches.delete(id);
        }
      }
    } finally {
      this.polling = false;
      if (this.watches.size === 0) {
        clearInterval(this.pollTimer);
        this.pollTimer = undefined;
      }
    }
  }
}

function createDeployedRoot(context: DeployedTreeContext): ExplorerNode {
  const root: ExplorerNode & { invalidate(): void; failed: boolean } = {
    id: 'deployed',
    failed: false,
    getTreeItem: () => {
      const item = new vscode.TreeItem('Deployed', vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('cloud');
      item.description = context.backend.describe();
      item.tooltip = `Stacks and functions of the ${context.backend.describe()}. Click the status bar item to switch.`;
      item.contextValue = 'deployedRoot';
      return item;
    },
    getChildren: async () => {
      const children = [...(await stacks.children()), functions];
      root.failed = children.some((child) => child.id.endsWith('…error'));
      return children;
    },
    invalidate: () => {
      stacks.reset();
      functions.invalidate?.();
    },
  };
  const stacks = new PagedChildren<StackSummary>(
    context,
    root,
    'Listing stacks',
    async (token) => {
      const [clients, cloudFormation] = await Promise.all([
        context.backend.loadClients(),
        context.backend.cloudFormation(),
      ]);
      try {
        const page = await cloudFormation.send(
          new clients.cloudformation.ListStacksCommand({
            StackStatusFilter: [...LIVE_STACK_STATUSES],
            ...(token ? { NextToken: token } : {}),
          }),
        );
        // Nested stacks show under their parent's resources.
        const roots = (page.StackSummaries ?? []).filter((summary) => !summary.ParentId);
        return {
          items: roots.sort((a, b) => (a.StackName ?? '').localeCompare(b.StackName ?? '')),
          next: page.NextToken,
        };
      } finally {
        cloudFormation.destroy();
      }
    },
    (summary) => createStackNode(context, root, summary),
  );
  const functions = createAllFunctionsNode(context, root);
  return root;
}

/** Every function of the region, for functions deployed outside stacks (a page at a time). */
function createAllFunctionsNode(context: DeployedTreeContext, parent: ExplorerNode): ExplorerNode {
  const node: ExplorerNode & { invalidate(): void } = {
    id: `${parent.id}/functions`,
    parent,
    getTreeItem: () => {
      const item = new vscode.TreeItem('All functions', vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('list-flat');
      item.tooltip = 'Every Lambda function of the region, in or out of a stack';
      item.contextValue = 'deployedFunctions';
      return item;
    },
    getChildren: () => list.children(),
    invalidate: () => list.reset(),
  };
  const list = new PagedChildren<FunctionConfiguration>(
    context,
    node,
    'Listing functions',
    async (marker) => {
      const [clients, lambda] = await Promise.all([context.backend.loadClients(), context.backend.lambda()]);
      try {
        const page = await lambda.send(
          new clients.lambda.ListFunctionsCommand({
            MaxItems: context.pageSize,
            ...(marker ? { Marker: marker } : {}),
          }),
        );
        return { items: page.Functions ?? [], next: page.NextMarker };
      } finally {
        lambda.destroy();
      }
    },
    (configuration) =>
      createFunctionNode(
        context,
        node,
        {
          kind: 'function',
          functionName: configuration.FunctionName ?? '?',
          ...(configuration.FunctionArn ? { arn: configuration.FunctionArn } : {}),
        },
        { configuration },
      ),
    'No functions',
  );
  return node;
}
