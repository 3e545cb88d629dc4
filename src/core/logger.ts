/** The logging surface pure code depends on; the editor passes its LogOutputChannel, tests pass silentLogger. */
export interface Logger {
  trace(message: string, ...args: unknown[]): void;
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

/** A logger that drops everything: for tests and for callers that have nowhere to log. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Prefixes every message with `[component]` so one shared channel stays readable. */
export function taggedLogger(logger: Logger, component: string): Logger {
  const tag = `[${component}]`;
  return {
    trace: (message, ...args) => logger.trace(`${tag} ${message}`, ...args),
    debug: (message, ...args) => logger.debug(`${tag} ${message}`, ...args),
    info: (message, ...args) => logger.info(`${tag} ${message}`, ...args),
    warn: (message, ...args) => logger.warn(`${tag} ${message}`, ...args),
    error: (message, ...args) =>
      logger.error(
        message instanceof Error ? `${tag} ${message.stack ?? message.message}` : `${tag} ${message}`,
        ...args,
      ),
  };
}
