// Starts an in-process local cloud on a free port with a fresh state directory, plus SDK v3 clients for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import type { RuntimePool } from '../../src/core/runtime/runtimeTypes';
import { startLocalCloud, type LocalCloudOptions, type RunningLocalCloud } from '../../src/localcloud/localCloudServer';
import { createSeededRandom } from '../../src/localcloud/seededRandom';
import { describeFindings, type ErrorFinding } from '../../src/localcloud/protocol/errorDeclarations';
import { FakeRuntimePool } from './fakeRuntimePool';

// The SDK warns about Node 20 on every client; the tests know.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A started local cloud with clients pointed at it. */
export interface LocalCloudHarness {
  cloud: RunningLocalCloud;
  pool: RuntimePool;
  stateDirectory: string;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  s3: S3Client;
  /** Closes the server, and with `keepState: false` (default) removes the state directory. */
  stop(keepState?: boolean): Promise<void>;
}

/** SDK v3 client settings for a local endpoint: any credentials, no retries so errors surface at once. */
export function clientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  };
}

/** Starts a local cloud (fake runtime and seed 42 unless overridden). */
export async function startHarness(
  overrides: Partial<Omit<LocalCloudOptions, 'runtimePool'>> & { runtimePool?: RuntimePool } = {},
): Promise<LocalCloudHarness> {
  const stateDirectory = overrides.stateDirectory ?? mkdtempSync(join(tmpdir(), 'sw-localcloud-'));
  const pool = overrides.runtimePool ?? new FakeRuntimePool();
  const cloud = await startLocalCloud({
    port: 0,
    random: createSeededRandom(42),
    liveTailIntervalMs: 50,
    ...overrides,
    stateDirectory,
    runtimePool: pool,
  });
  const config = clientConfig(cloud.endpoint);
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient({ ...config, disableHostPrefix: true });
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  return {
    cloud,
    pool,
    stateDirectory,
    lambda,
    logs,
    s3,
    stop: async (keepState = false) => {
      lambda.destroy();
      logs.destroy();
      s3.destroy();
      await cloud.close();
      if (!keepState) rmSync(stateDirectory, { recursive: true, force: true });
    },
  };
}

/** A deployment package with one CommonJS handler file. */
export function zipOf(files: Record<string, string>): Uint8Array {
  // A fixed mtime keeps the bytes (and so CodeSha256) the same for the same files.
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), {
    mtime: '2020-01-01T00:00:00Z',
  });
}

/** The package the tests deploy: `index.handler` echoes its event. */
export const echoZip = () => zipOf({ 'index.js': 'exports.handler = async (event) => event;\n' });

/**
 * The errors the harness's cloud answered that the Lambda and Logs models do not declare for the operation (or
 * declare with another status), one line each: tests assert none.
 */
export async function undeclaredErrorsOf(harness: LocalCloudHarness): Promise<string[]> {
  const response = await fetch(`${harness.cloud.endpoint}/_localcloud/undeclared-errors`);
  const report = (await response.json()) as Record<string, ErrorFinding[]>;
  return [
    ...describeFindings('Lambda', report.lambda ?? []),
    ...describeFindings('CloudWatch Logs', report.logs ?? []),
  ];
}
