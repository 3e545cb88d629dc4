// Runs something that starts a debug session (a debug invoke, a replay under the debugger) with a breakpoint set:
// waits until the debugger stops there (checking the reported source and line), continues, and resolves with what
// the run answered. Shared by the suites that debug.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { eventually } from './workbench';

export async function runUntilBreakpoint<T>(
  source: vscode.Uri,
  line: number,
  start: () => Thenable<T> | Promise<T>,
): Promise<T> {
  const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(source, new vscode.Position(line, 0)));
  const stops: Array<{ session: vscode.DebugSession; threadId: number }> = [];
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (message: { type?: string; event?: string; body?: { reason?: string; threadId?: number } }) => {
        if (message.type === 'event' && message.event === 'stopped' && message.body?.reason === 'breakpoint') {
          stops.push({ session, threadId: message.body.threadId ?? 0 });
        }
      },
    }),
  });
  vscode.debug.addBreakpoints([breakpoint]);
  try {
    const running = start();
    const [stop] = await eventually(
      () => stops,
      (found) => found.length > 0,
      40_000,
    );
    const frames = (await stop!.session.customRequest('stackTrace', { threadId: stop!.threadId })) as {
      stackFrames: Array<{ line: number; source?: { path?: string } }>;
    };
    // In code-server the debugger reports sources as vscode-remote:// URIs of the same path.
    const stoppedIn = frames.stackFrames[0]?.source?.path ?? '';
    assert.ok(stoppedIn.endsWith(source.path), `stopped in ${stoppedIn}`);
    assert.equal(frames.stackFrames[0]?.line, line + 1);
    // js-debug sometimes answers "Unable to resume" when the thread is already running again; the run finishing
    // is what matters once the stop itself has been checked.
    await Promise.resolve(stop!.session.customRequest('continue', { threadId: stop!.threadId })).catch(
      (error: unknown) => console.log(`[debug] continue: ${String(error)}`),
    );
    return await running;
  } finally {
    vscode.debug.removeBreakpoints([breakpoint]);
    tracker.dispose();
  }
}
