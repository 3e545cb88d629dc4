import * as vscode from 'vscode';
import type { ExportFormat } from '../../core/logs/exportLines';
import type { PanelSnapshot } from '../../core/logs/logTailProtocol';
import { DEFAULT_STORE_LIMITS } from '../../core/logs/logLineStore';
import { isTailLogsArguments, type TailLogsArguments } from '../../core/logs/tailLogsArguments';
import { WorkbenchError } from '../../core/errors';
import { taggedLogger, type Logger } from '../../core/logger';
import { Disposable } from '../../platform/disposable';
import { runWithErrorBoundary } from '../../platform/errorBoundary';
import type { ExplorerFeature } from '../explorer/registerExplorer';
import { isFunctionTarget, type FunctionTarget } from '../invoke/functionTarget';
import type { InvokeFeature } from '../invoke/invokeFeature';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import type { LocalCloudManager } from '../localCloud/localCloudManager';
import { openStackFrame } from './frameOpener';
import { InvocationReplay, type ReplayRequest } from './invocationReplay';
import { LocalInvokeFeed } from './localInvokeFeed';
import { LogTailController } from './logTailController';
import { LogTailView, type PanelRequest } from './logTailView';
import { pickTailTarget } from './tailTargetPicker';

/** What the log tail needs from the rest of the extension. */
export interface LogTailDependencies {
  extensionUri: vscode.Uri;
  backend: AwsBackendConnection;
  localCloud: LocalCloudManager;
  explorer: ExplorerFeature;
  invoke: InvokeFeature;
  logger: Logger & { show?(preserveFocus?: boolean): void };
}

/**
 * The Serverless Logs panel (issue #12): tails a deployed function, an alias or version, or a stack's functions
 * through the configured backend; local runs stream in too. Commands: tail, stop, export.
 */
export class LogTailFeature extends Disposable {
  private readonly view: LogTailView;
  private readonly controller: LogTailController;
  private readonly replayer: InvocationReplay;
  private readonly logger: Logger;

  constructor(private readonly deps: LogTailDependencies) {
    super();
    this.logger = taggedLogger(deps.logger, 'logs');
    this.view = this._register(new LogTailView(deps.extensionUri, readLimits));
    this.controller = this._register(new LogTailController(this.view, deps.backend, this.logger));
    this.replayer = new InvocationReplay({ explorer: deps.explorer, localCloud: deps.localCloud, logger: this.logger });
    this._register(new LocalInvokeFeed((listener) => deps.invoke.onLocalLogLine(listener), this.view));
    this._register(this.view.onRequest((request) => void this.onPanelRequest(request)));
  }

  /**
   * Tails logs in the panel: a function by name/ARN (and qualifier), a stack's functions (TailLogsArguments), a
   * template's function (`{ templateUri, logicalId }`, by its deployed name), or what the person picks.
   */
  async tail(argument?: unknown): Promise<void> {
    let request: TailLogsArguments | undefined;
    // A template's function from a lens, or its explorer item (whose `target` names it).
    const templateFunction = isFunctionTarget(argument) ? argument : functionTargetOfNode(argument);
    if (isTailLogsArguments(argument)) request = argument;
    else if (templateFunction) request = await this.deployedTarget(templateFunction);
    else if (argument === undefined) request = await pickTailTarget(this.deps.backend);
    else {
      throw new WorkbenchError('Tail logs needs a function name, an ARN or a stack.', {
        code: 'InvalidTailArguments',
        hint: 'Pass { functionName, qualifier? }, { stackName, logicalId? } or a template function { templateUri, logicalId }.',
      });
    }
    if (!request) return;
    await this.view.reveal(true);
    await this.controller.start(request);
  }

  /** A template's function, by the name it is deployed under in the configured backend. */
  private async deployedTarget(target: FunctionTarget): Promise<TailLogsArguments> {
    return { functionName: await this.deps.invoke.deployedFunctionName(target) };
  }

  stop(): void {
    this.controller.stop();
  }

  /** Follows again from where the tail stopped (the panel's Start button): what came meanwhile arrives, once. */
  resume(): Promise<void> {
    return this.controller.resume();
  }

  /** Whether the panel shows (local invokes reveal it; tests check that). */
  get visible(): boolean {
    return this.view.visible;
  }

  /** Saves the shown lines: to `target` when given (tests, scripts), else where the person chooses. */
  async export(formatArgument?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
    let format: ExportFormat | undefined =
      formatArgument === 'text' || formatArgument === 'json' ? formatArgument : undefined;
    format ??= (
      await vscode.window.showQuickPick(
        [
          { label: 'Text', description: 'one line per event, as sam logs prints them', format: 'text' as const },
          {
            label: 'JSON',
            description: 'an array of objects with time, function, stream, request',
            format: 'json' as const,
          },
        ],
        { title: 'Export the shown log lines' },
      )
    )?.format;
    if (!format) return undefined;
    const exported = await this.view.exportShown(format);
    return this.save(format, exported.text, target);
  }

  /** Runs an invocation's event again locally ("Replay locally" on a line): the local cloud's, or one a line holds. */
  replay(request: ReplayRequest): Promise<unknown> {
    return this.replayer.replay(request);
  }

  /** The panel's data model as the webview reports it (for tests). */
  snapshot(): Promise<PanelSnapshot> {
    return this.view.snapshot();
  }

  private async save(format: ExportFormat, text: string, target: unknown): Promise<vscode.Uri | undefined> {
    let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.file(target) : undefined;
    if (!uri) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = `logs-${new Date().toISOString().replace(/[:.]/g, '-')}.${format === 'json' ? 'json' : 'log'}`;
      uri = await vscode.window.showSaveDialog({
        title: 'Export log lines',
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
        filters: format === 'json' ? { JSON: ['json'] } : { Logs: ['log', 'txt'] },
      });
    }
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    this.logger.info(`Exported the shown lines to ${uri.fsPath}`);
    return uri;
  }

  private async onPanelRequest(request: PanelRequest): Promise<void> {
    const current = this.controller.request;
    switch (request.type) {
      case 'setFollow':
        if (request.follow) await runWithErrorBoundary('logs.resume', this.deps.logger, () => this.resume());
        else this.controller.stop();
        return;
      case 'setRange':
        if (current)
          await this.restart({
            ...current,
            startTime: request.start || undefined,
            endTime: request.end || undefined,
            follow: request.end.trim() === '',
          });
        return;
      case 'setPattern':
        if (current) await this.restart({ ...current, filterPattern: request.pattern.trim() || undefined });
        return;
      case 'pickTarget':
        await runWithErrorBoundary('logs.tail', this.deps.logger, () => this.tail());
        return;
      case 'clear':
        return;
      case 'openFrame':
        await runWithErrorBoundary('logs.openFrame', this.deps.logger, () =>
          openStackFrame(request.file, request.line, request.column),
        );
        return;
      case 'replay':
        await runWithErrorBoundary('logs.replay', this.deps.logger, () => this.replay(request));
        return;
      case 'exported':
        await runWithErrorBoundary('logs.export', this.deps.logger, () =>
          this.save(request.format, request.text, undefined),
        );
        return;
    }
  }

  /** A changed range or pattern: the panel shows what the person typed went wrong in its status line. */
  private async restart(request: TailLogsArguments): Promise<void> {
    try {
      await this.controller.start(stripUndefined(request));
    } catch (error) {
      this.logger.debug(`tail restart failed: ${String(error)}`);
    }
  }
}

function functionTargetOfNode(node: unknown): FunctionTarget | undefined {
  const target = typeof node === 'object' && node !== null ? (node as { target?: unknown }).target : undefined;
  return isFunctionTarget(target) ? target : undefined;
}

function stripUndefined(request: TailLogsArguments): TailLogsArguments {
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
}

function readLimits(): { maxLines: number; maxChars: number } {
  const settings = vscode.workspace.getConfiguration('serverlessWorkbench.logs');
  return {
    maxLines: settings.get<number>('maxLines', DEFAULT_STORE_LIMITS.maxLines),
    maxChars: settings.get<number>('maxMegabytes', DEFAULT_STORE_LIMITS.maxChars / 1_000_000) * 1_000_000,
  };
}
