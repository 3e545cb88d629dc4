// What `invoke` and `start-api` give the functions they run: the SDK their Lambda runtime provides (installed on
// first need into the user's cache, or from --sdk-dir) and a destination for their SDK calls, chosen with the
// backend flags every command shares (backendOptions.ts): the local cloud by default, --endpoint-url, --profile or
// --aws; or --aws-calls unchanged, which leaves them to the shell's configuration (as `sam local invoke`).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  callsToAws,
  callsToEndpoint,
  functionAwsCallEnvironment,
  UNCHANGED_CALLS,
  type FunctionAwsCalls,
} from '../core/aws/functionAwsCalls';
import type { Logger } from '../core/logger';
import { createProvidedSdk } from '../core/runtime/providedSdk/providedSdk';
import type { RuntimePoolOptions } from '../core/runtime/runtimeTypes';
import { connectCliBackend, readBackendFlag, type BackendFlags } from './backendOptions';
import { cliUsageError } from './templateCommandOptions';

/** The options, as parsed. */
export interface FunctionAwsAccessOptions extends BackendFlags {
  awsCalls?: string;
  sdkDirectory?: string;
}

export const FUNCTION_AWS_OPTIONS_HELP = `The functions' AWS SDK calls go to the local cloud on 127.0.0.1:4566 (started in the background when none
runs), or:
  --endpoint-url URL     Any AWS-compatible endpoint (placeholder credentials)
  --profile NAME         AWS, with this profile from ~/.aws/config
  --aws                  AWS, with the SDK's default credentials
  --aws-calls unchanged  The shell's own AWS configuration decides (as sam local invoke)
  --local-cloud-port N, --local-cloud-state-dir DIR   The local cloud's port and state folder
  --sdk-dir DIR          The SDKs Lambda runtimes provide (aws-sdk, @aws-sdk/*, boto3) come from DIR
                         (default: installed on first need into ~/.cache/serverless-workbench/runtime-sdks)
`;

/** Reads one of these options; false when `arg` is not one of them. (--region is the template options'.) */
export function readFunctionAwsOption(
  command: string,
  arg: string,
  value: () => string,
  parsed: FunctionAwsAccessOptions,
): boolean {
  switch (arg) {
    case '--aws-calls':
      parsed.awsCalls = value();
      if (parsed.awsCalls !== 'unchanged') {
        throw cliUsageError(
          command,
          '--aws-calls takes "unchanged" (--endpoint-url, --profile, --aws choose the rest).',
        );
      }
      return true;
    case '--sdk-dir':
      parsed.sdkDirectory = value();
      return true;
    default:
      return readBackendFlag(command, arg, value, parsed);
  }
}

/** Pool options for the runtime, and where the calls go. */
export interface FunctionAwsAccess {
  poolOptions: Pick<RuntimePoolOptions, 'extraEnvironment' | 'providedSdk'>;
  calls: FunctionAwsCalls;
}

/** Sets up the functions' AWS access for one command; says on stderr where their calls go. */
export async function prepareFunctionAwsAccess(
  command: string,
  options: FunctionAwsAccessOptions,
  logger: Logger,
  region: string | undefined,
): Promise<FunctionAwsAccess> {
  const cache = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'serverless-workbench');
  const providedSdk = createProvidedSdk({
    storeDirectory: join(cache, 'runtime-sdks'),
    ...(options.sdkDirectory ? { configuredDirectory: resolve(options.sdkDirectory) } : {}),
    logger,
    onInstall: (description) => process.stderr.write(`${description}...\n`),
  });
  let calls: FunctionAwsCalls = UNCHANGED_CALLS;
  if (options.awsCalls !== 'unchanged') {
    const backend = await connectCliBackend(command, options, {
      logger,
      ...(region ? { fallbackRegion: region } : {}),
    });
    const chosen = backend.backend;
    if (chosen.kind === 'aws') calls = { ...callsToAws(chosen.profile, backend.region), label: backend.description };
    else if (chosen.kind === 'endpoint') calls = callsToEndpoint(chosen.url);
    else
      calls = callsToEndpoint(backend.localCloud?.endpoint ?? backend.settings('lambda').endpoint ?? '', 'local cloud');
  }
  process.stderr.write(`AWS SDK calls of the functions go to ${calls.label}\n`);
  return { poolOptions: { extraEnvironment: functionAwsCallEnvironment(calls), providedSdk }, calls };
}
