// Exit codes of the SAM-style commands (build, package, deploy): 0 success, 1 when the work failed (a build
// error, an upload refused, a stack that rolled back), 2 for a bad command line (thrown, reported by cli.ts).
import { describeError, WorkbenchError } from '../core/errors';

/** Runs the work; a failure that is not a usage error is printed with its hint and gives exit code 1. */
export async function exitCodeOf(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkbenchError && error.code === 'UsageError') throw error;
    process.stderr.write(describeFailure(error));
    return 1;
  }
}

/** `Error: <what>` and its hint, as the commands print a failure (a watch prints it and goes on). */
export function describeFailure(error: unknown): string {
  const hint = error instanceof WorkbenchError && error.hint ? `\nHint: ${error.hint}` : '';
  return `Error: ${describeError(error)}${hint}\n`;
}
