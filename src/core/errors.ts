/**
 * A failure the user can act on: what went wrong, why (the cause), and what to do (the hint).
 * The command error boundary shows `message` and `hint`; the log gets the whole cause chain.
 */
export class WorkbenchError extends Error {
  readonly hint: string | undefined;
  readonly code: string;

  constructor(message: string, options: { code?: string; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WorkbenchError';
    this.code = options.code ?? 'WorkbenchError';
    this.hint = options.hint;
  }

  /** Wraps any thrown value with context, keeping the original as the cause. */
  static chain(cause: unknown, message: string, options: { code?: string; hint?: string } = {}): WorkbenchError {
    return new WorkbenchError(`${message}: ${describeError(cause)}`, { ...options, cause });
  }
}

/** A one-line description of any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** The full cause chain with stacks, for the log (never shown in a notification). */
export function describeErrorChain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : describeError(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}
