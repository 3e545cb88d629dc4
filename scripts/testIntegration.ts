// The integration tier: mocha suites running inside a real VS Code extension host (code-server), with the
// packaged .vsix installed beside a small test-runner extension. Results come back through a file.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from '../test/support/browser';
import { createProfile, installExtensions, removeProfile, startCodeServer, waitFor } from '../test/support/codeServer';
import { createSampleWorkspaceWithBadInput } from '../test/support/workspaces';
import type { SuiteResults } from '../test/integration/runSuite';
import { incompleteSuites } from '../test/integration/suiteCompleteness';
import { cacheDir, repoRoot } from './codeServerPaths.mjs';
import { packageExtension, packageTestRunner } from './packageExtension';
import { provision } from './provisionCodeServer.mjs';

const SUITE_TIMEOUT_MS = 15 * 60_000;

async function main(): Promise<number> {
  provision();
  const { path: vsix } = packageExtension();
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--only-tests'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) return 1;
  const runnerVsix = packageTestRunner();

  const profile = createProfile('integration');
  installExtensions(profile, [vsix, runnerVsix]);
  const folder = createSampleWorkspaceWithBadInput();
  const resultsFile = join(cacheDir, `integration-results-${process.pid}.json`);
  // AWS profiles of the run's own (the backend suite writes them), never the machine's ~/.aws.
  const awsDirectory = join(profile.userDataDir, '..', 'aws');
  mkdirSync(awsDirectory, { recursive: true });
  rmSync(resultsFile, { force: true });

  const server = await startCodeServer({
    profile,
    folder,
    env: {
      SW_TEST_ENTRY: join(repoRoot, 'out', 'test', 'integration', 'runSuite.js'),
      SW_TEST_RESULTS: resultsFile,
      AWS_CONFIG_FILE: join(awsDirectory, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(awsDirectory, 'credentials'),
      ...(process.env.SW_TEST_GREP ? { SW_TEST_GREP: process.env.SW_TEST_GREP } : {}),
    },
  });
  console.log(`[integration] code-server on ${server.url}`);
  // The extension host starts only when a window connects.
  const workbench = await openWorkbench(server.url);
  try {
    await waitFor(() => existsSync(resultsFile), SUITE_TIMEOUT_MS, 500);
  } catch (error) {
    console.error(`[integration] No results: ${String(error)}\n--- code-server output ---\n${server.output()}`);
    return 1;
  } finally {
    await workbench.close();
    await server.stop();
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResults;
  rmSync(resultsFile, { force: true });
  // Every suite under test/integration/suite must have run (the runner reports the compiled .js names).
  const expectedFiles = readdirSync(join(repoRoot, 'test', 'integration', 'suite'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => name.replace(/\.ts$/, '.js'));
  const problems = incompleteSuites(results, expectedFiles, process.env.SW_TEST_GREP);
  if (problems.length === 0) removeProfile(profile);
  else console.log(`[integration] Kept the profile for diagnosis: ${profile.userDataDir} (logs/*/exthost1)`);
  for (const outcome of results.outcomes) {
    const mark = outcome.state === 'passed' ? '  ✓' : outcome.state === 'pending' ? '  -' : '  ✗';
    console.log(`${mark} ${outcome.title} (${outcome.durationMs} ms)`);
    if (outcome.error) console.log(outcome.error.replace(/^/gm, '      '));
  }
  for (const [name, value] of Object.entries(results.metrics ?? {})) {
    console.log(`[integration] metric: ${name} = ${value.toFixed(2)}`);
  }
  if (results.fatal) console.error(`[integration] mocha could not run: ${results.fatal}`);
  const suites = Object.entries(results.files ?? {}).map(([file, counts]) => `${file} ${counts.passed}`);
  console.log(`[integration] per suite: ${suites.join(', ')}`);
  for (const problem of problems) console.error(`[integration] ✗ ${problem}`);
  console.log(`integration: ${results.passed} passed, ${results.failed} failed`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
