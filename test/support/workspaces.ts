// Builds throwaway workspaces for the editor tiers, so tests never modify the repository's samples.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from '../../scripts/codeServerPaths.mjs';
import { repoRoot } from './paths';

/** A fresh folder under .cache/workspaces. */
export function createWorkspace(prefix: string): string {
  const parent = join(cacheDir, 'workspaces');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(join(parent, `${prefix}-`));
}

/**
 * The sample app plus bad input (a malformed template, plain YAML, a 3 MB non-template YAML file) and the
 * IntelliSense fixtures under intellisense/.
 */
export function createSampleWorkspaceWithBadInput(): string {
  const folder = createWorkspace('sample');
  cpSync(join(repoRoot, 'samples', 'hello-sam'), folder, { recursive: true });
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspaces', 'bad-input'), folder, { recursive: true });
  // Templates with known errors and a JSON template, for the IntelliSense suites (issue #3).
  cpSync(join(repoRoot, 'test', 'fixtures', 'workspaces', 'intellisense'), join(folder, 'intellisense'), {
    recursive: true,
  });
  const hugeLines = Array.from(
    { length: 60_000 },
    (_, index) => `key${index}: "a value that is not part of any template ${index}"`,
  );
  writeFileSync(join(folder, 'huge.yaml'), hugeLines.join('\n'));
  return folder;
}
