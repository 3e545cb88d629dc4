// `serverless-workbench start-api`: serves a template's Api and HttpApi events on 127.0.0.1, as `sam local
// start-api` does (without Docker), until SIGINT or SIGTERM. The routes and URL go to stdout; requests and the
// functions' log lines to stderr.
import type { CliCommand } from '../cli';
import { startLocalApi, type LocalApi, type LocalApiRequestRecord } from '../core/runtime/localApi/localApiServer';
import { createRuntimePool } from '../core/runtime/runtimePool';
import {
  FUNCTION_AWS_OPTIONS_HELP,
  prepareFunctionAwsAccess,
  readFunctionAwsOption,
  type FunctionAwsAccessOptions,
} from './functionAwsAccess';
import {
  parsePort,
  parseTemplateCommandArguments,
  stderrLogger,
  TEMPLATE_OPTIONS_HELP,
  templateResolutionOptions,
  type TemplateCommandOptions,
} from './templateCommandOptions';

const HELP = `Usage:
  serverless-workbench start-api [-t template.yaml] [-p 3000] [--host 127.0.0.1] [--env-vars env.json]
        [--parameter-overrides K=V ...] [--config-env NAME] [--region R] [--verbose]
        [--endpoint-url URL | --profile NAME | --aws | --aws-calls unchanged] [--sdk-dir DIR]

Serves the template's Api and HttpApi events locally (Node.js and Python, no Docker) until Ctrl+C. The first
line on stdout is "Local API running at <url>", then one line per route; requests and the functions' log lines
go to stderr. The template is read again when it changes. Exits 0 when stopped by SIGINT or SIGTERM, 2 when it
cannot start (bad arguments, no template, no Api/HttpApi events, port in use).

  -p, --port PORT        Default 3000; 0 picks a free port
  --host HOST            Default 127.0.0.1 (the API is not reachable from other machines unless asked)
${FUNCTION_AWS_OPTIONS_HELP}${TEMPLATE_OPTIONS_HELP}`;

interface StartApiArguments extends TemplateCommandOptions, FunctionAwsAccessOptions {
  port?: number;
  host?: string;
}

const startApiCommand: CliCommand = async (args) => {
  const parsed = parseArguments(args);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  // Listening from the start: a signal during startup must still shut the workers down rather than kill us.
  const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const logger = stderrLogger(parsed.verbose);
  const resolution = templateResolutionOptions('start-api', parsed, 'local_start_api', logger);
  const access = await prepareFunctionAwsAccess('start-api', parsed, logger, parsed.region);
  const pool = createRuntimePool({ logger, ...access.poolOptions });
  pool.onLogLine((event) => process.stderr.write(`${event.line.message}\n`));
  let api: LocalApi;
  try {
    api = await startLocalApi({
      resolution,
      pool,
      logger,
      ...(parsed.port !== undefined ? { port: parsed.port } : {}),
      ...(parsed.host !== undefined ? { host: parsed.host } : {}),
      onRequest: (record) => process.stderr.write(`${describeRequest(record)}\n`),
    });
  } catch (error) {
    await pool.dispose();
    throw error;
  }
  process.stdout.write(`Local API running at ${api.url} (Ctrl+C to stop)\n`);
  for (const route of api.routes()) {
    const event = `${route.kind === 'rest' ? 'Api' : 'HttpApi'} event ${route.eventName}`;
    process.stdout.write(`  ${route.method.padEnd(7)} ${api.url}${route.path} -> ${route.logicalId} (${event})\n`);
  }
  const signal = await stopRequested;
  logger.info(`${signal}: stopping the local API`);
  await api.close();
  await pool.dispose();
  return 0;
};

export default startApiCommand;

/** Parses the command line; throws a WorkbenchError naming the bad argument. */
export function parseArguments(args: readonly string[]): StartApiArguments {
  return parseTemplateCommandArguments<StartApiArguments>(
    'start-api',
    args,
    { parameterOverrides: [], verbose: false, help: false },
    (arg, value, parsed) => {
      switch (arg) {
        case '-p':
        case '--port':
          parsed.port = parsePort('start-api', arg, value());
          return true;
        case '--host':
          parsed.host = value();
          return true;
        default:
          return readFunctionAwsOption('start-api', arg, value, parsed);
      }
    },
  );
}

/** One stderr line per request: `GET /users/42 -> UsersFunction 200 (12.3 ms, cold)`. */
function describeRequest(record: LocalApiRequestRecord): string {
  const target = record.route ? ` -> ${record.route.logicalId}` : '';
  const timing = record.result
    ? ` (${record.result.durationMs.toFixed(1)} ms${record.result.coldStart ? ', cold' : ''})`
    : '';
  return `${record.method} ${record.path}${target} ${record.statusCode}${timing}`;
}
