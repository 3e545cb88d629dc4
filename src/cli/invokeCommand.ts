// `serverless-workbench invoke`: runs one function of a template locally, without Docker, as `sam local invoke`
// does: the response on stdout, the function's log on stderr (as it happens), exit code 1 when the function fails.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { WorkbenchError } from '../core/errors';
import type { Logger } from '../core/logger';
import { readEnvVarsFile } from '../core/runtime/resolve/envVarsFile';
import { parseParameterOverrides } from '../core/runtime/resolve/parameterOverrides';
import { resolveTemplate } from '../core/runtime/resolve/resolveFunctions';
import { createRuntimePool } from '../core/runtime/runtimePool';

const HELP = `Usage:
  serverless-workbench invoke [LOGICAL_ID] [-t template.yaml] [-e event.json | -e -] [--env-vars env.json]
        [--parameter-overrides K=V ...] [--config-env NAME] [--region R] [--debug-port PORT] [--verbose]

Runs the function locally (Node.js and Python, no Docker). The response goes to stdout, the function's log to
stderr. Exits 0 on success, 1 when the function fails, 2 on bad arguments.

  LOGICAL_ID             The function (may be omitted when the template has only one)
  -t, --template FILE    Default: template.yaml (or .yml) in the current folder
  -e, --event FILE       The event JSON; "-" reads stdin; default {}
  -n, --env-vars FILE    SAM CLI's env.json: {"<LogicalId>": {...}, "Parameters": {...}}
  --parameter-overrides  Template parameter values (K=V or ParameterKey=K,ParameterValue=V)
  --config-env NAME      The samconfig.toml environment (default "default")
  --region R             AWS_REGION for the function (default: samconfig, AWS_REGION, us-east-1)
  -d, --debug-port PORT  Wait for a debugger on 127.0.0.1:PORT (Node inspector or Python debugpy)
  --verbose              Also print the runtime's own notes
`;

interface InvokeArguments {
  logicalId?: string;
  template?: string;
  event?: string;
  envVars?: string;
  parameterOverrides: string[];
  configEnv?: string;
  region?: string;
  debugPort?: number;
  verbose: boolean;
  help: boolean;
}

const invokeCommand: CliCommand = async (args) => {
  const parsed = parseArguments(args);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const templatePath = resolve(parsed.template ?? defaultTemplate());
  const logger = stderrLogger(parsed.verbose);
  const resolved = resolveTemplate({
    templatePath,
    parameterOverrides: parseParameterOverrides(parsed.parameterOverrides),
    samConfig: { environment: parsed.configEnv ?? 'default', command: 'local_invoke' },
    ...(parsed.envVars ? { envVars: readEnvVarsFile(resolve(parsed.envVars)) } : {}),
    shellEnvironment: process.env,
    ...(parsed.region ? { region: parsed.region } : {}),
    logger,
  });
  const logicalId =
    parsed.logicalId ??
    onlyFunction(
      resolved.functions.map((entry) => entry.logicalId),
      templatePath,
    );
  const entry = resolved.functions.find((candidate) => candidate.logicalId === logicalId);
  if (!entry) {
    throw new WorkbenchError(`The template has no function named ${logicalId}.`, {
      code: 'FunctionNotFound',
      hint: `Functions: ${resolved.functions.map((candidate) => candidate.logicalId).join(', ') || 'none'}.`,
    });
  }
  if (!entry.definition) throw entry.error ?? new WorkbenchError(`${logicalId} cannot run locally.`);
  const payload = readEvent(parsed.event);

  const pool = createRuntimePool({ logger });
  pool.onLogLine((event) => process.stderr.write(`${event.line.message}\n`));
  try {
    const result = await pool.invoke(entry.definition, {
      payload,
      ...(parsed.debugPort !== undefined
        ? {
            debug: {
              port: parsed.debugPort,
              onListening: (session) =>
                process.stderr.write(`Debugger (${session.protocol}) listening on ${session.host}:${session.port}\n`),
            },
          }
        : {}),
    });
    process.stdout.write(`${result.payload}\n`);
    return result.functionError ? 1 : 0;
  } finally {
    await pool.dispose();
  }
};

export default invokeCommand;

/** Parses the command line; throws a WorkbenchError naming the bad argument. */
export function parseArguments(args: readonly string[]): InvokeArguments {
  const parsed: InvokeArguments = { parameterOverrides: [], verbose: false, help: false };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const value = (): string => {
      const next = args[++index];
      if (next === undefined) throw usageError(`${arg} needs a value.`);
      return next;
    };
    switch (arg) {
      case '-h':
      case '--help':
        parsed.help = true;
        break;
      case '-t':
      case '--template':
      case '--template-file':
        parsed.template = value();
        break;
      case '-e':
      case '--event':
        parsed.event = value();
        break;
      case '-n':
      case '--env-vars':
        parsed.envVars = value();
        break;
      case '--config-env':
        parsed.configEnv = value();
        break;
      case '--region':
        parsed.region = value();
        break;
      case '-d':
      case '--debug-port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`${arg} needs a port number.`);
        parsed.debugPort = port;
        break;
      }
      case '--verbose':
        parsed.verbose = true;
        break;
      case '--parameter-overrides':
        // Every following word up to the next option is an override, as SAM CLI accepts them.
        while (index + 1 < args.length && !(args[index + 1] ?? '').startsWith('-')) {
          parsed.parameterOverrides.push(args[++index] ?? '');
        }
        if (parsed.parameterOverrides.length === 0) throw usageError('--parameter-overrides needs K=V values.');
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw usageError(`Unknown option ${arg}.`);
        if (parsed.logicalId !== undefined) throw usageError(`Unexpected argument ${arg}.`);
        parsed.logicalId = arg;
    }
  }
  return parsed;
}

function usageError(message: string): WorkbenchError {
  return new WorkbenchError(message, { code: 'UsageError', hint: 'Run `serverless-workbench invoke --help`.' });
}

function defaultTemplate(): string {
  const found = ['template.yaml', 'template.yml', 'template.json'].find((name) => existsSync(name));
  if (!found) throw usageError('No template.yaml in the current folder; pass one with -t.');
  return found;
}

function onlyFunction(logicalIds: string[], templatePath: string): string {
  if (logicalIds.length === 1 && logicalIds[0]) return logicalIds[0];
  throw usageError(
    logicalIds.length === 0
      ? `${templatePath} has no functions.`
      : `Name the function to invoke: ${logicalIds.join(', ')}.`,
  );
}

function readEvent(source: string | undefined): string {
  if (source === undefined) return '{}';
  try {
    const text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(resolve(source), 'utf8');
    return text.trim() === '' ? '{}' : text;
  } catch (error) {
    throw WorkbenchError.chain(error, `Cannot read the event ${source === '-' ? 'from stdin' : source}`, {
      code: 'EventUnreadable',
    });
  }
}

/** Notes for the person at the terminal: warnings always, the rest with --verbose. */
function stderrLogger(verbose: boolean): Logger {
  const write =
    (label: string, always: boolean) =>
    (message: string | Error): void => {
      if (always || verbose)
        process.stderr.write(`serverless-workbench: ${label}${message instanceof Error ? message.message : message}\n`);
    };
  return {
    trace: write('', false),
    debug: write('', false),
    info: write('', false),
    warn: write('warning: ', true),
    error: write('error: ', true),
  };
}
