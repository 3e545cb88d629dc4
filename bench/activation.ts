// Activation cost of the packaged extension: loading dist/extension.js and calling activate(), in fresh Node
// processes, against a minimal stand-in for the `vscode` module (the real editor adds its own fixed cost).
// Rows beside it, measured in the same run: an empty Node process (the floor) and loading the three AWS SDK
// clients an eager AWS extension loads at activation (the kind of work we refuse to do in activate()).
// Budget (issue #2): activate() under 50 ms with no network and no heavy module.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../scripts/codeServerPaths.mjs';
import { vscodeStub } from './support/vscodeStandIns';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);

/** Runs `script` in a fresh node process RUNS times; returns the per-run figures it prints (ms). */
function measure(script: string): number[] {
  const figures: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    figures.push(Number(result.stdout.trim()));
  }
  return figures;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const extensionScript = `${vscodeStub}
const started = performance.now();
const extension = require('./dist/extension.js');
extension.activate({ subscriptions: [], extensionUri: {} });
process.stdout.write(String(performance.now() - started));`;

const floorScript = `const started = performance.now(); process.stdout.write(String(performance.now() - started));`;

const eagerAwsScript = `const started = performance.now();
require('@aws-sdk/client-lambda'); require('@aws-sdk/client-cloudformation'); require('@aws-sdk/client-cloudwatch-logs');
process.stdout.write(String(performance.now() - started));`;

const bundleBytes = statSync(join(repoRoot, 'dist', 'extension.js')).size;
const ours = median(measure(extensionScript));
const floor = median(measure(floorScript));
const eager = median(measure(eagerAwsScript));

console.log(`activation bench: ${RUNS} fresh processes each, median`);
console.log(`  dist/extension.js size                         ${(bundleBytes / 1024).toFixed(0)} KB`);
console.log(`  load + activate() (ours)                       ${ours.toFixed(1)} ms   budget 50 ms`);
console.log(`  timer overhead in an empty process (floor)     ${floor.toFixed(2)} ms`);
console.log(
  `  require 3 AWS SDK v3 clients (eager peer)      ${eager.toFixed(1)} ms   ours/peer ${(ours / eager).toFixed(3)}`,
);
