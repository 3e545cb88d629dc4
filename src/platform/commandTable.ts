import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { runWithErrorBoundary } from './errorBoundary';
import { COMMAND_IDS, type CommandKey } from './commandIds';

export type CommandHandler = (...args: never[]) => unknown;

/** One handler for every command id: adding an id without a handler does not compile. */
export type CommandTable = { [Key in CommandKey]: CommandHandler };

/** Registers every command of the table behind the error boundary. */
export function registerCommandTable(table: CommandTable, logger: Logger): vscode.Disposable {
  const registrations = (Object.keys(table) as CommandKey[]).map((key) => {
    const id = COMMAND_IDS[key];
    const handler = table[key] as (...args: unknown[]) => unknown;
    return vscode.commands.registerCommand(id, (...args: unknown[]) =>
      runWithErrorBoundary(id, logger, () => handler(...args)),
    );
  });
  return vscode.Disposable.from(...registrations);
}
