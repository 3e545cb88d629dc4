// The environment variables of one execution environment, as Lambda sets them.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { RuntimeIdentifier } from './runtimeIdentifier';
import type { FunctionDefinition } from './runtimeTypes';
import { MODULE_DIRECTORIES_VARIABLE } from './workerProtocol';

/** What the environment of an instance depends on besides the function itself. */
export interface InstanceEnvironmentInputs {
  runtime: RuntimeIdentifier;
  logStreamName: string;
  /** Where the code runs from: the code directory, or the esbuild output for bundled functions. */
  taskRoot: string;
  /** Where the bootstrap lives (LAMBDA_RUNTIME_DIR). */
  runtimeDirectory: string;
  /** The editor's or shell's variables: only the machine basics and AWS credentials are passed on. */
  hostEnvironment: Readonly<Record<string, string | undefined>>;
  /** The pool's extra variables, e.g. AWS_ENDPOINT_URL for the local cloud; an empty value removes the variable. */
  extraEnvironment?: Readonly<Record<string, string>>;
  /** Extra module folders (e.g. the source node_modules of a bundled function, for its externals). */
  extraModuleDirectories?: readonly string[];
  /** Where the SDK the runtime provides on Lambda is found: searched last, after the layers (as /var/runtime). */
  providedSdkDirectories?: readonly string[];
}

/** Passed through from the host so tools and SDKs work: the machine basics and the caller's AWS credentials. */
const HOST_VARIABLES = [
  'PATH',
  'HOME',
  'USER',
  'TMPDIR',
  'TEMP',
  'TMP',
  'SystemRoot',
  'SYSTEMROOT',
  'COMSPEC',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
];

/** Builds the environment: host basics < function variables < pool extras < Lambda's reserved variables. */
export function buildInstanceEnvironment(
  definition: FunctionDefinition,
  inputs: InstanceEnvironmentInputs,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of HOST_VARIABLES) {
    const value = inputs.hostEnvironment[name];
    if (value !== undefined) environment[name] = value;
  }
  Object.assign(environment, definition.environment, inputs.extraEnvironment ?? {});
  // An empty extra removes the variable (e.g. the caller's AWS keys, when calls go to a profile or the local cloud).
  for (const [name, value] of Object.entries(inputs.extraEnvironment ?? {})) if (value === '') delete environment[name];
  Object.assign(environment, {
    _HANDLER: definition.handler,
    AWS_REGION: definition.region,
    AWS_DEFAULT_REGION: definition.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: definition.version,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: definition.logGroupName,
    AWS_LAMBDA_LOG_STREAM_NAME: inputs.logStreamName,
    LAMBDA_TASK_ROOT: inputs.taskRoot,
    LAMBDA_RUNTIME_DIR: inputs.runtimeDirectory,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  });
  if (inputs.runtime.family === 'nodejs') {
    const moduleDirectories = [
      ...layerModuleDirectories(definition.layerDirectories, inputs.runtime),
      ...(inputs.extraModuleDirectories ?? []),
      ...(inputs.providedSdkDirectories ?? []),
    ];
    environment['NODE_PATH'] = [...moduleDirectories, inputs.taskRoot].join(delimiter);
    // ES modules ignore NODE_PATH: the bootstrap's resolve hooks search these folders for them instead.
    environment[MODULE_DIRECTORIES_VARIABLE] = moduleDirectories.join(delimiter);
  } else {
    environment['PYTHONPATH'] = [
      ...layerModuleDirectories(definition.layerDirectories, inputs.runtime),
      ...(inputs.providedSdkDirectories ?? []),
    ].join(delimiter);
    // Print output reaches the log as it happens, as on Lambda.
    environment['PYTHONUNBUFFERED'] = '1';
    environment['PYTHONDONTWRITEBYTECODE'] = '1';
  }
  return environment;
}

/**
 * Where modules of layers are found. On Lambda, layers are extracted into /opt in order (a later layer's files
 * win); Node looks in /opt/nodejs/node<major>/node_modules and /opt/nodejs/node_modules, Python in
 * /opt/python/lib/python3.x/site-packages and /opt/python. A layer folder that SAM would build (sources at its
 * root) is used as is.
 */
export function layerModuleDirectories(layerDirectories: readonly string[], runtime: RuntimeIdentifier): string[] {
  const directories: string[] = [];
  for (const layer of [...layerDirectories].reverse()) {
    const candidates =
      runtime.family === 'nodejs'
        ? [join(layer, 'nodejs', `node${runtime.version}`, 'node_modules'), join(layer, 'nodejs', 'node_modules')]
        : [join(layer, 'python', 'lib', `python${runtime.version}`, 'site-packages'), join(layer, 'python')];
    const present = candidates.filter((candidate) => existsSync(candidate));
    if (present.length > 0) directories.push(...present);
    else directories.push(runtime.family === 'nodejs' ? join(layer, 'node_modules') : layer);
  }
  return directories;
}
