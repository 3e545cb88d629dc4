// The integration harness fails a run unless every suite ran: a suite file that stops loading must not pass.
import { strict as assert } from 'node:assert';
import type { SuiteResults, TestOutcome } from '../../integration/runSuite';
import { incompleteSuites } from '../../integration/suiteCompleteness';

const FILES = ['explorer.test.js', 'invoke.test.js'];

function results(outcomes: TestOutcome[], extra: Partial<SuiteResults> = {}): SuiteResults {
  const files: SuiteResults['files'] = {};
  for (const outcome of outcomes) {
    if (!outcome.file || outcome.state === 'pending') continue;
    const counts = (files[outcome.file] ??= { passed: 0, failed: 0 });
    counts[outcome.state] += 1;
  }
  const passed = outcomes.filter((outcome) => outcome.state === 'passed').length;
  const failed = outcomes.filter((outcome) => outcome.state === 'failed').length;
  return { outcomes, passed, failed, total: passed + failed, files, ...extra };
}

const pass = (file: string, title = 'works'): TestOutcome => ({ title, state: 'passed', durationMs: 1, file });

describe('integration harness: every suite ran', () => {
  it('accepts a run where each suite file ran and passed', () => {
    assert.deepEqual(incompleteSuites(results([pass('explorer.test.js'), pass('invoke.test.js')]), FILES), []);
  });

  it('fails a run where a suite ran no test, even when the others passed', () => {
    assert.deepEqual(incompleteSuites(results([pass('explorer.test.js'), pass('explorer.test.js', 'b')]), FILES), [
      'suite invoke.test.js ran no test',
    ]);
  });

  it('fails on skipped tests, on tests mocha found but never ran, and on failures', () => {
    const run = results(
      [
        pass('explorer.test.js'),
        pass('invoke.test.js'),
        { title: 'later', state: 'pending', durationMs: 0, file: 'invoke.test.js' },
      ],
      { total: 5 },
    );
    assert.deepEqual(incompleteSuites(run, FILES), [
      '1 test(s) skipped: later',
      'mocha found 5 test(s) but only 2 ran',
    ]);
    const failing = results([
      pass('explorer.test.js'),
      { title: 'x', state: 'failed', durationMs: 1, file: 'invoke.test.js', error: 'boom' },
    ]);
    assert.deepEqual(incompleteSuites(failing, FILES), ['1 test(s) failed']);
  });

  it('fails when mocha itself could not run, or a suite appears that is not in the folder', () => {
    assert.deepEqual(incompleteSuites(results([], { fatal: 'SyntaxError: x\n  at y', failed: 1 }), FILES), [
      'mocha could not run: SyntaxError: x',
      '1 test(s) failed',
      'suite explorer.test.js ran no test',
      'suite invoke.test.js ran no test',
    ]);
    const stray = results([pass('explorer.test.js'), pass('invoke.test.js'), pass('old.test.js')]);
    assert.deepEqual(incompleteSuites(stray, FILES), ['suite old.test.js ran but is not in test/integration/suite']);
  });

  it('under SW_TEST_GREP, needs only one matching test to pass', () => {
    assert.deepEqual(incompleteSuites(results([pass('invoke.test.js')]), FILES, 'Python'), []);
    assert.deepEqual(incompleteSuites(results([]), FILES, 'nothing'), ['no test matches SW_TEST_GREP=nothing']);
  });
});
