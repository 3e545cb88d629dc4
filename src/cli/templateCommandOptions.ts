// The options every subcommand that runs a template's functions shares (invoke, start-api), as SAM CLI's `local`
// commands share them: parsed one way, and turned into template resolution options one way.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { WorkbenchError } from '../core/errors';
import type { Logger } from '../core/logger';
import { readEnvVarsFile } from '../core/runtime/resolve/envVarsFile';
import { parseParameterOverrides } from '../core/runtime/resolve/parameterOverrides';
import type { TemplateResolutionOptions } from '../core/runtime/resolve/resolveFunctions';

/** Which template, and under which parameters, config environment, env.json and region. */
export interface TemplateCommandOptions {
  template?: string;
  envVars?: string;
  parameterOverrides: string[];
  configEnv?: string;
  region?: string;
  verbose: boolean;
  help: boolean;
}

/**
 * Reads one argument of the subcommand's own (an option, or a positional one); `value()` takes the option's value.
 * Returns false for an argument the subcommand does not accept.
 */
export type OwnArgumentReader<T> = (arg: string, value: () => string, parsed: T) => boolean;

/** Help text lines for the shared options, to end each subcommand's usage. */
export const TEMPLATE_OPTIONS_HELP = `  -t, --template FILE    Default: template.yaml (or .yml, .json) in the current folder
  -n, --env-vars FILE    SAM CLI's env.json: {"<LogicalId>": {...}, "Parameters": {...}}
  --parameter-overrides  Template parameter values (K=V or ParameterKey=K,ParameterValue=V)
  --config-env NAME      The samconfig.toml environment (default "default")
  --region R             AWS_REGION for the functions (default: samconfig, AWS_REGION, us-east-1)
  --verbose              Also print the runtime's own notes
`;

/**
 * Parses a subcommand's arguments: the shared options here, everything else through `readOwnArgument`. Strict: an
 * unknown option or a surplus argument throws a WorkbenchError naming it.
 */
export function parseTemplateCommandArguments<T extends TemplateCommandOptions>(
  command: string,
  args: readonly string[],
  parsed: T,
  readOwnArgument: OwnArgumentReader<T>,
): T {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const value = (): string => {
      const next = args[++index];
      if (next === undefined) throw cliUsageError(command, `${arg} needs a value.`);
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
      case '--verbose':
        parsed.verbose = true;
        break;
      case '--parameter-overrides':
        // Every following word up to the next option is an override, as SAM CLI accepts them.
        while (index + 1 < args.length && !(args[index + 1] ?? '').startsWith('-')) {
          parsed.parameterOverrides.push(args[++index] ?? '');
        }
        if (parsed.parameterOverrides.length === 0)
          throw cliUsageError(command, '--parameter-overrides needs K=V values.');
        break;
      default:
        if (readOwnArgument(arg, value, parsed)) break;
        throw cliUsageError(
          command,
          arg.startsWith('-') && arg !== '-' ? `Unknown option ${arg}.` : `Unexpected argument ${arg}.`,
        );
    }
  }
  return parsed;
}

/** A port number option's value (0 asks the system for a free port). */
export function parsePort(command: string, option: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw cliUsageError(command, `${option} needs a port number.`);
  return port;
}

/** How the template is resolved: the file, overrides, samconfig's table for the command, env.json, the shell. */
export function templateResolutionOptions(
  command: string,
  options: TemplateCommandOptions,
  samConfigCommand: string,
  logger: Logger,
): TemplateResolutionOptions {
  const templatePath = resolve(options.template ?? defaultTemplate(command));
  if (!existsSync(templatePath)) {
    throw new WorkbenchError(`The template ${templatePath} does not exist.`, {
      code: 'TemplateNotFound',
      hint: 'Pass the template with -t.',
    });
  }
  return {
    templatePath,
    parameterOverrides: parseParameterOverrides(options.parameterOverrides),
    samConfig: { environment: options.configEnv ?? 'default', command: samConfigCommand },
    ...(options.envVars ? { envVars: readEnvVarsFile(resolve(options.envVars)) } : {}),
    shellEnvironment: process.env,
    ...(options.region ? { region: options.region } : {}),
    logger,
  };
}

/** A bad command line: the message names the argument, the hint the subcommand's help. */
export function cliUsageError(command: string, message: string): WorkbenchError {
  return new WorkbenchError(message, { code: 'UsageError', hint: `Run \`serverless-workbench ${command} --help\`.` });
}

function defaultTemplate(command: string): string {
  const found = ['template.yaml', 'template.yml', 'template.json'].find((name) => existsSync(name));
  if (!found) throw cliUsageError(command, 'No template.yaml in the current folder; pass one with -t.');
  return found;
}

/** Notes for the person at the terminal, on stderr: warnings and errors always, the rest with --verbose. */
export function stderrLogger(verbose: boolean): Logger {
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
