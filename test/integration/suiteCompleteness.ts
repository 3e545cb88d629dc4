// What makes an integration run complete: every suite file ran tests, none failed or was skipped, and mocha ran as
// many tests as it found. Pure, shared by the code-server harness and the test-electron entry (and unit-tested),
// so a suite that stops loading (a throw at import, a renamed file, a crash of the host) fails the tier instead of
// passing on the others' results.
import type { SuiteResults } from './runSuite';

/** The problems with a run, empty when it is complete. `grep` is SW_TEST_GREP: a filtered run checks less. */
export function incompleteSuites(results: SuiteResults, expectedFiles: readonly string[], grep?: string): string[] {
  const problems: string[] = [];
  if (results.fatal) problems.push(`mocha could not run: ${results.fatal.split('\n')[0]}`);
  if (results.failed > 0) problems.push(`${results.failed} test(s) failed`);
  const pending = results.outcomes.filter((outcome) => outcome.state === 'pending');
  if (pending.length > 0) problems.push(`${pending.length} test(s) skipped: ${pending.map((p) => p.title).join('; ')}`);
  const ran = results.passed + results.failed;
  if (results.total !== undefined && ran < results.total) {
    problems.push(`mocha found ${results.total} test(s) but only ${ran} ran`);
  }
  if (grep) {
    if (results.passed === 0) problems.push(`no test matches SW_TEST_GREP=${grep}`);
    return problems;
  }
  for (const file of expectedFiles) {
    const counts = results.files?.[file];
    if (!counts || counts.passed + counts.failed === 0) problems.push(`suite ${file} ran no test`);
  }
  for (const file of Object.keys(results.files ?? {})) {
    if (!expectedFiles.includes(file)) problems.push(`suite ${file} ran but is not in test/integration/suite`);
  }
  return problems;
}
