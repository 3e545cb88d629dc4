import * as vscode from 'vscode';
import type { ExportFormat } from '../../core/logs/exportLines';
import { packLines } from '../../core/logs/lineBatch';
import type { IncomingLine } from '../../core/logs/logLineStore';
import {
  isWebviewToHostMessage,
  type HostToWebviewMessage,
  type PanelSnapshot,
  type SessionInfo,
  type SourceFacts,
  type StatusInfo,
  type WebviewToHostMessage,
} from '../../core/logs/logTailProtocol';
import { Disposable } from '../../platform/disposable';
import { renderWebviewDocument, webviewResourceRoots } from '../../platform/webviewDocument';
import { LOG_TAIL_BODY } from './logTailMarkup';

export const LOG_TAIL_VIEW_ID = 'serverlessWorkbench.logTail';

/** The session id of local runs' lines: they belong to no tail and stay across tails. */
const LOCAL_LINES = 0;

/** Lines kept to refill the webview when VS Code recreates it (the webview's own model holds far more). */
const REPLAY_LINES = 20_000;

/** What the webview asks of the host, minus the view's own bookkeeping (ready, snapshots, exports). */
export type PanelRequest = Exclude<WebviewToHostMessage, { type: 'ready' } | { type: 'snapshot' }>;

/** The data model's caps, from settings. */
export interface PanelLimits {
  maxLines: number;
  maxChars: number;
}

/**
 * The log tail panel's view: a WebviewView in the panel area. It keeps what the webview needs to be rebuilt (the
 * session, status, sources and the last lines) and answers snapshot and export requests through the webview.
 */
export class LogTailView extends Disposable implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private session: SessionInfo | undefined;
  private status: StatusInfo | undefined;
  private sources: SourceFacts[] = [];
  private replay: Array<{ local: boolean; line: IncomingLine }> = [];
  private nextRequestId = 1;
  private readonly pending = new Map<number, (message: WebviewToHostMessage) => void>();
  private readonly requestEmitter = this._register(new vscode.EventEmitter<PanelRequest>());
  /** Requests from the webview (buttons, inputs, links). */
  readonly onRequest = this.requestEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly limits: () => PanelLimits,
  ) {
    super();
    this._register(
      vscode.window.registerWebviewViewProvider(LOG_TAIL_VIEW_ID, this, {
        // Tens of thousands of lines would take seconds to send again each time the panel is shown.
        webviewOptions: { retainContextWhenHidden: true },
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: webviewResourceRoots(this.extensionUri) };
    view.webview.html = renderWebviewDocument(view.webview, this.extensionUri, {
      title: 'Log tail',
      stylesheets: ['logTail.css'],
      script: 'logTail.js',
      body: LOG_TAIL_BODY,
    });
    view.webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    view.onDidDispose(() => {
      if (this.view === view) this.view = undefined;
      this.ready = false;
    });
  }

  /** Shows the panel (creating the view when needed); keeps the editor's focus unless asked. */
  async reveal(preserveFocus = true): Promise<void> {
    if (this.view) {
      this.view.show(preserveFocus);
      return;
    }
    await vscode.commands.executeCommand(`${LOG_TAIL_VIEW_ID}.focus`, { preserveFocus });
    if (preserveFocus) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  }

  get visible(): boolean {
    return this.view?.visible === true;
  }

  startSession(session: SessionInfo): void {
    this.session = session;
    this.status = undefined;
    this.sources = [];
    this.replay = this.replay.filter((entry) => entry.local);
    this.send({ type: 'session', session });
  }

  lines(sessionId: number, lines: IncomingLine[]): void {
    this.remember(lines, false);
    this.send({ type: 'lines', sessionId, batch: packLines(lines, 'cloud') });
  }

  localLines(lines: IncomingLine[]): void {
    this.remember(lines, true);
    this.send({ type: 'lines', sessionId: LOCAL_LINES, batch: packLines(lines, 'local') });
  }

  setStatus(sessionId: number, status: StatusInfo): void {
    if (sessionId === this.session?.id) this.status = status;
    this.send({ type: 'status', sessionId, status });
  }

  setSources(sources: SourceFacts[]): void {
    this.sources = sources;
    this.send({ type: 'sources', sources });
  }

  showRequest(requestId: string | undefined): void {
    this.send({ type: 'showRequest', requestId });
  }

  /** The webview's data model, as it reports it. */
  snapshot(): Promise<PanelSnapshot> {
    return this.ask((id) => ({ type: 'requestSnapshot', id })).then((message) => {
      if (message.type !== 'snapshot') throw new Error('unexpected answer');
      return message.snapshot;
    });
  }

  /** The shown lines, exported by the webview. */
  exportShown(format: ExportFormat): Promise<{ text: string; lines: number }> {
    return this.ask((id) => ({ type: 'requestExport', id, format })).then((message) => {
      if (message.type !== 'exported') throw new Error('unexpected answer');
      return { text: message.text, lines: message.lines };
    });
  }

  private async ask(build: (id: number) => HostToWebviewMessage): Promise<WebviewToHostMessage> {
    if (!this.ready) await this.reveal();
    const deadline = Date.now() + 20_000;
    while (!this.ready) {
      if (Date.now() > deadline) throw new Error('The log panel did not load');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('The log panel did not answer'));
      }, 20_000);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
      this.send(build(id));
    });
  }

  private receive(message: unknown): void {
    if (!isWebviewToHostMessage(message)) return;
    if (message.type === 'ready') {
      this.ready = true;
      this.refill();
      return;
    }
    if ((message.type === 'snapshot' || message.type === 'exported') && message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      waiter?.(message);
      return;
    }
    if (message.type === 'snapshot') return;
    this.requestEmitter.fire(message);
  }

  /** A new webview: the caps, the session, and the lines kept. */
  private refill(): void {
    const limits = this.limits();
    this.send({ type: 'settings', maxLines: limits.maxLines, maxChars: limits.maxChars });
    if (this.session) this.send({ type: 'session', session: this.session });
    if (this.sources.length > 0) this.send({ type: 'sources', sources: this.sources });
    const session = this.session?.id ?? 0;
    for (let index = 0; index < this.replay.length; index += 2000) {
      const batch = this.replay.slice(index, index + 2000);
      const local = batch.filter((entry) => entry.local).map((entry) => entry.line);
      const cloud = batch.filter((entry) => !entry.local).map((entry) => entry.line);
      if (cloud.length > 0) this.send({ type: 'lines', sessionId: session, batch: packLines(cloud, 'cloud') });
      if (local.length > 0) this.send({ type: 'lines', sessionId: LOCAL_LINES, batch: packLines(local, 'local') });
    }
    if (this.status) this.send({ type: 'status', sessionId: session, status: this.status });
  }

  private remember(lines: IncomingLine[], local: boolean): void {
    for (const line of lines) this.replay.push({ local, line });
    if (this.replay.length > REPLAY_LINES * 1.25) this.replay = this.replay.slice(-REPLAY_LINES);
  }

  private send(message: HostToWebviewMessage): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }
}
