// Deploy budgets (issue #10), against one local cloud process, beside the peer in the same run:
// - ours, terminal: `serverless-workbench build` + `deploy` of samples/hello-sam from a clean copy (no .aws-sam), a
//   second `deploy` with nothing changed, and `sync --code` after a handler edit; each a fresh CLI process
//   (dist/cli.js), as a person runs them (wall time, and CPU time from /usr/bin/time: steadier under load);
// - ours, editor: the same three through the core functions the extension calls (buildApplication,
//   prepareDeployment + execute, planCodeSync + syncFunctionCode) in one process with warm SDK clients, as the
//   editor's Deploy command and sync on save run them;
// - peer: `aws cloudformation package` (uploads through AWS_ENDPOINT_URL, which awscli 1.31+ reads) +
//   `aws cloudformation deploy --endpoint-url` of the same app, its second deploy, and its code-only update
//   (package + deploy again). awscli's waiters sleep between polls (5 s for the change set, 30 s while the stack
//   changes), so its wall time is mostly sleeping; the printed "calls" column is its time minus the sleeps its
//   --debug log shows, the fairer figure for the work itself.
// Budgets: build + package + deploy < 3 s; a second deploy with no change < 1 s; a code-only sync < 500 ms.
// Run: npm run build && npx tsx bench/deploy.ts   (BENCH_RUNS=N, default 3; BENCH_PEER=0 skips awscli)
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as awsClients from '../src/core/aws/awsClients';
import type { AwsClientSettings } from '../src/core/aws/backend';
import { buildApplication } from '../src/core/deploy/build/buildApplication';
import { syncFunctionCode } from '../src/core/deploy/codeSync';
import { planCodeSync } from '../src/core/deploy/codeSyncPlan';
import { prepareDeployment } from '../src/core/deploy/deployApplication';
import { startLocalCloudProcess } from '../src/localcloud/localCloudProcess';

const repoRoot = join(__dirname, '..');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const PEER = process.env['BENCH_PEER'] !== '0';
const BUDGETS = { firstDeployMs: 3000, noChangeMs: 1000, syncMs: 500 };
const cli = join(repoRoot, 'dist', 'cli.js');

interface Timed {
  ms: number;
  /** User + system CPU time of the process, when /usr/bin/time is there. */
  cpuMs?: number;
  stdout: string;
  stderr: string;
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const CPU_MARK = 'bench-cpu-seconds';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const started = performance.now();
  const [file, argv] = TIME ? [TIME, ['-f', `${CPU_MARK} %U %S`, command, ...args]] : [command, args];
  const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const cpu = new RegExp(`${CPU_MARK} ([\\d.]+) ([\\d.]+)`).exec(stderr);
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`));
      else resolve({ ms, ...(cpuMs !== undefined ? { cpuMs } : {}), stdout, stderr });
    });
  });
}

/** The seconds awscli's waiters slept, from its --debug log ("Sleeping for N seconds" is not logged, so: gaps). */
function waiterSleepMs(debugLog: string): number {
  // botocore logs each waiter attempt; the sleep sits between a response and the next "Making request" line.
  let slept = 0;
  let lastResponse: number | undefined;
  for (const line of debugLog.split('\n')) {
    const time = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})/.exec(line)?.[1];
    if (!time) continue;
    const at = Date.parse(time.replace(' ', 'T').replace(',', '.') + 'Z');
    if (/Response headers|Response body/.test(line)) lastResponse = at;
    else if (/Making request for OperationModel/.test(line) && lastResponse !== undefined) {
      const gap = at - lastResponse;
      if (gap > 900) slept += gap;
      lastResponse = undefined;
    }
  }
  return slept;
}

function freshProject(): string {
  const project = mkdtempSync(join(tmpdir(), 'sw-bench-deploy-'));
  cpSync(join(repoRoot, 'samples', 'hello-sam'), project, { recursive: true });
  rmSync(join(project, '.aws-sam'), { recursive: true, force: true });
  return project;
}

function editHandler(project: string, status: number): void {
  const handler = join(project, 'src', 'users', 'app.mjs');
  writeFileSync(handler, readFileSync(handler, 'utf8').replace(/statusCode: \d+/, `statusCode: ${status}`));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const results = new Map<string, number[]>();
function record(label: string, ms: number): void {
  results.set(label, [...(results.get(label) ?? []), ms]);
}
/** Wall time, and CPU time as its own row. */
function recordRun(label: string, ...runs: Timed[]): void {
  record(
    label,
    runs.reduce((sum, timed) => sum + timed.ms, 0),
  );
  if (runs.every((timed) => timed.cpuMs !== undefined))
    record(
      `${label} [CPU]`,
      runs.reduce((sum, timed) => sum + (timed.cpuMs ?? 0), 0),
    );
}

async function ours(endpoint: string, index: number): Promise<void> {
  const project = freshProject();
  const flags = ['--endpoint-url', endpoint, '--stack-name', `bench-ours-${index}`];
  try {
    const build = await run(process.execPath, [cli, 'build'], project);
    const deploy = await run(process.execPath, [cli, 'deploy', ...flags], project);
    if (!/Successfully created stack/.test(deploy.stdout)) throw new Error(deploy.stdout);
    recordRun('ours: build', build);
    recordRun('ours: package + deploy', deploy);
    recordRun('ours: build + package + deploy', build, deploy);
    const again = await run(process.execPath, [cli, 'deploy', ...flags], project);
    if (!/No changes to deploy/.test(again.stdout)) throw new Error(again.stdout);
    recordRun('ours: second deploy, no change', again);
    editHandler(project, 201 + index);
    const sync = await run(process.execPath, [cli, 'sync', '--code', ...flags], project);
    if (!/UsersFunction\s+\S+: updated/.test(sync.stdout)) throw new Error(sync.stdout);
    recordRun('ours: code-only sync (sync --code)', sync);
    editHandler(project, 301 + index);
    const rebuilt = await run(process.execPath, [cli, 'build'], project);
    const update = await run(process.execPath, [cli, 'deploy', ...flags], project);
    recordRun('ours: code-only update through build + deploy', rebuilt, update);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** The editor's path: the core functions the extension calls, in this process, with warm SDK clients. */
async function editor(endpoint: string, index: number): Promise<void> {
  const project = freshProject();
  const templatePath = join(project, 'template.yaml');
  const stackName = `bench-editor-${index}`;
  const settings = (service: string): AwsClientSettings => ({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...(service === 's3' ? { forcePathStyle: true } : {}),
  });
  const lambda = new awsClients.LambdaClient(settings('lambda'));
  const cloudFormation = new awsClients.CloudFormationClient(settings('cloudformation'));
  const deploy = async (): Promise<'deployed' | 'noChanges'> => {
    const built = await buildApplication({ templatePath, buildDirectory: join(project, '.aws-sam', 'build') });
    const prepared = await prepareDeployment(
      { clients: awsClients, settings, backendDescription: 'local cloud', pollIntervalMs: { min: 20, max: 250 } },
      {
        templatePath: built.builtTemplatePath,
        stackName,
        parameterOverrides: { Stage: 'dev' },
        capabilities: ['CAPABILITY_IAM'],
        tags: {},
        artifacts: {},
      },
    );
    try {
      if (prepared.changeSet.empty) {
        await prepared.discard();
        return 'noChanges';
      }
      const outcome = await prepared.execute();
      if (!outcome.succeeded) throw new Error(`${stackName}: ${outcome.status}`);
      return 'deployed';
    } finally {
      prepared.dispose();
    }
  };
  try {
    let started = performance.now();
    if ((await deploy()) !== 'deployed') throw new Error('the first deploy found nothing to do');
    record('editor: build + package + deploy', performance.now() - started);
    started = performance.now();
    if ((await deploy()) !== 'noChanges') throw new Error('the second deploy changed something');
    record('editor: second deploy, no change', performance.now() - started);
    editHandler(project, 401 + index);
    started = performance.now();
    const targets = await planCodeSync({ templatePath });
    const synced = await syncFunctionCode({ clients: awsClients, lambda, cloudFormation }, stackName, targets);
    if (!synced.some((result) => result.status === 'updated')) throw new Error('nothing synced');
    record('editor: code-only sync (on save)', performance.now() - started);
  } finally {
    lambda.destroy();
    cloudFormation.destroy();
    rmSync(project, { recursive: true, force: true });
  }
}

async function peer(endpoint: string, index: number): Promise<void> {
  const project = freshProject();
  const environment = {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL: endpoint,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  };
  const aws = (...args: string[]) => run('aws', ['--endpoint-url', endpoint, ...args], project, environment);
  const packageArgs = ['cloudformation', 'package', '--template-file', 'template.yaml', '--s3-bucket', 'bench-peer'];
  const deployArgs = [
    'cloudformation',
    'deploy',
    '--debug',
    '--template-file',
    'packaged.yaml',
    '--stack-name',
    `bench-peer-${index}`,
    '--capabilities',
    'CAPABILITY_IAM',
    '--parameter-overrides',
    'Stage=dev',
  ];
  try {
    if (index === 0) await aws('s3', 'mb', 's3://bench-peer');
    const packaged = await aws(...packageArgs, '--output-template-file', 'packaged.yaml');
    const deploy = await aws(...deployArgs);
    recordRun('peer: package', packaged);
    recordRun('peer: package + deploy', packaged, deploy);
    record('peer: package + deploy, minus waiter sleeps', packaged.ms + deploy.ms - waiterSleepMs(deploy.stderr));
    const again = await aws(...deployArgs, '--no-fail-on-empty-changeset');
    if (!/No changes to deploy/.test(again.stdout)) throw new Error(again.stdout);
    recordRun('peer: second deploy, no change', again);
    record('peer: second deploy, minus waiter sleeps', again.ms - waiterSleepMs(again.stderr));
    editHandler(project, 201 + index);
    const repackaged = await aws(...packageArgs, '--output-template-file', 'packaged.yaml');
    const update = await aws(...deployArgs);
    recordRun('peer: code-only update (package + deploy)', repackaged, update);
    record('peer: code-only update, minus waiter sleeps', repackaged.ms + update.ms - waiterSleepMs(update.stderr));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** How much faster than real time the local cloud's CodeDeploy waits pass in this bench. */
const BENCH_TIME_SCALE = 3000;

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const stateDirectory = mkdtempSync(join(tmpdir(), 'sw-bench-deploy-state-'));
  // hello-sam's UsersFunction deploys by Canary10Percent5Minutes: a code change through CloudFormation (ours and
  // awscli's alike) waits for CodeDeploy's five minutes, which is no tool's time: the rehearsal runs 3,000x faster.
  const cloud = await startLocalCloudProcess({
    entryPoint: join(repoRoot, 'dist', 'localcloud.js'),
    stateDirectory,
    timeScale: BENCH_TIME_SCALE,
  });
  try {
    console.log(`local cloud ${cloud.endpoint}; ${RUNS} runs each; medians`);
    for (let index = 0; index < RUNS; index++) {
      await ours(cloud.endpoint, index);
      await editor(cloud.endpoint, index);
      if (PEER) await peer(cloud.endpoint, index);
    }
  } finally {
    await cloud.stop();
    rmSync(stateDirectory, { recursive: true, force: true });
  }
  for (const [label, samples] of results) {
    console.log(
      `${label.padEnd(48)} ${median(samples).toFixed(0).padStart(6)} ms  (${samples.map((ms) => ms.toFixed(0)).join(', ')})`,
    );
  }
  const figure = (label: string) => median(results.get(label) ?? []);
  const ms = (label: string) => `${figure(label).toFixed(0)} ms`;
  const ratio = (ourLabel: string, peerLabel: string) =>
    results.has(peerLabel) ? (figure(ourLabel) / figure(peerLabel)).toFixed(2) : '-';
  const rows: Array<[string, number, string, string, string]> = [
    [
      'build + package + deploy',
      BUDGETS.firstDeployMs,
      'ours: build + package + deploy',
      'editor: build + package + deploy',
      'peer: package + deploy',
    ],
    [
      'second deploy, no change',
      BUDGETS.noChangeMs,
      'ours: second deploy, no change',
      'editor: second deploy, no change',
      'peer: second deploy, no change',
    ],
    [
      'code-only change',
      BUDGETS.syncMs,
      'ours: code-only sync (sync --code)',
      'editor: code-only sync (on save)',
      'peer: code-only update (package + deploy)',
    ],
  ];
  const withoutSleeps: Record<string, string> = {
    'peer: package + deploy': 'peer: package + deploy, minus waiter sleeps',
    'peer: second deploy, no change': 'peer: second deploy, minus waiter sleeps',
    'peer: code-only update (package + deploy)': 'peer: code-only update, minus waiter sleeps',
  };
  console.log('\nbudgets, and ratios ours / awscli in this run (wall / wall, CPU / CPU):');
  for (const [title, budgetMs, terminal, editor, peerLabel] of rows) {
    const sleepless = withoutSleeps[peerLabel] ?? peerLabel;
    console.log(
      `  ${title.padEnd(26)} budget ${budgetMs} ms | terminal ${ms(terminal)} (CPU ${ms(`${terminal} [CPU]`)})` +
        ` | editor ${ms(editor)} | ratio terminal ${ratio(terminal, peerLabel)}, without awscli's sleeps` +
        ` ${ratio(terminal, sleepless)}, CPU ${ratio(`${terminal} [CPU]`, `${peerLabel} [CPU]`)}; editor ${ratio(editor, peerLabel)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
