// Template IntelliSense, ours against the npm yaml-language-server (issue #3's Evidence), in one run, on generated
// SAM templates of about 50, 1,000 and 10,000 lines. Each engine and size runs in a fresh process
// (bench/intellisenseRunner.ts) so memory figures are each engine's own. The peer runs twice: with a full
// SAM + CloudFormation schema (ours, schemas/template.schema.json) and with SAM's schema alone; both with the
// CloudFormation tags we contribute as yaml.customTags. Figures are medians; the peer with the full schema takes
// seconds per operation on large templates, so it runs fewer times (BENCH_PEER_RUNS overrides).
// Budgets: 1,000 lines: completion and hover < 10 ms, re-validation < 30 ms; 10,000 lines: completion < 16 ms,
// re-validation < 200 ms; every row at least 10x faster than the peer with the full schema.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../scripts/codeServerPaths.mjs';
import { OPERATIONS, type EngineFigures, type OperationFigures, type OperationName } from './intellisenseWorkload';

const SIZES = (process.env.BENCH_SIZES ?? '50,1000,10000').split(',').map(Number);
const ENGINES = ['ours', 'peer-full', 'peer-sam'] as const;
type Engine = (typeof ENGINES)[number] | 'floor';

/** Runs per engine and size: ours is fast enough for many; the peer is bounded on large templates. */
function runsFor(engine: Engine, lines: number): number {
  if (engine === 'floor') return 1;
  if (engine === 'ours') return Number(process.env.BENCH_RUNS ?? (lines >= 10_000 ? 15 : 30));
  const peerRuns = process.env.BENCH_PEER_RUNS;
  if (peerRuns) return Number(peerRuns);
  if (engine === 'peer-full') return lines >= 10_000 ? 1 : lines >= 1_000 ? 2 : 5;
  return lines >= 10_000 ? 2 : lines >= 1_000 ? 5 : 10;
}

const BUDGETS: Record<number, Partial<Record<OperationName, number>>> = {
  1000: { complete: 10, hover: 10, revalidate: 30 },
  10000: { complete: 16, revalidate: 200 },
};

function run(engine: Engine, lines: number): EngineFigures {
  const runs = runsFor(engine, lines);
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      join(repoRoot, 'bench', 'intellisenseRunner.ts'),
      engine,
      String(lines),
      String(runs),
    ],
    { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`${engine} on ${lines} lines failed:\n${result.stderr}`);
  console.error(
    `  ${engine.padEnd(9)} ${String(lines).padStart(6)} lines, ${runs} run(s): ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as EngineFigures;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function formatMs(value: number | undefined): string {
  if (value === undefined) return '-';
  return value >= 1000
    ? `${(value / 1000).toFixed(2)} s`
    : value >= 10
      ? `${value.toFixed(0)} ms`
      : `${value.toFixed(2)} ms`;
}

/** Exceptions that stopped an operation, printed under the table. */
const crashes = new Set<string>();

/** The median, or what stopped the operation (the runs before a crash are not a median worth printing). */
function describe(figures: OperationFigures | undefined): string {
  if (!figures) return '-';
  if (figures.error) {
    crashes.add(figures.error);
    return `crashed: ${figures.error.split(':')[0]}`;
  }
  return formatMs(median(figures.ms));
}

function ratio(ours: OperationFigures | undefined, peer: OperationFigures | undefined): string {
  const own = ours && !ours.error ? median(ours.ms) : undefined;
  const theirs = peer && !peer.error ? median(peer.ms) : undefined;
  if (own === undefined || theirs === undefined || theirs === 0) return '-';
  return (own / theirs).toFixed(own / theirs < 0.001 ? 5 : 3);
}

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ');
}

const widths = [60, 10, 20, 10, 20, 10, 12];
const results = new Map<string, EngineFigures>();
console.error('intellisense bench: one fresh process per engine and size');
for (const lines of SIZES) {
  for (const engine of ['floor', ...ENGINES] as Engine[]) results.set(`${engine}:${lines}`, run(engine, lines));
}

console.log('\nTemplate IntelliSense: ours vs yaml-language-server (median per operation; ratio = ours/peer)');
console.log(row(['', 'ours', 'peer, full schema', 'ratio', 'peer, SAM schema', 'ratio', 'budget'], widths));
for (const lines of SIZES) {
  const ours = results.get(`ours:${lines}`)!;
  const full = results.get(`peer-full:${lines}`)!;
  const sam = results.get(`peer-sam:${lines}`)!;
  const floor = results.get(`floor:${lines}`)!;
  console.log(
    `\n${ours.lines} lines (runs: ours ${runsFor('ours', lines)}, full ${runsFor('peer-full', lines)}, SAM ${runsFor('peer-sam', lines)})`,
  );
  for (const [name, title] of Object.entries(OPERATIONS) as [OperationName, string][]) {
    const budget = BUDGETS[lines]?.[name];
    const own = ours.operations[name];
    const met =
      budget === undefined
        ? ''
        : (median(own?.ms ?? []) ?? Infinity) < budget
          ? `< ${budget} ms ok`
          : `< ${budget} ms MISSED`;
    console.log(
      row(
        [
          `  ${title}`,
          describe(own),
          describe(full.operations[name]),
          ratio(own, full.operations[name]),
          describe(sam.operations[name]),
          ratio(own, sam.operations[name]),
          met,
        ],
        widths,
      ),
    );
  }
  const memory = (figures: EngineFigures) => `${figures.rssMb.toFixed(0)} MB`;
  console.log(
    row(
      [
        `  resident memory after the runs (process floor ${floor.rssMb.toFixed(0)} MB)`,
        memory(ours),
        memory(full),
        (ours.rssMb / full.rssMb).toFixed(2),
        memory(sam),
        (ours.rssMb / sam.rssMb).toFixed(2),
        '',
      ],
      widths,
    ),
  );
  const heap = (figures: EngineFigures) => `${figures.heapUsedMb.toFixed(0)} MB`;
  console.log(row(['  JS heap used after GC', heap(ours), heap(full), '', heap(sam), '', ''], widths));
  const falseRow = (title: string, count: (figures: EngineFigures) => number) =>
    console.log(row([title, String(count(ours)), String(count(full)), '', String(count(sam)), '', '0'], widths));
  falseRow('  false problems (errors + warnings) on this valid template', (figures) => figures.falseProblems);
  falseRow('    of which errors', (figures) => figures.falseErrors);
  const offers = (figures: EngineFigures) => (figures.completionOffersDelaySeconds ? 'yes' : 'no');
  console.log(
    row(
      ['  completion offers DelaySeconds after `Del` in a queue', offers(ours), offers(full), '', offers(sam), '', ''],
      widths,
    ),
  );
}

console.log('\nFalse problems reported on the valid templates (first distinct messages):');
for (const lines of SIZES) {
  for (const engine of ENGINES) {
    const figures = results.get(`${engine}:${lines}`)!;
    for (const sample of figures.falseProblemSamples) console.log(`  ${engine} ${figures.lines} lines: ${sample}`);
  }
}
for (const crash of crashes) console.log(`\nAn operation crashed: ${crash}`);
