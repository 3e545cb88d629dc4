import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../errors';
import type { RuntimeFamily } from './runtimeTypes';

const FILE_NAMES: Record<RuntimeFamily, string> = { nodejs: 'nodeBootstrap.cjs', python: 'pythonBootstrap.py' };

/**
 * The bootstraps are plain files run by the worker's interpreter, so they cannot be bundled: from sources (tests,
 * tsx) they sit in ./bootstrap; next to a bundle in dist/ they are looked for in dist/runtime-bootstrap (to be
 * copied there by the packaging build), then in the repository's sources (development builds).
 */
export function locateBootstrap(family: RuntimeFamily): { file: string; directory: string } {
  const candidates = [
    join(__dirname, 'bootstrap'),
    join(__dirname, 'runtime-bootstrap'),
    join(__dirname, '..', 'src', 'core', 'runtime', 'bootstrap'),
  ];
  for (const directory of candidates) {
    const file = join(directory, FILE_NAMES[family]);
    if (existsSync(file)) return { file, directory };
  }
  throw new WorkbenchError(`The ${family} bootstrap of the local runtime is missing next to ${__dirname}.`, {
    code: 'BootstrapMissing',
    hint: 'Rebuild the extension (npm run build); the build copies src/core/runtime/bootstrap to dist/.',
  });
}
