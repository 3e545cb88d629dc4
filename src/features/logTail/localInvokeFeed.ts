import * as vscode from 'vscode';
import type { IncomingLine } from '../../core/logs/logLineStore';
import type { RuntimeLogEvent } from '../../core/runtime/runtimeTypes';
import { Disposable } from '../../platform/disposable';
import type { LogTailView } from './logTailView';

/** Lines written within this many milliseconds go to the panel in one message. */
const BATCH_MS = 16;

/**
 * Local runs (invokes, debug runs, the local API) stream into the panel as they log, marked local. The panel is
 * shown when a run starts, unless the setting says not to (or it is already visible).
 */
export class LocalInvokeFeed extends Disposable {
  private batch: IncomingLine[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    subscribe: (listener: (event: RuntimeLogEvent) => void) => vscode.Disposable,
    private readonly view: LogTailView,
  ) {
    super();
    this._register(subscribe((event) => this.onLine(event)));
    this._register({ dispose: () => clearTimeout(this.timer) });
  }

  private onLine(event: RuntimeLogEvent): void {
    this.batch.push({
      timestamp: event.line.timestamp,
      logStreamName: event.logStreamName,
      message: event.line.message,
      source: event.functionName,
      origin: 'local',
    });
    if (event.line.message.startsWith('START RequestId:') && !this.view.visible && revealOnLocalInvoke()) {
      void this.view.reveal(true);
    }
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const lines = this.batch;
    this.batch = [];
    if (lines.length > 0) this.view.localLines(lines);
  }
}

function revealOnLocalInvoke(): boolean {
  return vscode.workspace.getConfiguration('serverlessWorkbench.logs').get<boolean>('showLocalInvokes', true);
}
