// The inputs bench/intellisense.ts runs through both engines: a generated SAM template of a given size, a
// one-character edit in a resource near its middle, a half-typed key inside a resource's Properties, and a
// property key to hover. Both engines get exactly the same texts and offsets.
import { generateSamTemplate } from '../test/support/generateSamTemplate';

/** One template size and the positions the operations use. */
export interface IntelliSenseWorkload {
  lines: number;
  text: string;
  /** The text with one digit of a BatchSize changed (10 becomes 11 to 19): consecutive n differ. */
  editedText(iteration: number): string;
  /** The text after typing `Del` on a new line inside a queue's Properties, and the cursor after it. */
  typing: { text: string; offset: number };
  /** On the `MemorySize` key of a function's Properties. */
  hoverOffset: number;
  /** Just after `!Ref ` in a function's environment: completion lists every name, SAM's generated ones included. */
  refOffset: number;
}

/** The first occurrence of `needle` at or after `from` (throws if missing: the generator changed). */
function find(text: string, needle: string, from: number): number {
  const index = text.indexOf(needle, from);
  if (index < 0) throw new Error(`the generated template has no '${needle}' after offset ${from}`);
  return index;
}

export function createWorkload(lines: number): IntelliSenseWorkload {
  const text = generateSamTemplate({ lines });
  // Work near the middle of the template, where an incremental engine has the most to reuse on both sides.
  const middle = text.lastIndexOf('Type: AWS::Serverless::Function', Math.floor(text.length / 2));
  const batchSize = find(text, 'BatchSize: 10', middle) + 'BatchSize: 1'.length;
  const queueProperty = find(text, '      VisibilityTimeout: 60\n', middle) + '      VisibilityTimeout: 60\n'.length;
  const typed = '      Del';
  const typingText = text.slice(0, queueProperty) + `${typed}\n` + text.slice(queueProperty);
  return {
    lines: text.split('\n').length,
    text,
    editedText: (iteration) => text.slice(0, batchSize) + String(1 + (iteration % 9)) + text.slice(batchSize + 1),
    typing: { text: typingText, offset: queueProperty + typed.length },
    hoverOffset: find(text, '      MemorySize:', middle) + '      Mem'.length,
    refOffset: find(text, 'TABLE_NAME: !Ref ', middle) + 'TABLE_NAME: !Ref '.length,
  };
}

/** The timings of one operation, one per run, or why it could not complete. */
export interface OperationFigures {
  ms: number[];
  /** Set when the engine threw (a peer's stack overflow, for instance): the runs before it are kept. */
  error?: string;
}

/** The operations every engine runs, in the order the table prints them. */
export const OPERATIONS = {
  cold: 'first diagnostics, fresh process (schema load included)',
  first: 'first diagnostics (schema loaded)',
  revalidate: 're-validation after a one-character edit (keystroke path)',
  revalidateTransform: 'then the SAM transform pass (off the keystroke path)',
  transformOnly: '  of which the SAM transform (lint on it)',
  complete: "completion inside a resource's Properties",
  completeAfterReparse: 'completion after an incremental re-parse',
  completeRefAfterEdit: '!Ref target completion after an edit (SAM names included)',
  hover: 'hover on a property',
} as const;

export type OperationName = keyof typeof OPERATIONS;

/** What one engine measured on one size, in its own process. */
export interface EngineFigures {
  engine: string;
  lines: number;
  operations: Partial<Record<OperationName, OperationFigures>>;
  /** Diagnostics (errors and warnings) on the valid template: every one is false. */
  falseProblems: number;
  /** Of those, the ones at error level (the peer reports schema mismatches as warnings, tag problems as errors). */
  falseErrors: number;
  falseProblemSamples: string[];
  /** Whether completion offered a property of AWS::SQS::Queue (`DelaySeconds`) after `Del`. */
  completionOffersDelaySeconds: boolean;
  hoverFound: boolean;
  rssMb: number;
  heapUsedMb: number;
}

function isMeasured(value: unknown): value is { measuredMs: number } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { measuredMs?: unknown }).measuredMs === 'number'
  );
}

/** Operations faster than this get warm-up runs first; slower ones are measured from the first run. */
const WARMUP_BELOW_MS = 100;
const WARMUP_RUNS = 10;

/**
 * Runs `action` `runs` times, timing each run; stops at the first exception and records it. An operation that
 * takes under 100 ms first runs 10 unrecorded times so the JIT settles (an editor runs these paths all day); the
 * same rule applies to both engines. Slower operations are measured from their first run.
 */
export async function measure(runs: number, action: (run: number) => unknown): Promise<OperationFigures> {
  const figures: OperationFigures = { ms: [] };
  let warmups = runs > 1 ? WARMUP_RUNS : 0;
  for (let run = 0; run < runs + warmups; run++) {
    const started = performance.now();
    let result: unknown;
    try {
      result = await action(run);
    } catch (error) {
      figures.error = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
      return figures;
    }
    // An action that prepares its input first times its own part (`{ measuredMs }`).
    const elapsed = isMeasured(result) ? result.measuredMs : performance.now() - started;
    if (run === 0 && elapsed >= WARMUP_BELOW_MS) warmups = 0;
    if (run >= warmups) figures.ms.push(elapsed);
  }
  return figures;
}
