// Options of the commands that follow SAM CLI (build, package, deploy): each flag's value is stored under its
// samconfig.toml key (`--s3-bucket` -> `s3_bucket`), so the file's `[<env>.<command>.parameters]` and
// `[<env>.global.parameters]` tables fill in what the command line leaves out, exactly as SAM CLI reads them.
import { dirname, resolve } from 'node:path';
import { findSamConfig, readSamConfigParameters } from '../core/runtime/resolve/samConfig';
import { readBackendFlag, type BackendFlags } from './backendOptions';
import { cliUsageError } from './templateCommandOptions';

/** A value as flags and samconfig give it: text, a switch, or a list of words. */
export type OptionValue = string | boolean | string[];

/** One option: its flags, its samconfig key, and its kind. */
export interface OptionSpec {
  flags: readonly string[];
  key: string;
  kind: 'string' | 'boolean' | 'words';
  /** `--no-<x>` style flag that sets a boolean to false. */
  negation?: string;
  help: string;
}

/** Parsed options: values by samconfig key, the backend flags, and whether help was asked for. */
export interface SamCommandOptions {
  values: Record<string, OptionValue>;
  backend: BackendFlags;
  help: boolean;
  verbose: boolean;
  /** Arguments that are not options (build's resource ids), when the command takes them. */
  positional: string[];
  /** The samconfig file the values were completed from, if any. */
  samConfigPath?: string;
}

/** Options every SAM-style command has. */
export const COMMON_OPTIONS: readonly OptionSpec[] = [
  {
    flags: ['--config-env'],
    key: 'config_env',
    kind: 'string',
    help: 'The samconfig.toml environment (default "default")',
  },
  {
    flags: ['--config-file'],
    key: 'config_file',
    kind: 'string',
    help: 'The samconfig file (default samconfig.toml beside the project)',
  },
];

/** `-t/--template-file`: every SAM command has it; only its default differs. */
export function templateFileOption(defaultHelp: string): OptionSpec {
  return { flags: ['-t', '--template-file', '--template'], key: 'template_file', kind: 'string', help: defaultHelp };
}

/** `--stack-name`, with what the stack is to this command. */
export function stackNameOption(help: string): OptionSpec {
  return { flags: ['--stack-name'], key: 'stack_name', kind: 'string', help };
}

/** The help lines of COMMON_OPTIONS and --verbose, naming the samconfig table the command reads. */
export function commonOptionsHelp(samConfigCommand: string): string {
  return [
    helpLine(
      '  --config-env NAME',
      `The samconfig.toml environment (default "default"); [env.${samConfigCommand}.parameters]`,
    ),
    helpLine('  --config-file FILE', 'The samconfig file (default samconfig.toml beside the project)'),
    helpLine('  --verbose', 'More detail on stderr'),
  ].join('\n');
}

/** Parses the command line strictly: an unknown option or a missing value is a usage error naming it. */
export function parseSamCommandArguments(
  command: string,
  args: readonly string[],
  specs: readonly OptionSpec[],
  acceptsPositional = false,
): SamCommandOptions {
  const all = [...specs, ...COMMON_OPTIONS];
  const parsed: SamCommandOptions = { values: {}, backend: {}, help: false, verbose: false, positional: [] };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const value = (): string => {
      const next = args[++index];
      if (next === undefined) throw cliUsageError(command, `${arg} needs a value.`);
      return next;
    };
    if (arg === '-h' || arg === '--help') {
      parsed.help = true;
      continue;
    }
    if (arg === '--verbose' || arg === '--debug') {
      parsed.verbose = true;
      continue;
    }
    const negated = all.find((spec) => spec.negation === arg);
    if (negated) {
      parsed.values[negated.key] = false;
      continue;
    }
    const spec = all.find((candidate) => candidate.flags.includes(arg));
    if (spec?.kind === 'boolean') parsed.values[spec.key] = true;
    else if (spec?.kind === 'string') parsed.values[spec.key] = value();
    else if (spec?.kind === 'words') {
      // Every following word up to the next option belongs to this one, as SAM CLI reads them.
      const words: string[] = [];
      while (index + 1 < args.length && !(args[index + 1] ?? '').startsWith('--')) words.push(args[++index] ?? '');
      if (words.length === 0) throw cliUsageError(command, `${arg} needs at least one value.`);
      const previous = parsed.values[spec.key];
      parsed.values[spec.key] = [...(Array.isArray(previous) ? previous : []), ...words];
    } else if (acceptsPositional && !arg.startsWith('-')) {
      parsed.positional.push(arg);
    } else if (!readBackendFlag(command, arg, value, parsed.backend)) {
      throw cliUsageError(command, arg.startsWith('-') ? `Unknown option ${arg}.` : `Unexpected argument ${arg}.`);
    }
  }
  if (parsed.backend.region) parsed.values['region'] = parsed.backend.region;
  return parsed;
}

/**
 * Completes the options from samconfig (`samConfigCommand` is the table: `build`, `package`, `deploy`): the command
 * line wins, then the command's table, then the global table. Region and profile also feed the backend flags.
 */
export function applySamConfig(
  options: SamCommandOptions,
  specs: readonly OptionSpec[],
  samConfigCommand: string,
  projectDirectory: string,
): SamCommandOptions {
  const configFile = stringOption(options, 'config_file');
  const path = configFile ? resolve(configFile) : findSamConfig(projectDirectory);
  const { parameters } = readSamConfigParameters(path, {
    environment: stringOption(options, 'config_env') ?? 'default',
    command: samConfigCommand,
  });
  const values = { ...options.values };
  for (const spec of [...specs, ...COMMON_OPTIONS]) {
    if (values[spec.key] !== undefined) continue;
    const fromFile = fromSamConfig(parameters[spec.key], spec.kind);
    if (fromFile !== undefined) values[spec.key] = fromFile;
  }
  const backend = { ...options.backend };
  if (!backend.region && typeof parameters['region'] === 'string') backend.region = parameters['region'];
  if (!backend.profile && !backend.endpointUrl && typeof parameters['profile'] === 'string') {
    backend.profile = parameters['profile'];
  }
  if (backend.region) values['region'] = backend.region;
  return { ...options, values, backend, ...(path && parameters ? { samConfigPath: path } : {}) };
}

/** The folder samconfig is looked up in: the template's, or the project's for a built template. */
export function projectDirectoryOf(templatePath: string): string {
  const directory = dirname(resolve(templatePath));
  const built = /[\\/]\.aws-sam[\\/]build$/.exec(directory);
  return built ? directory.slice(0, built.index) : directory;
}

export function stringOption(options: SamCommandOptions, key: string): string | undefined {
  const value = options.values[key];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : undefined;
}

export function booleanOption(options: SamCommandOptions, key: string): boolean | undefined {
  const value = options.values[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A words option as one list; samconfig strings are split on spaces (quoted parts stay whole). */
export function wordsOption(options: SamCommandOptions, key: string): string[] {
  const value = options.values[key];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}

/** The help lines for a set of options. */
export function renderOptionsHelp(specs: readonly OptionSpec[]): string {
  return specs
    .map((spec) => {
      const flags = [...spec.flags, ...(spec.negation ? [spec.negation] : [])].join(', ');
      const argument = spec.kind === 'string' ? ' V' : spec.kind === 'words' ? ' V ...' : '';
      return helpLine(`  ${flags}${argument}`, spec.help);
    })
    .join('\n');
}

/** One option's help: flags left, text from column 28 (on the next line when the flags reach it). */
function helpLine(left: string, help: string): string {
  return left.length >= 28 ? `${left}\n${' '.repeat(28)}${help}` : `${left.padEnd(28)}${help}`;
}

function fromSamConfig(value: unknown, kind: OptionSpec['kind']): OptionValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (kind === 'boolean')
    return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
  if (kind === 'words') {
    if (Array.isArray(value)) return value.map(String);
    return typeof value === 'string' ? [value] : undefined;
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
