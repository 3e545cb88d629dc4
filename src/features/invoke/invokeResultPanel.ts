import * as vscode from 'vscode';
import {
  isWebviewToHostMessage,
  type HostToWebviewMessage,
  type InvokeMode,
  type WebviewToHostMessage,
} from '../../core/invoke/invokeResultProtocol';
import type { BuiltResultView } from '../../core/invoke/invokeResultView';
import type { SourceLocation } from '../../core/invoke/stackFrames';
import { Disposable } from '../../platform/disposable';
import { renderWebviewDocument, webviewResourceRoots } from '../../platform/webviewDocument';
import { targetKey, type FunctionTarget } from './functionTarget';

export const INVOKE_RESULT_VIEW_TYPE = 'serverlessWorkbench.invokeResult';

/** What the panel's buttons ask the invoke feature to do. */
export type ResultPanelAction = Extract<WebviewToHostMessage['type'], 'runAgain' | 'debug' | 'pickEvent'>;

/** One function's result panel: shows a run as it happens, then its result. */
export class InvokeResultPanel extends Disposable {
  private readonly panel: vscode.WebviewPanel;
  /** The messages that make up the current state, replayed whenever the webview (re)loads. */
  private state: HostToWebviewMessage[] = [];
  private locations: SourceLocation[] = [];
  private ready = false;
  private readonly disposeEmitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    extensionUri: vscode.Uri,
    readonly target: FunctionTarget,
    onAction: (target: FunctionTarget, action: ResultPanelAction) => void,
  ) {
    super();
    const localResourceRoots = webviewResourceRoots(extensionUri);
    this.panel = vscode.window.createWebviewPanel(
      INVOKE_RESULT_VIEW_TYPE,
      `${target.logicalId} result`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots },
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'serverless.svg');
    this.panel.webview.html = renderHtml(this.panel.webview, extensionUri);
    this._register(
      this.panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isWebviewToHostMessage(message)) return;
        if (message.type === 'ready') {
          // A reload (the panel was hidden and shown again) starts from scratch: send the whole state.
          this.ready = true;
          for (const replayed of this.state) void this.panel.webview.postMessage(replayed);
        } else if (message.type === 'openLocation') {
          const location = this.locations[message.link];
          if (location) void openLocation(location);
        } else {
          onAction(this.target, message.type);
        }
      }),
    );
    this._register(this.panel.onDidChangeViewState(() => (this.ready = this.ready && this.panel.visible)));
    this._register(
      this.panel.onDidDispose(() => {
        this.disposeEmitter.fire();
        this.dispose();
      }),
    );
  }

  /** Whether the panel is shown in an editor group. */
  get visible(): boolean {
    return this.panel.visible;
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  running(details: { subtitle: string; mode: InvokeMode; eventLabel: string }): void {
    this.locations = [];
    this.state = [];
    this.post({ type: 'running', title: this.target.logicalId, ...details });
  }

  log(line: string): void {
    this.post({ type: 'log', line });
  }

  result(built: BuiltResultView): void {
    this.locations = built.locations;
    this.state = [{ type: 'result', view: built.view }];
    this.sendNow(this.state[0]!);
  }

  failed(message: string): void {
    this.post({ type: 'failed', title: this.target.logicalId, message });
  }

  override dispose(): void {
    super.dispose();
    this.panel.dispose();
  }

  private post(message: HostToWebviewMessage): void {
    this.state.push(message);
    this.sendNow(message);
  }

  private sendNow(message: HostToWebviewMessage): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }
}

/** The result panels, one per function, reused by later runs of that function. */
export class InvokeResultPanels extends Disposable {
  private readonly panels = new Map<string, InvokeResultPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly onAction: (target: FunctionTarget, action: ResultPanelAction) => void,
  ) {
    super();
    this._register({ dispose: () => [...this.panels.values()].forEach((panel) => panel.dispose()) });
  }

  /** The function's panel, created or brought forward. */
  open(target: FunctionTarget): InvokeResultPanel {
    const key = targetKey(target);
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = new InvokeResultPanel(this.extensionUri, target, this.onAction);
    panel.onDidDispose(() => this.panels.delete(key));
    this.panels.set(key, panel);
    return panel;
  }
}

async function openLocation(location: SourceLocation): Promise<void> {
  const line = Math.max(0, location.line - 1);
  const character = Math.max(0, (location.column ?? 1) - 1);
  const position = new vscode.Position(line, character);
  await vscode.window.showTextDocument(vscode.Uri.file(location.file), {
    viewColumn: vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
  });
}

function renderHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return renderWebviewDocument(webview, extensionUri, {
    title: 'Invoke result',
    stylesheets: ['documentPanel.css', 'invokeResult.css'],
    script: 'invokeResult.js',
    body: '<main id="root" aria-live="polite"><p class="muted">Waiting for the run...</p></main>',
  });
}
