// samconfig.toml (or .yaml) holds the options SAM CLI commands read: `[<env>.<command>.parameters]` tables, with
// `[<env>.global.parameters]` applying to every command and the command's own table winning.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { WorkbenchError } from '../../errors';
import { parseParameterOverrides } from './parameterOverrides';

/** The samconfig values the local runtime uses. */
export interface SamConfigValues {
  /** The file the values came from, or undefined when the folder has none. */
  path: string | undefined;
  parameterOverrides: Record<string, string>;
  region?: string;
  stackName?: string;
}

/** Which samconfig tables to read. */
export interface SamConfigSelection {
  /** The config environment (`--config-env`), default `default`. */
  environment?: string;
  /** The command table, e.g. `local_invoke` or `local_start_api`; default `local_invoke`. */
  command?: string;
}

const FILE_NAMES = ['samconfig.toml', 'samconfig.yaml', 'samconfig.yml'];

/** Reads the samconfig file SAM CLI would use for a project folder; an absent file gives empty values. */
export function readSamConfig(projectDirectory: string, selection: SamConfigSelection = {}): SamConfigValues {
  const path = findSamConfig(projectDirectory);
  if (!path) return { path: undefined, parameterOverrides: {} };
  return parseSamConfig(readFileSync(path, 'utf8'), path.endsWith('.toml') ? 'toml' : 'yaml', selection, path);
}

/** Every option of one command's table, `[<env>.global.parameters]` first and the command's own winning. */
export interface SamConfigParameters {
  path: string | undefined;
  parameters: Record<string, unknown>;
}

/** The samconfig file SAM CLI would use for a project folder, or undefined. */
export function findSamConfig(projectDirectory: string): string | undefined {
  const fileName = FILE_NAMES.find((name) => existsSync(join(projectDirectory, name)));
  return fileName ? join(projectDirectory, fileName) : undefined;
}

/** Reads one command's options from a samconfig file (all of them, keys as written: `stack_name`, `s3_bucket`...). */
export function readSamConfigParameters(path: string | undefined, selection: SamConfigSelection): SamConfigParameters {
  if (!path || !existsSync(path)) return { path: undefined, parameters: {} };
  const document = parseSamConfigDocument(readFileSync(path, 'utf8'), path.endsWith('.toml') ? 'toml' : 'yaml', path);
  return { path, parameters: mergedParameters(document, selection) };
}

/** Parses samconfig text; throws a WorkbenchError naming the file when it is malformed. */
export function parseSamConfig(
  text: string,
  format: 'toml' | 'yaml',
  selection: SamConfigSelection = {},
  path?: string,
): SamConfigValues {
  const document = parseSamConfigDocument(text, format, path);
  const environment = table(document, selection.environment ?? 'default');
  const merged = mergedParameters(document, selection);
  const overrides = merged['parameter_overrides'];
  const values: SamConfigValues = {
    path,
    parameterOverrides:
      typeof overrides === 'string' || (Array.isArray(overrides) && overrides.every((item) => typeof item === 'string'))
        ? parseParameterOverrides(overrides)
        : {},
  };
  // Only names come from the deploy table: they make placeholders match what the stack will really be called.
  const deploy = table(table(environment, 'deploy'), 'parameters');
  const region = merged['region'] ?? deploy['region'];
  const stackName = merged['stack_name'] ?? deploy['stack_name'];
  if (typeof region === 'string') values.region = region;
  if (typeof stackName === 'string') values.stackName = stackName;
  return values;
}

function parseSamConfigDocument(text: string, format: 'toml' | 'yaml', path: string | undefined): unknown {
  try {
    return format === 'toml' ? parseToml(text) : parseYaml(text);
  } catch (error) {
    throw WorkbenchError.chain(error, `${path ?? 'samconfig'} is not valid ${format.toUpperCase()}`, {
      code: 'InvalidSamConfig',
      hint: 'Fix the file, or remove it to use the template defaults.',
    });
  }
}

function mergedParameters(document: unknown, selection: SamConfigSelection): Record<string, unknown> {
  const environment = table(document, selection.environment ?? 'default');
  return {
    ...table(table(environment, 'global'), 'parameters'),
    ...table(table(environment, selection.command ?? 'local_invoke'), 'parameters'),
  };
}

function table(value: unknown, key: string): Record<string, unknown> {
  if (!value || typeof value !== 'object') return {};
  const entry = (value as Record<string, unknown>)[key];
  return entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
}
