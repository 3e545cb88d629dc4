// Runs the integration suites with mocha inside the extension host, for both hosts:
// - code-server: the runner extension calls runFromEnvironment(); results go to the file SW_TEST_RESULTS names.
// - @vscode/test-electron: calls run(), which rejects when a test fails.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** One test's outcome, as the harness prints it. */
export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

/** The results file the harness waits for. */
export interface SuiteResults {
  outcomes: TestOutcome[];
  passed: number;
  failed: number;
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
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) =>
      outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }),
    );
    runner.on('fail', (test, error: Error) =>
      outcomes.push({
        title: test.fullTitle(),
        state: 'failed',
        durationMs: test.duration ?? 0,
        error: error.stack ?? error.message,
      }),
    );
  });
  const failed = outcomes.filter((outcome) => outcome.state === 'failed').length;
  const metrics = (globalThis as { serverlessWorkbenchMetrics?: Record<string, number> }).serverlessWorkbenchMetrics;
  return { outcomes, passed: outcomes.length - failed, failed, ...(metrics ? { metrics } : {}) };
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
  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
}
