// `localcloud` as a command: argument parsing, the ready line, shutdown on SIGINT/SIGTERM and exit codes. Shared by
// the server's own entry point (main.ts) and the `serverless-workbench localcloud` subcommand.
import { parseArgs } from 'node:util';
import { describeError, WorkbenchError } from '../core/errors';
import type { Logger } from '../core/logger';
import { isTimeScale, MAX_TIME_SCALE } from './clock';
import { runtimePoolFactory } from './localCloudRuntime';
import { startLocalCloud } from './localCloudServer';
import { isRegionName } from './regionalState';
import { createSeededRandom } from './seededRandom';
import { LOCAL_ACCOUNT_ID } from '../core/template/resolve/stackIdentity';

const USAGE = `Usage: localcloud --state-dir DIR [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--account-id 123456789012]
                  [--seed N] [--started-by TEXT] [--time-scale N] [--verbose]
  --port 0 picks a free port; the ready line on stdout says which. --started-by names who runs it (the health
  endpoint reports it, and the editor's status bar shows it). --time-scale N makes CodeDeploy's waits (canary and
  linear intervals, hook timeouts) pass N times faster: at 300 a Canary10Percent5Minutes deployment takes about
  a second. Default 1.`;

/** Exit codes the extension's client helper understands. */
export const EXIT_CODES = { ok: 0, failure: 1, usage: 2, portInUse: 3 } as const;

/** Parses the arguments, serves until SIGINT/SIGTERM, and returns the exit code. */
export async function runLocalCloud(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '4566' },
        host: { type: 'string', default: '127.0.0.1' },
        'state-dir': { type: 'string' },
        region: { type: 'string', default: 'us-east-1' },
        'account-id': { type: 'string', default: LOCAL_ACCOUNT_ID },
        seed: { type: 'string' },
        'started-by': { type: 'string' },
        'time-scale': { type: 'string', default: '1' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    process.stderr.write(`localcloud: ${describeError(error)}\n${USAGE}\n`);
    return EXIT_CODES.usage;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_CODES.ok;
  }
  const port = Number(values.port);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  const timeScale = Number(values['time-scale']);
  if (
    !values['state-dir'] ||
    !Number.isInteger(port) ||
    port < 0 ||
    port > 65535 ||
    (seed !== undefined && !Number.isInteger(seed)) ||
    !/^\d{12}$/.test(values['account-id']) ||
    !isRegionName(values.region) ||
    !isTimeScale(timeScale)
  ) {
    process.stderr.write(
      `localcloud: --state-dir is required; --port and --seed must be integers, --account-id 12 digits, --region a region name, --time-scale a number from 1 to ${MAX_TIME_SCALE}\n${USAGE}\n`,
    );
    return EXIT_CODES.usage;
  }
  const logger = stderrLogger(values.verbose);
  try {
    const cloud = await startLocalCloud({
      stateDirectory: values['state-dir'],
      host: values.host,
      port,
      region: values.region,
      accountId: values['account-id'],
      logger,
      runtimePool: runtimePoolFactory(logger),
      random: seed === undefined ? undefined : createSeededRandom(seed),
      ...(values['started-by'] ? { startedBy: values['started-by'] } : {}),
      timeScale,
    });
    const ready = {
      event: 'ready',
      endpoint: cloud.endpoint,
      host: cloud.host,
      port: cloud.port,
      stateDirectory: cloud.stateDirectory,
      pid: process.pid,
    };
    process.stdout.write(`${JSON.stringify(ready)}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await cloud.close();
    return EXIT_CODES.ok;
  } catch (error) {
    const hint = error instanceof WorkbenchError && error.hint ? `\nHint: ${error.hint}` : '';
    process.stderr.write(`localcloud: ${describeError(error)}${hint}\n`);
    return error instanceof WorkbenchError && error.code === 'PortInUse' ? EXIT_CODES.portInUse : EXIT_CODES.failure;
  }
}

function stderrLogger(verbose: boolean): Logger {
  const write =
    (level: string) =>
    (message: string | Error, ...args: unknown[]) => {
      const text = message instanceof Error ? (message.stack ?? message.message) : message;
      process.stderr.write(`${new Date().toISOString()} ${level} ${[text, ...args.map(String)].join(' ')}\n`);
    };
  const skip = () => undefined;
  return {
    trace: verbose ? write('trace') : skip,
    debug: verbose ? write('debug') : skip,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}
