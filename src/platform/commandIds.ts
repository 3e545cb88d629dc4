// Every command id the extension contributes, in one place. package.json must list exactly these
// (a unit test checks both directions). Ids read serverlessWorkbench.<area>.<verb>.
export const COMMAND_IDS = {
  explorerRefresh: 'serverlessWorkbench.explorer.refresh',
  explorerOpenResource: 'serverlessWorkbench.explorer.openResource',
  explorerOpenTemplate: 'serverlessWorkbench.explorer.openTemplate',
  localCloudStart: 'serverlessWorkbench.localCloud.start',
  localCloudStop: 'serverlessWorkbench.localCloud.stop',
  localCloudRestart: 'serverlessWorkbench.localCloud.restart',
  localCloudShowActions: 'serverlessWorkbench.localCloud.showActions',
  backendSwitch: 'serverlessWorkbench.backend.switch',
  backendSwitchRegion: 'serverlessWorkbench.backend.switchRegion',
  backendSignIn: 'serverlessWorkbench.backend.signIn',
  deployedRefresh: 'serverlessWorkbench.deployed.refresh',
  deployedLoadMore: 'serverlessWorkbench.deployed.loadMore',
  showLog: 'serverlessWorkbench.showLog',
  invokeLocal: 'serverlessWorkbench.invoke.local',
  invokeDebug: 'serverlessWorkbench.invoke.debug',
  invokePickEvent: 'serverlessWorkbench.invoke.pickEvent',
  invokeNewEvent: 'serverlessWorkbench.invoke.newEvent',
  invokeDeployed: 'serverlessWorkbench.invoke.deployed',
  invokeRunAgain: 'serverlessWorkbench.invoke.runAgain',
  localApiStart: 'serverlessWorkbench.localApi.start',
  localApiStop: 'serverlessWorkbench.localApi.stop',
} as const;

export type CommandKey = keyof typeof COMMAND_IDS;
export type CommandId = (typeof COMMAND_IDS)[CommandKey];
