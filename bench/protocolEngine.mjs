#!/usr/bin/env node
// The model-driven protocol layer's cost (issue #13 budget: at most 20 % on the local cloud benches): the same
// workloads against this tree's local cloud and against the local cloud of the last commit before the engine
// (its route table and hand-written JSON), both as child processes, in the same run. Rounds alternate between the
// two so load on a shared machine hits both alike; each figure is the median of the rounds' p50s.
// Usage: node bench/protocolEngine.mjs [--peer DIR] [--rounds 7]
//   --peer DIR   a checkout of the peer (default: a temporary git worktree at PEER_COMMIT, removed afterwards)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { measure, spawnServer } from './benchTiming.mjs';
import { fillBenchLogGroup, filterAllPages } from './logWorkload.mjs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const repoRoot = join(fileURLToPath(import.meta.url), '..', '..');
/** The parent of "localcloud: model-driven protocol engine": Logs and Lambda on hand-written routes and JSON. */
const PEER_COMMIT = 'ba6b734^';
const BUDGET_RATIO = 1.2;
const argument = (name, fallback) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback;
const rounds = Number(argument('--rounds', '7'));

const ZIP = zipSync(
  { 'index.js': strToU8('exports.handler = async (event) => event;\n') },
  { mtime: '2020-01-01T00:00:00Z' },
);
const PAYLOAD = Buffer.from(JSON.stringify({ hello: 'world', items: [1, 2, 3] }));

/** A temporary worktree of the peer commit, sharing this tree's node_modules. */
function peerWorktree() {
  const directory = mkdtempSync(join(tmpdir(), 'sw-bench-peer-'));
  rmSync(directory, { recursive: true });
  execFileSync('git', ['-C', repoRoot, 'worktree', 'add', '--detach', directory, PEER_COMMIT], { stdio: 'ignore' });
  symlinkSync(join(repoRoot, 'node_modules'), join(directory, 'node_modules'));
  return {
    directory,
    remove: () => execFileSync('git', ['-C', repoRoot, 'worktree', 'remove', '--force', directory]),
  };
}

/** Starts a tree's local cloud and fills it: the echo function plus 999 more, 100,000 log events. */
async function startCloud(name, tree) {
  const stateDirectory = mkdtempSync(join(tmpdir(), `sw-bench-${name}-`));
  const server = await spawnServer(
    ['--import', 'tsx', join(tree, 'src', 'localcloud', 'main.ts'), '--port', '0', '--state-dir', stateDirectory],
    { cwd: tree },
  );
  const config = {
    endpoint: `http://127.0.0.1:${server.port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  };
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient({ ...config, disableHostPrefix: true });
  const stop = async () => {
    lambda.destroy();
    logs.destroy();
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    rmSync(stateDirectory, { recursive: true, force: true });
  };
  try {
    await fill(config);
    const invoke = () => lambda.send(new InvokeCommand({ FunctionName: 'echo', Payload: PAYLOAD }));
    for (let index = 0; index < 300; index++) await invoke();
    return {
      name,
      workloads: {
        'Invoke p50 (warm, sequential)': () => measure(300, invoke),
        'ListFunctions first page of 50 of 1,000, p50': () =>
          measure(60, () => lambda.send(new ListFunctionsCommand({}))),
        'FilterLogEvents "ERROR" over 100,000 events (all pages), p50': () =>
          measure(3, () => filterAllPages(logs, 'ERROR')),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The functions and log events. Under load a request can meet a keep-alive socket the server is closing (`socket
 * hang up`): the fill's clients retry (the measured clients do not).
 */
async function fill(config) {
  const lambda = new LambdaClient({ ...config, maxAttempts: 5 });
  const logs = new CloudWatchLogsClient({ ...config, maxAttempts: 5, disableHostPrefix: true });
  try {
    for (let index = 0; index < 1000; index++) {
      await lambda.send(
        new CreateFunctionCommand({
          FunctionName: index === 0 ? 'echo' : `fn-${String(index).padStart(4, '0')}`,
          Runtime: 'nodejs20.x',
          Role: 'arn:aws:iam::123456789012:role/r',
          Handler: 'index.handler',
          Code: { ZipFile: ZIP },
        }),
      );
    }
    await fillBenchLogGroup(logs);
  } finally {
    lambda.destroy();
    logs.destroy();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
  const given = argument('--peer', undefined);
  const peer = given ? { directory: given, remove: () => {} } : peerWorktree();
  if (!existsSync(join(peer.directory, 'src', 'localcloud', 'main.ts')))
    throw new Error(`no local cloud in ${peer.directory}`);
  const peerCommit = execFileSync('git', ['-C', peer.directory, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' });
  // Whatever fails (a fill under load, a workload), the servers and the peer worktree are stopped and removed.
  const started = [];
  try {
    const ours = await startCloud('engine', repoRoot);
    started.push(ours);
    const before = await startCloud('pre-engine', peer.directory);
    started.push(before);
    console.log(`# protocol engine cost (Node ${process.version}, ${rounds} alternating rounds)`);
    console.log(`peer: ${peerCommit.trim().slice(0, 100)}`);
    const results = {};
    for (let round = 0; round < rounds; round++) {
      for (const cloud of round % 2 === 0 ? [ours, before] : [before, ours]) {
        for (const [workload, run] of Object.entries(cloud.workloads)) {
          const figure = await run();
          ((results[workload] ??= {})[cloud.name] ??= []).push(figure.p50);
        }
      }
    }
    let within = true;
    console.log(`\n${'workload'.padEnd(62)}${'engine'.padStart(10)}${'pre-engine'.padStart(12)}${'ratio'.padStart(8)}`);
    for (const [workload, figures] of Object.entries(results)) {
      const engine = median(figures.engine);
      const peerFigure = median(figures['pre-engine']);
      const ratio = engine / peerFigure;
      within &&= ratio <= BUDGET_RATIO;
      console.log(
        `${workload.padEnd(62)}${`${engine.toFixed(2)} ms`.padStart(10)}${`${peerFigure.toFixed(2)} ms`.padStart(12)}${`${ratio.toFixed(2)}x`.padStart(8)}`,
      );
    }
    console.log(
      `\nbudget: engine / pre-engine <= ${BUDGET_RATIO} on each: ${within ? 'within budget' : 'OVER BUDGET'}`,
    );
  } finally {
    await Promise.allSettled(started.map((cloud) => cloud.stop()));
    peer.remove();
  }
}

await main();
