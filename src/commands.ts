import type { LogOutputChannel } from 'vscode';
import type { CommandTable } from './platform/commandTable';
import type { ExplorerFeature } from './features/explorer/registerExplorer';
import type { DeployFeature } from './features/deploy/deployFeature';
import type { InvokeFeature, NewEventOptions } from './features/invoke/invokeFeature';
import type { DeployedActions } from './features/explorer/deployed/deployedActions';
import type { DeployedNode, LoadMoreTarget } from './features/explorer/deployed/deployedTreeContext';
import type { ExplorerNode } from './features/explorer/explorerNode';
import { openResource, type ResourceLocation } from './features/explorer/templateNodes';
import {
  openTemplate,
  reachWalkthroughMilestone,
  type WalkthroughMilestone,
} from './features/gettingStarted/registerGettingStarted';
import type { LocalCloudManager } from './features/localCloud/localCloudManager';
import type { AwsBackendConnection } from './features/localCloud/awsBackendConnection';
import { pickRegion, showBackendPicker } from './features/localCloud/backendPicker';
import { showLocalCloudActions } from './features/localCloud/localCloudActions';
import { signInToProfile } from './features/localCloud/ssoSignInFlow';
import type { TransformedTemplateView } from './features/transformedTemplate/transformedTemplateView';
import type { LogTailFeature } from './features/logTail/logTailFeature';

/** What the command handlers need, passed in explicitly by extension.ts. */
export interface CommandDependencies {
  log: LogOutputChannel;
  explorer: ExplorerFeature;
  localCloud: LocalCloudManager;
  backend: AwsBackendConnection;
  deployed: DeployedActions;
  invoke: InvokeFeature;
  deploy: DeployFeature;
  transformedTemplate: TransformedTemplateView;
  logTail: LogTailFeature;
}

/** The command table: every contributed command id and the handler behind it. */
export function createCommandTable(deps: CommandDependencies): CommandTable {
  return {
    explorerRefresh: () => deps.explorer.refresh(),
    explorerOpenResource: (location: ResourceLocation) => openResource(location),
    explorerOpenTemplate: () => openTemplate(deps.explorer),
    localCloudStart: () => deps.localCloud.startAnswering(),
    localCloudStop: () => deps.localCloud.stop(),
    localCloudRestart: () => deps.localCloud.restart(),
    localCloudShowActions: () => showLocalCloudActions(deps.localCloud),
    backendSwitch: () => showBackendPicker(deps.backend),
    backendSwitchRegion: () => pickRegion(deps.backend),
    backendSignIn: (profile?: unknown) =>
      signInToProfile(deps.backend, typeof profile === 'string' ? profile : undefined),
    showLog: () => deps.log.show(),
    deployStart: (target?: unknown) => deps.deploy.deploy(target),
    deploySyncCode: (target?: unknown) => deps.deploy.syncCode(target),
    deployedRefresh: (node?: ExplorerNode) => deps.explorer.deployed.refresh(node),
    deployedLoadMore: (node?: DeployedNode<LoadMoreTarget>) => node?.target.list.loadMore(),
    deployedInvoke: (node?: unknown, qualifier?: string, event?: unknown) =>
      deps.deployed.invoke(node, qualifier, event),
    deployedPublishVersion: (node?: unknown, description?: string) => deps.deployed.publishVersion(node, description),
    deployedCreateAlias: (node?: unknown, input?: { name?: string; version?: string; description?: string }) =>
      deps.deployed.createAlias(node, input),
    deployedPointAlias: (node?: unknown, version?: string) => deps.deployed.pointAlias(node, version),
    deployedShiftTraffic: (node?: unknown, input?: { version?: string; percent?: number }) =>
      deps.deployed.shiftTraffic(node, input),
    deployedTailLogs: (node?: unknown) => deps.deployed.tailLogs(node),
    deployedShowOutputs: (node?: unknown, outputKey?: string) => deps.deployed.showStackOutputs(node, outputKey),
    deployedShowEvents: (node?: unknown) => deps.deployed.showStackEvents(node),
    deployedShowParameters: (node?: unknown) => deps.deployed.showStackParameters(node),
    deployedDeleteStack: (node?: unknown, confirmed?: boolean) => deps.deployed.deleteStack(node, confirmed),
    deployedStopDeployment: (node?: unknown, confirmed?: boolean) => deps.deployed.stopDeployment(node, confirmed),
    deployedCopyArn: (node?: unknown) => deps.deployed.copyArn(node),
    deployedCopyName: (node?: unknown) => deps.deployed.copyName(node),
    deployedCopyUrl: (node?: unknown) => deps.deployed.copyUrl(node),
    deployedOpenUrl: (node?: unknown) => deps.deployed.openUrl(node),
    deployedOpenInTemplate: (node?: unknown) => deps.deployed.openInTemplate(node),
    deployedGoToDeployed: (node?: unknown) => deps.deployed.goToDeployed(node),
    invokeLocal: (target?: unknown, event?: unknown) =>
      deps.invoke.invokeLocally(target, event).then(milestone('invoked')),
    invokeDebug: (target?: unknown, event?: unknown) =>
      deps.invoke.debugLocally(target, event).then(milestone('debugged')),
    invokePickEvent: (target?: unknown) => deps.invoke.pickEventAndInvoke(target),
    invokeNewEvent: (target?: unknown, options?: NewEventOptions) => deps.invoke.newEvent(target, options),
    invokeDeployed: (target?: unknown, event?: unknown) => deps.invoke.invokeDeployed(target, event),
    invokeRunAgain: (target?: unknown) => deps.invoke.runAgain(target),
    localApiStart: (templateUri?: unknown) => deps.invoke.startLocalApi(templateUri),
    localApiStop: (templateUri?: unknown) => deps.invoke.stopLocalApi(templateUri),
    templateShowTransformed: (templateUri?: unknown) => deps.transformedTemplate.show(templateUri),
    templateSwitchTransformedFormat: (documentUri?: unknown) => deps.transformedTemplate.switchFormat(documentUri),
    logsTail: (target?: unknown) => deps.logTail.tail(target),
    logsStop: () => deps.logTail.stop(),
    logsExport: (format?: unknown, uri?: unknown) => deps.logTail.export(format, uri),
  };
}

/** Passes a command's result through, marking the walkthrough step it completes. */
function milestone(reached: WalkthroughMilestone): <T>(result: T) => T {
  return (result) => {
    reachWalkthroughMilestone(reached);
    return result;
  };
}
