// The scenario every client (SDK v3, aws CLI, boto3) drives against the local cloud, and how to start it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strict as assert } from 'node:assert';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describeFindings, type ErrorFinding } from '../../src/localcloud/protocol/errorDeclarations';
import { startLocalCloudProcess, type LocalCloudProcess } from '../../src/localcloud/localCloudProcess';
import { repoRoot } from '../support/paths';

/** The seed every fidelity run uses, so alias routing counts are reproducible. */
export const ROUTING_SEED = 7;
/** The weight of version 2 on the `live` alias, and how far the observed share may stray from it. */
export const ROUTED_WEIGHT = 0.3;
export const ROUTING_TOLERANCE = 0.12;

/** Generation 1 and 2 of the function: they log a marker and say which version ran. */
export function functionZip(generation: number): Uint8Array {
  const source = `exports.handler = async (event, context) => {
  console.log('marker=' + (event.marker || 'none') + ' generation=${generation}');
  return { echo: event, generation: ${generation}, version: context.functionVersion };
};
`;
  return zipSync({ 'index.js': strToU8(source) }, { mtime: '2020-01-01T00:00:00Z' });
}

/** A local cloud in its own process (the real server entry point and the real runtime), on a free port. */
export interface FidelityCloud {
  process: LocalCloudProcess;
  endpoint: string;
  stateDirectory: string;
  stop(): Promise<void>;
}

/** Starts `src/localcloud/main.ts` through tsx with a fresh state directory and the routing seed. */
export async function startFidelityCloud(
  stateDirectory = mkdtempSync(join(tmpdir(), 'sw-fidelity-')),
  options: { timeScale?: number } = {},
): Promise<FidelityCloud> {
  const process = await startLocalCloudProcess({
    entryPoint: join(repoRoot, 'src', 'localcloud', 'main.ts'),
    nodeArguments: ['--import', 'tsx'],
    stateDirectory,
    seed: ROUTING_SEED,
    ...options,
  });
  return {
    process,
    endpoint: process.endpoint,
    stateDirectory,
    stop: async () => {
      const undeclared = await undeclaredErrors(process.endpoint).catch(() => []);
      await process.stop();
      rmSync(stateDirectory, { recursive: true, force: true });
      // Every scenario doubles as a check that Lambda and Logs answer only the errors their models declare.
      assert.deepEqual(undeclared, [], 'errors the service models do not declare (protocol/errorDeclarations.ts)');
    },
  };
}

/**
 * The errors a cloud answered that the Lambda and Logs models do not declare for the operation (or declare with
 * another status), one line each (GET /_localcloud/undeclared-errors).
 */
export async function undeclaredErrors(endpoint: string): Promise<string[]> {
  const response = await fetch(`${endpoint}/_localcloud/undeclared-errors`);
  const report = (await response.json()) as Record<string, ErrorFinding[]>;
  return [
    ...describeFindings('Lambda', report.lambda ?? []),
    ...describeFindings('CloudWatch Logs', report.logs ?? []),
  ];
}

/** Environment for the CLI and boto3: dummy credentials, a region, no user config files. */
export function clientEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
    ...extra,
  };
}

/** An SDK v3 Lambda client of a fidelity cloud (one attempt: a failure shows at once). */
export function fidelityLambdaClient(cloud: FidelityCloud): LambdaClient {
  return new LambdaClient({
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

/** The error an SDK call fails with (name, HTTP status, message); fails the test when the call succeeds. */
export async function awsFailure(
  promise: Promise<unknown>,
): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: failed.name, status: failed.$metadata?.httpStatusCode, message: failed.message };
  }
  return assert.fail('the call succeeded');
}

/** A suite's own fidelity cloud and SDK v3 Lambda client, set by the hooks `useFidelityCloud` registers. */
export interface FidelitySuite {
  cloud: FidelityCloud;
  lambda: LambdaClient;
}

/**
 * Registers mocha hooks that start a fidelity cloud (and a Lambda client) before the suite's tests and stop it
 * after them; call it first in a `describe` so the suite's own `before` hooks see the cloud.
 */
export function useFidelityCloud(options: { timeScale?: number } = {}): FidelitySuite {
  const suite = {} as FidelitySuite;
  before(async () => {
    suite.cloud = await startFidelityCloud(undefined, options);
    suite.lambda = fidelityLambdaClient(suite.cloud);
  });
  after(async () => {
    suite.lambda?.destroy();
    await suite.cloud?.stop();
  });
  return suite;
}

/** The lines a boto3 Lambda scenario starts with: `client` is a Lambda client of the endpoint in argv[1]. */
const BOTO3_LAMBDA_PREAMBLE = [
  'import io, json, sys, zipfile',
  'import boto3',
  'from botocore.config import Config',
  'client = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="t",',
  '    aws_secret_access_key="t", config=Config(retries={"max_attempts": 1}))',
];

/** Runs Python lines after the boto3 Lambda preamble against the cloud; answers the JSON the script prints. */
export async function runBoto3Lambda(cloud: FidelityCloud, lines: readonly string[]): Promise<unknown> {
  const directory = mkdtempSync(join(tmpdir(), 'sw-fidelity-boto3-'));
  try {
    const script = join(directory, 'scenario.py');
    writeFileSync(script, [...BOTO3_LAMBDA_PREAMBLE, ...lines].join('\n'));
    const { stdout } = await promisify(execFile)('python3', [script, cloud.endpoint], { env: clientEnvironment() });
    return JSON.parse(stdout) as unknown;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
