import type { LogOutputChannel } from 'vscode';
import type { CommandTable } from './platform/commandTable';
import type { ExplorerFeature } from './features/explorer/registerExplorer';
import { openResource, type ResourceLocation } from './features/explorer/templateNodes';
import type { LocalCloudManager } from './features/localCloud/localCloudManager';
import { showLocalCloudActions } from './features/localCloud/localCloudStatusBar';

/** What the command handlers need, passed in explicitly by extension.ts. */
export interface CommandDependencies {
  log: LogOutputChannel;
  explorer: ExplorerFeature;
  localCloud: LocalCloudManager;
}

/** The command table: every contributed command id and the handler behind it. */
export function createCommandTable(deps: CommandDependencies): CommandTable {
  return {
    explorerRefresh: () => deps.explorer.refresh(),
    explorerOpenResource: (location: ResourceLocation) => openResource(location),
    localCloudStart: () => deps.localCloud.ensureRunning(),
    localCloudStop: () => deps.localCloud.stop(),
    localCloudRestart: () => deps.localCloud.restart(),
    localCloudShowActions: () => showLocalCloudActions(deps.localCloud),
    showLog: () => deps.log.show(),
  };
}
