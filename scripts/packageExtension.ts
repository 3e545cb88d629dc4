// Packages Serverless Workbench (production bundle) and the integration test runner as .vsix files.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, repoRoot } from './codeServerPaths.mjs';

export const extensionVsix = join(repoRoot, 'serverless-workbench.vsix');
export const testRunnerVsix = join(cacheDir, 'test-runner.vsix');

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/** Builds and packages the extension as users get it; returns the .vsix path and its size. */
export function packageExtension(): { path: string; bytes: number } {
  run('npm', ['run', '--silent', 'package'], repoRoot);
  return { path: extensionVsix, bytes: statSync(extensionVsix).size };
}

/** Packages the tiny extension that runs the integration suites inside the extension host. */
export function packageTestRunner(): string {
  const vsce = join(repoRoot, 'node_modules', '.bin', 'vsce');
  run(
    vsce,
    ['package', '--no-dependencies', '--out', testRunnerVsix],
    join(repoRoot, 'test', 'integration', 'runnerExtension'),
  );
  return testRunnerVsix;
}
