import { describeError, describeErrorChain } from '../../core/errors';
import type { Logger } from '../../core/logger';

/**
 * The error boundary of the IntelliSense providers: a provider that throws would make the editor log an error
 * on every keystroke, so each failure is caught, logged once per distinct message, and answered with nothing.
 */
export class ProviderGuard {
  private readonly reported = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Each distinct failure so far (`provider: message`), for the integration tests' "nothing crashed" checks. */
  get failures(): readonly string[] {
    return [...this.reported];
  }

  /** Runs a provider's work; resolves to undefined when it throws or rejects. */
  async run<T>(provider: string, action: () => T | Promise<T>): Promise<T | undefined> {
    try {
      return await action();
    } catch (error) {
      this.report(provider, error);
      return undefined;
    }
  }

  /** The synchronous form, for providers the editor calls synchronously (folding, symbols). */
  runSync<T>(provider: string, action: () => T): T | undefined {
    try {
      return action();
    } catch (error) {
      this.report(provider, error);
      return undefined;
    }
  }

  private report(provider: string, error: unknown): void {
    const key = `${provider}: ${describeError(error)}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.logger.error(`${provider} failed: ${describeErrorChain(error)}`);
  }
}
