// Wiring only: create the shared services, register each feature, register the command table.
import * as vscode from 'vscode';
import { createCommandTable } from './commands';
import { DeployedActions } from './features/explorer/deployed/deployedActions';
import { ExplorerFeature } from './features/explorer/registerExplorer';
import { registerGettingStarted } from './features/gettingStarted/registerGettingStarted';
import { createTemplateDocuments, registerIntelliSense } from './features/intellisense/registerIntelliSense';
import { DeployFeature } from './features/deploy/deployFeature';
import { InvokeFeature } from './features/invoke/invokeFeature';
import { registerLocalCloud } from './features/localCloud/registerLocalCloud';
import { TransformedTemplateView } from './features/transformedTemplate/transformedTemplateView';
import { LogTailFeature } from './features/logTail/logTailFeature';
import { registerCommandTable } from './platform/commandTable';

/** What the extension exposes to other extensions and to its own integration tests. */
export interface WorkbenchApi {
  /** How long activate() took, in milliseconds. */
  activationMs: number;
  explorer: Pick<ExplorerFeature, 'scan' | 'refresh' | 'deployed' | 'treeView'>;
  localCloud: ReturnType<typeof registerLocalCloud>['manager'];
  /** The Deployed tree's actions (issue #11). */
  deployed: DeployedActions;
  /** Where remote calls go: backend, profiles, SDK clients (issue #11). */
  backend: ReturnType<typeof registerLocalCloud>['backend'];
  /** IntelliSense: the failures its providers caught (answered with nothing), so tests can tell "none" from a crash. */
  intellisense: Pick<ReturnType<typeof registerIntelliSense>, 'providerFailures'>;
  /** Local and deployed invokes, events and the local API (issue #4). */
  invoke: Pick<
    InvokeFeature,
    'invokeLocally' | 'debugLocally' | 'invokeDeployed' | 'newEvent' | 'startLocalApi' | 'stopLocalApi'
  >;
  /** Deploy, change set preview and code sync (issue #10). */
  deploy: Pick<DeployFeature, 'deploy' | 'syncCode' | 'onDidShowPreview'>;
  /** The Serverless Logs panel (issue #12). */
  logTail: Pick<LogTailFeature, 'tail' | 'stop' | 'resume' | 'export' | 'snapshot' | 'replay' | 'visible'>;
}

export function activate(context: vscode.ExtensionContext): WorkbenchApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Serverless Workbench', { log: true });
  context.subscriptions.push(log);

  const localCloud = registerLocalCloud(context, log);
  const explorer = new ExplorerFeature(log, localCloud.backend);
  context.subscriptions.push(localCloud.disposable, explorer);
  const templateDocuments = createTemplateDocuments(context.extensionUri, log);
  const intellisense = registerIntelliSense(templateDocuments, log);
  context.subscriptions.push(templateDocuments, intellisense);
  const invoke = new InvokeFeature({
    extensionUri: context.extensionUri,
    globalStorageUri: context.globalStorageUri,
    workspaceState: context.workspaceState,
    logger: log,
    explorer,
    backend: localCloud.backend,
    templateDocuments,
  });
  const deployed = new DeployedActions({
    backend: localCloud.backend,
    tree: explorer.deployed,
    treeView: explorer.treeView,
    invoke,
    links: { scan: () => explorer.scan(), logger: log },
  });
  context.subscriptions.push(invoke, deployed);
  const deploy = new DeployFeature({
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    logger: log,
    explorer,
    backend: localCloud.backend,
    templateDocuments,
  });
  context.subscriptions.push(deploy);
  const transformedTemplate = new TransformedTemplateView(templateDocuments, log);
  context.subscriptions.push(transformedTemplate);
  const logTail = new LogTailFeature({
    extensionUri: context.extensionUri,
    backend: localCloud.backend,
    localCloud: localCloud.manager,
    explorer,
    invoke,
    logger: log,
  });
  context.subscriptions.push(logTail);
  const commandDependencies = {
    log,
    explorer,
    localCloud: localCloud.manager,
    backend: localCloud.backend,
    deployed,
    invoke,
    deploy,
    transformedTemplate,
    logTail,
  };
  context.subscriptions.push(registerCommandTable(createCommandTable(commandDependencies), log));

  context.subscriptions.push(registerGettingStarted(context, explorer, log));

  const activationMs = performance.now() - started;
  log.info(`[activation] Activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    explorer,
    localCloud: localCloud.manager,
    backend: localCloud.backend,
    deployed,
    intellisense,
    invoke,
    deploy,
    logTail,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
