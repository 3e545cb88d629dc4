// Size of the packaged extension (budget: under 5 MB), and what is inside it, largest first.
import { execFileSync } from 'node:child_process';
import { packageExtension } from '../scripts/packageExtension';

const BUDGET_BYTES = 5 * 1024 * 1024;
const { path, bytes } = packageExtension();
console.log(
  `\n.vsix: ${(bytes / 1024).toFixed(0)} KB of a ${BUDGET_BYTES / 1024 / 1024} MB budget (${((bytes / BUDGET_BYTES) * 100).toFixed(1)}%)`,
);
const listing = execFileSync('unzip', ['-l', path], { encoding: 'utf8' })
  .split('\n')
  .map((line) => /^\s*(\d+)\s+\S+\s+\S+\s+(extension\/.+)$/.exec(line))
  .filter((match): match is RegExpExecArray => match !== null)
  .map((match) => ({ bytes: Number(match[1]), file: match[2]! }))
  .sort((a, b) => b.bytes - a.bytes);
for (const entry of listing.slice(0, 10))
  console.log(`  ${(entry.bytes / 1024).toFixed(0).padStart(7)} KB  ${entry.file}`);
