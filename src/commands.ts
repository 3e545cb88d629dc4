import type { LogOutputChannel } from 'vscode';
import type { CommandTable } from './platform/commandTable';
import type { ExplorerFeature } from './features/explorer/registerExplorer';
import { openResource, type ResourceLocation } from './features/explorer/templateNodes';

/** What the command handlers need, passed in explicitly by extension.ts. */
export interface CommandDependencies {
  log: LogOutputChannel;
  explorer: ExplorerFeature;
}

/** The command table: every contributed command id and the handler behind it. */
export function createCommandTable(deps: CommandDependencies): CommandTable {
  return {
    explorerRefresh: () => deps.explorer.refresh(),
    explorerOpenResource: (location: ResourceLocation) => openResource(location),
    showLog: () => deps.log.show(),
  };
}
