import { randomUUID } from 'node:crypto';
import { sep } from 'node:path';
import * as vscode from 'vscode';
import { describeError, WorkbenchError } from '../../core/errors';
import { isEventReference, isInlineEvent } from '../../core/invoke/eventReference';
import type { InvokeMode, InvokeResultView } from '../../core/invoke/invokeResultProtocol';
import { buildInvokeResultView, type InvokeRunRecord } from '../../core/invoke/invokeResultView';
import { taggedLogger, type Logger } from '../../core/logger';
import { locateBootstrap } from '../../core/runtime/bootstrapLocation';
import type { RuntimeLogEvent } from '../../core/runtime/runtimeTypes';
import { COMMAND_IDS } from '../../platform/commandIds';
import { Disposable } from '../../platform/disposable';
import type { ExplorerFeature } from '../explorer/registerExplorer';
import { TEMPLATE_SELECTOR, type TemplateDocuments } from '../intellisense/templateDocuments';
import type { AwsBackendConnection } from '../localCloud/awsBackendConnection';
import { DeployedInvoker, deployedRunRecord } from './deployedInvoker';
import { pickDeployedEvent } from './deployedEvents';
import { FunctionEvents, type ChosenEvent } from './functionEvents';
import {
  isFunctionTarget,
  resolveTarget,
  runnableDefinition,
  targetKey,
  targetOrPick,
  type FunctionTarget,
} from './functionTarget';
import { HandlerCodeLensProvider, HANDLER_SOURCE_SELECTOR } from './handlerCodeLensProvider';
import { HandlerSourceIndex } from './handlerSourceIndex';
import { requireTrustedWorkspace } from './invokeLenses';
import { InvokeResultPanels, type ResultPanelAction } from './invokeResultPanel';
import { LocalApiController, type RunningLocalApi } from './localApiController';
import { LocalRuntime } from './localRuntime';
import { providedSdkFromSettings, resolveFunctionAwsCalls } from './functionAwsCallsSetting';
import { functionAwsCallEnvironment } from '../../core/aws/functionAwsCalls';
import { TemplateCodeLensProvider } from './templateCodeLensProvider';

/** What the invoke feature needs from the rest of the extension. */
export interface InvokeFeatureDependencies {
  extensionUri: vscode.Uri;
  /** Where the SDKs Lambda runtimes provide are installed on first need. */
  globalStorageUri: vscode.Uri;
  /** Where the last event per function is remembered. */
  workspaceState: vscode.Memento;
  logger: Logger;
  explorer: ExplorerFeature;
  backend: AwsBackendConnection;
  templateDocuments: TemplateDocuments;
}

/** What an invoke command resolves with (the result panel shows the same). */
export interface InvokeOutcome {
  payload: string;
  functionError: string | undefined;
  view: InvokeResultView;
}

/** A deployed function to invoke at a qualifier (from the Deployed tree), linked to its template when known. */
export interface DeployedFunctionRequest {
  functionName: string;
  /** `$LATEST`, a version or an alias. */
  qualifier: string;
  /** The template function it was deployed from: its saved and generated events are offered. */
  workspaceTarget?: FunctionTarget;
}

/** Options of "New event" when called with arguments (tests, other commands) instead of through its prompts. */
export interface NewEventOptions {
  /** The event source to start from (a key under the function's Events). */
  source?: string;
  name?: string;
}

/**
 * Run and debug functions from code lenses (issue #4): lenses on templates and handler sources, local runs in the
 * window's shared runtime pool, deployed runs through the backend, the result panel, and the local API.
 */
/** The interpreters local runs use: the settings when given, else `node` and `python3` on PATH. */
function readRuntimeSettings(): { nodeExecutable?: string; pythonExecutable?: string } {
  const settings = vscode.workspace.getConfiguration('serverlessWorkbench.runtime');
  const nodeExecutable = settings.get<string>('nodePath') || undefined;
  const pythonExecutable = settings.get<string>('pythonPath') || undefined;
  return { ...(nodeExecutable ? { nodeExecutable } : {}), ...(pythonExecutable ? { pythonExecutable } : {}) };
}

export class InvokeFeature extends Disposable {
  private readonly logger: Logger;
  private readonly runtime: LocalRuntime;
  private readonly events: FunctionEvents;
  private readonly deployed: DeployedInvoker;
  private readonly panels: InvokeResultPanels;
  private readonly localApi: LocalApiController;
  /** How each function last ran, so "Run again" in its panel repeats it. */
  private readonly lastModes = new Map<string, InvokeMode>();
  /** The last qualified deployed run per panel (Deployed tree), with its event, for "Run again". */
  private readonly lastDeployedRuns = new Map<string, { request: DeployedFunctionRequest; event: ChosenEvent }>();

  constructor(private readonly deps: InvokeFeatureDependencies) {
    super();
    this.logger = taggedLogger(deps.logger, 'invoke');
    this.runtime = this._register(
      new LocalRuntime(deps.logger, () => ({
        ...readRuntimeSettings(),
        providedSdk: providedSdkFromSettings(deps.globalStorageUri, deps.logger),
      })),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('serverlessWorkbench.runtime')) this.runtime.reset();
      }),
    );
    this.events = new FunctionEvents(deps.workspaceState);
    this.deployed = new DeployedInvoker(deps.backend, deps.logger);
    this.panels = this._register(
      new InvokeResultPanels(deps.extensionUri, (target, action) => this.onPanelAction(target, action)),
    );
    this.localApi = this._register(new LocalApiController(this.runtime, deps.explorer, deps.logger));

    const templateLenses = this._register(new TemplateCodeLensProvider(deps.templateDocuments));
    const index = this._register(new HandlerSourceIndex(deps.explorer, deps.logger));
    const handlerLenses = this._register(new HandlerCodeLensProvider(index));
    this._register(vscode.languages.registerCodeLensProvider(TEMPLATE_SELECTOR, templateLenses));
    this._register(vscode.languages.registerCodeLensProvider(HANDLER_SOURCE_SELECTOR, handlerLenses));
    // Lenses read workspace trust; redraw them once it is granted.
    this._register(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        templateLenses.refresh();
        handlerLenses.refresh();
      }),
    );
  }

  /** Runs a function locally with the given event, else its last (or first) event, and shows the result. */
  invokeLocally(target?: unknown, event?: unknown): Promise<InvokeOutcome> {
    return this.runLocal(target, event, 'local');
  }

  /** Runs a function locally under the debugger. */
  debugLocally(target?: unknown, event?: unknown): Promise<InvokeOutcome> {
    return this.runLocal(target, event, 'debug');
  }

  /** Lets the person pick the event (or make a new one), then runs the function locally with it. */
  async pickEventAndInvoke(targetArgument?: unknown): Promise<InvokeOutcome | undefined> {
    requireTrustedWorkspace('Invoking a function');
    const target = await targetOrPick(targetArgument, this.deps.explorer, 'Invoke with Event');
    const resolved = resolveTarget(target, this.logger);
    const choice = await this.events.pick(resolved);
    if (choice === undefined) return undefined;
    if (choice === 'new') {
      await this.events.create(resolved);
      return undefined;
    }
    return this.runLocal(target, choice, 'local');
  }

  /** Saves one of the function's generated events under events/<LogicalId>/ and opens it; resolves with its path. */
  async newEvent(targetArgument?: unknown, options: NewEventOptions = {}): Promise<string> {
    const target = await targetOrPick(targetArgument, this.deps.explorer, 'New Event');
    const saved = await this.events.create(resolveTarget(target, this.logger), options.source, options.name);
    this.logger.info(`Saved ${saved.path}`);
    return saved.path;
  }

  /** Runs the function again with its last event: deployed when it last ran deployed, else locally (no debugger). */
  runAgain(target?: unknown): Promise<InvokeOutcome | undefined> {
    const deployedRun = isFunctionTarget(target) ? this.lastDeployedRuns.get(targetKey(target)) : undefined;
    if (deployedRun) return this.invokeDeployedFunction(deployedRun.request, deployedRun.event);
    const mode = isFunctionTarget(target) ? this.lastModes.get(targetKey(target)) : undefined;
    return mode === 'deployed' ? this.invokeDeployed(target) : this.runLocal(target, undefined, 'local');
  }

  /** Invokes the deployed copy of the function through the configured backend and shows the result. */
  async invokeDeployed(targetArgument?: unknown, eventArgument?: unknown): Promise<InvokeOutcome> {
    requireTrustedWorkspace('Invoking a deployed function');
    const target = await targetOrPick(targetArgument, this.deps.explorer, 'Invoke Deployed Function');
    const resolved = resolveTarget(target, this.logger);
    const panel = this.panels.open(target);
    try {
      const event = await this.chooseEvent(resolved, eventArgument);
      panel.running({ subtitle: `${resolved.templateLabel} · deployed`, mode: 'deployed', eventLabel: event.label });
      this.lastModes.set(targetKey(target), 'deployed');
      this.lastDeployedRuns.delete(targetKey(target));
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Invoking deployed ${target.logicalId}` },
        () => this.deployed.invoke(resolved, event.payload),
      );
      const record = deployedRunRecord(result, {
        functionLabel: target.logicalId,
        templateLabel: resolved.templateLabel,
        deployedName: result.functionName,
        event,
      });
      return this.finish(panel, record, result.functionError);
    } catch (error) {
      panel.failed(describeFailure(error));
      throw error;
    }
  }

  /**
   * Invokes a deployed function at a qualifier (the Deployed tree's Invoke). The event is the one given, else the
   * person picks among the template function's saved and generated events (as for local invokes) when the function
   * is linked to one, else between an empty event and JSON they type.
   */
  async invokeDeployedFunction(
    request: DeployedFunctionRequest,
    eventArgument?: unknown,
  ): Promise<InvokeOutcome | undefined> {
    const resolved = request.workspaceTarget ? resolveTarget(request.workspaceTarget, this.logger) : undefined;
    const event = await pickDeployedEvent(this.events, resolved, eventArgument);
    if (!event) return undefined;
    const label = `${request.workspaceTarget?.logicalId ?? request.functionName}:${request.qualifier}`;
    const panelTarget = request.workspaceTarget ?? { templateUri: `lambda:${request.functionName}`, logicalId: label };
    const panel = this.panels.open(panelTarget);
    const subtitle = `${resolved?.templateLabel ?? this.deps.backend.describe()} · deployed ${request.qualifier}`;
    try {
      panel.running({ subtitle, mode: 'deployed', eventLabel: event.label });
      this.lastDeployedRuns.set(targetKey(panelTarget), { request, event });
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Invoking ${label}` },
        () => this.deployed.invokeNamed(request.functionName, event.payload, request.qualifier),
      );
      const record = deployedRunRecord(result, {
        functionLabel: label,
        templateLabel: resolved?.templateLabel ?? this.deps.backend.describe(),
        deployedName: `${request.functionName}:${result.executedVersion ?? request.qualifier}`,
        event,
      });
      return this.finish(panel, record, result.functionError);
    } catch (error) {
      panel.failed(describeFailure(error));
      throw error;
    }
  }

  /** The name the function is deployed under in the configured backend (asks when several may be it). */
  deployedFunctionName(target: FunctionTarget): Promise<string> {
    return this.deployed.deployedName(resolveTarget(target, this.logger));
  }

  /** Every log line of local runs in this window (invokes, debug runs, the local API), as it is written. */
  onLocalLogLine(listener: (event: RuntimeLogEvent) => void): vscode.Disposable {
    return this.runtime.onLogLine(listener);
  }

  async startLocalApi(templateUri?: unknown): Promise<RunningLocalApi> {
    requireTrustedWorkspace('Serving a local API');
    await this.prepareAwsCalls();
    return this.localApi.start(typeof templateUri === 'string' ? templateUri : undefined);
  }

  /** Points the functions' SDK calls at the current backend; returns where they go, for the result view. */
  private async prepareAwsCalls(): Promise<string> {
    const calls = await resolveFunctionAwsCalls(this.deps.backend);
    this.runtime.useAwsCallEnvironment(functionAwsCallEnvironment(calls));
    return calls.label;
  }

  stopLocalApi(templateUri?: unknown): Promise<void> {
    return this.localApi.stop(typeof templateUri === 'string' ? templateUri : undefined);
  }

  private async runLocal(
    targetArgument: unknown,
    eventArgument: unknown,
    mode: 'local' | 'debug',
  ): Promise<InvokeOutcome> {
    requireTrustedWorkspace(mode === 'debug' ? 'Debugging a function' : 'Invoking a function');
    const target = await targetOrPick(
      targetArgument,
      this.deps.explorer,
      mode === 'debug' ? 'Debug Function Locally' : 'Invoke Function Locally',
    );
    const resolved = resolveTarget(target, this.logger);
    const panel = this.panels.open(target);
    try {
      const definition = runnableDefinition(resolved);
      const event = await this.chooseEvent(resolved, eventArgument);
      const awsCalls = await this.prepareAwsCalls();
      panel.running({ subtitle: `${resolved.templateLabel} · ${mode}`, mode, eventLabel: event.label });
      this.lastModes.set(targetKey(target), mode);
      this.lastDeployedRuns.delete(targetKey(target));
      const options = { payload: event.payload, requestId: randomUUID(), onLog: (line: string) => panel.log(line) };
      const result =
        mode === 'debug'
          ? await this.withDebugProgress(target, (signal) =>
              this.runtime.debug(definition, { ...options, signal, logicalId: target.logicalId }),
            )
          : await vscode.window.withProgress(
              { location: vscode.ProgressLocation.Window, title: `Invoking ${target.logicalId}` },
              () => this.runtime.run(definition, options),
            );
      const record: InvokeRunRecord = {
        functionLabel: target.logicalId,
        templateLabel: resolved.templateLabel,
        mode,
        eventLabel: event.label,
        eventPayload: event.payload,
        requestId: result.requestId,
        payload: result.payload,
        functionError: result.functionError !== undefined,
        logLines: result.logLines.map((line) => line.message),
        durationMs: result.durationMs,
        billedDurationMs: result.billedDurationMs,
        memorySizeMb: result.memorySizeMb,
        maxMemoryUsedMb: result.maxMemoryUsedMb,
        coldStart: result.coldStart,
        awsCalls,
        finishedAt: new Date(),
        ...(result.errorType ? { errorType: result.errorType } : {}),
        ...(result.initDurationMs !== undefined ? { initDurationMs: result.initDurationMs } : {}),
      };
      return this.finish(panel, record, result.functionError);
    } catch (error) {
      panel.failed(describeFailure(error));
      throw error;
    }
  }

  private async chooseEvent(
    resolved: ReturnType<typeof resolveTarget>,
    argument: unknown,
  ): Promise<Pick<ChosenEvent, 'label' | 'payload'>> {
    if (isInlineEvent(argument)) return { label: argument.name, payload: argument.payload };
    const event = await this.events.resolve(resolved, isEventReference(argument) ? argument : undefined);
    await this.events.remember(resolved, event.reference);
    return event;
  }

  private finish(
    panel: ReturnType<InvokeResultPanels['open']>,
    record: InvokeRunRecord,
    functionError: string | undefined,
  ): InvokeOutcome {
    const built = buildInvokeResultView(record, { isRuntimeFile });
    panel.result(built);
    const outcome = built.view.error ? `failed with ${built.view.error.type}` : 'succeeded';
    this.logger.info(`${record.functionLabel} (${record.mode}, event ${record.eventLabel}) ${outcome}`);
    return { payload: record.payload, functionError, view: built.view };
  }

  /** A cancellable notification while the debugger is attached; cancelling ends the run. */
  private async withDebugProgress<T>(target: FunctionTarget, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Debugging ${target.logicalId}`,
        cancellable: true,
      },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return run(abort.signal);
      },
    );
  }

  private onPanelAction(target: FunctionTarget, action: ResultPanelAction): void {
    const command =
      action === 'runAgain'
        ? COMMAND_IDS.invokeRunAgain
        : action === 'debug'
          ? COMMAND_IDS.invokeDebug
          : COMMAND_IDS.invokePickEvent;
    // Through the command table, so failures reach the error boundary like any other command.
    void vscode.commands.executeCommand(command, target);
  }
}

/** Frames of the local runtime's bootstraps are the runtime's, not the function's: shown, not linked. */
function isRuntimeFile(file: string): boolean {
  runtimeDirectories ??= (['nodejs', 'python'] as const).flatMap((family) => {
    try {
      return [locateBootstrap(family).directory];
    } catch {
      return [];
    }
  });
  return runtimeDirectories.some((directory) => file.startsWith(directory + sep));
}

let runtimeDirectories: string[] | undefined;

function describeFailure(error: unknown): string {
  if (error instanceof vscode.CancellationError) return 'Cancelled.';
  const hint = error instanceof WorkbenchError && error.hint ? ` ${error.hint}` : '';
  return `${describeError(error)}${hint}`;
}
