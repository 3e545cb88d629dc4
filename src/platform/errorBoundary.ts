import * as vscode from 'vscode';
import { WorkbenchError, describeError, describeErrorChain } from '../core/errors';
import type { Logger } from '../core/logger';

/**
 * The one error boundary for commands: logs the failure once with its cause chain, shows one actionable
 * message (with the error's hint), and offers the log. Cancellations are not failures.
 */
export async function runWithErrorBoundary(
  label: string,
  logger: Logger & { show?(preserveFocus?: boolean): void },
  action: () => unknown,
): Promise<unknown> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof vscode.CancellationError) return undefined;
    logger.error(`[${label}] ${describeErrorChain(error)}`);
    const hint = error instanceof WorkbenchError && error.hint ? ` ${error.hint}` : '';
    const showLog = 'Show Log';
    void vscode.window.showErrorMessage(`${describeError(error)}${hint}`, showLog).then((choice) => {
      if (choice === showLog) logger.show?.(true);
    });
    return undefined;
  }
}
