// `npm test`: every tier, fastest first, stopping at the first red one.
//   static checks (tsc, ESLint, Prettier) -> unit (plain Node) -> local cloud fidelity (SDK, aws CLI, boto3)
//   -> integration (real VS Code extension host)
//   -> e2e (real VS Code in headless Chromium)
// Set SW_TEST_TIERS=unit,integration (for example) to run a subset.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './codeServerPaths.mjs';
import { isProvisioned } from './provisionCodeServer.mjs';
import { ensureSystemPackages } from './systemPackages.mjs';

interface Tier {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

const TIERS: Tier[] = [
  { name: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', '.'] },
  { name: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'unit', command: 'npx', args: ['mocha'] },
  // The local cloud driven by independent clients: AWS SDK v3, the aws CLI and boto3 (apt awscli, python3-boto3).
  { name: 'localcloud', command: 'npx', args: ['mocha', '--config', 'test/localcloud/.mocharc.json'] },
  { name: 'integration', command: 'npx', args: ['tsx', 'scripts/testIntegration.ts'] },
  // The integration tier has just packaged the .vsix; the e2e tier installs the same file.
  { name: 'e2e', command: 'npx', args: ['mocha', '--config', 'test/e2e/.mocharc.json'], env: { SW_REUSE_VSIX: '1' } },
];

const selected = process.env.SW_TEST_TIERS?.split(',').map((name) => name.trim());
const tiers = TIERS.filter((candidate) => !selected || selected.includes(candidate.name));
// Before the first tier: the Debian packages the selected tiers need, installed now or named for the user.
if (!ensureSystemPackages({ command: 'test', tiers: tiers.map((tier) => tier.name), provisioned: isProvisioned() })) {
  process.exit(1);
}
const timings: string[] = [];
for (const tier of tiers) {
  console.log(`\n=== ${tier.name} ===`);
  const started = Date.now();
  const result = spawnSync(tier.command, tier.args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...tier.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${tier.name} ${seconds} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${tier.name} failed (exit ${result.status ?? result.signal}) after ${seconds} s`);
    process.exit(1);
  }
}
console.log(`\n✓ all tiers passed: ${timings.join(', ')}`);
