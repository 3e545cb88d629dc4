// Installs npm packages into a private prefix (a store folder the extension or the CLI owns), for what Lambda or
// SAM CLI would have on hand but the user's project does not declare: the SDK a runtime provides, the esbuild that
// `BuildMethod: esbuild` needs.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Installs are serialized per prefix: npm does not share one prefix between processes well. */
const installsByPrefix = new Map<string, Promise<unknown>>();

/** Runs `npm install --prefix PREFIX SPECIFIERS...`; rejects with npm's last lines (or "npm is not installed"). */
export function npmInstall(npm: string, prefix: string, specifiers: readonly string[]): Promise<void> {
  const previous = installsByPrefix.get(prefix) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runInstall(npm, prefix, specifiers));
  installsByPrefix.set(
    prefix,
    run.catch(() => undefined),
  );
  return run;
}

function runInstall(npm: string, prefix: string, specifiers: readonly string[]): Promise<void> {
  mkdirSync(prefix, { recursive: true });
  const manifest = join(prefix, 'package.json');
  if (!existsSync(manifest)) {
    writeFileSync(manifest, `${JSON.stringify({ name: 'serverless-workbench-store', private: true }, null, 2)}\n`);
  }
  const args = ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', ...specifiers];
  return new Promise((resolve, reject) => {
    execFile(npm, args, { shell: process.platform === 'win32', timeout: 5 * 60_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const detail = stderr.trim().split('\n').slice(-3).join(' ');
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${npm} is not installed` : detail;
      reject(new Error(reason || error.message));
    });
  });
}
