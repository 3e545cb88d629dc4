// What the S3 fidelity suites share: an SDK v3 S3 client of a fidelity cloud, a boto3 scenario file run against it
// (answering the names of the checks it ran), and the aws CLI's s3api with JSON output.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { repoRoot } from '../support/paths';
import { clientEnvironment, type FidelityCloud } from './fidelityScenario';

const run = promisify(execFile);
/** Debian's awscli 2 when installed, else the `aws` on PATH. */
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

/** An SDK v3 S3 client of a fidelity cloud (path-style, one attempt). */
export function fidelityS3Client(cloud: FidelityCloud): S3Client {
  return new S3Client({
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    forcePathStyle: true,
    maxAttempts: 1,
  });
}

/** Runs test/localcloud/<file> with python3 against the cloud; answers the checks it printed as having run. */
export async function runScenario(cloud: FidelityCloud, file: string): Promise<string[]> {
  const { stdout } = await run('python3', [join(repoRoot, 'test', 'localcloud', file), cloud.endpoint], {
    env: clientEnvironment(),
  });
  return JSON.parse(stdout) as string[];
}

/** `aws s3api <args>` against the cloud, its JSON output parsed (`{}` when it prints nothing). */
export async function s3api(cloud: FidelityCloud, ...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(AWS, ['--endpoint-url', cloud.endpoint, '--output', 'json', 's3api', ...args], {
    env: clientEnvironment(),
  });
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}
