import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { WorkbenchError } from '../../core/errors';
import { taggedLogger, type Logger } from '../../core/logger';
import { readEnvVarsFile } from '../../core/runtime/resolve/envVarsFile';
import { startLocalApi, type LocalApi } from '../../core/runtime/localApi/localApiServer';
import { COMMAND_IDS } from '../../platform/commandIds';
import { Disposable } from '../../platform/disposable';
import type { ExplorerFeature } from '../explorer/registerExplorer';
import type { LocalRuntime } from './localRuntime';

/** SAM CLI's `start-api` port; a free one is used when it is taken. */
const PREFERRED_PORT = 3000;

/** A template's API being served. */
export interface RunningLocalApi {
  templateUri: string;
  url: string;
  /** `GET /users/{id}` per route. */
  routes: string[];
}

interface Served {
  api: LocalApi;
  label: string;
  info: RunningLocalApi;
}

/** Serves templates' Api/HttpApi events on 127.0.0.1 (like `sam local start-api`), with a status bar item. */
export class LocalApiController extends Disposable {
  private readonly served = new Map<string, Served>();
  private readonly statusItem: vscode.StatusBarItem;
  private readonly logger: Logger;

  constructor(
    private readonly runtime: LocalRuntime,
    private readonly explorer: ExplorerFeature,
    logger: Logger,
  ) {
    super();
    this.logger = taggedLogger(logger, 'local-api');
    this.statusItem = this._register(
      vscode.window.createStatusBarItem('serverlessWorkbench.localApi', vscode.StatusBarAlignment.Left, 40),
    );
    this.statusItem.name = 'Serverless Local API';
    this._register({ dispose: () => void this.stopAll() });
  }

  /** The APIs being served, for tests and status. */
  list(): RunningLocalApi[] {
    return [...this.served.values()].map((entry) => entry.info);
  }

  /** Serves a template's API (the active or a picked template when none is given); resolves with its URL. */
  async start(templateUri?: string): Promise<RunningLocalApi> {
    const uri = templateUri ? vscode.Uri.parse(templateUri) : await this.pickTemplate('Start Local API');
    const key = uri.toString();
    const existing = this.served.get(key);
    if (existing) {
      this.announce(existing);
      return existing.info;
    }
    const templatePath = uri.fsPath;
    const envFile = join(dirname(templatePath), 'env.json');
    const resolution = {
      templatePath,
      ...(existsSync(envFile) ? { envVars: readEnvVarsFile(envFile) } : {}),
    };
    const options = { resolution, pool: this.runtime.runtimePool, logger: this.logger };
    let api: LocalApi;
    try {
      api = await startLocalApi({ ...options, port: PREFERRED_PORT });
    } catch (error) {
      if (!(error instanceof WorkbenchError) || error.code !== 'PortInUse') throw error;
      this.logger.info(`Port ${PREFERRED_PORT} is taken; serving on a free port instead`);
      api = await startLocalApi({ ...options, port: 0 });
    }
    const label = vscode.workspace.asRelativePath(uri);
    const routes = api.routes().map((route) => `${route.method} ${route.path}`);
    const entry: Served = { api, label, info: { templateUri: key, url: api.url, routes } };
    this.served.set(key, entry);
    this.logger.info(`${label}: ${routes.join(', ')} at ${api.url}`);
    this.updateStatus();
    this.announce(entry);
    return entry.info;
  }

  /** Stops serving a template (the only one, or a picked one when several are served). */
  async stop(templateUri?: string): Promise<void> {
    let key = templateUri;
    if (key === undefined) {
      const entries = [...this.served.entries()];
      if (entries.length === 0) {
        void vscode.window.showInformationMessage('No local API is running.');
        return;
      }
      if (entries.length === 1) key = entries[0]![0];
      else {
        const picked = await vscode.window.showQuickPick(
          entries.map(([uri, entry]) => ({ label: entry.label, description: entry.info.url, uri })),
          { title: 'Stop Local API' },
        );
        if (!picked) throw new vscode.CancellationError();
        key = picked.uri;
      }
    }
    const entry = this.served.get(key);
    if (!entry) return;
    this.served.delete(key);
    await entry.api.close();
    this.logger.info(`Stopped serving ${entry.label}`);
    this.updateStatus();
  }

  private async stopAll(): Promise<void> {
    const entries = [...this.served.values()];
    this.served.clear();
    await Promise.all(entries.map((entry) => entry.api.close()));
  }

  private announce(entry: Served): void {
    const open = 'Open in Browser';
    const stop = 'Stop';
    void vscode.window
      .showInformationMessage(
        `Local API for ${entry.label} at ${entry.info.url} (${entry.info.routes.join(', ')})`,
        open,
        stop,
      )
      .then((choice) => {
        const example = entry.api.routes()[0];
        if (choice === open) {
          // Path parameters need values: {id} becomes 1, {proxy+} becomes nothing.
          const path = (example?.path ?? '/').replace(/\{[^}]+\+\}/g, '').replace(/\{[^}]+\}/g, '1');
          void vscode.env.openExternal(vscode.Uri.parse(`${entry.info.url}${path}`));
        } else if (choice === stop) {
          void vscode.commands.executeCommand(COMMAND_IDS.localApiStop, entry.info.templateUri);
        }
      });
  }

  private updateStatus(): void {
    const entries = [...this.served.values()];
    if (entries.length === 0) {
      this.statusItem.hide();
      return;
    }
    const ports = entries.map((entry) => `:${entry.api.port}`).join(' ');
    this.statusItem.text = `$(globe) Local API ${ports}`;
    this.statusItem.tooltip = `${entries.map((entry) => `${entry.label}: ${entry.info.url}`).join('\n')}\nClick to stop.`;
    this.statusItem.command = COMMAND_IDS.localApiStop;
    this.statusItem.show();
  }

  private async pickTemplate(title: string): Promise<vscode.Uri> {
    const { templates } = await this.explorer.scan();
    const local = templates.filter((template) => template.uri.scheme === 'file');
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const current = local.find((template) => template.uri.toString() === active);
    if (current) return current.uri;
    if (local.length === 1) return local[0]!.uri;
    if (local.length === 0) {
      throw new WorkbenchError('No SAM template found in this workspace.', { code: 'NoTemplates' });
    }
    const picked = await vscode.window.showQuickPick(
      local.map((template) => ({ label: template.label, uri: template.uri })),
      { title, placeHolder: 'Choose the template whose API to serve' },
    );
    if (!picked) throw new vscode.CancellationError();
    return picked.uri;
  }
}
