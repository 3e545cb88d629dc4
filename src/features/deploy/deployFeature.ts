// Deploy from the editor (issue #10): the "Deploy" and "Sync Code" commands (title bar of templates, a code lens on
// Resources, the explorer's template items, the palette), the guided first deploy, and code sync on save.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { parseTemplateText } from '../../core/deploy/templateFile';
import { WorkbenchError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { Disposable } from '../../platform/disposable';
import type { ExplorerFeature } from '../explorer/registerExplorer';
import { TEMPLATE_SELECTOR, type TemplateDocuments } from '../intellisense/templateDocuments';
import { requireTrustedWorkspace } from '../invoke/invokeLenses';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import type { ChangeSetPanel } from './changeSetPanel';
import { CodeSyncController, type CodeSyncRun } from './codeSyncController';
import { DeployCodeLensProvider } from './deployCodeLensProvider';
import { guideFirstDeploy } from './deployGuide';
import { runDeployment, type DeploymentRunResult } from './deploymentRun';
import { readDeploySettings, rememberDeploySettings, type DeploySettings } from './deploySettings';

/** What the deploy feature needs from the rest of the extension. */
export interface DeployFeatureDependencies {
  extensionUri: vscode.Uri;
  workspaceState: vscode.Memento;
  logger: Logger;
  explorer: ExplorerFeature;
  backend: AwsBackendConnection;
  templateDocuments: TemplateDocuments;
}

/** Context key set while the active editor shows a template: the title bar's Deploy button. */
const ACTIVE_TEMPLATE_CONTEXT = 'serverlessWorkbench.activeEditorIsTemplate';

export class DeployFeature extends Disposable {
  private readonly output = this._register(vscode.window.createOutputChannel('Serverless Deploy'));
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('serverless-deploy'));
  private readonly previewEmitter = this._register(new vscode.EventEmitter<ChangeSetPanel>());
  /** Fires with each change set preview (integration tests answer it as a click would). */
  readonly onDidShowPreview = this.previewEmitter.event;
  private readonly codeSync: CodeSyncController;

  constructor(private readonly deps: DeployFeatureDependencies) {
    super();
    this.codeSync = this._register(
      new CodeSyncController({
        backend: deps.backend,
        output: this.output,
        settingsFor: (templatePath) => readDeploySettings(templatePath, deps.workspaceState),
        templates: async () => (await deps.explorer.scan()).templates.map((template) => template.uri.fsPath),
        onDidUpdate: () => deps.explorer.deployed.refresh(),
      }),
    );
    this._register(
      vscode.languages.registerCodeLensProvider(TEMPLATE_SELECTOR, new DeployCodeLensProvider(deps.templateDocuments)),
    );
    const updateContext = () => {
      const document = vscode.window.activeTextEditor?.document;
      const isTemplate =
        document !== undefined && document.uri.scheme === 'file' && deps.templateDocuments.get(document) !== undefined;
      void vscode.commands.executeCommand('setContext', ACTIVE_TEMPLATE_CONTEXT, isTemplate);
    };
    this._register(vscode.window.onDidChangeActiveTextEditor(updateContext));
    this._register(vscode.workspace.onDidSaveTextDocument(updateContext));
    updateContext();
  }

  /** The Deploy command: guided the first time, then straight to the change set preview. */
  async deploy(target?: unknown): Promise<DeploymentRunResult | undefined> {
    requireTrustedWorkspace('Deploying (it builds the functions on this machine)');
    const templatePath = await this.templatePathOf(target);
    if (!templatePath) return undefined;
    const document = vscode.workspace.textDocuments.find((open) => open.uri.fsPath === templatePath);
    if (document?.isDirty) await document.save();
    let settings = readDeploySettings(templatePath, this.deps.workspaceState);
    if (!settings) {
      const template = parseTemplateText(await readFile(templatePath, 'utf8'), templatePath).template;
      const guided = await guideFirstDeploy(templatePath, template, this.deps.backend);
      if (!guided) return undefined;
      settings = guided.settings;
      if (!guided.save) await rememberDeploySettings(templatePath, settings, this.deps.workspaceState);
    }
    return this.runWith(templatePath, settings);
  }

  /** The Sync Code command: the changed functions' code, straight to the deployed functions. */
  async syncCode(target?: unknown): Promise<CodeSyncRun | undefined> {
    requireTrustedWorkspace('Syncing code (it builds the functions on this machine)');
    const templatePath = await this.templatePathOf(target);
    return templatePath ? this.codeSync.sync(templatePath) : undefined;
  }

  private runWith(templatePath: string, settings: DeploySettings): Promise<DeploymentRunResult> {
    return runDeployment(
      {
        extensionUri: this.deps.extensionUri,
        backend: this.deps.backend,
        output: this.output,
        diagnostics: this.diagnostics,
        onPreview: (panel) => this.previewEmitter.fire(panel),
        onStackChanged: () => this.deps.explorer.deployed.refresh(),
      },
      templatePath,
      settings,
    );
  }

  /** The template a command is about: its argument (URI, explorer item), the active editor, or a pick. */
  private async templatePathOf(target: unknown): Promise<string | undefined> {
    if (target instanceof vscode.Uri) return target.fsPath;
    if (typeof target === 'string') return vscode.Uri.parse(target).fsPath;
    const fromNode = (target as { getTreeItem?: () => vscode.TreeItem } | undefined)?.getTreeItem?.().resourceUri;
    if (fromNode) return fromNode.fsPath;
    const active = vscode.window.activeTextEditor?.document;
    if (active?.uri.scheme === 'file' && this.deps.templateDocuments.get(active)) return active.uri.fsPath;
    const { templates } = await this.deps.explorer.scan();
    if (templates.length === 0) {
      throw new WorkbenchError('There is no SAM or CloudFormation template in this workspace.', {
        code: 'NoTemplate',
        hint: 'Open a folder with a template.yaml.',
      });
    }
    if (templates.length === 1) return templates[0]!.uri.fsPath;
    const picked = await vscode.window.showQuickPick(
      templates.map((template) => ({ label: template.label, uri: template.uri })),
      { title: 'Deploy which template?' },
    );
    return picked?.uri.fsPath;
  }
}
