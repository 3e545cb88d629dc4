// Local invoke latency and throughput of the runtime pool (src/core/runtime), for Node.js and Python hello-world
// functions, beside peers measured in the same run:
// - the npm package `lambda-local` on the same Node handler: it runs in-process (no isolation), so it is a floor
//   for per-invoke overhead, not a fair peer for isolation;
// - a bare `node -e` / `python3 -c pass` spawn: the physical floor for a cold start on this machine.
// Budgets (issue #4): warm invoke overhead under 5 ms (p50); Node cold start under 300 ms on a 2-core machine.
// Run: npx tsx bench/invoke.ts   (BENCH_COLD=N, BENCH_WARM=N to change the sample sizes)
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as lambdaLocal from 'lambda-local';
import { silentLogger } from '../src/core/logger';
import { locateInterpreter } from '../src/core/runtime/interpreterLocator';
import { createRuntimePool } from '../src/core/runtime/runtimePool';
import type { FunctionDefinition } from '../src/core/runtime/runtimeTypes';

const COLD_RUNS = Number(process.env['BENCH_COLD'] ?? 10);
const WARM_RUNS = Number(process.env['BENCH_WARM'] ?? 300);
const THROUGHPUT_MS = 2000;
const fixtures = join(__dirname, 'fixtures');
const event = JSON.stringify({ name: 'bench' });

function definition(runtime: string, folder: string): FunctionDefinition {
  return {
    functionName: `bench-${folder}`,
    runtime,
    handler: 'app.handler',
    codeDirectory: join(fixtures, folder),
    memorySizeMb: 128,
    timeoutSeconds: 10,
    environment: {},
    layerDirectories: [],
    version: '$LATEST',
    architecture: 'x86_64',
    region: 'us-east-1',
    accountId: '123456789012',
    functionArn: `arn:aws:lambda:us-east-1:123456789012:function:bench-${folder}`,
    logGroupName: `/aws/lambda/bench-${folder}`,
  };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? NaN;
}

const rows: Array<[string, string]> = [];
function row(label: string, samples: number[], unit = 'ms'): number {
  const p50 = percentile(samples, 0.5);
  rows.push([
    label,
    `p50 ${p50.toFixed(2)} ${unit}  p95 ${percentile(samples, 0.95).toFixed(2)} ${unit}  (n=${samples.length})`,
  ]);
  console.log(`${label.padEnd(52)} ${rows.at(-1)?.[1]}`);
  return p50;
}
function line(label: string, value: string): void {
  console.log(`${label.padEnd(52)} ${value}`);
}

async function measureRuntime(name: string, fn: FunctionDefinition) {
  const cold: number[] = [];
  const init: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const pool = createRuntimePool({ logger: silentLogger });
    const started = performance.now();
    const result = await pool.invoke(fn, { payload: event });
    cold.push(performance.now() - started);
    init.push(result.initDurationMs ?? NaN);
    if (result.functionError) throw new Error(result.payload);
    await pool.dispose();
  }
  const pool = createRuntimePool({ logger: silentLogger });
  await pool.invoke(fn, { payload: event });
  const warm: number[] = [];
  const handlerDurations: number[] = [];
  for (let run = 0; run < WARM_RUNS; run++) {
    const started = performance.now();
    const result = await pool.invoke(fn, { payload: event });
    warm.push(performance.now() - started);
    handlerDurations.push(result.durationMs);
  }
  let sequential = 0;
  const until = performance.now() + THROUGHPUT_MS;
  while (performance.now() < until) {
    await pool.invoke(fn, { payload: event });
    sequential++;
  }
  // Two callers at once: the pool starts a second environment, one per core.
  await Promise.all([pool.invoke(fn, { payload: event }), pool.invoke(fn, { payload: event })]);
  let concurrent = 0;
  const concurrentUntil = performance.now() + THROUGHPUT_MS;
  await Promise.all(
    [0, 1].map(async () => {
      while (performance.now() < concurrentUntil) {
        await pool.invoke(fn, { payload: event });
        concurrent++;
      }
    }),
  );
  await pool.dispose();
  const coldP50 = row(`${name}: cold invoke (spawn + init + invoke)`, cold);
  row(`${name}: Init Duration reported`, init);
  const warmP50 = row(`${name}: warm invoke, end to end`, warm);
  row(`${name}: warm Duration reported (handler)`, handlerDurations);
  line(`${name}: warm throughput, 1 caller`, `${((sequential / THROUGHPUT_MS) * 1000).toFixed(0)} invokes/s`);
  line(`${name}: warm throughput, 2 callers`, `${((concurrent / THROUGHPUT_MS) * 1000).toFixed(0)} invokes/s`);
  return { coldP50, warmP50 };
}

/**
 * The physical floor of a cold start: spawning the bare interpreter until its first line of code runs (it prints
 * one byte). Process teardown is left out, as a cold start does not wait for it.
 */
async function measureSpawn(label: string, executable: string, args: string[]): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.once('data', () => {
        samples.push(performance.now() - started);
        resolve();
      });
      child.once('error', reject);
    });
  }
  return row(label, samples);
}

async function measureLambdaLocal(): Promise<{ first: number; warmP50: number }> {
  lambdaLocal.setLogger({
    log() {},
    info() {},
    warn() {},
    error() {},
    debug() {},
    transports: [],
  } as never as Parameters<typeof lambdaLocal.setLogger>[0]);
  const options = {
    event: { name: 'bench' },
    lambdaPath: join(fixtures, 'hello-node', 'app.js'),
    lambdaHandler: 'handler',
    verboseLevel: 0,
    timeoutMs: 10_000,
  };
  const firstStarted = performance.now();
  await lambdaLocal.execute(options);
  const first = performance.now() - firstStarted;
  const samples: number[] = [];
  for (let run = 0; run < WARM_RUNS; run++) {
    const started = performance.now();
    await lambdaLocal.execute(options);
    samples.push(performance.now() - started);
  }
  line('lambda-local: first invoke in-process', `${first.toFixed(2)} ms`);
  return { first, warmP50: row('lambda-local: warm invoke in-process', samples) };
}

async function main(): Promise<void> {
  console.log(`Local invoke benchmark: node ${process.versions.node}, ${COLD_RUNS} cold and ${WARM_RUNS} warm runs\n`);
  const nodeExecutable = locateInterpreter(
    { family: 'nodejs', version: process.versions.node.split('.')[0] ?? '20' },
    {},
  );
  // Locating Python resolves version-manager shims once per process; do it before anything is timed.
  const pythonExecutable = locateInterpreter({ family: 'python', version: '3.11' }, {});
  const nodeFloor = await measureSpawn('floor: bare `node -e` spawn to first output', nodeExecutable, [
    '-e',
    'process.stdout.write("x")',
  ]);
  const pythonFloor = await measureSpawn('floor: bare `python3 -c` spawn to first output', pythonExecutable, [
    '-c',
    'import sys; sys.stdout.write("x"); sys.stdout.flush()',
  ]);
  const node = await measureRuntime(
    'Node.js',
    definition(`nodejs${process.versions.node.split('.')[0]}.x`, 'hello-node'),
  );
  const python = await measureRuntime('Python', definition('python3.11', 'hello-python'));
  const peer = await measureLambdaLocal();

  console.log('\nRatios and budgets');
  line('Node cold / bare node spawn', `${(node.coldP50 / nodeFloor).toFixed(2)}x`);
  line('Python cold / bare python spawn', `${(python.coldP50 / pythonFloor).toFixed(2)}x`);
  line('Node warm / lambda-local warm (in-process)', `${(node.warmP50 / peer.warmP50).toFixed(2)}x`);
  line('Node warm overhead over lambda-local (isolation cost)', `${(node.warmP50 - peer.warmP50).toFixed(2)} ms`);
  const verdict = (ok: boolean) => (ok ? 'within budget' : 'OVER BUDGET');
  line('budget: Node warm invoke p50 < 5 ms', `${node.warmP50.toFixed(2)} ms, ${verdict(node.warmP50 < 5)}`);
  line('budget: Python warm invoke p50 < 5 ms', `${python.warmP50.toFixed(2)} ms, ${verdict(python.warmP50 < 5)}`);
  line('budget: Node cold start p50 < 300 ms', `${node.coldP50.toFixed(2)} ms, ${verdict(node.coldP50 < 300)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
