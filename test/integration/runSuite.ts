// Runs the integration suites with mocha inside the extension host, for both hosts:
// - code-server: the runner extension calls runFromEnvironment(); results go to the file SW_TEST_RESULTS names.
// - @vscode/test-electron: calls run(), which rejects when a test fails.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Mocha from 'mocha';
import { incompleteSuites } from './suiteCompleteness';

/** One test's outcome, as the harness prints it. */
export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
  /** The suite file (e.g. `invoke.test.js`) the test is in. */
  file?: string;
}

/** The results file the harness waits for. */
export interface SuiteResults {
  outcomes: TestOutcome[];
  passed: number;
  failed: number;
  /** How many tests mocha found to run (after SW_TEST_GREP). */
  total?: number;
  /** Tests passed and failed per suite file, so the harness sees that every suite ran. */
  files?: Record<string, { passed: number; failed: number }>;
  /** Figures the suites measured inside the extension host (see recordMetric). */
  metrics?: Record<string, number>;
  /** Set when mocha itself could not run. */
  fatal?: string;
}

async function runSuites(): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const suiteDir = join(__dirname, 'suite');
  for (const file of readdirSync(suiteDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(suiteDir, file));
  }
  const filter = process.env.SW_TEST_GREP;
  if (filter) mocha.grep(filter);
  const outcomes: TestOutcome[] = [];
  let total = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    total = runner.total;
    const fileOf = (test: Mocha.Runnable) => (test.file ? { file: basename(test.file) } : {});
    runner.on('pass', (test) =>
      outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0, ...fileOf(test) }),
    );
    runner.on('pending', (test) =>
      outcomes.push({ title: test.fullTitle(), state: 'pending', durationMs: 0, ...fileOf(test) }),
    );
    runner.on('fail', (test, error: Error) =>
      outcomes.push({
        title: test.fullTitle(),
        state: 'failed',
        durationMs: test.duration ?? 0,
        error: error.stack ?? error.message,
        ...fileOf(test),
      }),
    );
  });
  const files: Record<string, { passed: number; failed: number }> = {};
  for (const outcome of outcomes) {
    if (!outcome.file || outcome.state === 'pending') continue;
    const counts = (files[outcome.file] ??= { passed: 0, failed: 0 });
    counts[outcome.state] += 1;
  }
  const failed = outcomes.filter((outcome) => outcome.state === 'failed').length;
  const passed = outcomes.filter((outcome) => outcome.state === 'passed').length;
  const metrics = (globalThis as { serverlessWorkbenchMetrics?: Record<string, number> }).serverlessWorkbenchMetrics;
  return { outcomes, passed, failed, total, files, ...(metrics ? { metrics } : {}) };
}

/** Entry point for the code-server runner extension. */
export async function runFromEnvironment(): Promise<void> {
  const resultsFile = process.env.SW_TEST_RESULTS;
  if (!resultsFile) return;
  let results: SuiteResults;
  try {
    results = await runSuites();
  } catch (error) {
    results = {
      outcomes: [],
      passed: 0,
      failed: 1,
      fatal: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  // Written whole, then renamed, so the harness never reads half a file.
  writeFileSync(`${resultsFile}.tmp`, JSON.stringify(results, null, 2));
  renameSync(`${resultsFile}.tmp`, resultsFile);
}

/** Entry point for @vscode/test-electron (extensionTestsPath). */
export async function run(): Promise<void> {
  const results = await runSuites();
  const expected = readdirSync(join(__dirname, 'suite')).filter((name) => name.endsWith('.test.js'));
  const problems = incompleteSuites(results, expected, process.env.SW_TEST_GREP);
  if (problems.length > 0) throw new Error(`The integration run is not complete: ${problems.join('; ')}`);
}
