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
  const fileName = FILE_NAMES.find((name) => existsSync(join(projectDirectory, name)));
  if (!fileName) return { path: undefined, parameterOverrides: {} };
  const path = join(projectDirectory, fileName);
  return parseSamConfig(readFileSync(path, 'utf8'), fileName.endsWith('.toml') ? 'toml' : 'yaml', selection, path);
}

/** Parses samconfig text; throws a WorkbenchError naming the file when it is malformed. */
export function parseSamConfig(
  text: string,
  format: 'toml' | 'yaml',
  selection: SamConfigSelection = {},
  path?: string,
): SamConfigValues {
  let document: unknown;
  try {
    document = format === 'toml' ? parseToml(text) : parseYaml(text);
  } catch (error) {
    throw WorkbenchError.chain(error, `${path ?? 'samconfig'} is not valid ${format.toUpperCase()}`, {
      code: 'InvalidSamConfig',
      hint: 'Fix the file, or remove it to use the template defaults.',
    });
  }
  const environment = table(document, selection.environment ?? 'default');
  const merged = {
    ...table(table(environment, 'global'), 'parameters'),
    ...table(table(environment, selection.command ?? 'local_invoke'), 'parameters'),
  };
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

function table(value: unknown, key: string): Record<string, unknown> {
  if (!value || typeof value !== 'object') return {};
  const entry = (value as Record<string, unknown>)[key];
  return entry && typeof entry === 'object' && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
}
