// SAM CLI's `--env-vars env.json`: `{"<LogicalId>": {"VAR": "value"}, "Parameters": {"VAR": "value"}}`.
// Only variables the template declares are set; the file beats the shell, which beats the template.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-local-invoke.html
import { readFileSync } from 'node:fs';
import { WorkbenchError } from '../../errors';

/** The contents of an env.json file: per-function variables and variables for every function. */
export interface EnvVarsFile {
  /** Variables keyed by logical ID (or function name). */
  functions: Record<string, Record<string, string>>;
  /** The `Parameters` section: variables for every function. */
  shared: Record<string, string>;
}

/** Reads and validates an env.json file. */
export function readEnvVarsFile(path: string): EnvVarsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw WorkbenchError.chain(error, `Cannot read the environment variables file ${path}`, {
      code: 'EnvVarsFileUnreadable',
    });
  }
  return parseEnvVarsFile(text, path);
}

/** Parses env.json text; values that are numbers or booleans become text, as SAM CLI does. */
export function parseEnvVarsFile(text: string, path = 'env.json'): EnvVarsFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw WorkbenchError.chain(error, `${path} is not valid JSON`, {
      code: 'InvalidEnvVarsFile',
      hint: 'The file looks like {"MyFunction": {"TABLE_NAME": "local-table"}, "Parameters": {"STAGE": "dev"}}.',
    });
  }
  if (!isObject(document)) {
    throw new WorkbenchError(`${path} must hold a JSON object.`, {
      code: 'InvalidEnvVarsFile',
      hint: 'The file looks like {"MyFunction": {"TABLE_NAME": "local-table"}, "Parameters": {"STAGE": "dev"}}.',
    });
  }
  const result: EnvVarsFile = { functions: {}, shared: {} };
  for (const [key, section] of Object.entries(document)) {
    if (!isObject(section)) {
      throw new WorkbenchError(`"${key}" in ${path} must map variable names to values.`, {
        code: 'InvalidEnvVarsFile',
      });
    }
    const variables: Record<string, string> = {};
    for (const [name, value] of Object.entries(section)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        variables[name] = String(value);
      } else {
        throw new WorkbenchError(`${key}.${name} in ${path} must be text, a number or a boolean.`, {
          code: 'InvalidEnvVarsFile',
        });
      }
    }
    if (key === 'Parameters') result.shared = variables;
    else result.functions[key] = variables;
  }
  return result;
}

/** The inputs of SAM's environment precedence for one function. */
export interface EnvironmentSources {
  /** The template's variables after Globals and intrinsics: the declared names and their default values. */
  template: Readonly<Record<string, string>>;
  /** The shell's variables (process.env in the CLI). */
  shell?: Readonly<Record<string, string | undefined>>;
  file?: EnvVarsFile;
  /** Keys the file may use for this function: its logical ID, then its function name. */
  functionKeys: readonly string[];
}

/** Applies SAM's precedence: env.json (function section, then Parameters) > shell > template, declared names only. */
export function resolveEnvironment(sources: EnvironmentSources): Record<string, string> {
  const section = sources.functionKeys
    .map((key) => sources.file?.functions[key])
    .find((variables) => variables !== undefined);
  const result: Record<string, string> = {};
  for (const [name, templateValue] of Object.entries(sources.template)) {
    result[name] = section?.[name] ?? sources.file?.shared[name] ?? sources.shell?.[name] ?? templateValue;
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
