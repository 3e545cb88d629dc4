// The standard @vscode/test-electron path, for contributors whose machines can download VS Code.
// It runs the same integration suites as the code-server tier (test/integration/runSuite.ts exports run()).
// CI uses code-server (scripts/testIntegration.ts) because these machines cannot reach Microsoft's servers.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createSampleWorkspaceWithBadInput } from '../test/support/workspaces';
import { repoRoot } from './codeServerPaths.mjs';

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--tests'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'runSuite.js'),
    launchArgs: [createSampleWorkspaceWithBadInput(), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(`[test:electron] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
