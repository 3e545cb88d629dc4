// One engine on one template size, in a process of its own so that its resident memory is its own. Started by
// bench/intellisense.ts; prints one JSON line (EngineFigures). Usage:
//   node --expose-gc --import tsx bench/intellisenseRunner.ts <ours|peer-full|peer-sam|floor> <lines> <runs>
import { createWorkload, type EngineFigures } from './intellisenseWorkload';

async function main(): Promise<void> {
  const [engine = '', lines = '1000', runs = '1'] = process.argv.slice(2);
  const workload = createWorkload(Number(lines));
  const count = Math.max(1, Number(runs));
  let figures: Omit<EngineFigures, 'rssMb' | 'heapUsedMb'>;
  // Each engine is imported only in its own process, so neither pays for the other's modules.
  if (engine === 'ours') {
    figures = await (await import('./intellisenseOurEngine')).measureOurEngine(workload, count);
  } else if (engine === 'peer-full' || engine === 'peer-sam') {
    figures = await (await import('./intellisensePeerEngine')).measurePeerEngine(engine, workload, count);
  } else if (engine === 'floor') {
    // The process with the workload and nothing else: what every row's memory includes.
    figures = {
      engine,
      lines: workload.lines,
      operations: {},
      falseProblems: 0,
      falseErrors: 0,
      falseProblemSamples: [],
      completionOffersDelaySeconds: false,
      hoverFound: false,
    };
  } else {
    throw new Error(`unknown engine '${engine}': use ours, peer-full, peer-sam or floor`);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const result: EngineFigures = { ...figures, rssMb: memory.rss / 2 ** 20, heapUsedMb: memory.heapUsed / 2 ** 20 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
