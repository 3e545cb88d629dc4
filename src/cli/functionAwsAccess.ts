// What `invoke` and `start-api` give the functions they run: the SDK their Lambda runtime provides (installed on
// first need into the user's cache, or from --sdk-dir) and a destination for their SDK calls: the local cloud by
// default (the one answering on 127.0.0.1:4566, else one started for the command), --endpoint-url, --profile
// (AWS), or --aws-calls unchanged (the shell's own configuration, as `sam local invoke`).
import { mkdtempSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  callsToAws,
  callsToEndpoint,
  functionAwsCallEnvironment,
  UNCHANGED_CALLS,
  type FunctionAwsCalls,
} from '../core/aws/functionAwsCalls';
import { WorkbenchError } from '../core/errors';
import type { Logger } from '../core/logger';
import { createProvidedSdk } from '../core/runtime/providedSdk/providedSdk';
import type { RuntimePoolOptions } from '../core/runtime/runtimeTypes';
import { startLocalCloud } from '../localcloud/localCloudServer';
import { cliUsageError } from './templateCommandOptions';

/** The options, as parsed. */
export interface FunctionAwsAccessOptions {
  awsCalls?: string;
  endpointUrl?: string;
  profile?: string;
  sdkDirectory?: string;
}

export const FUNCTION_AWS_OPTIONS_HELP = `  --endpoint-url URL     Send the functions' AWS SDK calls there (placeholder credentials)
  --profile NAME         Send them to AWS with this profile of ~/.aws/config
  --aws-calls unchanged  Leave them to the shell's AWS configuration
                         (default: the local cloud on 127.0.0.1:4566, started for the command when none runs)
  --sdk-dir DIR          The SDKs Lambda runtimes provide (aws-sdk, @aws-sdk/*, boto3) come from DIR
                         (default: installed on first need into ~/.cache/serverless-workbench/runtime-sdks)
`;

/** Reads one of these options; false when `arg` is not one of them. */
export function readFunctionAwsOption(arg: string, value: () => string, parsed: FunctionAwsAccessOptions): boolean {
  switch (arg) {
    case '--aws-calls':
      parsed.awsCalls = value();
      return true;
    case '--endpoint-url':
      parsed.endpointUrl = value();
      return true;
    case '--profile':
      parsed.profile = value();
      return true;
    case '--sdk-dir':
      parsed.sdkDirectory = value();
      return true;
    default:
      return false;
  }
}

/** Pool options and where calls go; `close` stops a local cloud started for the command. */
export interface FunctionAwsAccess {
  poolOptions: Pick<RuntimePoolOptions, 'extraEnvironment' | 'providedSdk'>;
  calls: FunctionAwsCalls;
  close(): Promise<void>;
}

const LOCAL_CLOUD_URL = 'http://127.0.0.1:4566';

/** Sets up the functions' AWS access for one command. */
export async function prepareFunctionAwsAccess(
  command: string,
  options: FunctionAwsAccessOptions,
  logger: Logger,
): Promise<FunctionAwsAccess> {
  const cache = join(process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'serverless-workbench');
  const providedSdk = createProvidedSdk({
    storeDirectory: join(cache, 'runtime-sdks'),
    ...(options.sdkDirectory ? { configuredDirectory: resolve(options.sdkDirectory) } : {}),
    logger,
    onInstall: (description) => process.stderr.write(`${description}...\n`),
  });
  let close = async (): Promise<void> => {};
  let calls: FunctionAwsCalls;
  if (options.awsCalls !== undefined && options.awsCalls !== 'unchanged') {
    throw cliUsageError(command, `--aws-calls takes "unchanged" (use --endpoint-url or --profile for the others).`);
  }
  if (options.awsCalls === 'unchanged') calls = UNCHANGED_CALLS;
  else if (options.endpointUrl) calls = callsToEndpoint(options.endpointUrl);
  else if (options.profile) calls = callsToAws(options.profile);
  else if (await answersHealth(LOCAL_CLOUD_URL)) calls = callsToEndpoint(LOCAL_CLOUD_URL, 'local cloud');
  else {
    // No local cloud runs: one for this command, on a free port, over the same state as `localcloud` keeps.
    const cloud = await startLocalCloud({ stateDirectory: join(cache, 'localcloud'), port: 0, logger }).catch(
      (error: unknown) => {
        // That state belongs to a local cloud running elsewhere (another port): use a fresh one.
        if (!(error instanceof WorkbenchError && error.code === 'StateDirectoryInUse')) throw error;
        return startLocalCloud({ stateDirectory: mkdtempSync(join(tmpdir(), 'sw-localcloud-')), port: 0, logger });
      },
    );
    calls = callsToEndpoint(cloud.endpoint, 'local cloud started for this command');
    close = () => cloud.close();
  }
  process.stderr.write(`AWS SDK calls of the functions go to ${calls.label}\n`);
  return { poolOptions: { extraEnvironment: functionAwsCallEnvironment(calls), providedSdk }, calls, close };
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_localcloud/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}
