// `serverless-workbench invoke`: runs one function of a template locally, without Docker, as `sam local invoke`
// does: the response on stdout, the function's log on stderr (as it happens), exit code 1 when the function fails.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliCommand } from '../cli';
import { WorkbenchError } from '../core/errors';
import { resolveTemplate } from '../core/runtime/resolve/resolveFunctions';
import { createRuntimePool } from '../core/runtime/runtimePool';
import {
  FUNCTION_AWS_OPTIONS_HELP,
  prepareFunctionAwsAccess,
  readFunctionAwsOption,
  type FunctionAwsAccessOptions,
} from './functionAwsAccess';
import {
  cliUsageError,
  parsePort,
  parseTemplateCommandArguments,
  stderrLogger,
  TEMPLATE_OPTIONS_HELP,
  templateResolutionOptions,
  type TemplateCommandOptions,
} from './templateCommandOptions';

const HELP = `Usage:
  serverless-workbench invoke [LOGICAL_ID] [-t template.yaml] [-e event.json | -e -] [--env-vars env.json]
        [--parameter-overrides K=V ...] [--config-env NAME] [--region R] [--debug-port PORT] [--verbose]
        [--endpoint-url URL | --profile NAME | --aws | --aws-calls unchanged] [--sdk-dir DIR]

Runs the function locally (Node.js and Python, no Docker). The response goes to stdout, the function's log to
stderr. Exits 0 on success, 1 when the function fails, 2 on bad arguments.

  LOGICAL_ID             The function (may be omitted when the template has only one)
  -e, --event FILE       The event JSON; "-" reads stdin; default {}
  -d, --debug-port PORT  Wait for a debugger on 127.0.0.1:PORT (Node inspector or Python debugpy)
${FUNCTION_AWS_OPTIONS_HELP}${TEMPLATE_OPTIONS_HELP}`;

interface InvokeArguments extends TemplateCommandOptions, FunctionAwsAccessOptions {
  logicalId?: string;
  event?: string;
  debugPort?: number;
}

const invokeCommand: CliCommand = async (args) => {
  const parsed = parseArguments(args);
  if (parsed.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const logger = stderrLogger(parsed.verbose);
  const resolution = templateResolutionOptions('invoke', parsed, 'local_invoke', logger);
  const resolved = resolveTemplate(resolution);
  const logicalId =
    parsed.logicalId ??
    onlyFunction(
      resolved.functions.map((entry) => entry.logicalId),
      resolution.templatePath,
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

  const access = await prepareFunctionAwsAccess('invoke', parsed, logger, parsed.region);
  const pool = createRuntimePool({ logger, ...access.poolOptions });
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
  return parseTemplateCommandArguments<InvokeArguments>(
    'invoke',
    args,
    { parameterOverrides: [], verbose: false, help: false },
    (arg, value, parsed) => {
      switch (arg) {
        case '-e':
        case '--event':
          parsed.event = value();
          return true;
        case '-d':
        case '--debug-port':
          parsed.debugPort = parsePort('invoke', arg, value());
          return true;
        default:
          if (readFunctionAwsOption('invoke', arg, value, parsed)) return true;
          // The one positional argument: the function's logical ID.
          if ((arg.startsWith('-') && arg !== '-') || parsed.logicalId !== undefined) return false;
          parsed.logicalId = arg;
          return true;
      }
    },
  );
}

function onlyFunction(logicalIds: string[], templatePath: string): string {
  if (logicalIds.length === 1 && logicalIds[0]) return logicalIds[0];
  throw cliUsageError(
    'invoke',
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
