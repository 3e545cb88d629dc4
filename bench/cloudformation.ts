// CloudFormation benchmark: samples/hello-sam deployed to CREATE_COMPLETE through SDK v3 (change set, execute,
// wait, polling every 10 ms), an update that changes one function's code, and the same deployment by
// `aws cloudformation deploy` against the same endpoint in the same run (the client-side floor: awscli waits
// seconds between its polls). The local cloud runs as a child process, as the extension runs it; code is packaged
// by src/core/deploy. Usage: npm run bench:cloudformation [-- --runs 15]
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import * as clients from '../src/core/aws/awsClients';
import { ArtifactUploader } from '../src/core/deploy/artifactUploader';
import { packageTemplate } from '../src/core/deploy/packageTemplate';
import { createS3ArtifactStore } from '../src/core/deploy/s3ArtifactStore';
import { serializeTemplate } from '../src/core/deploy/templateFile';
import { startLocalCloudProcess } from '../src/localcloud/localCloudProcess';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const run = promisify(execFile);
const repoRoot = join(__dirname, '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const BUDGETS = { deployP50Ms: 1000, updateP50Ms: 500 };
const BUCKET = 'bench-artifacts';

const percentile = (values: number[], fraction: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
};

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'sw-bench-cfn-'));
  const cloud = await startLocalCloudProcess({
    entryPoint: join(repoRoot, 'src', 'localcloud', 'main.ts'),
    nodeArguments: ['--import', 'tsx'],
    stateDirectory: join(work, 'state'),
  });
  const config = {
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
  };
  const s3 = new clients.S3Client({ ...config, forcePathStyle: true });
  const cfn = new clients.CloudFormationClient(config);
  try {
    await s3.send(new clients.s3.CreateBucketCommand({ Bucket: BUCKET }));
    const uploader = new ArtifactUploader(
      createS3ArtifactStore({ clients, s3, bucket: BUCKET, endpoint: cloud.endpoint, region: 'us-east-1' }),
    );
    const sample = join(work, 'hello-sam');
    cpSync(join(repoRoot, 'samples', 'hello-sam'), sample, { recursive: true });
    const packageSample = async () => {
      const packaged = await packageTemplate(join(sample, 'template.yaml'), uploader);
      return serializeTemplate(packaged.template, 'yaml');
    };
    const body = await packageSample();

    /** CreateChangeSet -> CREATE_COMPLETE / UPDATE_COMPLETE as a client sees it, polling every 10 ms. */
    const deploy = async (stackName: string, templateBody: string, type: 'CREATE' | 'UPDATE') => {
      const started = performance.now();
      const created = await cfn.send(
        new clients.cloudformation.CreateChangeSetCommand({
          StackName: stackName,
          ChangeSetName: `c${Date.now()}`,
          ChangeSetType: type,
          TemplateBody: templateBody,
          Capabilities: ['CAPABILITY_IAM'],
        }),
      );
      for (;;) {
        const changeSet = await cfn.send(
          new clients.cloudformation.DescribeChangeSetCommand({ ChangeSetName: created.Id }),
        );
        if (changeSet.Status === 'CREATE_COMPLETE') break;
        if (changeSet.Status === 'FAILED') throw new Error(`change set failed: ${changeSet.StatusReason}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await cfn.send(new clients.cloudformation.ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
      for (;;) {
        const [stack] = (await cfn.send(new clients.cloudformation.DescribeStacksCommand({ StackName: stackName })))
          .Stacks!;
        if (stack!.StackStatus === `${type}_COMPLETE`) return performance.now() - started;
        if (!stack!.StackStatus!.endsWith('_IN_PROGRESS'))
          throw new Error(`${stackName}: ${stack!.StackStatus} ${stack!.StackStatusReason}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    // Warm-up (JIT, first SAM transform, runtime modules), not measured.
    await deploy('bench-warmup', body, 'CREATE');
    const creates: number[] = [];
    const updates: number[] = [];
    const handler = join(sample, 'src', 'users', 'app.mjs');
    const original = readFileSync(handler, 'utf8');
    for (let index = 0; index < runs; index++) {
      creates.push(await deploy(`bench-${index}`, body, 'CREATE'));
      writeFileSync(handler, `${original}\n// revision ${index}\n`);
      const changed = await packageSample();
      updates.push(await deploy(`bench-${index}`, changed, 'UPDATE'));
      writeFileSync(handler, original);
    }

    // The peer: awscli 2.9's `cloudformation deploy` of the same packaged template against the same endpoint.
    const templateFile = join(work, 'packaged.yaml');
    writeFileSync(templateFile, body);
    const cliRuns: number[] = [];
    for (let index = 0; index < 3; index++) {
      const started = performance.now();
      await run(
        '/usr/bin/aws',
        [
          '--endpoint-url',
          cloud.endpoint,
          'cloudformation',
          'deploy',
          '--template-file',
          templateFile,
          '--stack-name',
          `bench-cli-${index}`,
          '--capabilities',
          'CAPABILITY_IAM',
        ],
        {
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            AWS_ACCESS_KEY_ID: 'bench',
            AWS_SECRET_ACCESS_KEY: 'bench',
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_CONFIG_FILE: '/dev/null',
            AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          },
        },
      );
      cliRuns.push(performance.now() - started);
    }

    const deployP50 = percentile(creates, 0.5);
    const updateP50 = percentile(updates, 0.5);
    const cliP50 = percentile(cliRuns, 0.5);
    const row = (label: string, value: string) => console.log(`${label.padEnd(66)}${value}`);
    console.log(`CloudFormation, samples/hello-sam (${runs} runs each; awscli 3 runs)`);
    row(
      'deploy to CREATE_COMPLETE, SDK v3, p50 (p90, min)',
      `${deployP50.toFixed(0)} ms (${percentile(creates, 0.9).toFixed(0)}, ${Math.min(...creates).toFixed(0)})`,
    );
    row(
      "update of one function's code to UPDATE_COMPLETE, p50 (p90)",
      `${updateP50.toFixed(0)} ms (${percentile(updates, 0.9).toFixed(0)})`,
    );
    row('peer: aws cloudformation deploy, same endpoint, p50', `${cliP50.toFixed(0)} ms`);
    row('ratio: our deploy / awscli deploy (client-side floor)', `${(deployP50 / cliP50).toFixed(3)}x`);
    row(`budget: deploy p50 < ${BUDGETS.deployP50Ms} ms`, deployP50 < BUDGETS.deployP50Ms ? 'met' : 'MISSED');
    row(`budget: update p50 < ${BUDGETS.updateP50Ms} ms`, updateP50 < BUDGETS.updateP50Ms ? 'met' : 'MISSED');
  } finally {
    s3.destroy();
    cfn.destroy();
    await cloud.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
