// Code sync from the editor (as `sam sync --code`): on command, and on save when
// serverlessWorkbench.deploy.syncCodeOnSave is on, for files inside a deployed function's or layer's code folder.
// Layers whose content changed are published and the functions using them moved to the new version (layerSync).
import { readFile } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import * as vscode from 'vscode';
import { CODE_DEPLOY_SKIPPED, syncFunctionCode, type CodeSyncResult } from '../../core/deploy/codeSync';
import { planLayerSync, syncLayers, type LayerSyncResult } from '../../core/deploy/layerSync';
import { planCodeSync } from '../../core/deploy/codeSyncPlan';
import { watchedCode } from '../../core/deploy/codeWatch';
import { parseTemplateText } from '../../core/deploy/templateFile';
import { describeError, WorkbenchError } from '../../core/errors';
import { Disposable } from '../../platform/disposable';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import type { DeploySettings } from './deploySettings';

/** One sync: what happened to each function, and how long it took. */
export interface CodeSyncRun {
  stackName: string;
  results: CodeSyncResult[];
  /** The template's layers built from local content (none when only functions were asked for). */
  layers: LayerSyncResult[];
  durationMs: number;
}

export interface CodeSyncControllerOptions {
  backend: AwsBackendConnection;
  output: vscode.OutputChannel;
  settingsFor: (templatePath: string) => DeploySettings | undefined;
  /** The workspace's templates, for finding which one a saved file belongs to. */
  templates: () => Promise<string[]>;
  /** Called after a sync updated a function (the Deployed tree shows new versions and aliases). */
  onDidUpdate?: () => void;
}

const SAVE_DEBOUNCE_MS = 300;

export class CodeSyncController extends Disposable {
  private readonly warnedAliases = new Set<string>();
  private pendingSave: { timer: NodeJS.Timeout; files: Set<string> } | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CodeSyncControllerOptions) {
    super();
    this._register(vscode.workspace.onDidSaveTextDocument((document) => this.onSave(document)));
    this._register({ dispose: () => clearTimeout(this.pendingSave?.timer) });
  }

  /** Syncs the template's functions and layers (or only `logicalIds`) whose code differs from what is deployed. */
  async sync(templatePath: string, logicalIds?: readonly string[]): Promise<CodeSyncRun> {
    const settings = this.options.settingsFor(templatePath);
    if (!settings) {
      throw new WorkbenchError('This template has not been deployed from here yet, so there is nothing to sync.', {
        code: 'NotDeployed',
        hint: 'Run "Serverless: Deploy" first; code sync then updates the deployed functions.',
      });
    }
    const run = async (): Promise<CodeSyncRun> => {
      const started = performance.now();
      const { backend } = this.options;
      const { functions, layers } = await this.targetsOf(templatePath, logicalIds);
      const targets = functions.length > 0 ? await planCodeSync({ templatePath, only: functions }) : [];
      const [clients, lambda, cloudFormation] = await Promise.all([
        backend.loadClients(),
        backend.lambda(),
        backend.cloudFormation(),
      ]);
      try {
        const context = { clients, lambda, cloudFormation };
        const results = await syncFunctionCode(context, settings.stackName, targets).catch((error: unknown) => {
          throw backend.explain(error, 'Syncing code');
        });
        const layerResults =
          layers.length > 0 ? await this.syncLayers(context, templatePath, settings.stackName, layers) : [];
        const durationMs = performance.now() - started;
        this.report(settings.stackName, results, layerResults, durationMs);
        if ([...results, ...layerResults].some((result) => result.status === 'updated')) this.options.onDidUpdate?.();
        return { stackName: settings.stackName, results, layers: layerResults, durationMs };
      } finally {
        lambda.destroy();
        cloudFormation.destroy();
      }
    };
    // One sync at a time: saves in quick succession queue behind the running one.
    const next = this.running.then(run, run);
    this.running = next.catch(() => undefined);
    return next;
  }

  /** The functions and layers to sync: every one built from local code, or those among `logicalIds`. */
  private async targetsOf(
    templatePath: string,
    logicalIds: readonly string[] | undefined,
  ): Promise<{ functions: string[]; layers: string[] }> {
    const template = parseTemplateText(await readFile(templatePath, 'utf8'), templatePath).template;
    const chosen = watchedCode(template, dirname(templatePath)).filter(
      (target) => !logicalIds || logicalIds.includes(target.logicalId),
    );
    const idsOf = (kind: 'function' | 'layer') =>
      chosen.filter((target) => target.kind === kind).map((target) => target.logicalId);
    return { functions: idsOf('function'), layers: idsOf('layer') };
  }

  /** Publishes the changed layers and moves the stack's functions using them (their aliases too) to the new version. */
  private async syncLayers(
    context: Parameters<typeof syncLayers>[0],
    templatePath: string,
    stackName: string,
    layerIds: readonly string[],
  ): Promise<LayerSyncResult[]> {
    const layers = await planLayerSync({ templatePath, only: layerIds });
    const aliases = new Map(
      (await planCodeSync({ templatePath })).flatMap((target) =>
        target.autoPublishAlias ? [[target.logicalId, target.autoPublishAlias] as const] : [],
      ),
    );
    return syncLayers(context, stackName, layers, aliases).catch((error: unknown) => {
      throw this.options.backend.explain(error, 'Syncing layers');
    });
  }

  private report(
    stackName: string,
    results: readonly CodeSyncResult[],
    layers: readonly LayerSyncResult[],
    durationMs: number,
  ): void {
    const { output } = this.options;
    const updated = results.filter((result) => result.status === 'updated');
    const published = layers.filter((layer) => layer.status === 'updated');
    output.appendLine(`Code sync of ${stackName} (${Math.round(durationMs)} ms):`);
    for (const result of results) {
      const alias = result.alias ? `, version ${result.publishedVersion ?? '?'}, alias ${result.alias}` : '';
      output.appendLine(`  ${result.logicalId}: ${result.status}${alias}`);
    }
    for (const layer of layers) {
      const moved = layer.functions.map((entry) => entry.functionName).join(', ');
      output.appendLine(
        layer.status === 'updated'
          ? `  ${layer.logicalId}: published ${layer.layerVersionArn}${moved ? `; now used by ${moved}` : ''}`
          : `  ${layer.logicalId}: unchanged`,
      );
    }
    const synced = [...updated, ...published].map((result) => result.logicalId);
    const summary = synced.length
      ? `$(check) Synced ${synced.join(', ')} in ${Math.round(durationMs)} ms`
      : '$(check) Code sync: the deployed code is already up to date';
    vscode.window.setStatusBarMessage(summary, 6000);
    const aliased = updated.filter((result) => result.alias && !this.warnedAliases.has(result.functionName));
    if (aliased.length > 0) {
      aliased.forEach((result) => this.warnedAliases.add(result.functionName));
      void vscode.window.showWarningMessage(
        `Code sync ${CODE_DEPLOY_SKIPPED.replace('moved the alias', `moved the alias of ${aliased.map((result) => result.logicalId).join(', ')}`)}.`,
      );
    }
  }

  private onSave(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' || !vscode.workspace.isTrusted) return;
    if (!vscode.workspace.getConfiguration('serverlessWorkbench.deploy').get<boolean>('syncCodeOnSave', false)) return;
    const pending = this.pendingSave ?? { timer: setTimeout(() => undefined, 0), files: new Set<string>() };
    clearTimeout(pending.timer);
    pending.files.add(document.uri.fsPath);
    pending.timer = setTimeout(() => {
      this.pendingSave = undefined;
      void this.syncSaved([...pending.files]).catch((error: unknown) =>
        this.options.output.appendLine(`Code sync on save failed: ${describeError(error)}`),
      );
    }, SAVE_DEBOUNCE_MS);
    this.pendingSave = pending;
  }

  /** Syncs the deployed functions and layers whose code folder holds one of the saved files. */
  private async syncSaved(files: readonly string[]): Promise<void> {
    for (const templatePath of await this.options.templates()) {
      if (!this.options.settingsFor(templatePath)) continue;
      const template = parseTemplateText(await readFile(templatePath, 'utf8'), templatePath).template;
      const touched = watchedCode(template, dirname(templatePath))
        .filter((target) =>
          files.some((file) => file.startsWith(target.sourceDirectory + sep) && !file.includes(`${sep}.aws-sam${sep}`)),
        )
        .map((target) => target.logicalId);
      if (touched.length > 0) await this.sync(templatePath, touched);
    }
  }
}
